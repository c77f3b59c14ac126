// Watches: a domain re-tested on an interval. Each due time is run once (watch_runs is keyed by
// (watch, due time), so a job retried after a crash stores no second run and sends no second
// webhook); the next due time only moves forward by compare-and-set, so two schedulers sharing the
// database enqueue each due time once.
import { z } from "zod";
import { TestKind } from "../report/schema";
import type { SqlDb } from "./sql-db";

export interface Watch {
  id: string;
  test: TestKind;
  input: string;
  intervalSeconds: number;
  webhookUrl: string | null;
  /** HMAC-SHA256 key of the webhook signature. */
  secret: string;
  certDays: number;
  rrsigDays: number;
  createdAt: string;
  nextRunAt: string;
}

/** What one run looked like, reduced to what the next run is compared with. */
export const WatchSignals = z.object({
  verdict: z.string(),
  findings: z.array(z.string()),
  /** Conditions that need action before they break mail (certificate or signature expiring). */
  alerts: z.array(z.string()),
});
export type WatchSignals = z.infer<typeof WatchSignals>;

export const WatchChange = z.object({
  kind: z.enum(["verdict-changed", "finding-appeared", "finding-cleared", "alert-raised", "alert-cleared"]),
  /** The finding code or alert key; for verdict-changed "<from>-><to>". */
  subject: z.string(),
});
export type WatchChange = z.infer<typeof WatchChange>;

export interface WatchRun {
  watchId: string;
  dueAt: string;
  runId: string;
  at: string;
  verdict: string;
  signals: WatchSignals;
  changes: WatchChange[];
}

