// A watch run against the one before it: what changed. Pure. The first run of a watch has
// nothing to compare with; only its alerts (a certificate or signature about to expire) are news.
import type { ResultDocument } from "../report/schema";
import type { WatchChange, WatchSignals } from "../store/watches";
import { certificateAlerts, findingCodes, signatureAlerts, type AlertThresholds } from "./summary";

/** The valid signatures on the run's chain of trust (the result's trustChain), by zone. */
function chainSignatures(result: ResultDocument): { zone: string; expiration: string }[] {
  return (result.trustChain?.zones ?? []).flatMap((zone) => zone.signatures.filter((s) => s.valid).map((s) => ({ zone: zone.name, expiration: s.expiration })));
}

export function signalsOf(result: ResultDocument | null, now: Date, thresholds: AlertThresholds): WatchSignals {
  if (!result) return { verdict: "error", findings: [], alerts: [] };
  const alerts = new Set([...certificateAlerts(result, now, thresholds.certDays), ...signatureAlerts(chainSignatures(result), now, thresholds.rrsigDays)]);
  return { verdict: result.verdict, findings: findingCodes(result.steps).sort(), alerts: [...alerts].sort() };
}

function diff(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const a = new Set(before);
  const b = new Set(after);
  return { added: after.filter((x) => !a.has(x)), removed: before.filter((x) => !b.has(x)) };
}

export function compareSignals(previous: WatchSignals | null, next: WatchSignals): WatchChange[] {
  const changes: WatchChange[] = [];
  const alerts = diff(previous?.alerts ?? [], next.alerts);
  if (previous) {
    if (previous.verdict !== next.verdict) changes.push({ kind: "verdict-changed", subject: `${previous.verdict}->${next.verdict}` });
    const findings = diff(previous.findings, next.findings);
    for (const code of findings.added) changes.push({ kind: "finding-appeared", subject: code });
    for (const code of findings.removed) changes.push({ kind: "finding-cleared", subject: code });
  }
  for (const key of alerts.added) changes.push({ kind: "alert-raised", subject: key });
  for (const key of alerts.removed) changes.push({ kind: "alert-cleared", subject: key });
  return changes;
}
