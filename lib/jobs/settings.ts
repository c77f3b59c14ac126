// The settings of batches, watches and the job queue, read from the environment by the web server
// and by `mailsec worker` / `mailsec batch` alike. Pure (the environment comes in): a bad value
// throws a message that names the variable, at start.
import { z } from "zod";
import { DEFAULT_CONNECTIONS_PER_MINUTE } from "../server/destination-budget";
import { positiveInt } from "../server/env-parse";
import type { JobName, QueueSettings, RetryPolicy } from "./queue";

export interface JobSettings {
  /** Bearer tokens that may create batches and watches; empty: those APIs are off. */
  apiTokens: string[];
  /** Jobs one process runs at once (the web server's embedded runner, or `mailsec worker`'s default). */
  concurrency: number;
  /** How long a job may run before it counts as abandoned (its worker died) and is retried. */
  leaseSeconds: number;
  /** First delay before a throttled batch item is tried again (doubles, up to 8 tries). */
  throttleRetrySeconds: number;
  /** First delay before a failed webhook is sent again (doubles, 6 retries). */
  webhookRetrySeconds: number;
  /**
   * The web server's MAILSEC_SMTP_CONNECTIONS_PER_MINUTE, read by workers too: the budget is
   * shared through PostgreSQL, the limit is each caller's, so every process must use one figure.
   */
  connectionsPerMinute: number;
}

/** Tries of a throttled batch item before its (inconclusive) result is kept. */
export const MAX_THROTTLED_TRIES = 8;
const WEBHOOK_RETRIES = 6;

const Env = z.object({
  MAILSEC_API_TOKENS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const tokens = (v ?? "").split(",").map((t) => t.trim()).filter((t) => t !== "");
      // A short token is guessable whatever the comparison: ask for 128 bits' worth of base64.
      if (tokens.some((t) => t.length < 22 || !/^[\x21-\x7e]+$/.test(t))) {
        ctx.addIssue({ code: "custom", message: "each token must be at least 22 printable ASCII characters without spaces (e.g. `openssl rand -base64 24`)" });
        return z.NEVER;
      }
      return tokens;
    }),
  MAILSEC_WORKER_CONCURRENCY: positiveInt(4, 256),
  MAILSEC_JOB_LEASE_SECONDS: positiveInt(0, 86_400),
  MAILSEC_RUN_TIMEOUT_SECONDS: positiveInt(60, 3600),
  MAILSEC_THROTTLE_RETRY_SECONDS: positiveInt(30, 3600),
  MAILSEC_WEBHOOK_RETRY_SECONDS: positiveInt(30, 3600),
  MAILSEC_SMTP_CONNECTIONS_PER_MINUTE: positiveInt(DEFAULT_CONNECTIONS_PER_MINUTE, 10_000),
});

export function parseJobSettings(env: Record<string, string | undefined>): JobSettings {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`mailsec: invalid environment\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    apiTokens: e.MAILSEC_API_TOKENS,
    concurrency: e.MAILSEC_WORKER_CONCURRENCY,
    // A job's run is bounded by the run timeout; the lease must outlast it or a slow run would be
    // taken for a dead one and run twice.
    leaseSeconds: e.MAILSEC_JOB_LEASE_SECONDS || e.MAILSEC_RUN_TIMEOUT_SECONDS + 30,
    throttleRetrySeconds: e.MAILSEC_THROTTLE_RETRY_SECONDS,
    webhookRetrySeconds: e.MAILSEC_WEBHOOK_RETRY_SECONDS,
    connectionsPerMinute: e.MAILSEC_SMTP_CONNECTIONS_PER_MINUTE,
  };
}

export function queueSettings(settings: JobSettings, pollSeconds: number): QueueSettings {
  const retry: Record<JobName, RetryPolicy> = {
    // A batch item or watch run is retried when its worker died or the store failed, not when the
    // run found a fault (that is its result).
    "batch-item": { retryLimit: 4, retryDelaySeconds: 2 },
    "watch-run": { retryLimit: 4, retryDelaySeconds: 5 },
    "watch-tick": { retryLimit: 0, retryDelaySeconds: 1 },
    webhook: { retryLimit: WEBHOOK_RETRIES, retryDelaySeconds: settings.webhookRetrySeconds },
  };
  return {
    leaseSeconds: settings.leaseSeconds,
    retry,
    pollSeconds,
    // Expired leases are looked for a few times per lease.
    maintenanceSeconds: Math.max(1, Math.min(30, Math.floor(settings.leaseSeconds / 4))),
  };
}

export const WEBHOOK_ATTEMPTS = WEBHOOK_RETRIES + 1;
