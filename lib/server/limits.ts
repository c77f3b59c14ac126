// One run limiter per server process, like the store: in memory when alone, in PostgreSQL when
// DATABASE_URL is set so every instance behind a load balancer counts against the same limits.
import "server-only";
import { serverEnv } from "./env";
import type { RateLimitSettings, RunLimiter } from "./rate-limit";
import { memoryRunLimiter } from "./rate-limit";
import { postgresRunLimiter } from "./rate-limit-postgres";

// A run's slot outlives the run's own bound by this much before it lapses (its process died).
const SLOT_GRACE_MS = 30_000;
const slot = Symbol.for("mailsec.runLimiter");
type Holder = typeof globalThis & { [slot]?: Promise<RunLimiter> };

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
