// The validator's result in the shape the checks read: status, reason, records in presentation
// form, the denial proof and the chain of trust as lines per zone.
import { formatRecord } from "../dns/rdata";
import { asFinding, finding, uniqueFindings } from "../report/findings";
import { DnssecCode } from "../report/findings/dnssec";
import { flag, message, type Message } from "../report/i18n/message";
import type { Detail } from "../report/schema";
import { algorithmName } from "../dnssec/algorithms";
import type { DnskeyEvidence, SignatureEvidence, ValidationResult, Validator, ZoneEvidence } from "../dnssec/validator";
import type { Lookup, ZoneReport } from "./ports";
import { trustChainZone } from "./trust-chain";

/** A signature's class (RFC 4035 §5.3 / RFC 6840 §5.11): only one that breaks the chain is a failure. */
function signatureLine(sig: SignatureEvidence): Message {
  return message("detail.rrsig", {
    covers: sig.covers,
    keyTag: sig.keyTag,
    algorithm: sig.algorithm,
    inception: sig.inception,
    expiration: sig.expiration,
    verdict: sig.class,
    problem: sig.problem ?? "",
    ignored: flag(!sig.breaksChain),
  });
}

/**
 * Lines per piece of evidence they are made from, made once: the copies of a zone's evidence the
 * validator hands each lookup (with that lookup's answer signatures added) and the zone cache hands
 * each run share their DS, DNSKEY and signature evidence (never changed once handed out), so their
 * lines are the same objects, whose JSON the merge (assess-chain.ts) has already taken.
 */
const dsLinesOf = new WeakMap<readonly string[], readonly Detail[]>();
const keyLinesOf = new WeakMap<readonly DnskeyEvidence[], readonly Detail[]>();
const signatureLines = new WeakMap<SignatureEvidence, Detail>();

function madeOnce<K extends object, V>(memo: WeakMap<K, V>, source: K, make: (source: K) => V): V {
  let made = memo.get(source);
  if (made === undefined) {
    made = make(source);
    memo.set(source, made);
  }
  return made;
}

/** A line that runs share: frozen, so no step or report can change it under another run. */
const shared = (line: Message): Detail => Object.freeze({ key: line.key, params: Object.freeze(line.params) });

const dsLines = (ds: readonly string[]): readonly Detail[] => Object.freeze(ds.map((text) => shared(message("detail.ds", { ds: text }))));
const keyLines = (keys: readonly DnskeyEvidence[]): readonly Detail[] =>
  Object.freeze(
    keys.map((key) => shared(message("detail.dnskey", { keyTag: key.keyTag, algorithmName: algorithmName(key.algorithm), algorithm: key.algorithm, flags: key.flags, role: key.role, designated: flag(key.designated) }))),
  );

function zoneLines(zone: ZoneEvidence): Detail[] {
  const lines: Detail[] = [];
  if (zone.ds.length > 0) lines.push(...madeOnce(dsLinesOf, zone.ds, dsLines));
  if (zone.dnskeys.length > 0) lines.push(...madeOnce(keyLinesOf, zone.dnskeys, keyLines));
  for (const sig of zone.signatures) lines.push(madeOnce(signatureLines, sig, (evidence) => shared(signatureLine(evidence))));
  // The validator's own note on the zone (an insecure delegation, why a walk stopped).
  if (zone.note) lines.push(zone.note);
  if (zone.fromCache) lines.push(message("detail.zoneCache", { ageSeconds: zone.fromCache.ageSeconds }));
  return lines;
}

/**
 * Each zone's report, made once per evidence object: the validator hands the lookups of a run that
 * walked the same zone the same (never changed) ZoneEvidence, so the root's and the TLD's lines
 * and picture were rebuilt for every lookup, then merged back to one (assess-chain.ts). Frozen,
 * since it is shared; a zone the run did not keep leaves the map with its evidence.
 */
const reports = new WeakMap<ZoneEvidence, ZoneReport>();
/** A zone whose signatures are all valid (nearly every zone) has no findings: one frozen list for all. */
const NO_FINDINGS = Object.freeze([]) as unknown as ZoneReport["signatureFindings"];

function zoneReport(zone: ZoneEvidence): ZoneReport {
  const known = reports.get(zone);
  if (known !== undefined) return known;
  const report: ZoneReport = {
    zone: zone.zone,
    status: zone.status,
    lines: Object.freeze(zoneLines(zone)) as Detail[],
    invalidSignatures: zone.signatures.filter((s) => s.breaksChain).length,
    signatureFindings: zone.signatures.some((s) => s.finding) ? (Object.freeze(uniqueFindings(zone.signatures.flatMap((s) => (s.finding ? [asFinding(s.finding)] : [])))) as ZoneReport["signatureFindings"]) : NO_FINDINGS,
    chain: trustChainZone(zone),
  };
  reports.set(zone, Object.freeze(report));
  return report;
}

export function zoneReports(chain: readonly ZoneEvidence[]): ZoneReport[] {
  return chain.map(zoneReport);
}

export function lookupFromValidation(name: string, type: number, result: ValidationResult): Lookup {
  return {
    name,
    type,
    status: result.status,
    reason: result.reason ? asFinding(result.reason) : null,
    rcode: result.rcode,
    answer: result.answer,
    ...(result.signedTtl !== undefined ? { signedTtl: result.signedTtl } : {}),
    cnameChain: result.cnameChain.length > 0 ? result.cnameChain : [name],
    records: result.answer.map((rr) => formatRecord(rr)),
    denial: result.denial ? { kind: result.denial.kind, proof: result.denial.proof, optOut: result.denial.optOut } : null,
    zones: zoneReports(result.chain),
    warnings: uniqueFindings(result.warnings.map(asFinding)),
    unanswered: result.reason?.code === DnssecCode.NETWORK_FAILURE,
  };
}

/** A lookup through the validator; a thrown error (a bug, not the network) still becomes a value. */
export async function validatedLookup(validator: Validator, name: string, type: number): Promise<Lookup> {
  try {
    return lookupFromValidation(name, type, await validator.validate(name, type));
  } catch (error) {
    return {
      name,
      type,
      status: "indeterminate",
      reason: finding("INTERNAL_ERROR", { detail: error instanceof Error ? error.message : String(error) }),
      rcode: -1,
      answer: [],
      cnameChain: [name],
      records: [],
      denial: null,
      zones: [],
      warnings: [],
      unanswered: false,
    };
  }
}
