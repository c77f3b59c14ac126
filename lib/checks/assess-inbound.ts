// What the Inbound test's own checks mean: pure assessments, probe results in, decisions and
// findings out. Which addresses may be handed the envelope, what the MAIL FROM / RCPT TO / DATA
// replies say (RFC 5321 §4.2, §4.5.5), and how the parts of the test make its verdict.
// inbound.ts runs the conversations and writes the steps.
import { finding, type Finding } from "../report/findings";
import type { DaneOutcome, Verdict } from "../report/schema";
import type { SmtpProbeResult, SmtpReply } from "../smtp/types";
import { smtpProblemParams, type SmtpProblemParams } from "../report/findings/smtp";

export type EnvelopeOutcome = "not-reached" | "null-sender-refused" | "recipient-refused" | "accepted" | "message-refused" | "delivered";

export interface EnvelopeAssessment {
  outcome: EnvelopeOutcome;
  /** The recipient was accepted (or, when a message was sent, the message too). */
  ok: boolean;
  /** The reply code that refused, "—" when none came. */
  reply: string;
  /** The client's own words on why the conversation stopped before the envelope (not-reached). */
  /** With outcome "not-reached": the probe's problem, as the message params (smtpProblemParams). */
  problem: SmtpProblemParams;
  findings: Finding[];
}

const is2xx = (reply: SmtpReply | null | undefined): boolean => reply != null && reply.code >= 200 && reply.code < 300;
const replyCode = (reply: SmtpReply | null | undefined): string => (reply ? String(reply.code) : "—");

/** One envelope conversation with one address: `send` when the test message was to be delivered too. */
export function assessEnvelope(probe: SmtpProbeResult, ip: string, to: string, send: boolean): EnvelopeAssessment {
  const env = probe.envelope;
  const base = { ok: false, reply: "—", problem: smtpProblemParams(null) };
  if (!env) {
    const problem = smtpProblemParams(probe.error?.problem);
    // SMTPUTF8 (RFC 6531): an internationalised local part cannot be sent to a server without it.
    const cause = probe.error?.kind === "smtputf8-not-offered" ? finding("SMTP_SMTPUTF8_NOT_OFFERED", { ip, ...problem }) : finding("SMTP_ENVELOPE_NOT_REACHED", { ip, ...problem });
    return { ...base, outcome: "not-reached", problem, findings: [cause] };
  }
  // RFC 5321 §4.5.5: the null reverse-path must be accepted (bounces are sent with it).
  if (!is2xx(env.mail)) {
    const reply = replyCode(env.mail);
    return { ...base, outcome: "null-sender-refused", reply, findings: [finding("SMTP_NULL_SENDER_REFUSED", { ip, reply })] };
  }
  if (!is2xx(env.rcpt)) {
    const reply = replyCode(env.rcpt);
    return { ...base, outcome: "recipient-refused", reply, findings: [finding("SMTP_RECIPIENT_REFUSED", { ip, recipient: to, reply })] };
  }
  if (!send) return { ...base, outcome: "accepted", ok: true, findings: [] };
  if (!is2xx(env.message)) {
    const reply = replyCode(env.message ?? env.data);
    return { ...base, outcome: "message-refused", reply, findings: [finding("SMTP_MESSAGE_REFUSED", { ip, reply })] };
  }
  return { ...base, outcome: "delivered", ok: true, findings: [] };
}

/** What the candidate choice needs of one MX host's checks (mailflow's HostCheck has it). */
export interface CandidateHost {
  facts: { host: string };
  addresses: readonly { probe: { tls: unknown }; result: { ip: string; dane: DaneOutcome } }[];
}

// A type, not an interface: it is a step message's params as it is.
export type RecipientCandidate = { host: string; ip: string };

/**
 * The addresses the envelope may go to, in preference order: those that spoke TLS and did not fail
 * DANE. Like a DANE sender (RFC 7672 §2.2), never hand the envelope to an address that failed
 * authentication.
 */
export function recipientCandidates(hosts: readonly CandidateHost[]): RecipientCandidate[] {
  return hosts.flatMap((h) => h.addresses.filter((a) => a.probe.tls !== null && a.result.dane !== "fail").map((a) => ({ host: h.facts.host, ip: a.result.ip })));
}

/** How the recipient check ended: null when no address was given, so none was asked. */
export type RecipientResult = "accepted" | "refused" | "no-candidate" | null;

export interface InboundVerdictParts {
  /** RFC 7672 and the mail flow (lib/report/verdict.ts). */
  mailFlow: Verdict;
  /** MTA-STS: a broken deployment (an MX it does not cover, a record without a policy) fails the test. */
  mtaSts: Verdict;
  /**
   * Blocks that lower a passing test to a warning at most, never fail it: TLS-RPT, and the
   * mail-authentication records (issue 11), which judge mail the domain sends, not mail it receives.
   */
  advisories: readonly Verdict[];
  recipient: RecipientResult;
}

export function inboundVerdict(parts: InboundVerdictParts): Verdict {
  // Mail to this address cannot be delivered when every MX host refuses the recipient.
  if (parts.recipient === "refused" || parts.mtaSts === "fail") return "fail";
  if (parts.mailFlow !== "pass") return parts.mailFlow;
  return parts.mtaSts === "warning" || parts.advisories.some((v) => v !== "pass") ? "warning" : "pass";
}
