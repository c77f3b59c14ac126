// One run store per server process. Next may load this module in several route bundles, so the
// instance lives on globalThis. Opening it runs the migrations, marks runs the previous process
// left "running" as interrupted, and starts the retention sweep.
import "server-only";
import { openRunStore, type RunStore } from "../store";
import { serverEnv } from "./env";

const HOUR_MS = 3_600_000;
const slot = Symbol.for("mailsec.runStore");
type Holder = typeof globalThis & { [slot]?: Promise<RunStore> };

async function open(): Promise<RunStore> {
  const env = serverEnv();
  const store = await openRunStore({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
  await store.markInterrupted(new Date());
  const sweep = (): void => {
    store.expire(new Date(Date.now() - env.retentionDays * 24 * HOUR_MS)).catch((err: unknown) => {
      console.error("mailsec: expiring old runs failed:", err);
    });
  };
  sweep();
  setInterval(sweep, HOUR_MS).unref();
  return store;
}

export function runStore(): Promise<RunStore> {
  const holder = globalThis as Holder;
  holder[slot] ??= open().catch((err: unknown) => {
    // Let the next request retry (e.g. PostgreSQL was still starting) instead of caching a failure.
    delete holder[slot];
    throw err;
  });
  return holder[slot];
}
