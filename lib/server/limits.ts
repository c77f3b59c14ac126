// One run limiter per server process, like the store: in memory when alone, in PostgreSQL when
// DATABASE_URL is set so every instance behind a load balancer counts against the same limits.
import "server-only";
import { serverEnv } from "./env";
import { memoryDestinationBudget, type DestinationBudget } from "./destination-budget";
import { postgresDestinationBudget } from "./destination-budget-postgres";
import type { RateLimitSettings, RunLimiter } from "./rate-limit";
import { memoryRunLimiter } from "./rate-limit";
import { postgresRunLimiter } from "./rate-limit-postgres";

// A run's slot outlives the run's own bound by this much before it lapses (its process died).
const SLOT_GRACE_MS = 30_000;
const slot = Symbol.for("mailsec.runLimiter");
const budgetSlot = Symbol.for("mailsec.destinationBudget");
type Holder = typeof globalThis & { [slot]?: Promise<RunLimiter>; [budgetSlot]?: Promise<DestinationBudget> };

export function runLimiter(): Promise<RunLimiter> {
  const holder = globalThis as Holder;
  holder[slot] ??= (async () => {
    const env = serverEnv();
    const settings: RateLimitSettings = {
      perClient: env.rateLimit,
      maxConcurrent: env.maxConcurrentRuns,
      slotTtlMs: env.runTimeoutMs + SLOT_GRACE_MS,
    };
    return env.databaseUrl ? postgresRunLimiter(env.databaseUrl, settings) : memoryRunLimiter(settings);
  })().catch((err: unknown) => {
    // Let the next request retry (PostgreSQL still starting) instead of caching the failure.
    delete holder[slot];
    throw err;
  });
  return holder[slot];
}

/** The per-destination SMTP connection budget, shared like the run limiter (PostgreSQL when DATABASE_URL is set). */
export function destinationBudget(): Promise<DestinationBudget> {
  const holder = globalThis as Holder;
  holder[budgetSlot] ??= (async () => {
    const env = serverEnv();
    const settings = { perMinute: env.smtpConnectionsPerMinute };
    return env.databaseUrl ? postgresDestinationBudget(env.databaseUrl, settings) : memoryDestinationBudget(settings);
  })().catch((err: unknown) => {
    delete holder[budgetSlot];
    throw err;
  });
  return holder[budgetSlot];
}
