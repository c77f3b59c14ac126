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
];
