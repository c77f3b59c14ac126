// The store for several app instances: PostgreSQL when DATABASE_URL is set. Same schema and
// statements as SQLite; migrations take an advisory lock so instances starting together apply
// each one once.
import pg from "pg";
import type { RunEvent } from "../report/schema";
import { pgBatchWriter } from "./pg-batch";
import { inLockedTransaction, inTransaction, openPool } from "./pg-pool";
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
  // A turn's writes of every run in one transaction (pg-batch.ts), a run's in the order asked.
  const writes = pgBatchWriter(pool, instanceId);
  const appendText = (id: string, text: string): Promise<void> => writes.write({ kind: "event", id, text });
  const finish = (id: string, c: ReturnType<typeof outcomeColumns>, at: Date): Promise<void> =>
    writes.write({ kind: "finish", id, status: c.status, result: c.result, error: c.error, at: at.toISOString() });

  return {
    createRun(meta: RunMeta) {
      return writes.write({ kind: "create", id: meta.id, test: meta.test, input: meta.input, startedAt: meta.startedAt.toISOString() });
    },
    appendEvent(id: string, event: RunEvent, text?: string) {
      return appendText(id, text ?? JSON.stringify(event));
    },
    appendEventText: appendText,
    finishRun(id: string, outcome: RunOutcome, at: Date) {
      return finish(id, outcomeColumns(outcome), at);
    },
    finishRunText(id: string, resultText: string, at: Date) {
      return finish(id, { status: "done", result: resultText, error: null }, at);
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
    expire(olderThan: Date) {
      const cutoff = olderThan.toISOString();
      return inTransaction(pool, async (client) => {
        await client.query("DELETE FROM run_events WHERE run_id IN (SELECT id FROM runs WHERE started_at < $1)", [cutoff]);
        await client.query("DELETE FROM instances WHERE seen_at < $1", [cutoff]);
        const res = await client.query("DELETE FROM runs WHERE started_at < $1", [cutoff]);
        return res.rowCount ?? 0;
      });
    },
    async close() {
      await writes.drain();
      await pool.end();
    },
  };
}
