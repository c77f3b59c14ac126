// Admission of new runs: a per-client budget (N starts per window, fixed windows) and a global cap
// on runs in progress. Pure of Next so it is tested directly; the PostgreSQL variant lives in
// rate-limit-postgres.ts and makes the same decisions across app instances.

export interface RateLimitSettings {
  /** Runs one client may start per window; null turns the per-client limit off. */
  perClient: { runs: number; windowMs: number } | null;
  /** Runs in progress at once (on all instances sharing the database). */
  maxConcurrent: number;
  /**
   * How long a run's slot is held at most: a process that dies mid-run never releases its slots,
   * so they lapse after this (the run timeout plus a grace).
   */
  slotTtlMs: number;
}

export type Admission =
  | { ok: true }
  | { ok: false; reason: "client" | "busy"; retryAfterSeconds: number; message: string };

export interface RunLimiter {
  /** Counts one run start for `client` and takes a slot for `runId`, or refuses without counting. */
  admit(client: string, runId: string, now: Date): Promise<Admission>;
  /** Frees the run's slot (idempotent). */
  release(runId: string): Promise<void>;
  close(): Promise<void>;
}

// A full server has no queue to predict from: runs last seconds, so a short wait is honest.
export const BUSY_RETRY_SECONDS = 15;

/** A time span in the largest whole unit a person would say: 30 s, 4 min, 2 h. Rounded up. */
function span(ms: number): { n: number; unit: "second" | "minute" | "hour" } {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return { n: seconds, unit: "second" };
  const minutes = Math.ceil(seconds / 60);
  // "90 minutes" is clearer than "2 hours" for a wait of 61 to 119 minutes.
  if (minutes < 120 && minutes !== 60) return { n: minutes, unit: "minute" };
  return { n: Math.ceil(minutes / 60), unit: "hour" };
}

/** "in 4 minutes", "in 1 hour". */
function duration(ms: number): string {
  const { n, unit } = span(ms);
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** "the last 10 minutes", "the last hour". */
function lastWindow(ms: number): string {
  const { n, unit } = span(ms);
  return n === 1 ? `the last ${unit}` : `the last ${n} ${unit}s`;
}

/** The refusal a person reads: what they did, and when they may try again. */
export function clientRefusal(count: number, windowMs: number, retryMs: number): Admission {
  return {
    ok: false,
    reason: "client",
    retryAfterSeconds: Math.max(1, Math.ceil(retryMs / 1000)),
    message: `You have started ${count} test${count === 1 ? "" : "s"} in ${lastWindow(windowMs)}; try again in ${duration(retryMs)}.`,
  };
}

export function busyRefusal(maxConcurrent: number): Admission {
  return {
    ok: false,
    reason: "busy",
    retryAfterSeconds: BUSY_RETRY_SECONDS,
    message: `mailsec is already running its maximum of ${maxConcurrent} tests at once; try again in ${BUSY_RETRY_SECONDS} seconds.`,
  };
}

interface Window {
  start: number;
  count: number;
}

// Expired windows are swept once the table holds this many clients, so memory stays bounded by
// the number of clients seen within one window.
const SWEEP_AT = 10_000;

/** One process, no database: everything in memory. */
export function memoryRunLimiter(settings: RateLimitSettings): RunLimiter {
  const windows = new Map<string, Window>();
  const slots = new Map<string, number>();

  const sweep = (now: number): void => {
    const windowMs = settings.perClient?.windowMs ?? 0;
    for (const [key, w] of windows) if (w.start + windowMs <= now) windows.delete(key);
    for (const [id, expires] of slots) if (expires <= now) slots.delete(id);
  };

  return {
    admit(client, runId, at) {
      const now = at.getTime();
      if (windows.size >= SWEEP_AT || slots.size >= settings.maxConcurrent) sweep(now);
      const limit = settings.perClient;
      let window = windows.get(client);
      if (limit) {
        if (!window || window.start + limit.windowMs <= now) window = { start: now, count: 0 };
        if (window.count >= limit.runs) {
          return Promise.resolve(clientRefusal(window.count, limit.windowMs, window.start + limit.windowMs - now));
        }
      }
      if (slots.size >= settings.maxConcurrent) return Promise.resolve(busyRefusal(settings.maxConcurrent));
      if (limit && window) {
        window.count += 1;
        windows.set(client, window);
      }
      slots.set(runId, now + settings.slotTtlMs);
      return Promise.resolve({ ok: true });
    },
    release(runId) {
      slots.delete(runId);
      return Promise.resolve();
    },
    close() {
      windows.clear();
      slots.clear();
      return Promise.resolve();
    },
  };
}
