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

/**
 * One entry of a list parameter (DNSSEC_NETWORK_FAILURE's `attempts`): flat scalars, so each entry
 * is worded by one catalogue text and lib/report/i18n/render.ts joins them (its LISTS table).
 */
export type ParamRecord = Readonly<Record<string, string | number>>;

/** A parameter value as stored: a scalar every catalogue's ICU message can format, or a list of records. */
export type ParamValue = string | number | readonly ParamRecord[];
export type FindingParams = Record<string, ParamValue>;

/** A list parameter of at most `max` entries of `item`'s shape. */
export const list = <T extends z.ZodObject>(item: T, max = 32) => z.array(item).max(max);
