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
];

/** $1 instance id, $2 time. Same text on both databases (SQLite takes it with ? placeholders). */
export const HEARTBEAT_SQL = "INSERT INTO instances (id, seen_at) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at";

/** $1 time, $2 this instance's id, $3 the heartbeat cutoff: a run whose owner is silent since then is orphaned. */
export const INTERRUPT_SQL = `UPDATE runs SET status = 'interrupted', finished_at = $1
  WHERE status = 'running'
    AND (owner IS NULL OR owner <> $2)
    AND NOT EXISTS (SELECT 1 FROM instances WHERE instances.id = runs.owner AND instances.seen_at >= $3)`;
