// A job system on the single-machine default for the batch tests: a fresh SQLite directory, the
// embedded runner, working with the real engine over the given config. close() stops the runner,
// closes the store and removes the directory. sqliteJobsOnLab gives a test file one, on a lab of its
// own, for all its tests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { runTest } from "../../lib/checks";
import type { EngineConfig } from "../../lib/checks/engine";
import { parseJobSettings } from "../../lib/jobs/settings";
import { openJobSystem, startWorking, type JobSystem } from "../../lib/jobs/system";
import { startLab, type Lab } from "../../lib/lab";
import { openSqliteStore } from "../../lib/store";

export interface SqliteJobs {
  system: JobSystem;
  close(): Promise<void>;
}

export async function startSqliteJobs(engine: EngineConfig, options: { env?: Readonly<Record<string, string>>; concurrency?: number } = {}): Promise<SqliteJobs> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-jobs-"));
  const runs = openSqliteStore(dir, "test-instance");
  let system: JobSystem | undefined;
  const close = async () => {
    await system?.close();
    await runs.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    system = await openJobSystem({ runs, databaseUrl: null, dataDir: dir, settings: parseJobSettings(options.env ?? {}) });
    await startWorking(system, engine, runTest, options.concurrency ?? 3);
    return { system, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Starts a lab and a job system over `engine(lab)` before the file's tests, and stops both after. */
export function sqliteJobsOnLab(engine: (lab: Lab) => EngineConfig): { readonly lab: Lab; readonly system: JobSystem } {
  let lab: Lab | undefined;
  let jobs: SqliteJobs | undefined;
  beforeAll(async () => {
    lab = await startLab();
    jobs = await startSqliteJobs(engine(lab));
  }, 60_000);
  afterAll(async () => {
    await jobs?.close();
    await lab?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the lab and the job system start in beforeAll");
    return value;
  };
  return {
    get lab() {
      return started(lab);
    },
    get system() {
      return started(jobs).system;
    },
  };
}
