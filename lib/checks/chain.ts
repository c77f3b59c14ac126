// The "DNSSEC chain of trust" step: every zone walked by any lookup of the run, once, in the order
// first met (root first for each lookup), with its evidence lines and verdict.
import { finding, severityOf, uniqueFindings, type Finding } from "../report/findings";
import { flag, message } from "../report/i18n/message";
import type { DnssecStatus } from "../report/schema";
import { worseDnssec, worstDnssec } from "../report/status";
import type { Lookup, ZoneReport } from "./ports";
import type { StepOutcome, StepScope } from "./runner";

export function mergeZones(lookups: readonly Lookup[]): ZoneReport[] {
  const byZone = new Map<string, ZoneReport>();
  for (const lookup of lookups) {
    for (const zone of lookup.zones) {
      const key = zone.zone.toLowerCase();
      const seen = byZone.get(key);
      if (!seen) byZone.set(key, { ...zone, lines: [...zone.lines] });
      else {
        seen.status = worseDnssec(seen.status, zone.status);
        seen.invalidSignatures = Math.max(seen.invalidSignatures, zone.invalidSignatures);
        seen.signatureFindings = uniqueFindings([...seen.signatureFindings, ...zone.signatureFindings]);
        for (const line of zone.lines) if (!seen.lines.includes(line)) seen.lines.push(line);
      }
    }
  }
  return [...byZone.values()];
}

const zoneStatus: Record<DnssecStatus, StepOutcome["status"]> = { secure: "success", insecure: "warning", bogus: "error", indeterminate: "error" };

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

/** Ends `step` with one child per zone; the lookups' warnings are validator remarks (e.g. deprecated algorithms). */
export function endChainStep(step: StepScope, lookups: readonly Lookup[]): void {
  const zones = mergeZones(lookups);
  const findings = zoneFindings(lookups);
  for (const zone of zones) {
    const child = step.begin(zone.zone, message("zone.title", { zone: zone.zone }));
    // Authenticated keys with a bad signature below them: the zone is where the admin must act.
    const bad = zone.invalidSignatures;
    // RFC 6840 §5.11: a bad signature beside a valid one does not break the chain, so it only warns.
    const ignored = bad === 0 && zone.signatureFindings.some((f) => severityOf(f.code) === "warning");
    const words = zoneStatus[zone.status];
    const status = bad > 0 ? "error" : ignored && words === "success" ? "warning" : words;
    const summary = message("zone.summary", { zone: zone.zone, status: zone.status, anchor: flag(zone.zone === "."), bad });
    child.end({ status, summary, details: zone.lines, findings: findings.get(zone.zone.toLowerCase()) ?? [] });
  }
  const warnings = uniqueFindings(lookups.flatMap((l) => l.warnings));
  const statuses = worstDnssec(lookups.map((l) => l.status));
  const worst = zoneStatus[statuses];
  const status = warnings.length > 0 && worst === "success" ? "warning" : worst;
  // A lookup with no usable answer met no zone to explain it under; its reason goes on this step.
  const unanswered = lookups.flatMap((l) => (l.status === "indeterminate" && l.reason ? [l.reason] : []));
  const children = step.childVerdict();
  const fromZones = uniqueFindings([...unanswered, ...warnings, ...(status === children.status ? children.findings : [])]);
  // A lookup made insecure or bogus by its denial proof (NSEC3 iterations, opt-out) may leave every
  // zone it met secure: its own reason then explains this step.
  const worstReasons = lookups.flatMap((l) => (l.status === statuses && l.reason ? [l.reason] : []));
  const explained = fromZones.length > 0 || status === "success" ? fromZones : uniqueFindings(worstReasons);
  step.end({ status, summary: message("chain.summary", { status: statuses, zones: zones.length, remarks: flag(warnings.length > 0) }), findings: explained });
}
