// What Exchange Online does with mail to the domain, one finding per outcome code. The facts come
// from Microsoft's published description of its inbound DANE behaviour; the wording is ours.
// The English texts live in lib/report/i18n/en/findings.ts; this file holds what no language changes:
// the code, its severity, its typed parameters and the RFC rules behind it.
import { z } from "zod";
import { num, str, type FindingSpec } from "./types";

export const exchangeFindings = {
  EXO_DELIVER: { severity: "info", params: z.object({ host: str }), references: [{rfc: 7672, section: "2.2"}] },
  EXO_NO_MAIL: { severity: "info", params: z.object({ domain: str, why: str }), references: [{rfc: 7505, section: "3"}] },
  EXO_4_7_321: { severity: "error", params: z.object({ host: str }), references: [{rfc: 7672, section: "2.2"}] },
  EXO_4_7_322: { severity: "error", params: z.object({ host: str }), references: [{rfc: 7672, section: "3.1.2"}] },
  EXO_4_7_323: { severity: "error", params: z.object({ host: str }), references: [{rfc: 7672, section: "3"}, {rfc: 7671, section: "5"}] },
  EXO_4_7_324: { severity: "error", params: z.object({ host: str }), references: [{rfc: 7672, section: "2.1.1"}, {rfc: 4035, section: "5"}] },
  EXO_4_4_312: { severity: "error", params: z.object({ host: str }), references: [{rfc: 7672, section: "2.1.1"}] },
  EXO_NO_HOST_REACHABLE: { severity: "error", params: z.object({ domain: str }), references: [{rfc: 5321, section: "4.5.4.1"}] },
  // untested/count: the hosts not tested (new runs); detail: the same as English text (runs stored before).
  EXO_INCONCLUSIVE: { severity: "warning", params: z.object({ untested: str.optional(), count: num.optional(), detail: str.optional() }), references: [{rfc: 5321, section: "4.2.5"}] },
} as const satisfies Record<string, FindingSpec>;
