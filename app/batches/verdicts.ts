// The values the batch and watch pages word from messages/ (jobs.verdict, watch.view.change,
// watch.view.delivery): what lib/jobs stores. A value this page does not know is shown as it is.
const isOneOf =
  <T extends string>(values: readonly T[]) =>
  (value: string): value is T =>
    (values as readonly string[]).includes(value);

/** A batch item's or a watch run's verdict: the run's three, "error" when it could not run, "pending" before it ran. */
export const JOB_VERDICTS = ["pass", "warning", "fail", "error", "pending"] as const;
export const isJobVerdict = isOneOf(JOB_VERDICTS);

/** What a watch compares run to run (the webhook's `changes[].kind`). */
export const isChangeKind = isOneOf(["verdict-changed", "finding-appeared", "finding-cleared", "alert-raised", "alert-cleared"] as const);

export const isDeliveryState = isOneOf(["pending", "delivered", "failed"] as const);
