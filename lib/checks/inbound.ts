// Inbound SMTP Email: MX, then every address through connect, banner, EHLO, STARTTLS and the
// certificate checks, with the DANE summary. Given an address it also checks that an MX host takes
// mail for it: by default it stops after RCPT TO is answered; with the opt-in it sends one short,
// clearly labelled test message over TLS.
import type { SmtpProbeResult, SmtpReply } from "../smtp/types";
import { HELO_NAME, transcriptLines } from "./address";
import type { ParsedDomain } from "./input";
import { displayDomain } from "./input";
import { runMailFlow, type HostCheck } from "./mailflow";
import type { CheckPorts } from "./ports";
import type { StepOutcome, StepRecorder, TestBody } from "./runner";

const is2xx = (reply: SmtpReply | null) => reply !== null && reply.code >= 200 && reply.code < 300;
const replyLine = (label: string, reply: SmtpReply | null) => (reply ? `${label}: ${reply.code} ${reply.lines.join(" / ")}` : `${label}: (no reply)`);

export function testMessage(to: string, now: Date, runId: string): string {
  return [
    `From: mailsec test <postmaster@${HELO_NAME}>`,
    `To: <${to}>`,
    `Subject: mailsec test message (Inbound SMTP Email test)`,
    `Date: ${now.toUTCString()}`,
    `Message-ID: <${runId}@${HELO_NAME}>`,
    "Auto-Submitted: auto-generated",
    "X-Mailsec-Test: yes",
    "",
    "This is a test message sent by mailsec's Inbound SMTP Email test, at the request of",
    "someone who checked that this address can receive mail over TLS. No reply is needed.",
    "",
  ].join("\r\n");
}

function envelopeOutcome(probe: SmtpProbeResult, to: string, host: string, ip: string, send: boolean): StepOutcome {
  const env = probe.envelope;
  const details = [replyLine("MAIL FROM:<>", env?.mail ?? null), replyLine(`RCPT TO:<${to}>`, env?.rcpt ?? null)];
  if (send) details.push(replyLine("DATA", env?.data ?? null), replyLine("End of message", env?.message ?? null));
  details.push("", ...transcriptLines(probe));
  if (!env) {
    const findings = probe.error?.kind === "smtputf8-not-offered" ? ["SMTP_SMTPUTF8_NOT_OFFERED"] : [];
    return { status: "error", summary: `${host} (${ip}): the conversation ended before the envelope: ${probe.error?.message ?? "no TLS"}`, details, findings };
  }
  if (!is2xx(env.mail)) return { status: "error", summary: `${host} (${ip}) refused the null sender (MAIL FROM:<>), which bounces use.`, details };
  if (!is2xx(env.rcpt)) return { status: "error", summary: `${host} (${ip}) refused the recipient <${to}>: ${env.rcpt?.code ?? "no reply"}.`, details };
  if (!send) return { status: "success", summary: `${host} (${ip}) accepts mail for <${to}> over TLS (stopped after RCPT TO; no message was sent).`, details };
  if (!is2xx(env.message)) return { status: "error", summary: `${host} (${ip}) did not accept the test message: ${env.message?.code ?? env.data?.code ?? "no reply"}.`, details };
  return { status: "success", summary: `${host} (${ip}) accepted the test message for <${to}> over TLS.`, details };
}

/** Tries the hosts in preference order, each address that spoke TLS, until one accepts the recipient. */
async function checkRecipient(ports: CheckPorts, rec: StepRecorder, hosts: HostCheck[], to: string, send: boolean, runId: string, smtputf8: boolean): Promise<StepOutcome["status"]> {
  const step = rec.top(
    "recipient",
    send ? `Attempting to send a test message to '${to}' over TLS.` : `Attempting to check that the MX hosts accept mail for '${to}' (stops after RCPT TO; no message is sent).`,
  );
  // Like a DANE sender, never hand the envelope to an address that failed authentication.
  const candidates = hosts.flatMap((h) => h.addresses.filter((a) => a.probe.tls !== null && a.result.dane !== "fail").map((a) => ({ host: h.facts.host, ip: a.result.ip })));
  if (candidates.length === 0) {
    step.end({
      status: "skipped",
      summary: "No MX address completed a TLS handshake that a DANE sender would accept, so no recipient check was made (mailsec sends an envelope only over such a session).",
    });
    return "skipped";
  }
  let last: StepOutcome | null = null;
  for (const [i, candidate] of candidates.entries()) {
    const probe = await ports.probe({
      ip: candidate.ip,
      port: ports.smtpPort,
      mxHost: candidate.host,
      heloName: HELO_NAME,
      allowPrivate: ports.allowPrivate,
      signal: step.signal,
      envelope: { from: "", to, data: send ? testMessage(to, ports.now(), runId) : undefined, smtputf8 },
    });
    const outcome = envelopeOutcome(probe, to, candidate.host, candidate.ip, send);
    const attempt = step.begin(`attempt-${i + 1}`, `Trying ${candidate.host} (${candidate.ip}).`);
    attempt.end(outcome);
    last = outcome;
    if (outcome.status === "success") break;
  }
  const status = last?.status ?? "error";
  step.end({ status, summary: last?.summary ?? "No attempt was made." });
  return status;
}

export async function inboundTest(ports: CheckPorts, rec: StepRecorder, target: ParsedDomain, options: { sendTestMessage: boolean; runId: string }): Promise<TestBody> {
  const flow = await runMailFlow(ports, rec, target.domain, displayDomain(target), { certificateStep: true });
  if (target.localPart !== null && flow.hosts.length > 0) {
    const status = await checkRecipient(ports, rec, flow.hosts, `${target.localPart}@${target.domain}`, options.sendTestMessage, options.runId, target.utf8LocalPart === true);
    // Mail to this address cannot be delivered when every MX host refuses the recipient.
    if (status === "error") return { ...flow.body, verdict: "fail" };
  }
  return flow.body;
}
