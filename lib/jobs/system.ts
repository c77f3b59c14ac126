// Wiring the batch and watch machinery for one process: the stores and the queue over PostgreSQL
// (pg-boss; any number of web instances and workers share it) or, without DATABASE_URL, over the
// SQLite file with the embedded runner. The web server, `mailsec worker` and `mailsec batch` all
// start here, so they cannot disagree on which queue or which tables they use.
import type { EngineConfig, RunTest } from "../checks/engine";
import { batchStore, type BatchStore } from "../store/batches";
import { openPostgresDb, openSqliteDb, type SqlDb } from "../store/sql-db";
import type { RunStore } from "../store/types";
import { watchStore, type WatchStore } from "../store/watches";
import { jobHandlers } from "./handlers";
import { openLocalQueue } from "./local-queue";
import { openPgBossQueue } from "./pgboss-queue";
import type { JobQueue } from "./queue";
import { queueSettings, type JobSettings } from "./settings";

export interface JobSystem {
  runs: RunStore;
  batches: BatchStore;
  watches: WatchStore;
  queue: JobQueue;
  settings: JobSettings;
  /**
   * Retention beside the run store's: finished batches, old watch runs and deliveries, jobs that
   * failed for good, from before `olderThan`. Returns the rows deleted.
   */
  expire(olderThan: Date): Promise<number>;
  /** Stops the queue (waiting, bounded, for running jobs) and closes the batch/watch database handle. */
  close(): Promise<void>;
}

export interface JobSystemOptions {
  /** The run store, already open (it applies the migrations these tables come from). */
  runs: RunStore;
  databaseUrl: string | null;
  dataDir: string;
  settings: JobSettings;
}

// pg-boss's shortest poll is 0.5 s; the embedded runner polls a local file and can look more often.
const PG_POLL_SECONDS = 0.5;
const LOCAL_POLL_SECONDS = 0.2;

export async function openJobSystem(options: JobSystemOptions): Promise<JobSystem> {
  let db: SqlDb;
  let queue: JobQueue;
  if (options.databaseUrl) {
    db = await openPostgresDb(options.databaseUrl);
    try {
      queue = await openPgBossQueue(options.databaseUrl, queueSettings(options.settings, PG_POLL_SECONDS));
    } catch (err) {
      await db.close();
      throw err;
    }
  } else {
    db = openSqliteDb(options.dataDir);
    queue = openLocalQueue(db, queueSettings(options.settings, LOCAL_POLL_SECONDS));
  }
  const batches = batchStore(db);
  const watches = watchStore(db);
  return {
    runs: options.runs,
    batches,
    watches,
    queue,
    settings: options.settings,
    async expire(olderThan) {
      return (await batches.expire(olderThan)) + (await watches.expire(olderThan)) + (await queue.expire(olderThan));
    },
    async close() {
      await queue.stop();
      await db.close();
    },
  };
}

/** Makes this process a worker: takes batch items, watch runs and webhooks, and schedules ticks. */
export async function startWorking(system: JobSystem, engine: EngineConfig, runTest: RunTest, concurrency: number): Promise<void> {
  const handlers = jobHandlers({ ...system, engine, runTest, now: () => new Date() });
  await system.queue.work(handlers, concurrency);
  await system.queue.scheduleTicks();
}
