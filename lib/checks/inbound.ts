// Inbound SMTP Email: MX, then every address through connect, banner, EHLO, STARTTLS and the
// certificate checks, with the DANE summary. Given an address it also checks that an MX host takes
// mail for it: by default it stops after RCPT TO is answered; with the opt-in it sends one short,
// clearly labelled test message over TLS.
import type { SmtpProbeResult, SmtpReply } from "../smtp/types";
import { HELO_NAME, transcriptLines } from "./address";
import type { ParsedDomain } from "./input";
import { displayDomain } from "./input";
import { runMailFlow, type HostCheck } from "./mailflow";
import { collectPolicies, presentPolicies } from "./policies";
import type { CheckPorts } from "./ports";
import type { StepOutcome, StepRecorder, StepScope, TestBody } from "./runner";
import { finding } from "../report/findings";
import { message } from "../report/i18n/message";
import type { Detail } from "../report/schema";

const is2xx = (reply: SmtpReply | null) => reply !== null && reply.code >= 200 && reply.code < 300;
const replyLine = (label: string, reply: SmtpReply | null) => (reply ? `${label} ${reply.code} ${reply.lines.join(" / ")}` : `${label} —`);

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
  const details: Detail[] = [replyLine("MAIL FROM:<>", env?.mail ?? null), replyLine(`RCPT TO:<${to}>`, env?.rcpt ?? null)];
  if (send) details.push(replyLine("DATA", env?.data ?? null), replyLine(".", env?.message ?? null));
  details.push("", ...transcriptLines(probe));
  const at = { host, ip };
  if (!env) {
    const cause = probe.error?.kind === "smtputf8-not-offered" ? finding("SMTP_SMTPUTF8_NOT_OFFERED", { ip, detail: probe.error.message }) : finding("SMTP_ENVELOPE_NOT_REACHED", { ip, detail: probe.error?.message ?? "" });
    return { status: "error", summary: message("recipient.notReached", { ...at, detail: probe.error?.message ?? "" }), details, findings: [cause] };
  }
  if (!is2xx(env.mail)) return { status: "error", summary: message("recipient.nullSenderRefused", at), details, findings: [finding("SMTP_NULL_SENDER_REFUSED", { ip, reply: replyCode(env.mail) })] };
  if (!is2xx(env.rcpt)) {
    return { status: "error", summary: message("recipient.refused", { ...at, to, reply: replyCode(env.rcpt) }), details, findings: [finding("SMTP_RECIPIENT_REFUSED", { ip, recipient: to, reply: replyCode(env.rcpt) })] };
  }
  if (!send) return { status: "success", summary: message("recipient.accepted", { ...at, to }), details };
  if (!is2xx(env.message)) {
    const reply = replyCode(env.message ?? env.data);
    return { status: "error", summary: message("recipient.messageRefused", { ...at, reply }), details, findings: [finding("SMTP_MESSAGE_REFUSED", { ip, reply })] };
  }
  return { status: "success", summary: message("recipient.delivered", { ...at, to }), details };
}

const replyCode = (reply: SmtpReply | null): string => (reply ? String(reply.code) : "—");

/** Tries the hosts in preference order, each address that spoke TLS, until one accepts the recipient. */
async function checkRecipient(ports: CheckPorts, rec: StepRecorder, hosts: HostCheck[], to: string, send: boolean, runId: string, smtputf8: boolean): Promise<StepOutcome["status"]> {
  const step = rec.top("recipient", message(send ? "recipient.sendTitle" : "recipient.checkTitle", { to }));
  // Like a DANE sender, never hand the envelope to an address that failed authentication.
  const candidates = hosts.flatMap((h) => h.addresses.filter((a) => a.probe.tls !== null && a.result.dane !== "fail").map((a) => ({ host: h.facts.host, ip: a.result.ip })));
  if (candidates.length === 0) {
    step.end({ status: "skipped", summary: message("recipient.noCandidate") });
    return "skipped";
  }
  // A refused attempt is ended once the next one is known: it is a cause of the step's failure
  // (error) only if no later host accepts; otherwise a warning (the step-status rule).
  let pending: { scope: StepScope; outcome: StepOutcome } | null = null;
  const settle = (succeeded: boolean): void => {
    if (!pending) return;
    const { scope, outcome } = pending;
    scope.end(succeeded && outcome.status === "error" ? { ...outcome, status: "warning" } : outcome);
    pending = null;
  };
  let last: StepOutcome | null = null;
  for (const [i, candidate] of candidates.entries()) {
    const attempt = step.begin(`attempt-${i + 1}`, message("recipient.attemptTitle", candidate));
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
    last = outcome;
    if (outcome.status === "success") {
      settle(true);
      attempt.end(outcome);
      break;
    }
    settle(false);
    pending = { scope: attempt, outcome };
  }
  const status = last?.status ?? "error";
  settle(status === "success");
  step.end({ status, summary: last?.summary ?? message("recipient.noAttempt"), findings: status === "error" ? step.childVerdict().findings : [] });
  return status;
}

export async function inboundTest(ports: CheckPorts, rec: StepRecorder, target: ParsedDomain, options: { sendTestMessage: boolean; runId: string }): Promise<TestBody> {
  // Started with the run: the policy lookups need nothing the MX hosts tell.
  const policies = collectPolicies(ports, target.domain, rec.signal);
  // Never left rejected and unobserved when the mail flow stops the run first.
  policies.catch(() => undefined);
  const flow = await runMailFlow(ports, rec, target.domain, displayDomain(target), { certificateStep: true });
  const blocks = presentPolicies(ports, rec, await policies, flow.hosts, displayDomain(target), true);
  // A broken MTA-STS deployment (an MX it does not cover, a record without a policy) fails the test.
  const verdict = blocks.mtaSts.verdict === "fail" ? "fail" : flow.body.verdict === "pass" && (blocks.mtaSts.verdict === "warning" || blocks.tlsRpt.verdict === "warning") ? "warning" : flow.body.verdict;
  const body = { ...flow.body, ...blocks, verdict };
  if (target.localPart !== null && flow.hosts.length > 0) {
    const status = await checkRecipient(ports, rec, flow.hosts, `${target.localPart}@${target.domain}`, options.sendTestMessage, options.runId, target.utf8LocalPart === true);
    // Mail to this address cannot be delivered when every MX host refuses the recipient.
    if (status === "error") return { ...body, verdict: "fail" };
  }
  return body;
}
