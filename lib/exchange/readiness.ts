// Where a domain stands on the move of its inbound mail to Exchange Online's DANE with DNSSEC, read
// from outside the tenant: the facts mailsec gathered (MX records, their TTL and DNSSEC status,
// the new MX host's TLSA records and DANE outcome, the MTA-STS policy, the apex TXT records) in;
// the stage, the refusal codes Microsoft's cmdlets would give today, and findings out. Pure: no
// I/O, no words (lib/report/i18n has those).
//
// The codes follow the check Enable-SmtpDaneInbound makes: the expected MX (Microsoft's
// DnssecMxValue) alone, at preference 0. During the migration some of them are expected — the
// legacy MX still in place is EX005 until step 6 — and the stage says so; the next step
// (next-step.ts) is what clears them in the seed's order.
import { finding, type Finding } from "../report/findings";
import type { DnssecStatus, DaneOutcome } from "../report/schema";
import type { MxTtlSource, ReadinessCode, ReadinessStage } from "../report/exchange-readiness-block";
import { bareName, findNewMx, isInitialDomain, isLegacyMx, isNewMxShape, verifiedForMicrosoft } from "./names";

/** How the MX lookup ended, as the readiness test reads it. */
export type MxOutcome = "records" | "no-mx" | "nxdomain" | "failed" | "bogus";

export interface MxRecord {
  host: string;
  preference: number;
  /** DNSSEC status of the host's address records (ED003 asks for one that is secure). */
  addressDnssec: DnssecStatus;
  /** The host's TLSA records and DANE outcome; absent when the host was not tested. */
  tlsa?: NewMxTlsa | null;
}

/** The expected MX's TLSA records at `_25._tcp.<host>` and what the DANE check made of them. */
export interface NewMxTlsa {
  name: string;
  status: "secure" | "insecure" | "absent" | "bogus" | "servfail";
  records: number;
  /** Per address of the host that was tested; empty when none was. */
  dane: DaneOutcome[];
}

export interface StsFacts {
  /** A `_mta-sts` TXT record is published (valid or not). */
  record: boolean;
  /** The policy was fetched and parsed. */
  policy: boolean;
  mode: "enforce" | "testing" | "none" | null;
  patterns: readonly string[];
  maxAge: number | null;
}

export interface ReadinessInput {
  domain: string;
  /** Microsoft's DnssecMxValue, when the admin gave it. */
  expectedMx: string | null;
  mxOutcome: MxOutcome;
  mx: readonly MxRecord[];
  /** The MX RRset's TTL (lib/checks/exchange.ts mxTtlOf: the signed Original TTL, else the answer's); null without records. */
  mxTtl: number | null;
  /** Where mxTtl comes from; absent: the answer's own TTL. */
  mxTtlSource?: MxTtlSource;
  sts: StsFacts;
  apexTexts: readonly string[];
  /** RFC 8461 §4.1 pattern matching, lib/policies' (passed in so this stays one implementation). */
  mxMatches: (pattern: string, host: string) => boolean;
}

export interface ReadinessAssessment {
  stage: ReadinessStage;
  codes: ReadinessCode[];
  expectedMx: string | null;
  legacyMx: string[];
  newMx: string | null;
  mxTtl: number | null;
  mxTtlSource: MxTtlSource | null;
  gateway: boolean;
  /** The expected MX is in place and DANE validates there. */
  daneWorks: boolean;
  findings: Finding[];
}

/** Step 3 of the procedure puts the new MX at this preference beside the legacy one. */
export const NEW_MX_PREFERENCE_BESIDE_LEGACY = 20;

interface Collected {
  codes: ReadinessCode[];
  findings: Finding[];
}

const add = (out: Collected, code: ReadinessCode, f: Finding): void => {
  out.codes.push(code);
  out.findings.push(f);
};

const list = (hosts: readonly string[]): string => hosts.join(", ");

