// Findings of the mail policies beside DANE (lib/policies): MTA-STS (RFC 8461), SMTP TLS Reporting
// (RFC 8460) and DANE rollover readiness (RFC 7671 §8.1, RFC 7672 §3.1.3).
// The English texts live in lib/report/i18n/en/findings.ts; this file holds what no language changes:
// the code, its severity, its typed parameters and the RFC rules behind it.
import { z } from "zod";
import { smtpProblemShape } from "./smtp";
import { num, str, type FindingSpec } from "./types";

const sts = (section: string) => [{ rfc: 8461, section }];
const rpt = (section: string) => [{ rfc: 8460, section }];

export const policyFindings = {
  // Any policy record: its TXT lookup gave no usable answer (SERVFAIL, bogus, no resolver)
  POLICY_TXT_LOOKUP_FAILED: { severity: "error", params: z.object({ name: str, status: str }), references: sts("3.1") },
  // MTA-STS: the _mta-sts TXT record (RFC 8461 §3.1)
  MTASTS_RECORD_ABSENT: { severity: "info", params: z.object({ domain: str }), references: sts("3.1") },
  MTASTS_RECORD_MULTIPLE: { severity: "error", params: z.object({ name: str, count: num }), references: sts("3.1") },
  MTASTS_RECORD_SYNTAX: { severity: "error", params: z.object({ name: str, record: str, problem: str }), references: sts("3.1") },
  MTASTS_RECORD_ID_INVALID: { severity: "error", params: z.object({ name: str, id: str }), references: sts("3.1") },
  // MTA-STS: fetching the policy (RFC 8461 §3.3)
  // fetch*: the fetch problem as data (lib/policies FetchProblem), the TLS one in smtp*; render.ts
  // words them as {problem}, which a run stored before them carries as English text.
  MTASTS_POLICY_FETCH_FAILED: {
    severity: "error",
    params: z.object({ url: str, problem: str.optional(), fetchProblem: str.optional(), fetchIp: str.optional(), fetchRange: str.optional(), fetchMs: num.optional(), fetchCode: str.optional(), ...smtpProblemShape }), references: sts("3.3") },
  MTASTS_POLICY_HTTP_STATUS: { severity: "error", params: z.object({ url: str, status: num }), references: sts("3.3") },
  MTASTS_POLICY_REDIRECT: { severity: "error", params: z.object({ url: str, status: num, location: str }), references: sts("3.3") },
  MTASTS_POLICY_CONTENT_TYPE: { severity: "error", params: z.object({ url: str, contentType: str }), references: sts("3.2") },
  MTASTS_POLICY_TOO_LARGE: { severity: "error", params: z.object({ url: str, limit: num }), references: sts("3.3") },
  MTASTS_POLICY_CERTIFICATE: { severity: "error", params: z.object({ host: str, ip: str, reason: str }), references: sts("3.3") },
  // MTA-STS: the policy's contents (RFC 8461 §3.2, §4.1)
  MTASTS_POLICY_SYNTAX: { severity: "error", params: z.object({ line: num, text: str, problem: str }), references: sts("3.2") },
  MTASTS_POLICY_FIELD_MISSING: { severity: "error", params: z.object({ field: str }), references: sts("3.2") },
  MTASTS_POLICY_FIELD_REPEATED: { severity: "warning", params: z.object({ field: str }), references: sts("3.2") },
  MTASTS_POLICY_MAX_AGE_RANGE: { severity: "warning", params: z.object({ maxAge: num, limit: num }), references: sts("3.2") },
  MTASTS_POLICY_MX_PATTERN: { severity: "error", params: z.object({ pattern: str }), references: sts("4.1") },
  MTASTS_MODE_TESTING: { severity: "info", params: z.object({ domain: str }), references: sts("5") },
  MTASTS_MODE_NONE: { severity: "info", params: z.object({ domain: str }), references: sts("8.3") },
  // MTA-STS: the MX hosts against the policy (RFC 8461 §4.1, §4.2) and what a sender does (§5)
  MTASTS_MX_NOT_COVERED: { severity: "error", params: z.object({ host: str, patterns: str }), references: sts("4.1") },
  MTASTS_MX_CERTIFICATE: { severity: "error", params: z.object({ host: str }), references: sts("4.2") },
  MTASTS_TESTING_MX_NOT_COVERED: { severity: "warning", params: z.object({ host: str, patterns: str }), references: sts("4.1") },
  MTASTS_TESTING_MX_CERTIFICATE: { severity: "warning", params: z.object({ host: str }), references: sts("4.2") },
  MTASTS_NO_POLICY: { severity: "error", params: z.object({ domain: str }), references: sts("5") },
  MTASTS_REFUSED: { severity: "error", params: z.object({ domain: str }), references: sts("5") },
  // TLS-RPT (RFC 8460 §3): a broken record loses the reports, never the mail, so warnings
  TLSRPT_RECORD_ABSENT: { severity: "info", params: z.object({ domain: str }), references: rpt("3") },
  TLSRPT_RECORD_MULTIPLE: { severity: "warning", params: z.object({ name: str, count: num }), references: rpt("3") },
  TLSRPT_RECORD_SYNTAX: { severity: "warning", params: z.object({ name: str, record: str, problem: str }), references: rpt("3") },
  TLSRPT_RUA_MISSING: { severity: "warning", params: z.object({ name: str }), references: rpt("3") },
  TLSRPT_RUA_BARE_ADDRESS: { severity: "warning", params: z.object({ uri: str }), references: rpt("3") },
  TLSRPT_RUA_INVALID: { severity: "warning", params: z.object({ uri: str, problem: str }), references: rpt("3") },
  // DANE rollover readiness (RFC 7671 §8.1, RFC 7672 §3.1.3)
  DANE_ROLLOVER_SINGLE: { severity: "info", params: z.object({ host: str, count: num }), references: [{ rfc: 7671, section: "8.1" }, { rfc: 7672, section: "3.1.3" }] },
  DANE_ROLLOVER_FUTURE_RECORD: { severity: "info", params: z.object({ host: str, record: str }), references: [{ rfc: 7671, section: "8.1" }] },
} as const satisfies Record<string, FindingSpec>;

export type PolicyCode = keyof typeof policyFindings;
/** A finding of this area, typed per code: the same shape as lib/report/findings' Finding. */
export type PolicyFinding = { [C in PolicyCode]: { code: C; params: z.infer<(typeof policyFindings)[C]["params"]> } }[PolicyCode];

export function policyFinding<C extends PolicyCode>(code: C, params: z.infer<(typeof policyFindings)[C]["params"]>): PolicyFinding {
  return { code, params } as PolicyFinding;
}