export interface WebhookDelivery {
  id: string;
  watchId: string;
  dueAt: string;
  payload: string;
  state: "pending" | "delivered" | "failed";
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

interface WatchRow {
  id: string;
  test: string;
  input: string;
  interval_seconds: number;
  webhook_url: string | null;
  secret: string;
  cert_days: number;
  rrsig_days: number;
  created_at: string;
  next_run_at: string;
}

interface RunRow {
  watch_id: string;
  due_at: string;
  run_id: string;
  at: string;
  verdict: string;
  signals: string;
  changes: string;
}

interface DeliveryRow {
  id: string;
  watch_id: string;
  due_at: string;
  payload: string;
  state: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

function toWatch(row: WatchRow): Watch {
  return {
    id: row.id,
    test: TestKind.parse(row.test),
    input: row.input,
    intervalSeconds: Number(row.interval_seconds),
    webhookUrl: row.webhook_url,
    secret: row.secret,
    certDays: Number(row.cert_days),
    rrsigDays: Number(row.rrsig_days),
    createdAt: row.created_at,
    nextRunAt: row.next_run_at,
  };
}

function toRun(row: RunRow): WatchRun {
  return {
    watchId: row.watch_id,
    dueAt: row.due_at,
    runId: row.run_id,
    at: row.at,
    verdict: row.verdict,
    signals: WatchSignals.parse(JSON.parse(row.signals)),
    changes: z.array(WatchChange).parse(JSON.parse(row.changes)),
  };
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    watchId: row.watch_id,
    dueAt: row.due_at,
    payload: row.payload,
    state: z.enum(["pending", "delivered", "failed"]).parse(row.state),
    attempts: Number(row.attempts),
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

export function watchStore(db: SqlDb) {
  return {
    async create(watch: Watch): Promise<void> {
      await db.run(
        `INSERT INTO watches (id, test, input, interval_seconds, webhook_url, secret, cert_days, rrsig_days, created_at, next_run_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [watch.id, watch.test, watch.input, watch.intervalSeconds, watch.webhookUrl, watch.secret, watch.certDays, watch.rrsigDays, watch.createdAt, watch.nextRunAt],
      );
    },

    async get(id: string): Promise<Watch | null> {
      const rows = await db.all<WatchRow>("SELECT * FROM watches WHERE id = $1", [id]);
      return rows[0] ? toWatch(rows[0]) : null;
    },

    async remove(id: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        await tx.run("DELETE FROM webhook_deliveries WHERE watch_id = $1", [id]);
        await tx.run("DELETE FROM watch_runs WHERE watch_id = $1", [id]);
        return (await tx.run("DELETE FROM watches WHERE id = $1", [id])) === 1;
      });
    },

    /**
     * Retention: deletes watch runs recorded before `olderThan` except each watch's latest (the
     * next run is compared with it), and the webhook deliveries created before then that are no
     * longer pending. The watches themselves stay until removed. Returns the rows deleted.
     */
    async expire(olderThan: Date): Promise<number> {
      const cutoff = olderThan.toISOString();
      return db.transaction(async (tx) => {
        const runs = await tx.run(
          "DELETE FROM watch_runs WHERE at < $1 AND due_at < (SELECT MAX(l.due_at) FROM watch_runs l WHERE l.watch_id = watch_runs.watch_id)",
          [cutoff],
        );
        const deliveries = await tx.run("DELETE FROM webhook_deliveries WHERE created_at < $1 AND state <> 'pending'", [cutoff]);
        return runs + deliveries;
      });
    },

    async due(now: Date, limit: number): Promise<Watch[]> {
      const rows = await db.all<WatchRow>("SELECT * FROM watches WHERE next_run_at <= $1 ORDER BY next_run_at LIMIT $2", [now.toISOString(), limit]);
      return rows.map(toWatch);
    },

    /** Moves the next due time from `from` to `to`; false when another scheduler moved it first. */
    async advance(id: string, from: string, to: string): Promise<boolean> {
      return (await db.run("UPDATE watches SET next_run_at = $3 WHERE id = $1 AND next_run_at = $2", [id, from, to])) === 1;
    },

    /**
     * Stores the run of one due time, and the webhook it calls for, in one transaction unless that
     * due time is stored already; true when this call stored it.
     */
    async recordRun(run: WatchRun, delivery: { id: string; payload: string; createdAt: string } | null): Promise<boolean> {
      return db.transaction(async (tx) => {
        const changed = await tx.run(
          `INSERT INTO watch_runs (watch_id, due_at, run_id, at, verdict, signals, changes) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (watch_id, due_at) DO NOTHING`,
          [run.watchId, run.dueAt, run.runId, run.at, run.verdict, JSON.stringify(run.signals), JSON.stringify(run.changes)],
        );
        if (changed !== 1) return false;
        if (delivery) {
          await tx.run("INSERT INTO webhook_deliveries (id, watch_id, due_at, payload, state, created_at) VALUES ($1, $2, $3, $4, 'pending', $5)", [
            delivery.id,
            run.watchId,
            run.dueAt,
            delivery.payload,
            delivery.createdAt,
          ]);
        }
        return true;
      });
    },

    async run(watchId: string, dueAt: string): Promise<WatchRun | null> {
      const rows = await db.all<RunRow>("SELECT * FROM watch_runs WHERE watch_id = $1 AND due_at = $2", [watchId, dueAt]);
      return rows[0] ? toRun(rows[0]) : null;
    },

    /** The latest run stored before `dueAt`: what a new run is compared with. */
    async previousRun(watchId: string, dueAt: string): Promise<WatchRun | null> {
      const rows = await db.all<RunRow>("SELECT * FROM watch_runs WHERE watch_id = $1 AND due_at < $2 ORDER BY due_at DESC LIMIT 1", [watchId, dueAt]);
      return rows[0] ? toRun(rows[0]) : null;
    },

    /** The latest `limit` runs, oldest first. */
    async history(watchId: string, limit: number): Promise<WatchRun[]> {
      const rows = await db.all<RunRow>("SELECT * FROM watch_runs WHERE watch_id = $1 ORDER BY due_at DESC LIMIT $2", [watchId, limit]);
      return rows.map(toRun).reverse();
    },

    async delivery(id: string): Promise<WebhookDelivery | null> {
      const rows = await db.all<DeliveryRow>("SELECT * FROM webhook_deliveries WHERE id = $1", [id]);
      return rows[0] ? toDelivery(rows[0]) : null;
    },

    async noteAttempt(id: string, outcome: { delivered: true; at: Date } | { delivered: false; error: string; final: boolean }): Promise<void> {
      if (outcome.delivered) {
        await db.run("UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, delivered_at = $2, last_error = NULL WHERE id = $1", [id, outcome.at.toISOString()]);
      } else {
        await db.run("UPDATE webhook_deliveries SET state = $2, attempts = attempts + 1, last_error = $3 WHERE id = $1 AND state = 'pending'", [
          id,
          outcome.final ? "failed" : "pending",
          outcome.error.slice(0, 500),
        ]);
      }
    },

    async deliveries(watchId: string, limit: number): Promise<WebhookDelivery[]> {
      const rows = await db.all<DeliveryRow>("SELECT * FROM webhook_deliveries WHERE watch_id = $1 ORDER BY created_at DESC LIMIT $2", [watchId, limit]);
      return rows.map(toDelivery);
    },
  };
}

export type WatchStore = ReturnType<typeof watchStore>;
