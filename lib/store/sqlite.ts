// The default store: one SQLite file under the data directory, created on first start. WAL lets
// the shared-link reader and the run writer work at once. A run's writes (its creation, each step
// event, its finish) go through group commit (group-commit.ts): all the writes of one turn of the
// event loop share one transaction, and each promise resolves once that transaction committed.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { RunEvent } from "../report/schema";
import { groupCommit } from "./group-commit";
import { CHECKPOINTER } from "./sqlite-checkpointer";
import { HEARTBEAT_SQL, INTERRUPT_SQL, MIGRATIONS } from "./migrations";
import { outcomeColumns, toStoredRun, type RunRow } from "./rows";
import type { RunMeta, RunOutcome, RunStore, StoredRun } from "./types";

export const SQLITE_FILE_NAME = "mailsec.sqlite";

// WAL checkpoints (copying committed pages into the database file, and its fsync) run on a
// thread of their own, so a commit on the main thread, which answers HTTP, never waits for one.
// The main connection still checkpoints itself past CHECKPOINT_BACKSTOP_PAGES, should that thread
// be gone or never catch up; durability is the same either way (synchronous = NORMAL in WAL).
const CHECKPOINT_EVERY_MS = 250;
const CHECKPOINT_BACKSTOP_PAGES = 8000;

/** Starts the checkpoint thread; the function stops it (closing its connection) and resolves once it exited. */
function startCheckpointer(file: string): () => Promise<void> {
  let exited: Promise<void>;
  let worker: Worker;
  try {
    worker = new Worker(CHECKPOINTER, { eval: true, workerData: { file, everyMs: CHECKPOINT_EVERY_MS } });
    exited = new Promise((resolve) => worker.once("exit", () => resolve()));
  } catch (err) {
    console.error("mailsec: the SQLite checkpoint thread could not start:", err);
    return () => Promise.resolve();
  }
  // A checkpointer that dies leaves the backstop to the main connection; the store goes on.
  worker.on("error", (err) => console.error("mailsec: the SQLite checkpoint thread stopped:", err));
  worker.unref();
  return () => {
    // Held while it closes: a caller awaiting this with nothing else alive (the CLI, before it sets
    // its exit status) would otherwise see the process end, status 0, mid-await.
    worker.ref();
    worker.postMessage("close");
    return exited;
  };
}

function migrate(db: Database.Database): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  const row = db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number | null };
  const applied = row.v ?? 0;
  const apply = db.transaction((version: number, sql: string) => {
    db.exec(sql);
    db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(version, new Date().toISOString());
  });
  MIGRATIONS.forEach((sql, i) => {
    if (i + 1 > applied) apply(i + 1, sql);
  });
}

export function openSqliteStore(dataDir: string, instanceId: string): RunStore {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SQLITE_FILE_NAME);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  db.pragma(`wal_autocheckpoint = ${CHECKPOINT_BACKSTOP_PAGES}`);
  const stopCheckpointer = startCheckpointer(file);

  const insertRun = db.prepare(
    "INSERT INTO runs (id, test, input, status, started_at, owner) VALUES (@id, @test, @input, 'running', @startedAt, @owner)",
  );
  const insertEvent = db.prepare("INSERT INTO run_events (run_id, seq, event) VALUES (?, ?, ?)");
  const insertEventAfterLast = db.prepare(
    "INSERT INTO run_events (run_id, seq, event) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM run_events WHERE run_id = ?), ?)",
  );
  // The last seq of each run this store created and has not finished: the next event's number
  // without a lookup. One process writes a SQLite file, so no one else numbers these runs; a run
  // this store did not create (none today) is numbered after its last stored event. A write that
  // fails leaves a gap, which ORDER BY seq does not mind.
  const lastSeq = new Map<string, number>();
  const appendRow = (id: string, json: string): (() => void) => {
    const last = lastSeq.get(id);
    if (last === undefined) return () => insertEventAfterLast.run(id, id, json);
    lastSeq.set(id, last + 1);
    return () => insertEvent.run(id, last + 1, json);
  };
  const finish = db.prepare(
    "UPDATE runs SET status = @status, result = @result, error = @error, finished_at = @at WHERE id = @id AND status = 'running'",
  );
  const selectRun = db.prepare("SELECT * FROM runs WHERE id = ?");
  const selectEvents = db.prepare("SELECT event FROM run_events WHERE run_id = ? ORDER BY seq");
  const heartbeat = db.prepare(HEARTBEAT_SQL.replaceAll(/\$\d/g, "?"));
  const interrupt = db.prepare(INTERRUPT_SQL.replaceAll(/\$\d/g, "?"));
  const expireInstances = db.prepare("DELETE FROM instances WHERE seen_at < ?");
  const expireEvents = db.prepare("DELETE FROM run_events WHERE run_id IN (SELECT id FROM runs WHERE started_at < ?)");
  const expireRuns = db.prepare("DELETE FROM runs WHERE started_at < ?");
  const writes = groupCommit((fn) => db.transaction(fn)());
  const expire = db.transaction((cutoff: string) => {
    expireEvents.run(cutoff);
    expireInstances.run(cutoff);
    return expireRuns.run(cutoff).changes;
  });

  return {
    createRun(meta: RunMeta) {
      const row = { id: meta.id, test: meta.test, input: meta.input, startedAt: meta.startedAt.toISOString(), owner: instanceId };
      lastSeq.set(meta.id, 0);
      // A run that was never stored (the 503 path) gets no events: its number goes with it.
      return writes.write(() => insertRun.run(row)).catch((err: unknown) => {
        lastSeq.delete(meta.id);
        throw err;
      });
    },
    appendEvent(id: string, event: RunEvent, text?: string) {
      return writes.write(appendRow(id, text ?? JSON.stringify(event)));
    },
    appendEventText(id: string, text: string) {
      return writes.write(appendRow(id, text));
    },
    finishRun(id: string, outcome: RunOutcome, at: Date) {
      const row = { id, at: at.toISOString(), ...outcomeColumns(outcome) };
      lastSeq.delete(id);
      return writes.write(() => finish.run(row));
    },
    finishRunText(id: string, resultText: string, at: Date) {
      const row = { id, at: at.toISOString(), status: "done", result: resultText, error: null };
      lastSeq.delete(id);
      return writes.write(() => finish.run(row));
    },
    async getRun(id: string): Promise<StoredRun | null> {
      const row = selectRun.get(id) as RunRow | undefined;
      if (!row) return null;
      const events = row.result === null ? (selectEvents.all(id) as { event: string }[]).map((e) => e.event) : [];
      return toStoredRun(row, events);
    },
    async heartbeat(at: Date) {
      heartbeat.run(instanceId, at.toISOString());
    },
    async markInterrupted(at: Date, staleBefore: Date) {
      return interrupt.run(at.toISOString(), instanceId, staleBefore.toISOString()).changes;
    },
    async expire(olderThan: Date) {
      return expire(olderThan.toISOString());
    },
    async close() {
      writes.flush();
      await stopCheckpointer();
      db.close();
    },
  };
}
