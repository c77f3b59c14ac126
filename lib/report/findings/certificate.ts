// Findings of the certificate checks of the Inbound SMTP Email test (lib/dane/certificate.ts).
// Opportunistic SMTP senders deliver over TLS whatever the certificate looks like, so most of these
// are warnings: they matter to senders that authenticate (DANE-TA, MTA-STS) and to people reading.
// The English texts live in lib/report/i18n/en/findings.ts; this file holds what no language changes:
// the code, its severity, its typed parameters and the RFC rules behind it.
import { z } from "zod";
import { num, str, type FindingSpec } from "./types";

export const certificateFindings = {
  CERT_NONE: { severity: "error", params: z.object({  }), references: [{rfc: 8446, section: "4.4.2"}] },
  CERT_UNREADABLE: { severity: "error", params: z.object({ depth: num }), references: [{rfc: 5280, section: "4.1"}] },
  CERT_EXPIRED: { severity: "error", params: z.object({ cert: str, notAfter: str, days: num }), references: [{rfc: 5280, section: "4.1.2.5"}] },
  CERT_NOT_YET_VALID: { severity: "error", params: z.object({ cert: str, notBefore: str }), references: [{rfc: 5280, section: "4.1.2.5"}] },
  CERT_EXPIRING_SOON: { severity: "warning", params: z.object({ cert: str, notAfter: str, days: num }), references: [{rfc: 5280, section: "4.1.2.5"}] },
  // {certNames} is worded from `certNameList` ("" for none) by lib/report/i18n/render.ts; a run
  // stored before carries {certNames} as English text instead.
  CERT_NAME_MISMATCH: { severity: "warning", params: z.object({ cert: str, certNames: str.optional(), certNameList: str.optional(), host: str }), references: [{rfc: 7672, section: "3.2.3"}, {rfc: 6125, section: "6.4"}] },
  CERT_SELF_SIGNED: { severity: "warning", params: z.object({ cert: str }), references: [{rfc: 5280, section: "6.1"}, {rfc: 7672, section: "3.1.1"}] },
  // {reason} and CERT_CHAIN_ORDER's {detail} are worded from tokens by lib/report/i18n/render.ts; a run
  // stored before carries them as English text instead.
  CERT_UNTRUSTED: { severity: "warning", params: z.object({ cert: str, reason: str.optional(), untrusted: str.optional(), top: str.optional(), topIssuer: str.optional() }), references: [{rfc: 5280, section: "6.1"}] },
  CERT_INTERMEDIATE_OUT_OF_DATE: { severity: "warning", params: z.object({ cert: str, notBefore: str, notAfter: str }), references: [{rfc: 5280, section: "6.1.3"}] },
  CERT_WEAK_KEY: { severity: "warning", params: z.object({ cert: str, keyType: str, keySize: num }), references: [{rfc: 7525, section: "4.5"}] },
  // {algorithm} is worded from the signature tokens (lib/dane/certificate.ts SignatureTokens) by
  // lib/report/i18n/render.ts; a run stored before carries it as English text instead.
  CERT_SHA1_SIGNATURE: { severity: "warning", params: z.object({ cert: str, algorithm: str.optional(), signatureScheme: str.optional(), signatureHash: str.optional(), signatureOid: str.optional() }), references: [{rfc: 9155, section: "2"}] },
  CERT_CHAIN_ORDER: { severity: "warning", params: z.object({ detail: str.optional(), disorder: str.optional(), position: num.optional(), issuer: str.optional(), child: str.optional() }), references: [{rfc: 5246, section: "7.4.2"}, {rfc: 8446, section: "4.4.2"}] },
} as const satisfies Record<string, FindingSpec>;
