// The store for several app instances: PostgreSQL when DATABASE_URL is set. Same schema and
// statements as SQLite; migrations take an advisory lock so instances starting together apply
// each one once.
import pg from "pg";
import type { RunEvent } from "../report/schema";
import { inLockedTransaction, openPool } from "./pg-pool";
import { HEARTBEAT_SQL, INTERRUPT_SQL, MIGRATIONS } from "./migrations";
import { outcomeColumns, toStoredRun, type RunRow } from "./rows";
import type { RunMeta, RunOutcome, RunStore, StoredRun } from "./types";

// Any fixed number: it only has to be the same for every mailsec instance.
const MIGRATION_LOCK = 76_720_001;

async function migrate(client: pg.PoolClient): Promise<void> {
  await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  const { rows } = await client.query<{ v: number | null }>("SELECT MAX(version) AS v FROM schema_migrations");
  const applied = rows[0]?.v ?? 0;
  for (const [i, sql] of MIGRATIONS.entries()) {
    if (i + 1 <= applied) continue;
    await client.query(sql);
    await client.query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", [i + 1, new Date().toISOString()]);
  }
}

export async function openPostgresStore(connectionString: string, instanceId: string): Promise<RunStore> {
  const pool = await openPool(connectionString, 10, (p) => inLockedTransaction(p, MIGRATION_LOCK, migrate));
  // The pool runs queries on several connections at once: a run's writes wait for the one before
  // (the port's order guarantee), while different runs' writes still go in parallel.
  const tails = new Map<string, Promise<void>>();
  const inOrder = (id: string, write: () => Promise<unknown>): Promise<void> => {
    const next = (tails.get(id) ?? Promise.resolve()).catch(() => undefined).then(write).then(() => undefined);
    tails.set(id, next);
    const forget = (): void => {
      if (tails.get(id) === next) tails.delete(id);
    };
    next.then(forget, forget);
    return next;
  };

  return {
    createRun(meta: RunMeta) {
      const values = [meta.id, meta.test, meta.input, meta.startedAt.toISOString(), instanceId];
      return inOrder(meta.id, () => pool.query("INSERT INTO runs (id, test, input, status, started_at, owner) VALUES ($1, $2, $3, 'running', $4, $5)", values));
    },
    appendEvent(id: string, event: RunEvent, text?: string) {
      const values = [id, text ?? JSON.stringify(event)];
      return inOrder(id, () =>
        pool.query("INSERT INTO run_events (run_id, seq, event) VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM run_events WHERE run_id = $1), $2)", values),
      );
    },
    finishRun(id: string, outcome: RunOutcome, at: Date) {
      const c = outcomeColumns(outcome);
      const values = [id, c.status, c.result, c.error, at.toISOString()];
      return inOrder(id, () => pool.query("UPDATE runs SET status = $2, result = $3, error = $4, finished_at = $5 WHERE id = $1 AND status = 'running'", values));
    },
    async getRun(id: string): Promise<StoredRun | null> {
      const { rows } = await pool.query<RunRow>("SELECT * FROM runs WHERE id = $1", [id]);
      const row = rows[0];
      if (!row) return null;
      if (row.result !== null) return toStoredRun(row, []);
      const events = await pool.query<{ event: string }>("SELECT event FROM run_events WHERE run_id = $1 ORDER BY seq", [id]);
      return toStoredRun(
        row,
        events.rows.map((e) => e.event),
      );
    },
    async heartbeat(at: Date) {
      await pool.query(HEARTBEAT_SQL, [instanceId, at.toISOString()]);
    },
    async markInterrupted(at: Date, staleBefore: Date) {
      const res = await pool.query(INTERRUPT_SQL, [at.toISOString(), instanceId, staleBefore.toISOString()]);
      return res.rowCount ?? 0;
    },
    async expire(olderThan: Date) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const cutoff = olderThan.toISOString();
        await client.query("DELETE FROM run_events WHERE run_id IN (SELECT id FROM runs WHERE started_at < $1)", [cutoff]);
        await client.query("DELETE FROM instances WHERE seen_at < $1", [cutoff]);
        const res = await client.query("DELETE FROM runs WHERE started_at < $1", [cutoff]);
        await client.query("COMMIT");
        return res.rowCount ?? 0;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await Promise.allSettled([...tails.values()]);
      await pool.end();
    },
  };
}
