// The batch and watch machinery of one web server process, beside its run store. With
// DATABASE_URL the server only creates batches and watches and reads them: `mailsec worker`
// processes run the jobs. Without it, the embedded runner runs them here, over the SQLite file,
// so a single machine needs nothing else.
import "server-only";
import { runTest } from "../checks";
import { parseJobSettings, type JobSettings } from "../jobs/settings";
import { openJobSystem, startWorking, type JobSystem } from "../jobs/system";
import { engineConfig } from "./engine";
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

async function open(): Promise<JobSystem> {
  const env = serverEnv();
  const system = await openJobSystem({ runs: await runStore(), databaseUrl: env.databaseUrl, dataDir: env.dataDir, settings: jobSettings() });
  if (!env.databaseUrl) await startWorking(system, engineConfig(), runTest, system.settings.concurrency);
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
