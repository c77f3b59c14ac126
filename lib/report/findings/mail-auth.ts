// Findings of the sender-authentication records the Inbound SMTP Email test reads beside the mail
// flow (lib/policies/{spf,dmarc,dkim}.ts): SPF (RFC 7208), DMARC (RFC 7489) and one DKIM key
// (RFC 6376, RFC 8301, RFC 8463). They judge mail the domain sends, not mail it receives, so none
// of them fails the Inbound test (lib/checks/mail-auth.ts). The words live in
// lib/report/i18n/<locale>/mail-auth.ts.
import { z } from "zod";
import { num, str, type FindingSpec } from "./types";

const spf = (section: string) => [{ rfc: 7208, section }];
const dmarc = (section: string) => [{ rfc: 7489, section }];
const dkim = (section: string) => [{ rfc: 6376, section }];

export const mailAuthFindings = {
  // SPF: the record at the domain (RFC 7208 §4.5)
  SPF_RECORD_ABSENT: { severity: "info", params: z.object({ domain: str }), references: spf("4.5") },
  SPF_RECORD_MULTIPLE: { severity: "error", params: z.object({ name: str, count: num }), references: spf("4.5") },
  SPF_LOOKUP_FAILED: { severity: "warning", params: z.object({ name: str, type: str, status: str }), references: spf("4.4") },
  // SPF: syntax (RFC 7208 §4.6, §12), one finding per bad term
  SPF_SYNTAX: { severity: "error", params: z.object({ domain: str, term: str, problem: str }), references: spf("4.6") },
  SPF_MODIFIER_REPEATED: { severity: "error", params: z.object({ domain: str, modifier: str }), references: spf("6") },
  // SPF: the DNS lookups an evaluation needs (RFC 7208 §4.6.4)
  SPF_TOO_MANY_LOOKUPS: { severity: "error", params: z.object({ domain: str, lookups: num, limit: num }), references: spf("4.6.4") },
  SPF_TOO_MANY_VOID_LOOKUPS: { severity: "error", params: z.object({ domain: str, voidLookups: num, limit: num }), references: spf("4.6.4") },
  SPF_VOID_LOOKUP: { severity: "warning", params: z.object({ term: str, name: str, outcome: str }), references: spf("4.6.4") },
  SPF_MX_HOST_VOID: { severity: "warning", params: z.object({ term: str, name: str, host: str, outcome: str }), references: spf("4.6.4") },
  SPF_MX_TOO_MANY: { severity: "error", params: z.object({ name: str, count: num, limit: num }), references: spf("4.6.4") },
  SPF_INCLUDE_LOOP: { severity: "error", params: z.object({ domain: str, target: str }), references: spf("5.2") },
  SPF_INCLUDE_NO_RECORD: { severity: "error", params: z.object({ domain: str, target: str, mechanism: str }), references: spf("5.2") },
  SPF_WALK_TRUNCATED: { severity: "warning", params: z.object({ domain: str, limit: num }), references: spf("4.6.4") },
  SPF_MACRO_NOT_EXPANDED: { severity: "info", params: z.object({ term: str }), references: spf("7") },
  // SPF: what the record says about senders it does not list (RFC 7208 §5.1, §5.5, §4.7)
  SPF_ALL_PASS: { severity: "error", params: z.object({ domain: str, term: str }), references: spf("5.1") },
  SPF_ALL_NEUTRAL: { severity: "warning", params: z.object({ domain: str, term: str }), references: spf("8.2") },
  SPF_ALL_MISSING: { severity: "warning", params: z.object({ domain: str }), references: spf("4.7") },
  SPF_PTR_USED: { severity: "warning", params: z.object({ domain: str, term: str }), references: spf("5.5") },
  SPF_REDIRECT_IGNORED: { severity: "info", params: z.object({ domain: str }), references: spf("6.1") },
  // DMARC: the record (RFC 7489 §6.3, §6.6.3)
  DMARC_RECORD_ABSENT: { severity: "info", params: z.object({ domain: str, orgDomain: str }), references: dmarc("6.6.3") },
  DMARC_RECORD_MULTIPLE: { severity: "error", params: z.object({ name: str, count: num }), references: dmarc("6.6.3") },
  DMARC_LOOKUP_FAILED: { severity: "warning", params: z.object({ name: str, status: str }), references: dmarc("6.6.3") },
  DMARC_SYNTAX: { severity: "error", params: z.object({ name: str, record: str, problem: str }), references: dmarc("6.4") },
  DMARC_TAG_INVALID: { severity: "warning", params: z.object({ tag: str, value: str }), references: dmarc("6.3") },
  DMARC_POLICY_MISSING_RUA: { severity: "warning", params: z.object({ name: str }), references: dmarc("6.6.3") },
  DMARC_INHERITED: { severity: "info", params: z.object({ domain: str, orgDomain: str }), references: dmarc("6.6.3") },
  // DMARC: the policy and its reports (RFC 7489 §6.3, §7)
  DMARC_POLICY_NONE: { severity: "warning", params: z.object({ domain: str }), references: dmarc("6.3") },
  DMARC_SUBDOMAIN_POLICY_NONE: { severity: "info", params: z.object({ domain: str, policy: str }), references: dmarc("6.3") },
  DMARC_PCT_PARTIAL: { severity: "warning", params: z.object({ pct: num, policy: str }), references: dmarc("6.6.4") },
  DMARC_NO_RUA: { severity: "info", params: z.object({ domain: str }), references: dmarc("7.2") },
  DMARC_URI_BARE_ADDRESS: { severity: "warning", params: z.object({ tag: str, uri: str }), references: dmarc("6.2") },
  DMARC_URI_INVALID: { severity: "warning", params: z.object({ tag: str, uri: str, problem: str }), references: dmarc("6.2") },
  // DMARC: report destinations outside the organizational domain (RFC 7489 §7.1)
  DMARC_REPORT_NOT_AUTHORIZED: { severity: "warning", params: z.object({ tag: str, uri: str, destination: str, name: str }), references: dmarc("7.1") },
  DMARC_REPORT_AUTH_FAILED: { severity: "info", params: z.object({ uri: str, name: str, status: str }), references: dmarc("7.1") },
  // DKIM: one selector's key record (RFC 6376 §3.6.1, RFC 8301 §3.2, RFC 8463)
  DKIM_KEY_ABSENT: { severity: "error", params: z.object({ name: str, selector: str }), references: dkim("3.6.2.2") },
  DKIM_LOOKUP_FAILED: { severity: "warning", params: z.object({ name: str, status: str }), references: dkim("3.6.2.2") },
  DKIM_KEY_MULTIPLE: { severity: "warning", params: z.object({ name: str, count: num }), references: dkim("3.6.2.2") },
  DKIM_SYNTAX: { severity: "error", params: z.object({ name: str, problem: str }), references: dkim("3.6.1") },
  DKIM_KEY_REVOKED: { severity: "error", params: z.object({ name: str }), references: dkim("3.6.1") },
  DKIM_KEY_TYPE_UNKNOWN: { severity: "error", params: z.object({ name: str, keyType: str }), references: dkim("3.6.1") },
  DKIM_KEY_UNREADABLE: { severity: "error", params: z.object({ name: str, keyType: str }), references: dkim("3.6.1") },
  DKIM_KEY_TOO_SHORT: { severity: "error", params: z.object({ name: str, bits: num, minimum: num }), references: [{ rfc: 8301, section: "3.2" }] },
  DKIM_KEY_SHORT: { severity: "info", params: z.object({ name: str, bits: num, recommended: num }), references: [{ rfc: 8301, section: "3.2" }] },
  DKIM_TESTING: { severity: "info", params: z.object({ name: str }), references: dkim("3.6.1") },
  DKIM_SHA1_ONLY: { severity: "warning", params: z.object({ name: str }), references: [{ rfc: 8301, section: "3.1" }] },
} as const satisfies Record<string, FindingSpec>;

export type MailAuthCode = keyof typeof mailAuthFindings;
/** A finding of this area, typed per code: the same shape as lib/report/findings' Finding. */
export type MailAuthFinding = { [C in MailAuthCode]: { code: C; params: z.infer<(typeof mailAuthFindings)[C]["params"]> } }[MailAuthCode];

export function mailAuthFinding<C extends MailAuthCode>(code: C, params: z.infer<(typeof mailAuthFindings)[C]["params"]>): MailAuthFinding {
  return { code, params } as MailAuthFinding;
}
