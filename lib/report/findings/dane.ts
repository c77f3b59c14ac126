// Findings of DANE matching (lib/dane/match.ts): one definition per code it emits. The message
// templates are filled with the parameters lib/dane reports, so the sentence shown in a step and
// the one a translation renders come from the same place.
// The English texts live in lib/report/i18n/en/findings.ts; this file holds what no language changes:
// the code, its severity, its typed parameters and the RFC rules behind it.
import { z } from "zod";
import { num, str, type FindingSpec } from "./types";

export const daneFindings = {
  DANE_NO_CERTIFICATE: { severity: "error", params: z.object({  }), references: [{rfc: 7672, section: "3.1"}] },
  DANE_CERT_UNPARSEABLE: { severity: "error", params: z.object({ depth: num }), references: [{rfc: 6698, section: "2.1.2"}] },
  DANE_TLSA_MISMATCH: { severity: "error", params: z.object({ count: num, records: str, leaf: str, expected: str }), references: [{rfc: 7672, section: "3.1"}, {rfc: 7671, section: "8.1"}] },
  // {chain} is worded from `chainSent` and the unparseable positions, {anchor} from `anchorSource`
  // and `anchorCert` or `anchorKey`, {certNames} from `certNameList`, {names} from the reference
  // names (lib/report/i18n/render.ts); a run stored before carries each as English text instead.
  DANE_TA_NOT_IN_CHAIN: { severity: "error", params: z.object({ records: str, chain: str.optional(), chainSent: str.optional(), unparseableCount: num.optional(), unparseable: str.optional() }), references: [{rfc: 7672, section: "3.1.2"}, {rfc: 7671, section: "5.2"}] },
  // {reason} is worded from `broken` (and position, issuer, child) by lib/report/i18n/render.ts; a
  // run stored before carries {reason} as English text instead.
  DANE_TA_CHAIN_BROKEN: { severity: "error", params: z.object({ record: str, anchor: str.optional(), anchorSource: str.optional(), anchorCert: str.optional(), anchorKey: str.optional(), leaf: str, reason: str.optional(), broken: str.optional(), position: num.optional(), issuer: str.optional(), child: str.optional() }), references: [{rfc: 7672, section: "3.1.2"}, {rfc: 7671, section: "5.2"}] },
  DANE_TA_NAME_MISMATCH: { severity: "error", params: z.object({ record: str, anchor: str.optional(), anchorSource: str.optional(), anchorCert: str.optional(), anchorKey: str.optional(), leaf: str, certNames: str.optional(), certNameList: str.optional(), names: str.optional(), referenceCount: num.optional(), referenceName: str.optional(), otherReferenceNames: str.optional() }), references: [{rfc: 7672, section: "3.1.2"}, {rfc: 7672, section: "3.2.2"}, {rfc: 7672, section: "3.2.3"}] },
  DANE_TA_CERT_EXPIRED: { severity: "error", params: z.object({ record: str, anchor: str.optional(), anchorSource: str.optional(), anchorCert: str.optional(), anchorKey: str.optional(), cert: str, notAfter: str }), references: [{rfc: 7672, section: "3.1.2"}] },
  DANE_TA_CERT_NOT_YET_VALID: { severity: "error", params: z.object({ record: str, anchor: str.optional(), anchorSource: str.optional(), anchorCert: str.optional(), anchorKey: str.optional(), cert: str, notBefore: str }), references: [{rfc: 7672, section: "3.1.2"}] },
  DANE_EE_LEAF_EXPIRED: { severity: "warning", params: z.object({ record: str, leaf: str, notAfter: str }), references: [{rfc: 7672, section: "3.1.1"}, {rfc: 7671, section: "5.1"}] },
  DANE_EE_LEAF_NOT_YET_VALID: { severity: "warning", params: z.object({ record: str, leaf: str, notBefore: str }), references: [{rfc: 7672, section: "3.1.1"}, {rfc: 7671, section: "5.1"}] },
  DANE_EE_NAME_MISMATCH: { severity: "info", params: z.object({ record: str, leaf: str, certNames: str.optional(), certNameList: str.optional(), names: str.optional(), referenceCount: num.optional(), referenceName: str.optional(), otherReferenceNames: str.optional() }), references: [{rfc: 7672, section: "3.1.1"}] },
  DANE_TLSA_NONE_USABLE: { severity: "warning", params: z.object({ count: num }), references: [{rfc: 7672, section: "2.2"}, {rfc: 7672, section: "3.1.3"}] },
  // {reason} is worded from `unusable` (lib/dane TlsaUnusableReason) and the record's fields by
  // lib/report/i18n/render.ts; a run stored before carries {reason} as English text instead.
  DANE_TLSA_RECORD_UNUSABLE: { severity: "info", params: z.object({ record: str, reason: str.optional(), unusable: str.optional(), usage: num.optional(), selector: num.optional(), matchingType: num.optional(), length: num.optional() }), references: [{rfc: 7672, section: "3.1.3"}] },
} as const satisfies Record<string, FindingSpec>;

/**
 * What Exchange Online reports for each failure (the Exchange Online DANE documentation), kept
 * beside the definitions because FindingDefinition has no field for it.
 */
export const daneExchangeCodes: Readonly<Record<string, "4.7.322" | "4.7.323">> = {
  DANE_NO_CERTIFICATE: "4.7.323",
  DANE_CERT_UNPARSEABLE: "4.7.323",
  DANE_TLSA_MISMATCH: "4.7.323",
  DANE_TA_NOT_IN_CHAIN: "4.7.323",
  DANE_TA_CHAIN_BROKEN: "4.7.323",
  DANE_TA_NAME_MISMATCH: "4.7.323",
  DANE_TA_CERT_EXPIRED: "4.7.322",
  DANE_TA_CERT_NOT_YET_VALID: "4.7.323",
};
