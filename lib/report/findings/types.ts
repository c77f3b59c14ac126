// A finding is one thing mailsec can observe and judge, defined once: a stable code, how serious
// it is, the typed parameters that describe one case of it, the RFC rule behind it. The words (the
// message, why it matters, what to change) live per language in lib/report/i18n/<locale>/findings.ts;
// the core only ever builds `{ code, params }` (hickory's ProofErrorKind, zod's issues: data in the
// core, words at the edge).
import { z } from "zod";

export type Severity = "error" | "warning" | "info";

export interface RfcReference {
  rfc: number;
  section: string;
}

/** What no language changes about a finding. The area files hold one per code. */
export interface FindingSpec {
  severity: Severity;
  /** The parameters a message may use; the core must give every one. */
  params: z.ZodObject;
  references: readonly RfcReference[];
  /** RFC 8914 Extended DNS Error code, for DNSSEC findings. */
  ede?: number;
}

/** Parameter kinds. Strings are bounded: a parameter may quote a hostile server's text. */
export const str = z.string().max(2000);
export const num = z.number();

/** A parameter value as stored: what every catalogue's ICU message can format. */
export type ParamValue = string | number;
export type FindingParams = Record<string, ParamValue>;
