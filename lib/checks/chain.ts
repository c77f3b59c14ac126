// The "DNSSEC chain of trust" step: every zone walked by any lookup of the run, once, in the order
// first met (root first for each lookup), with its evidence lines and verdict. What the zones mean
// is assess-chain.ts's; this file writes the step and its zone children.
import { uniqueFindings } from "../report/findings";
import { flag, message } from "../report/i18n/message";
import type { DnssecStatus } from "../report/schema";
import { assessChain, type ZoneAssessment } from "./assess-chain";
import type { Lookup } from "./ports";
import type { StepOutcome, StepScope } from "./runner";

const zoneStatus: Record<DnssecStatus, StepOutcome["status"]> = { secure: "success", insecure: "warning", bogus: "error", indeterminate: "error" };

function presentZone(zone: ZoneAssessment): StepOutcome {
  // Authenticated keys with a bad signature below them: the zone is where the admin must act;
  // a bad signature beside a valid one only warns (RFC 6840 §5.11).
  const words = zoneStatus[zone.dnssec];
  const status = zone.breaking > 0 ? "error" : zone.ignoredBadSignature && words === "success" ? "warning" : words;
  const summary = message("zone.summary", { zone: zone.zone, status: zone.dnssec, anchor: flag(zone.zone === "."), bad: zone.breaking });
  return { status, summary, details: zone.lines, findings: zone.findings };
}

/** Ends `step` with one child per zone; the lookups' warnings are validator remarks (e.g. deprecated algorithms). */
export function endChainStep(step: StepScope, lookups: readonly Lookup[]): void {
  const chain = assessChain(lookups);
  for (const zone of chain.zones) step.begin(zone.zone, message("zone.title", { zone: zone.zone })).end(presentZone(zone));
  const worst = zoneStatus[chain.dnssec];
  const status = chain.remarks.length > 0 && worst === "success" ? "warning" : worst;
  const children = step.childVerdict();
  const fromZones = uniqueFindings([...chain.unanswered, ...chain.remarks, ...(status === children.status ? children.findings : [])]);
  const explained = fromZones.length > 0 || status === "success" ? fromZones : chain.worstReasons;
  step.end({ status, summary: message("chain.summary", { status: chain.dnssec, zones: chain.zones.length, remarks: flag(chain.remarks.length > 0) }), findings: explained });
}
