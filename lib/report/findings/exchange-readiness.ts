// Findings of the Exchange Online readiness test (issue 12): one per refusal code that Microsoft's
// DNSSEC/DANE cmdlets can give about a domain's MX records and MTA-STS policy (EX002–EX013, ED003,
// ES001, ES002, DomainNotSupported and the two DNS failures), and mailsec's own advice on the
// procedure (TTLs, MTA-STS mode, the TLSA records Exchange publishes, a gateway in front). The
// facts come from Microsoft's description of the procedure; the words are in
// lib/report/i18n/<locale>/exchange-readiness.ts.
import { z } from "zod";
import { num, str, type FindingSpec } from "./types";

const mx = [{ rfc: 5321, section: "5.1" }];
const dnssec = [{ rfc: 7672, section: "2.1.1" }, { rfc: 4035, section: "5" }];
const sts = [{ rfc: 8461, section: "4.1" }];
const ttl = [{ rfc: 1035, section: "3.2.1" }, { rfc: 2181, section: "8" }];

export const exchangeReadinessFindings = {
  // The MX arrangement, against what Enable-SmtpDaneInbound requires: the expected MX alone at preference 0.
  EXR_EX002: { severity: "error", params: z.object({ domain: str, expected: str, found: str }), references: mx },
  EXR_EX003: { severity: "warning", params: z.object({ host: str, preference: num }), references: mx },
  EXR_EX004: { severity: "warning", params: z.object({ host: str, others: str, preference: num }), references: mx },
  EXR_EX005: { severity: "warning", params: z.object({ host: str, others: str }), references: mx },
  EXR_EX006: { severity: "warning", params: z.object({ host: str, others: str }), references: mx },
  EXR_EX007: { severity: "error", params: z.object({ domain: str, expected: str }), references: mx },
  // Against the preference the current step of the procedure gives the new MX (20 beside the legacy one, then 0).
  EXR_EX008: { severity: "warning", params: z.object({ host: str, preference: num, wanted: num }), references: mx },
  EXR_EX009: { severity: "warning", params: z.object({ host: str, preference: num, wanted: num }), references: mx },
  EXR_EX010: { severity: "error", params: z.object({ domain: str }), references: dnssec },
  EXR_EX012: { severity: "error", params: z.object({ domain: str }), references: mx },
  EXR_EX013: { severity: "warning", params: z.object({ domain: str }), references: mx },
  EXR_ED003: { severity: "error", params: z.object({ domain: str }), references: dnssec },
  EXR_ES001: { severity: "error", params: z.object({ domain: str, expected: str, patterns: str }), references: sts },
  EXR_ES002: { severity: "warning", params: z.object({ domain: str }), references: sts },
  EXR_DOMAIN_NOT_SUPPORTED: { severity: "error", params: z.object({ domain: str }), references: mx },
  EXR_DNS_NXDOMAIN: { severity: "error", params: z.object({ domain: str }), references: [{ rfc: 8020, section: "2" }] },
  EXR_DNS_QUERY_FAILED: { severity: "error", params: z.object({ domain: str }), references: [{ rfc: 1035, section: "4.1.1" }] },
  // mailsec's own advice along the procedure.
  EXR_GATEWAY: { severity: "info", params: z.object({ domain: str, hosts: str }), references: mx },
  EXR_TLSA_NO_MATCH: { severity: "error", params: z.object({ host: str, name: str }), references: [{ rfc: 7672, section: "3" }] },
  EXR_TLSA_FAILED: { severity: "error", params: z.object({ host: str, name: str, status: str }), references: dnssec },
  EXR_STS_ENFORCE_DURING_MIGRATION: { severity: "warning", params: z.object({ domain: str }), references: [{ rfc: 8461, section: "5" }] },
  EXR_STS_ENFORCE_AGAIN: { severity: "info", params: z.object({ domain: str }), references: [{ rfc: 8461, section: "5" }] },
  EXR_TTL_BELOW_MINIMUM: { severity: "warning", params: z.object({ ttl: num, minimum: num }), references: ttl },
  EXR_TTL_LOWER: { severity: "warning", params: z.object({ ttl: num, target: num }), references: ttl },
  EXR_TTL_LOWER_FIRST: { severity: "info", params: z.object({ ttl: num, target: num }), references: ttl },
  EXR_TTL_RAISE: { severity: "info", params: z.object({ ttl: num, target: num }), references: ttl },
} as const satisfies Record<string, FindingSpec>;

export type ExchangeReadinessCode = keyof typeof exchangeReadinessFindings;
