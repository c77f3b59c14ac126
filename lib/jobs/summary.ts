// What batches and watches keep of a run: the one-row summary of a batch item, and the signals a
// watch compares run to run. Pure functions of the result document.
import { findingDefinition } from "../report/findings";
import type { ResultDocument, RunFailure, Step } from "../report/schema";
import type { ItemOutcome } from "../store/batches";

const DAY_MS = 86_400_000;

// Step.findings holds codes today and {code, params} once findings are data everywhere: read both.
function codeOf(finding: string | { code: string }): string {
  return typeof finding === "string" ? finding : finding.code;
}

/** Every finding code named anywhere in the step tree, each once, in reading order. */
export function findingCodes(steps: readonly Step[]): string[] {
  const seen = new Set<string>();
  const walk = (list: readonly Step[]): void => {
    for (const step of list) {
      for (const f of step.findings ?? []) seen.add(codeOf(f));
      walk(step.children);
    }
  };
  walk(steps);
  return [...seen];
}

/** The codes behind a verdict: findings of error or warning severity (info ones explain, they do not fail). */
export function failingCodes(steps: readonly Step[]): string[] {
  return findingCodes(steps).filter((code) => {
    const severity = findingDefinition(code)?.severity;
    return severity === "error" || severity === "warning";
  });
}

// Why an address went untested that a later try can fix: its own throttling (421/450) or our
// per-destination connection budget across runs and workers.
const THROTTLE_CODES: ReadonlySet<string> = new Set(["SMTP_THROTTLED", "SMTP_CONNECTION_BUDGET"]);

/**
 * Whether the run is inconclusive because of throttling (the server's, or the destination budget
 * shared by every worker): such a batch item is tried again later, not reported. An inconclusive
 * result for another reason (the address policy) is final.
 */
export function isThrottled(result: ResultDocument): boolean {
  return result.exchangeOnline.outcome === "inconclusive" && findingCodes(result.steps).some((code) => THROTTLE_CODES.has(code));
}

export function itemOutcome(runId: string, result: ResultDocument): ItemOutcome {
  return {
    runId,
    verdict: result.verdict,
    dnssec: result.dnssec,
    exchangeCode: result.exchangeOnline.code,
    mxCount: result.mx.length,
    findings: failingCodes(result.steps),
    error: null,
    readiness: result.exchangeReadiness ? { stage: result.exchangeReadiness.stage, codes: result.exchangeReadiness.codes } : null,
  };
}

export function errorOutcome(runId: string | null, failure: RunFailure): ItemOutcome {
  return { runId, verdict: "error", dnssec: null, exchangeCode: null, mxCount: null, findings: [], error: failure, readiness: null };
}

export interface AlertThresholds {
  certDays: number;
  rrsigDays: number;
}

/**
 * A certificate expiring within `certDays` is a problem unless a TLSA record would still match
 * after it is replaced: a DANE-TA (2) record (the replacement chains to the same anchor) or a
 * DANE-EE (3) record that matches nothing presented today (the next key, published ahead, as
 * RFC 7671 §8.1 advises). With no usable TLSA record nothing would match: the alert stands.
 */
export function certificateAlerts(result: ResultDocument, now: Date, certDays: number): string[] {
  const alerts: string[] = [];
  for (const mx of result.mx) {
    const usable = mx.tlsa.records.filter((r) => /^[23] /.test(r));
    const matched = new Set(mx.addresses.map((a) => a.matchedRecord).filter((r): r is string => r !== undefined));
    const covered = usable.some((r) => r.startsWith("2 ") || !matched.has(r));
    for (const address of mx.addresses) {
      const notAfter = address.certificate ? Date.parse(address.certificate.notAfter) : Number.NaN;
      if (Number.isNaN(notAfter) || notAfter - now.getTime() > certDays * DAY_MS) continue;
      if (!covered) alerts.push(`certificate-expiring:${mx.host}/${address.ip}`);
    }
  }
  return alerts;
}

/** A signature on the chain of trust that expires within `rrsigDays`: one alert per zone. */
export function signatureAlerts(expirations: readonly { zone: string; expiration: string }[], now: Date, rrsigDays: number): string[] {
  return expirations
    .filter((e) => {
      const at = Date.parse(e.expiration);
      return !Number.isNaN(at) && at - now.getTime() <= rrsigDays * DAY_MS;
    })
    .map((e) => `rrsig-expiring:${e.zone}`);
}
