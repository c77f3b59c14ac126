// Findings about the run itself and the discovery of mail hosts (RFC 7672 §2.2, RFC 7505, RFC 5321
// §5.1): what was asked, which hosts receive mail for the domain, and whether their addresses and
// TLSA records could be learned with DNSSEC proof.
// The English texts live in lib/report/i18n/en/findings.ts; this file holds what no language changes:
// the code, its severity, its typed parameters and the RFC rules behind it.
import { z } from "zod";
import { num, str, type FindingSpec } from "./types";

export const generalFindings = {
  INPUT_INVALID: { severity: "error", params: z.object({ input: str, problem: str }), references: [{rfc: 1035, section: "2.3.1"}, {rfc: 5890, section: "2.3.2.1"}] },
  RUN_TIMED_OUT: { severity: "error", params: z.object({ seconds: num }), references: [] },
  INTERNAL_ERROR: { severity: "error", params: z.object({ detail: str }), references: [] },
  RESOLVER_UNREACHABLE: { severity: "error", params: z.object({ name: str, type: str }), references: [] },
  MX_NULL: { severity: "warning", params: z.object({ domain: str }), references: [{rfc: 7505, section: "3"}] },
  MX_IMPLICIT: { severity: "info", params: z.object({ domain: str }), references: [{rfc: 5321, section: "5.1"}, {rfc: 7672, section: "2.2.1"}] },
  DOMAIN_NXDOMAIN: { severity: "error", params: z.object({ domain: str }), references: [{rfc: 5321, section: "5.1"}] },
  MX_INSECURE: { severity: "warning", params: z.object({ domain: str }), references: [{rfc: 7672, section: "2.2.1"}] },
  MX_BOGUS: { severity: "error", params: z.object({ domain: str }), references: [{rfc: 7672, section: "2.1.1"}, {rfc: 4035, section: "5.5"}] },
  MX_LOOKUP_FAILED: { severity: "error", params: z.object({ domain: str }), references: [{rfc: 7672, section: "2.1.1"}] },
  HOST_ADDRESS_BOGUS: { severity: "error", params: z.object({ host: str }), references: [{rfc: 7672, section: "2.1.1"}] },
  HOST_ADDRESS_INSECURE: { severity: "warning", params: z.object({ host: str }), references: [{rfc: 7672, section: "2.2.2"}] },
  HOST_NO_ADDRESS: { severity: "error", params: z.object({ host: str }), references: [{rfc: 5321, section: "5.1"}] },
  HOST_CNAME_INSECURE: { severity: "warning", params: z.object({ host: str }), references: [{rfc: 7672, section: "2.2.2"}] },
  TLSA_LOOKUP_SECURE: { severity: "info", params: z.object({ name: str, count: num, usable: num }), references: [{rfc: 7672, section: "2.2"}] },
  TLSA_LOOKUP_ABSENT: { severity: "info", params: z.object({ name: str }), references: [{rfc: 7672, section: "2.2"}] },
  TLSA_LOOKUP_INSECURE: { severity: "warning", params: z.object({ name: str }), references: [{rfc: 7672, section: "2.2"}] },
  TLSA_LOOKUP_BOGUS: { severity: "error", params: z.object({ name: str }), references: [{rfc: 7672, section: "2.2"}] },
  TLSA_LOOKUP_SERVFAIL: { severity: "error", params: z.object({ name: str }), references: [{rfc: 7672, section: "2.2"}] },
} as const satisfies Record<string, FindingSpec>;
