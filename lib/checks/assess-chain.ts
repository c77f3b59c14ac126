// What the chains of trust of a run's lookups mean, zone by zone (RFC 4035 §5, RFC 6840 §5.11):
// a pure assessment, the lookups in, every zone once with its status, evidence and findings out.
// chain.ts turns it into the "DNSSEC chain of trust" step and its zone children.
import { finding, severityOf, uniqueFindings, type Finding } from "../report/findings";
import type { Detail, DnssecStatus } from "../report/schema";
import { worseDnssec, worstDnssec } from "../report/status";
import type { Lookup, ZoneReport } from "./ports";

export interface ZoneAssessment {
  zone: string;
  /** The worst status any lookup met the zone with. */
  dnssec: DnssecStatus;
  /** Signatures that break the chain: no other signature carried their RRset. */
  breaking: number;
  /** A bad signature beside a valid one: reported, not a failure (RFC 6840 §5.11). */
  ignoredBadSignature: boolean;
  /** The zone's evidence (DS, DNSKEY, RRSIG, denial lines), each line once per run. */
  lines: Detail[];
  /** Why the zone is not plainly secure. */
  findings: Finding[];
}

export interface ChainAssessment {
  /** Every zone met, once, in the order first met (root first for each lookup). */
  zones: ZoneAssessment[];
  /** The worst status of the lookups. */
  dnssec: DnssecStatus;
  /** The lookups' remarks that do not change a status (deprecated algorithms, RFC 8624). */
  remarks: Finding[];
  /** The reasons of lookups that got no usable answer: they met no zone to explain them under. */
  unanswered: Finding[];
  /**
   * The reasons of the lookups at the worst status. A lookup made insecure or bogus by its denial
   * proof (NSEC3 iterations, opt-out) may leave every zone it met secure: these then explain it.
   */
  worstReasons: Finding[];
}

/**
 * One key per evidence line: a line is a raw record or a Message, and the same Message is built
 * anew for each lookup that walked the zone, so lines are compared by value, not by reference.
 */
const lineKey = (line: Detail): string => (typeof line === "string" ? `s:${line}` : `m:${messageKey(line)}`);

/** A Message line's JSON, once per line object: lookups that walked a zone share its report (lookup.ts). */
const messageKeys = new WeakMap<object, string>();
function messageKey(line: Exclude<Detail, string>): string {
  let key = messageKeys.get(line);
  if (key === undefined) {
    key = JSON.stringify(line);
    messageKeys.set(line, key);
  }
  return key;
}

/** The zones of every lookup, merged: the worst status, the most breaking signatures, every distinct line. */
export function mergeZones(lookups: readonly Lookup[]): ZoneReport[] {
  const byZone = new Map<string, { zone: ZoneReport; lineKeys: Set<string> }>();
  // A report merged once changes nothing the second time (the same status, count, findings, lines).
  const done = new Set<ZoneReport>();
  for (const lookup of lookups) {
    for (const zone of lookup.zones) {
      if (done.has(zone)) continue;
      done.add(zone);
      const key = zone.zone.toLowerCase();
      let seen = byZone.get(key);
      if (!seen) {
        seen = { zone: { ...zone, lines: [] }, lineKeys: new Set() };
        byZone.set(key, seen);
      } else {
        const merged = seen.zone;
        merged.status = worseDnssec(merged.status, zone.status);
        merged.invalidSignatures = Math.max(merged.invalidSignatures, zone.invalidSignatures);
        merged.signatureFindings = uniqueFindings([...merged.signatureFindings, ...zone.signatureFindings]);
      }
      for (const line of zone.lines) {
        const k = lineKey(line);
        if (seen.lineKeys.has(k)) continue;
        seen.lineKeys.add(k);
        seen.zone.lines.push(line);
      }
    }
  }
  return [...byZone.values()].map((z) => z.zone);
}

/** The parent of a zone name ("example.com." -> "com.", "com." -> "."). */
function parentOf(zone: string): string {
  const dot = zone.indexOf(".");
  const rest = dot >= 0 ? zone.slice(dot + 1) : "";
  return rest === "" ? "." : rest;
}

/**
 * Why each zone is not plainly secure, as findings (so the step explains why and what to change):
 * the reason of every lookup that met the zone insecure, bogus or with bad signatures.
 */
function zoneFindings(lookups: readonly Lookup[]): Map<string, Finding[]> {
  const byZone = new Map<string, Finding[]>();
  for (const lookup of lookups) {
    for (const zone of lookup.zones) {
      const key = zone.zone.toLowerCase();
      // Each signature that is not valid names its own finding (a warning when another carried the RRset).
      const found = [...(byZone.get(key) ?? []), ...zone.signatureFindings];
      if (!(zone.status === "secure" && zone.invalidSignatures === 0)) {
        if (lookup.reason) found.push(lookup.reason);
        else if (zone.status === "insecure") found.push(finding("DNSSEC_INSECURE_DELEGATION", { zone: zone.zone, parent: parentOf(zone.zone) }));
      }
      byZone.set(key, uniqueFindings(found));
    }
  }
  return byZone;
}

export function assessChain(lookups: readonly Lookup[]): ChainAssessment {
  const findings = zoneFindings(lookups);
  const zones = mergeZones(lookups).map(
    (zone): ZoneAssessment => ({
      zone: zone.zone,
      dnssec: zone.status,
      breaking: zone.invalidSignatures,
      ignoredBadSignature: zone.invalidSignatures === 0 && zone.signatureFindings.some((f) => severityOf(f.code) === "warning"),
      lines: zone.lines,
      findings: findings.get(zone.zone.toLowerCase()) ?? [],
    }),
  );
  const dnssec = worstDnssec(lookups.map((l) => l.status));
  return {
    zones,
    dnssec,
    remarks: uniqueFindings(lookups.flatMap((l) => l.warnings)),
    unanswered: lookups.flatMap((l) => (l.status === "indeterminate" && l.reason ? [l.reason] : [])),
    worstReasons: uniqueFindings(lookups.flatMap((l) => (l.status === dnssec && l.reason ? [l.reason] : []))),
  };
}
