// Inbound SMTP Email: MX, then every address through connect, banner, EHLO, STARTTLS and the
// certificate checks, with the DANE summary. Given an address it also checks that an MX host takes
// mail for it: by default it stops after RCPT TO is answered; with the opt-in it sends one short,
// clearly labelled test message over TLS. This file runs the conversations and writes the steps;
// what their answers mean, and the test's verdict, are assess-inbound.ts's.
//
// The domain's own records (MTA-STS, TLS-RPT; issue 11's SPF, DMARC and DKIM) are sections of
// this test: collected from the start of the run (they need nothing the MX hosts tell), their steps
// ended after the mail flow, their verdicts handed to inboundVerdict.
import { message, type Message } from "../report/i18n/message";
import type { Detail } from "../report/schema";
import type { SmtpProbeResult, SmtpReply } from "../smtp/types";
import { HELO_NAME, transcriptLines } from "./address";
import { assessEnvelope, inboundVerdict, recipientCandidates, type EnvelopeAssessment, type RecipientCandidate, type RecipientResult } from "./assess-inbound";
import type { ParsedDomain } from "./input";
import { displayDomain } from "./input";
import { collectMailAuth } from "./mail-auth-collect";
import { presentMailAuth } from "./mail-auth";
import { runMailFlow, type HostCheck } from "./mailflow";
import { collectPolicies, presentPolicies } from "./policies";
import type { CheckPorts } from "./ports";
import { startedWithRun, type StepOutcome, type StepRecorder, type StepScope, type TestBody } from "./runner";
import { testMessage } from "./test-message";

const replyLine = (label: string, reply: SmtpReply | null) => (reply ? `${label} ${reply.code} ${reply.lines.join(" / ")}` : `${label} —`);

function envelopeSummary(assessed: EnvelopeAssessment, to: string, at: RecipientCandidate): Message {
  switch (assessed.outcome) {
    case "not-reached":
      return message("recipient.notReached", { ...at, ...assessed.problem });
    case "null-sender-refused":
      return message("recipient.nullSenderRefused", at);
    case "recipient-refused":
      return message("recipient.refused", { ...at, to, reply: assessed.reply });
    case "accepted":
      return message("recipient.accepted", { ...at, to });
    case "message-refused":
      return message("recipient.messageRefused", { ...at, reply: assessed.reply });
    case "delivered":
      return message("recipient.delivered", { ...at, to });
  }
}

function presentEnvelope(probe: SmtpProbeResult, assessed: EnvelopeAssessment, to: string, at: RecipientCandidate, send: boolean): StepOutcome {
  const env = probe.envelope;
  const details: Detail[] = [replyLine("MAIL FROM:<>", env?.mail ?? null), replyLine(`RCPT TO:<${to}>`, env?.rcpt ?? null)];
  if (send) details.push(replyLine("DATA", env?.data ?? null), replyLine(".", env?.message ?? null));
  details.push("", ...transcriptLines(probe));
  return { status: assessed.ok ? "success" : "error", summary: envelopeSummary(assessed, to, at), details, findings: assessed.findings };
}

/** Tries the candidates in preference order until one accepts the recipient. */
async function checkRecipient(ports: CheckPorts, rec: StepRecorder, hosts: readonly HostCheck[], to: string, send: boolean, runId: string, smtputf8: boolean): Promise<RecipientResult> {
  const step = rec.top("recipient", message(send ? "recipient.sendTitle" : "recipient.checkTitle", { to }));
  const candidates = recipientCandidates(hosts);
  if (candidates.length === 0) {
    step.end({ status: "skipped", summary: message("recipient.noCandidate") });
    return "no-candidate";
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
    const outcome = presentEnvelope(probe, assessEnvelope(probe, candidate.ip, to, send), to, candidate, send);
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
  return status === "success" ? "accepted" : "refused";
}

export async function inboundTest(ports: CheckPorts, rec: StepRecorder, target: ParsedDomain, options: { sendTestMessage: boolean; runId: string; dkimSelector?: string | undefined }): Promise<TestBody> {
  const shown = displayDomain(target);
  // An address to check: the first session the mail flow gets through TLS waits for the
  // recipient check instead of QUITting, so the check need not connect to that address again.
  const recipientAsked = target.localPart !== null;
  if (recipientAsked) ports.holdSessionForRecipient?.();
  try {
    return await inboundSteps(ports, rec, target, shown, options);
  } finally {
    if (recipientAsked) await ports.releaseHeldSessions?.();
  }
}

async function inboundSteps(ports: CheckPorts, rec: StepRecorder, target: ParsedDomain, shown: string, options: { sendTestMessage: boolean; runId: string; dkimSelector?: string | undefined }): Promise<TestBody> {
  // Sections on the domain's own records start here, with the run.
  const policies = startedWithRun(collectPolicies(ports, target.domain, rec.signal));
  const mailAuth = startedWithRun(collectMailAuth(ports, target.domain, options.dkimSelector ?? null, rec.signal));
  const flow = await runMailFlow(ports, rec, target.domain, shown, { certificateStep: true });
  // Their steps end here, after the mail flow, in this order.
  const blocks = presentPolicies(ports, rec, await policies, flow.hosts, shown, true);
  const auth = presentMailAuth(rec, await mailAuth, shown);
  const recipient = target.localPart !== null && flow.hosts.length > 0 ? await checkRecipient(ports, rec, flow.hosts, `${target.localPart}@${target.domain}`, options.sendTestMessage, options.runId, target.utf8LocalPart === true) : null;
  const verdict = inboundVerdict({ mailFlow: flow.body.verdict, mtaSts: blocks.mtaSts.verdict, advisories: [blocks.tlsRpt.verdict, auth.spf.verdict, auth.dmarc.verdict, ...(auth.dkim ? [auth.dkim.verdict] : [])], recipient });
  return { ...flow.body, ...blocks, ...auth, verdict };
}
