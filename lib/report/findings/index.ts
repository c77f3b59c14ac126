// The findings catalogue: every code mailsec can report, gathered from the area files, and the
// typed `Finding` the core builds: a discriminated union on `code` whose params are checked per
// code. The words are per language (lib/report/i18n/<locale>/findings.ts) and rendered by
// lib/report/i18n/render.ts.
import { z } from "zod";
import { enFindings } from "../i18n/en/findings";
import { MessageParamValue } from "../i18n/types";
import { certificateFindings } from "./certificate";
import { daneFindings } from "./dane";
import { dnssecFindings } from "./dnssec";
import { exchangeFindings } from "./exchange";
import { exchangeReadinessFindings } from "./exchange-readiness";
import { generalFindings } from "./general";
import { mailAuthFindings } from "./mail-auth";
import { policyFindings } from "./policies";
import { smtpFindings } from "./smtp";
import type { FindingParams, FindingSpec, RfcReference, Severity } from "./types";

export type { FindingParams, FindingSpec, ParamRecord, ParamValue, RfcReference, Severity } from "./types";

const areas = [generalFindings, dnssecFindings, daneFindings, certificateFindings, smtpFindings, exchangeFindings, policyFindings, mailAuthFindings, exchangeReadinessFindings] as const;

export const findingSpecs = {
  ...generalFindings,
  ...dnssecFindings,
  ...daneFindings,
  ...certificateFindings,
  ...smtpFindings,
  ...exchangeFindings,
  ...policyFindings,
  ...mailAuthFindings,
  ...exchangeReadinessFindings,
};

// Two areas claiming one code would make a finding's severity depend on the spread order.
if (areas.reduce((n, area) => n + Object.keys(area).length, 0) !== Object.keys(findingSpecs).length) {
  throw new Error("duplicate finding code across lib/report/findings areas");
}

type Specs = typeof findingSpecs;
export type FindingCode = keyof Specs;
export type FindingParamsOf<C extends FindingCode> = z.infer<Specs[C]["params"]>;

/** One observation, as data: the code and exactly the params that code declares. */
export type Finding = { [C in FindingCode]: { code: C; params: FindingParamsOf<C> } }[FindingCode];

/** A finding as stored: an older run may name a code or params this version no longer has. */
export const StoredFinding = z.object({
  code: z.string().min(1).max(100),
  params: z.record(z.string().max(100), MessageParamValue),
});
export type StoredFinding = z.infer<typeof StoredFinding>;

/** Builds a finding; the compiler checks the params against the code. */
export function finding<C extends FindingCode>(code: C, params: FindingParamsOf<C>): Finding {
  return { code, params } as Finding;
}

export function isFindingCode(code: string): code is FindingCode {
  return Object.hasOwn(findingSpecs, code);
}

export function findingSpec(code: string): FindingSpec | undefined {
  return isFindingCode(code) ? findingSpecs[code] : undefined;
}

/** The params a stored finding would need to be a typed Finding of this version (null: not one). */
export function parseFinding(stored: StoredFinding): Finding | null {
  const spec = findingSpec(stored.code);
  if (!spec) return null;
  const params = spec.params.safeParse(stored.params);
  return params.success ? ({ code: stored.code, params: params.data as FindingParams } as Finding) : null;
}

/**
 * A finding from a layer that builds codes and params loosely (the validator's DnssecCode and
 * params): checked against the spec when it fits; kept as given when it does not, so nothing is
 * lost (the lab-wide render test in tests/checks fails on such a mismatch).
 */
export function asFinding(loose: { code: string; params: FindingParams }): Finding {
  return parseFinding(loose) ?? ({ code: loose.code, params: { ...loose.params } } as Finding);
}

/** Each distinct finding once, in first-seen order (same code and same params, in any key order). */
export function uniqueFindings<F extends { code: string; params: FindingParams }>(findings: readonly F[]): F[] {
  if (findings.length < 2) return [...findings];
  const seen = new Set<string>();
  return findings.filter((f) => {
    // Keys in code-unit order: any total order makes one key per set of params, and this one
    // needs no collation (localeCompare's).
    const key = `${f.code}|${JSON.stringify(Object.entries(f.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function allFindingCodes(): FindingCode[] {
  return Object.keys(findingSpecs) as FindingCode[];
}

/**
 * A code's language-neutral spec with its English texts (ICU source, not rendered): for readers
 * that have not moved to lib/report/i18n/render.ts yet. Prefer renderFinding(locale, finding).
 */
export interface FindingDefinition extends FindingSpec {
  code: FindingCode;
  message: string;
  why: string;
  remediation: string;
}

export function findingDefinition(code: string): FindingDefinition | undefined {
  if (!isFindingCode(code)) return undefined;
  return { code, ...findingSpecs[code], ...enFindings[code] };
}

export function allFindingDefinitions(): FindingDefinition[] {
  return allFindingCodes().map((code) => findingDefinition(code)!);
}

export interface RenderedReference {
  label: string;
  url: string;
}

export function referenceLink(reference: RfcReference): RenderedReference {
  const section = reference.section.trim();
  const label = section ? `RFC ${reference.rfc} §${section}` : `RFC ${reference.rfc}`;
  // rfc-editor anchors: "section-3.1.3", appendices "appendix-B".
  const anchor = !section ? "" : /^[A-Z](\.|$)/.test(section) ? `#appendix-${section}` : `#section-${section}`;
  return { label, url: `https://www.rfc-editor.org/rfc/rfc${reference.rfc}${anchor}` };
}

export interface RenderedFinding {
  code: string;
  severity: Severity;
  message: string;
  why: string;
  remediation: string;
  references: RenderedReference[];
  ede?: number;
}

export function severityOf(code: string): Severity {
  return findingSpec(code)?.severity ?? "error";
}
