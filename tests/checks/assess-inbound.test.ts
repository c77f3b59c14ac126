// The Inbound test's pure assessments (issue 10): the envelope replies, the candidates the envelope
// may go to, and the test's verdict, pinned without any step or socket. lab-inbound.test.ts runs
// the same decisions against the lab's SMTP servers.
import { describe, expect, it } from "vitest";
import { assessEnvelope, inboundVerdict, recipientCandidates, type CandidateHost } from "../../lib/checks/assess-inbound";
import { finding } from "../../lib/report/findings";
import type { SmtpEnvelopeResult, SmtpProbeResult, SmtpReply } from "../../lib/smtp/types";

const IP = "192.0.2.25";
const TO = "user@example.test";
const reply = (code: number): SmtpReply => ({ code, lines: [`${code} text`] });

function probe(envelope: Partial<SmtpEnvelopeResult> | null, error: SmtpProbeResult["error"] = null): SmtpProbeResult {
  return {
    target: { ip: IP, port: 25 },
    connected: true,
    connectMs: 1,
    banner: reply(220),
    ehlo: null,
    starttls: { offered: true, reply: reply(220), accepted: true },
    tls: null,
    ehloTls: null,
    ...(envelope ? { envelope: { mail: null, rcpt: null, data: null, message: null, ...envelope } } : {}),
    quit: null,
    transcript: [],
    bytesReceived: 0,
    elapsedMs: 1,
    error,
  };
}

describe("assessEnvelope (RFC 5321 §4.2, §4.5.5)", () => {
  it("accepts a 250 to MAIL FROM:<> and RCPT TO, and stops there unless a message is sent", () => {
    expect(assessEnvelope(probe({ mail: reply(250), rcpt: reply(250) }), IP, TO, false)).toEqual({ outcome: "accepted", ok: true, reply: "—", problem: { smtpProblem: "none" }, findings: [] });
  });

  it("refuses the null sender before the recipient: bounces are sent with it", () => {
    const a = assessEnvelope(probe({ mail: reply(550), rcpt: reply(250) }), IP, TO, false);
    expect(a).toMatchObject({ outcome: "null-sender-refused", ok: false, reply: "550" });
    expect(a.findings).toEqual([finding("SMTP_NULL_SENDER_REFUSED", { ip: IP, reply: "550" })]);
  });

  it("names the recipient a server refused, and a missing reply as —", () => {
    expect(assessEnvelope(probe({ mail: reply(250), rcpt: reply(550) }), IP, TO, false).findings).toEqual([finding("SMTP_RECIPIENT_REFUSED", { ip: IP, recipient: TO, reply: "550" })]);
    expect(assessEnvelope(probe({ mail: reply(250), rcpt: null }), IP, TO, false)).toMatchObject({ outcome: "recipient-refused", reply: "—" });
  });

  it("judges the message by the reply after the dot, else by the reply to DATA", () => {
    expect(assessEnvelope(probe({ mail: reply(250), rcpt: reply(250), data: reply(354), message: reply(250) }), IP, TO, true)).toMatchObject({ outcome: "delivered", ok: true });
    expect(assessEnvelope(probe({ mail: reply(250), rcpt: reply(250), data: reply(354), message: reply(552) }), IP, TO, true)).toMatchObject({ outcome: "message-refused", reply: "552" });
    expect(assessEnvelope(probe({ mail: reply(250), rcpt: reply(250), data: reply(554) }), IP, TO, true).findings).toEqual([finding("SMTP_MESSAGE_REFUSED", { ip: IP, reply: "554" })]);
  });

  it("says why the envelope was never reached, SMTPUTF8 apart (RFC 6531)", () => {
    const closed = assessEnvelope(probe(null, { kind: "connection-closed", problem: { reason: "closed", stage: "mail", ms: 5 } }), IP, TO, false);
    const params = { smtpProblem: "closed", smtpStage: "mail", smtpMs: 5 };
    expect(closed).toMatchObject({ outcome: "not-reached", ok: false, problem: params, findings: [finding("SMTP_ENVELOPE_NOT_REACHED", { ip: IP, ...params })] });
    const utf8 = assessEnvelope(probe(null, { kind: "smtputf8-not-offered", problem: { reason: "smtputf8", stage: "ehlo-tls" } }), IP, TO, false);
    expect(utf8.findings).toEqual([finding("SMTP_SMTPUTF8_NOT_OFFERED", { ip: IP, smtpProblem: "smtputf8", smtpStage: "ehlo-tls" })]);
  });
});

describe("recipientCandidates (RFC 7672 §2.2)", () => {
  const address = (ip: string, tls: boolean, dane: "pass" | "fail" | "not-applicable" | "unusable") => ({ probe: { tls: tls ? {} : null }, result: { ip, dane } });
  it("keeps host order and only the addresses that spoke TLS and did not fail DANE", () => {
    const hosts: CandidateHost[] = [
      { facts: { host: "mx1.example.test" }, addresses: [address("192.0.2.1", true, "fail"), address("192.0.2.2", false, "not-applicable"), address("192.0.2.3", true, "pass")] },
      { facts: { host: "mx2.example.test" }, addresses: [address("192.0.2.4", true, "not-applicable"), address("192.0.2.5", true, "unusable")] },
    ];
    expect(recipientCandidates(hosts)).toEqual([
      { host: "mx1.example.test", ip: "192.0.2.3" },
      { host: "mx2.example.test", ip: "192.0.2.4" },
      { host: "mx2.example.test", ip: "192.0.2.5" },
    ]);
  });
});

describe("inboundVerdict", () => {
  const parts = { mailFlow: "pass", mtaSts: "pass", advisories: ["pass"], recipient: null } as const;
  it("passes when every part passes", () => {
    expect(inboundVerdict(parts)).toBe("pass");
    expect(inboundVerdict({ ...parts, recipient: "accepted" })).toBe("pass");
    expect(inboundVerdict({ ...parts, recipient: "no-candidate" })).toBe("pass");
  });
  it("fails on a refused recipient or a broken MTA-STS deployment, whatever the mail flow says", () => {
    expect(inboundVerdict({ ...parts, recipient: "refused" })).toBe("fail");
    expect(inboundVerdict({ ...parts, mtaSts: "fail" })).toBe("fail");
  });
  it("lets an advisory block lower a pass to a warning, never to a failure", () => {
    expect(inboundVerdict({ ...parts, advisories: ["pass", "fail"] })).toBe("warning");
    expect(inboundVerdict({ ...parts, mtaSts: "warning" })).toBe("warning");
    expect(inboundVerdict({ ...parts, mailFlow: "fail", advisories: ["warning"] })).toBe("fail");
    expect(inboundVerdict({ ...parts, mailFlow: "warning" })).toBe("warning");
  });
});