/** The domain cannot be assessed further: onmicrosoft.com or an MX lookup that gave nothing usable. */
function early(input: ReadinessInput, domain: string): { code: ReadinessCode; finding: Finding; stage: ReadinessStage } | null {
  if (isInitialDomain(domain)) return { code: "DomainNotSupported", finding: finding("EXR_DOMAIN_NOT_SUPPORTED", { domain }), stage: "unsupported" };
  switch (input.mxOutcome) {
    case "nxdomain":
      return { code: "DnsNxDomain", finding: finding("EXR_DNS_NXDOMAIN", { domain }), stage: "unsupported" };
    case "failed":
      return { code: "DnsQueryFailed", finding: finding("EXR_DNS_QUERY_FAILED", { domain }), stage: "unsupported" };
    case "bogus":
      return { code: "EX010", finding: finding("EXR_EX010", { domain }), stage: "unsupported" };
    case "no-mx":
      return { code: "EX012", finding: finding("EXR_EX012", { domain }), stage: "not-exchange" };
    case "records":
      return input.mx.length === 0 ? { code: "EX012", finding: finding("EXR_EX012", { domain }), stage: "not-exchange" } : null;
  }
}

/** Stage from the arrangement of the new and legacy MX records. */
function stageOf(newPref: number | null, legacyPrefs: readonly number[]): ReadinessStage {
  if (newPref === null) return legacyPrefs.length > 0 ? "legacy-only" : "not-exchange";
  if (legacyPrefs.length === 0) return "new-mx-only";
  return newPref < Math.min(...legacyPrefs) ? "new-mx-primary" : "new-mx-added";
}

/** EX003–EX009: the expected MX's preference against the other records and against the current step. */
function preferenceCodes(out: Collected, host: string, pref: number, mx: readonly MxRecord[], legacyPresent: boolean, stage: ReadinessStage): void {
  const others = mx.filter((r) => bareName(r.host) !== host);
  if (pref !== 0) add(out, "EX003", finding("EXR_EX003", { host, preference: pref }));
  const same = others.filter((r) => r.preference === pref).map((r) => bareName(r.host));
  if (same.length > 0) add(out, "EX004", finding("EXR_EX004", { host, others: list(same), preference: pref }));
  const lessPreferred = others.filter((r) => r.preference > pref).map((r) => bareName(r.host));
  if (lessPreferred.length > 0) add(out, "EX005", finding("EXR_EX005", { host, others: list(lessPreferred) }));
  const morePreferred = others.filter((r) => r.preference < pref).map((r) => bareName(r.host));
  if (morePreferred.length > 0) add(out, "EX006", finding("EXR_EX006", { host, others: list(morePreferred) }));
  // The step in progress gives the new MX a preference: 20 beside a more preferred legacy MX
  // (step 3), 0 once it leads (step 5). A tie with the legacy MX is EX004's, not a step's.
  if (!legacyPresent || same.length > 0) return;
  const wanted = stage === "new-mx-added" ? NEW_MX_PREFERENCE_BESIDE_LEGACY : 0;
  if (pref > wanted) add(out, "EX008", finding("EXR_EX008", { host, preference: pref, wanted }));
  if (pref < wanted) add(out, "EX009", finding("EXR_EX009", { host, preference: pref, wanted }));
}

function stsCodes(out: Collected, input: ReadinessInput, domain: string, expected: string | null, stage: ReadinessStage): void {
  const { sts } = input;
  if (!sts.record && !sts.policy) return;
  if (expected === null) {
    add(out, "ES002", finding("EXR_ES002", { domain }));
    return;
  }
  if (!sts.policy) return;
  const covered = sts.patterns.some((p) => input.mxMatches(p, expected));
  if (sts.mode === "enforce" && !covered) {
    add(out, "ES001", finding("EXR_ES001", { domain, expected, patterns: list(sts.patterns) }));
    return;
  }
  const migrating = stage === "legacy-only" || stage === "new-mx-added" || stage === "new-mx-primary" || stage === "new-mx-only";
  if (sts.mode === "enforce" && migrating) out.findings.push(finding("EXR_STS_ENFORCE_DURING_MIGRATION", { domain }));
  if (sts.mode === "testing" && stage === "dane-enabled") out.findings.push(finding("EXR_STS_ENFORCE_AGAIN", { domain }));
}

