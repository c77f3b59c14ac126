// The SMTP probe's problem is data (lib/smtp SmtpProblem); lib/report/i18n words it. Every reason
// the type has renders in both languages through a finding's {detail}, a step's smtp.tls {then}
// and the transcript note, never falling to the catch-all; a run stored with the English {detail}
// of before still shows it as written.
import { describe, expect, it } from "vitest";
import { smtpProblemParams } from "../../lib/report/findings/smtp";
import { renderFinding, renderMessage } from "../../lib/report/i18n/render";
import { LOCALES } from "../../lib/report/i18n/types";
import type { SmtpProblem } from "../../lib/smtp/types";

const PROBLEMS = [
  { reason: "guard", text: "10.0.0.0/8" },
  { reason: "not-ip", text: "localhost" },
  { reason: "cancelled" },
  { reason: "budget" },
  { reason: "total-timeout", stage: "run", ms: 60000 },
  { reason: "connect-timeout", stage: "connect", ms: 10000 },
  { reason: "connect-refused", stage: "connect", code: "ECONNREFUSED" },
  { reason: "connect-error", stage: "connect", code: "EHOSTUNREACH", text: "connect EHOSTUNREACH 192.0.2.1:25" },
  { reason: "no-banner", stage: "banner", ms: 30000 },
  { reason: "read-timeout", stage: "ehlo", ms: 30000, bytes: 0 },
  { reason: "read-timeout", stage: "banner", ms: 30000, bytes: 3 },
  { reason: "line-too-long", stage: "banner", limit: 2048 },
  { reason: "too-many-lines", stage: "ehlo-tls", limit: 100 },
  { reason: "not-a-reply", stage: "banner", text: "SSH-2.0-OpenSSH_9.2" },
  { reason: "code-changed", stage: "ehlo", code: "250->251" },
  { reason: "too-much-data", stage: "rcpt", limit: 1048576 },
  { reason: "closed", stage: "data", ms: 12 },
  { reason: "rejected", stage: "banner", code: 554, text: "554 5.7.1 No SMTP service here" },
  { reason: "rejected", stage: "helo", code: 502, text: "502 5.5.1 no" },
  { reason: "helo-only", stage: "ehlo" },
  { reason: "not-offered", stage: "ehlo" },
  { reason: "injection", stage: "starttls", bytes: 18 },
  { reason: "tls-timeout", stage: "tls", ms: 15000 },
  { reason: "tls-alert", stage: "tls", ms: 4, code: 40, text: "handshake_failure" },
  { reason: "tls-closed", stage: "tls", ms: 4 },
  { reason: "not-tls", stage: "tls", ms: 4, text: "wrong version number" },
  { reason: "tls-error", stage: "tls", ms: 4, text: "unexpected message", code: "ERR_SSL_UNEXPECTED_MESSAGE" },
  { reason: "chain-certs", stage: "tls", limit: 10 },
  { reason: "chain-bytes", stage: "tls", limit: 65536 },
  { reason: "smtputf8", stage: "ehlo-tls" },
  { reason: "throttled", stage: "ehlo", text: "421 4.7.0 Rate limit exceeded" },
  { reason: "throttled-reset", stage: "connect", text: "" },
  { reason: "throttled-closed", stage: "connect", text: "" },
] as const satisfies readonly SmtpProblem[];

// A reason added to SmtpProblem without a case here does not compile.
type Untested = Exclude<SmtpProblem["reason"], (typeof PROBLEMS)[number]["reason"]>;
const everyReason: [Untested] extends [never] ? true : Untested = true;

describe("the SMTP probe's problem in words", () => {
  it.each(PROBLEMS.map((p) => [`${p.reason} ${"stage" in p ? p.stage : ""}`, p] as const))("%s", (_, problem) => {
    expect(everyReason).toBe(true);
    const params = smtpProblemParams(problem);
    for (const locale of LOCALES) {
      const detail = renderFinding(locale, { code: "SMTP_PROTOCOL_ERROR", params: { ip: "192.0.2.1", ...params } }).message;
      expect(detail, locale).not.toMatch(/[{}]|undefined|NaN|broke off \(|interrompeu-se \(/);
      if ("text" in problem && problem.text !== "") expect(detail).toContain(problem.text);
      if ("ms" in problem && problem.ms >= 1000) expect(detail).toMatch(/\d\D?\d{3} ms/);
      const tls = renderMessage(locale, { key: "smtp.tls", params: { version: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384", count: 2, ...params } });
      expect(tls).toMatch(/\. (Then|Depois): \S.*\.$/);
      expect(renderMessage(locale, { key: "transcript.stopped", params: { ...params } })).toMatch(/^\* \S/);
    }
  });

  it("says nothing more when there was no problem", () => {
    const tls = renderMessage("en", { key: "smtp.tls", params: { version: "TLSv1.3", cipher: "X", count: 1, ...smtpProblemParams(null) } });
    expect(tls).toBe("TLS established: TLSv1.3, X; the server sent 1 certificate.");
  });

  it("shows a stored run's English detail as it was written, in either language", () => {
    const legacy = { code: "SMTP_CONNECT_FAILED", params: { ip: "192.0.2.1", port: 25, detail: "No TCP connection within 10000 ms" } };
    expect(renderFinding("en", legacy).message).toBe("Could not connect to 192.0.2.1 port 25: No TCP connection within 10000 ms.");
    expect(renderFinding("pt-PT", legacy).message).toContain("No TCP connection within 10000 ms");
    expect(renderMessage("en", { key: "smtp.tls", params: { version: "TLSv1.2", cipher: "X", count: 1, then: "" } })).toBe("TLS established: TLSv1.2, X; the server sent 1 certificate.");
  });

  it("words the Exchange forecast's untested hosts, and keeps an old run's English", () => {
    for (const locale of LOCALES) {
      const text = renderFinding(locale, { code: "EXO_INCONCLUSIVE", params: { untested: "mx1.example.test (192.0.2.1)", count: 1 } }).message;
      expect(text).toContain("mx1.example.test (192.0.2.1)");
      expect(text).not.toMatch(/[{}]/);
    }
    expect(renderFinding("en", { code: "EXO_INCONCLUSIVE", params: { detail: "old words" } }).message).toBe("mailsec cannot forecast what Exchange Online does: old words");
  });
});
