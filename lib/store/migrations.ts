// One schema for SQLite and PostgreSQL: plain TEXT/INTEGER columns and ISO-8601 timestamps in
// TEXT, so the same statements run on both. Append only: a shipped migration never changes.
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE runs (
     id TEXT PRIMARY KEY,
     test TEXT NOT NULL,
     input TEXT NOT NULL,
     status TEXT NOT NULL,
     started_at TEXT NOT NULL,
     finished_at TEXT,
     result TEXT,
     error TEXT
   );
   CREATE INDEX runs_status ON runs (status);
   CREATE INDEX runs_started_at ON runs (started_at);
   CREATE TABLE run_events (
     run_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     event TEXT NOT NULL,
     PRIMARY KEY (run_id, seq)
   );`,
  // Several app instances may share one PostgreSQL: a run belongs to the instance that runs it,
  // and only runs of instances that stopped sending heartbeats are interrupted.
  `ALTER TABLE runs ADD COLUMN owner TEXT;
   CREATE TABLE instances (
     id TEXT PRIMARY KEY,
     seen_at TEXT NOT NULL
   );`,
  // Batches and watches (lib/store/batches.ts, lib/store/watches.ts). A batch item is stored once
  // per (batch, input): a job retried after its worker died cannot write a second row. local_jobs
  // is the embedded queue of a single machine (lib/jobs/local-queue.ts); PostgreSQL uses pg-boss.
  `CREATE TABLE batches (
     id TEXT PRIMARY KEY,
     test TEXT NOT NULL,
     options TEXT NOT NULL,
     total INTEGER NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE batch_items (
     batch_id TEXT NOT NULL,
     idx INTEGER NOT NULL,
     input TEXT NOT NULL,
     state TEXT NOT NULL,
     run_id TEXT,
     verdict TEXT,
     dnssec TEXT,
     exchange_code TEXT,
     mx_count INTEGER,
     findings TEXT,
     error TEXT,
     throttled INTEGER NOT NULL DEFAULT 0,
     finished_at TEXT,
     PRIMARY KEY (batch_id, idx)
   );
   CREATE INDEX batch_items_state ON batch_items (batch_id, state);
   CREATE TABLE watches (
     id TEXT PRIMARY KEY,
     test TEXT NOT NULL,
     input TEXT NOT NULL,
     interval_seconds INTEGER NOT NULL,
     webhook_url TEXT,
     secret TEXT NOT NULL,
     cert_days INTEGER NOT NULL,
     rrsig_days INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     next_run_at TEXT NOT NULL
   );
   CREATE INDEX watches_next_run_at ON watches (next_run_at);
   CREATE TABLE watch_runs (
     watch_id TEXT NOT NULL,
     due_at TEXT NOT NULL,
     run_id TEXT NOT NULL,
     at TEXT NOT NULL,
     verdict TEXT NOT NULL,
     signals TEXT NOT NULL,
     changes TEXT NOT NULL,
     PRIMARY KEY (watch_id, due_at)
   );
   CREATE TABLE webhook_deliveries (
     id TEXT PRIMARY KEY,
     watch_id TEXT NOT NULL,
     due_at TEXT NOT NULL,
     payload TEXT NOT NULL,
     state TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     last_error TEXT,
     created_at TEXT NOT NULL,
     delivered_at TEXT
   );
   CREATE INDEX webhook_deliveries_watch ON webhook_deliveries (watch_id, created_at);
   CREATE TABLE local_jobs (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     data TEXT NOT NULL,
     state TEXT NOT NULL,
     run_after TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     retry_limit INTEGER NOT NULL,
     retry_delay_seconds INTEGER NOT NULL,
     lease_until TEXT,
     last_error TEXT
   );
   CREATE INDEX local_jobs_due ON local_jobs (state, run_after);`,
  // An Exchange Online readiness batch keeps each item's stage and codes (JSON), for its results.
  `ALTER TABLE batch_items ADD COLUMN readiness TEXT;`,
];

/** $1 instance id, $2 time. Same text on both databases (SQLite takes it with ? placeholders). */
export const HEARTBEAT_SQL = "INSERT INTO instances (id, seen_at) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at";

/** $1 time, $2 this instance's id, $3 the heartbeat cutoff: a run whose owner is silent since then is orphaned. */
export const INTERRUPT_SQL = `UPDATE runs SET status = 'interrupted', finished_at = $1
  WHERE status = 'running'
    AND (owner IS NULL OR owner <> $2)
    AND NOT EXISTS (SELECT 1 FROM instances WHERE instances.id = runs.owner AND instances.seen_at >= $3)`;