/** dane-enabled: TLSA at `_25._tcp.<new MX>`, DNSSEC-secure, and at least one record matching at every address tested. */
function daneState(out: Collected, tlsa: NewMxTlsa | null, host: string): boolean {
  if (tlsa === null) return false;
  if (tlsa.status === "bogus" || tlsa.status === "servfail") {
    out.findings.push(finding("EXR_TLSA_FAILED", { host, name: tlsa.name, status: tlsa.status }));
    return false;
  }
  if (tlsa.status !== "secure" || tlsa.records === 0) return false;
  // Exchange publishes several records and expects some to fail: one match per address is enough,
  // which is what the DANE check's "pass" means (RFC 7672 §3).
  if (tlsa.dane.length > 0 && tlsa.dane.every((d) => d === "pass")) return true;
  out.findings.push(finding("EXR_TLSA_NO_MATCH", { host, name: tlsa.name }));
  return false;
}

export function assessReadiness(input: ReadinessInput): ReadinessAssessment {
  const domain = bareName(input.domain);
  const givenExpected = input.expectedMx === null ? null : bareName(input.expectedMx);
  const hosts = input.mx.map((r) => bareName(r.host));
  const legacy = input.mx.filter((r) => isLegacyMx(r.host));
  const legacyMx = [...new Set(legacy.map((r) => bareName(r.host)))];
  const base = { legacyMx, mxTtl: input.mxTtl, mxTtlSource: input.mxTtl === null ? null : (input.mxTtlSource ?? "answer"), gateway: false, daneWorks: false };
  const out: Collected = { codes: [], findings: [] };

  const stop = early(input, domain);
  if (stop) {
    return { ...base, stage: stop.stage, codes: [stop.code], expectedMx: givenExpected, newMx: null, findings: [stop.finding] };
  }

  // The new MX: the given DnssecMxValue when present; else any name of the new shape. A given value
  // that is absent while another name of the new shape is there is EX002 (a different value).
  let newMx: string | null = null;
  if (givenExpected !== null) {
    if (hosts.includes(givenExpected)) newMx = givenExpected;
    else {
      const other = hosts.filter(isNewMxShape);
      if (other.length > 0) {
        add(out, "EX002", finding("EXR_EX002", { domain, expected: givenExpected, found: list(other) }));
        newMx = other[0] ?? null;
      } else add(out, "EX007", finding("EXR_EX007", { domain, expected: givenExpected }));
    }
  } else {
    newMx = findNewMx(domain, hosts);
    if (newMx === null) add(out, "EX013", finding("EXR_EX013", { domain }));
  }
  const expected = givenExpected ?? newMx;
  const newPref = newMx === null ? null : Math.min(...input.mx.filter((r) => bareName(r.host) === newMx).map((r) => r.preference));
  let stage = stageOf(newPref, legacy.map((r) => r.preference));

  let gateway = false;
  if (stage === "not-exchange" && verifiedForMicrosoft(input.apexTexts)) {
    gateway = true;
    out.findings.push(finding("EXR_GATEWAY", { domain, hosts: list(hosts) }));
  }

  let daneWorks = false;
  if (newMx !== null && newPref !== null) {
    preferenceCodes(out, newMx, newPref, input.mx, legacy.length > 0, stage);
    // ED003: Exchange needs an MX whose address record validates (the new MX's zone is signed).
    if (!input.mx.some((r) => r.addressDnssec === "secure")) add(out, "ED003", finding("EXR_ED003", { domain }));
    daneWorks = daneState(out, input.mx.find((r) => bareName(r.host) === newMx)?.tlsa ?? null, newMx);
    if (daneWorks) stage = "dane-enabled";
  }
  stsCodes(out, input, domain, expected, stage);

  return { ...base, stage, codes: [...new Set(out.codes)].sort(), expectedMx: expected, newMx, gateway, daneWorks, findings: out.findings };
}
