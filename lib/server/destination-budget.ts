// How often mailsec connects to one SMTP server, across every run of this server (and of every
// instance and batch worker sharing DATABASE_URL): at most `perMinute` connections per
// destination IP address per minute. Servers that are probed too often throttle (421) or
// blocklist the prober, and a public analyzer must not become a flood aimed at someone else's MX.
// Fixed one-minute windows: a burst across a window's edge may reach twice the figure, never more.
// The probe asks before each connection (SmtpProbeOptions.admit); a refusal is a value in the
// result ("budget-exhausted"), not a wait. Pure of Next; the PostgreSQL variant is
// destination-budget-postgres.ts, with the same decisions across processes.
import ipaddr from "ipaddr.js";

export interface DestinationBudgetSettings {
  /** Connections to one destination address per minute. */
  perMinute: number;
}

export interface DestinationBudget {
  /** Counts one connection to `ip` at `now`, or answers false (and counts nothing) when the minute's budget is spent. */
  take(ip: string, now: Date): Promise<boolean>;
  close(): Promise<void>;
}

export const WINDOW_MS = 60_000;

/** The default budget: a run probes each address at most three times (twice, plus a retry after throttling). */
export const DEFAULT_CONNECTIONS_PER_MINUTE = 12;

/** One key per destination address: "::ffff:192.0.2.1" and "192.0.2.1" are one server. */
export function destinationKey(ip: string): string {
  return ipaddr.isValid(ip) ? ipaddr.process(ip).toString() : ip;
}

// Past windows are swept once the table holds this many, so memory is bounded by the number of
// destinations probed within one minute.
const SWEEP_AT = 10_000;

/** One process, no database. */
export function memoryDestinationBudget(settings: DestinationBudgetSettings): DestinationBudget {
  const windows = new Map<string, { window: number; hits: number }>();
  return {
    take(ip, now) {
      const window = Math.floor(now.getTime() / WINDOW_MS);
      if (windows.size >= SWEEP_AT) for (const [key, w] of windows) if (w.window !== window) windows.delete(key);
      const key = destinationKey(ip);
      const current = windows.get(key);
      const hits = current?.window === window ? current.hits : 0;
      if (hits >= settings.perMinute) return Promise.resolve(false);
      windows.set(key, { window, hits: hits + 1 });
      return Promise.resolve(true);
    },
    close() {
      windows.clear();
      return Promise.resolve();
    },
  };
}
