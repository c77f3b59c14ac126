// The one status scale of mailsec and its orderings: how bad a step status is ("the worst of" a
// group of steps, the verdict) and how bad a DNSSEC status is (the worst of a host's A and AAAA
// lookups, a zone met by several lookups, the validator's chain). Every "worse" is asked here.
import type { DnssecStatus, StepStatus } from "./schema";

/** A running step never finished when a verdict is asked for: it ranks as a failure would. */
export const STATUS_RANK: Readonly<Record<StepStatus, number>> = { skipped: 0, info: 1, success: 2, running: 3, warning: 4, error: 5 };

export type SettledStatus = Exclude<StepStatus, "running">;

/** The worst of `statuses`; `running` counts as `error` (the step never settled). */
export function worstStatus(statuses: readonly StepStatus[], fallback: SettledStatus = "success"): SettledStatus {
  let worst: SettledStatus = fallback;
  for (const status of statuses) {
    const s = status === "running" ? "error" : status;
    if (STATUS_RANK[s] > STATUS_RANK[worst]) worst = s;
  }
  return worst;
}

export function worseStatus(a: StepStatus | null, b: StepStatus | null): StepStatus | null {
  if (a === null) return b;
  if (b === null) return a;
  return STATUS_RANK[b] > STATUS_RANK[a] ? b : a;
}

/** Secure < insecure < indeterminate < bogus: what the data is worth to a validating sender. */
export const DNSSEC_RANK: Readonly<Record<DnssecStatus, number>> = { secure: 0, insecure: 1, indeterminate: 2, bogus: 3 };

export function worseDnssec(a: DnssecStatus, b: DnssecStatus): DnssecStatus {
  return DNSSEC_RANK[b] > DNSSEC_RANK[a] ? b : a;
}

export function worstDnssec(statuses: readonly DnssecStatus[], fallback: DnssecStatus = "secure"): DnssecStatus {
  return statuses.reduce(worseDnssec, fallback);
}
