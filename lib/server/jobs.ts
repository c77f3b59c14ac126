// The batch and watch machinery of one web server process, beside its run store. With
// DATABASE_URL the server only creates batches and watches and reads them: `mailsec worker`
// processes run the jobs. Without it, the embedded runner runs them here, over the SQLite file,
// so a single machine needs nothing else.
import "server-only";
import { runTest } from "../checks";
import { parseJobSettings, type JobSettings } from "../jobs/settings";
import { openJobSystem, startWorking, type JobSystem } from "../jobs/system";
import { engineConfig, runEngine } from "./engine";
import { engineRunTest } from "./engine-run-test";
import { serverEnv } from "./env";
import { runStore } from "./store";

const slot = Symbol.for("mailsec.jobSystem");
type Holder = typeof globalThis & { [slot]?: Promise<JobSystem> };
let settings: JobSettings | undefined;

/** The job settings from the environment, read once (a bad value throws a message naming it). */
export function jobSettings(): JobSettings {
  settings ??= parseJobSettings(process.env);
  return settings;
}

const HOUR_MS = 3_600_000;

async function open(): Promise<JobSystem> {
  const env = serverEnv();
  const system = await openJobSystem({ runs: await runStore(), databaseUrl: env.databaseUrl, dataDir: env.dataDir, settings: jobSettings() });
  // On the engine workers when there are any (engine-run-test.ts), as web runs are.
  if (!env.databaseUrl) await startWorking(system, engineConfig(), env.engineWorkers === 0 ? runTest : engineRunTest(runEngine()), system.settings.concurrency);
  // The same retention as the runs (MAILSEC_RETENTION_DAYS, lib/server/store.ts): hourly.
  const sweep = (): void => {
    system.expire(new Date(Date.now() - env.retentionDays * 24 * HOUR_MS)).catch((err: unknown) => console.error("mailsec: expiring old batches and watch runs failed:", err));
  };
  sweep();
  setInterval(sweep, HOUR_MS).unref();
  return system;
}

export function jobSystem(): Promise<JobSystem> {
  const holder = globalThis as Holder;
  holder[slot] ??= open().catch((err: unknown) => {
    // Let the next request retry (PostgreSQL still starting) instead of caching the failure.
    delete holder[slot];
    throw err;
  });
  return holder[slot];
}
