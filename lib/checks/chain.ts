// The "DNSSEC chain of trust" step: every zone walked by any lookup of the run, once, in the order
// first met (root first for each lookup), with its evidence lines and verdict.
import { findingDefinition } from "../report/findings";
import { DnssecCode } from "../report/findings/dnssec";
import type { DnssecStatus } from "../report/schema";
import type { Lookup, ZoneReport } from "./ports";
import { worseDnssec } from "./present";
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
        seen.signatureFindings = [...new Set([...seen.signatureFindings, ...zone.signatureFindings])];
        for (const line of zone.lines) if (!seen.lines.includes(line)) seen.lines.push(line);
      }
    }
  }
  return [...byZone.values()];
}

const zoneWords: Record<DnssecStatus, { status: StepOutcome["status"]; text: string }> = {
  secure: { status: "success", text: "signed, and its keys are authenticated by the parent's DS records" },
  insecure: { status: "warning", text: "not signed (an insecure delegation proven by its parent)" },
  bogus: { status: "error", text: "signed, but fails DNSSEC validation (bogus)" },
  indeterminate: { status: "error", text: "not checkable: no usable answer arrived" },
};

/**
 * Why each zone is not plainly secure, as finding codes (so the step explains why and what to
 * change): the reason of every lookup that met the zone insecure, bogus or with bad signatures.
 */
function zoneFindings(lookups: readonly Lookup[]): Map<string, string[]> {
  const byZone = new Map<string, Set<string>>();
  for (const lookup of lookups) {
    const code = lookup.reason?.code;
    for (const zone of lookup.zones) {
      const key = zone.zone.toLowerCase();
      const codes = byZone.get(key) ?? new Set<string>();
      // Each signature that is not valid names its own finding (a warning when another carried the RRset).
      for (const signatureCode of zone.signatureFindings) if (findingDefinition(signatureCode)) codes.add(signatureCode);
      byZone.set(key, codes);
      if (zone.status === "secure" && zone.invalidSignatures === 0) continue;
      if (code !== undefined && findingDefinition(code)) codes.add(code);
      else if (zone.status === "insecure") codes.add(DnssecCode.INSECURE_DELEGATION);
      byZone.set(key, codes);
    }
  }
  return new Map([...byZone].map(([zone, codes]) => [zone, [...codes]]));
}

/** Ends `step` with one child per zone; `warnings` are validator remarks (e.g. deprecated algorithms). */
export function endChainStep(step: StepScope, lookups: readonly Lookup[]): void {
  const zones = mergeZones(lookups);
  const findings = zoneFindings(lookups);
  for (const zone of zones) {
    const words = zoneWords[zone.status];
    const child = step.begin(zone.zone, `Checking the zone '${zone.zone}'.`);
    const text = zone.zone === "." && zone.status === "secure" ? "signed, and its keys match the configured trust anchor" : words.text;
    // Authenticated keys with a bad signature below them: the zone is where the admin must act.
    const bad = zone.invalidSignatures > 0 ? ` ${zone.invalidSignatures} signature(s) in it do not validate (see the details).` : "";
    // RFC 6840 §5.11: a bad signature beside a valid one does not break the chain, so it only warns.
    const ignored = !bad && zone.signatureFindings.some((code) => findingDefinition(code)?.severity === "warning");
    const status = bad ? "error" : ignored && words.status === "success" ? "warning" : words.status;
    child.end({ status, summary: `The zone '${zone.zone}' is ${text}.${bad}`, details: zone.lines, findings: findings.get(zone.zone.toLowerCase()) ?? [] });
  }
  const warnings = [...new Set(lookups.flatMap((l) => l.warnings))];
  const statuses = lookups.map((l) => l.status).reduce(worseDnssec, "secure" as DnssecStatus);
  const worst = zoneWords[statuses];
  const status = warnings.length > 0 && worst.status === "success" ? "warning" : worst.status;
  const summary =
    statuses === "secure"
      ? `Every answer validated from the trust anchor down (${zones.length} zone${zones.length === 1 ? "" : "s"}).`
      : statuses === "insecure"
        ? "Some answers come from unsigned zones: DNSSEC (and so DANE) does not protect them."
        : statuses === "bogus"
          ? "Some answers fail DNSSEC validation (see the zones below)."
          : "Some answers could not be validated because no usable answer arrived.";
  // A lookup with no usable answer met no zone to explain it under; its reason goes on this step.
  const unanswered = lookups.flatMap((l) => (l.status === "indeterminate" && l.reason ? [l.reason.code] : []));
  const explained = [...new Set([...unanswered, ...lookups.flatMap((l) => l.warningCodes)])].filter((code) => findingDefinition(code) !== undefined);
  step.end({ status, summary: warnings.length > 0 ? `${summary} ${warnings.join(" ")}` : summary, details: warnings, findings: explained });
}
