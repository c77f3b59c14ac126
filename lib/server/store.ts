// One run store per server process. Next may load this module in several route bundles, so the
// instance lives on globalThis. Opening it runs the migrations, marks runs that dead processes
// left "running" as interrupted, and starts the heartbeat and the retention sweep.
import "server-only";
import crypto from "node:crypto";
import { openRunStore, type RunStore } from "../store";
import { serverEnv } from "./env";

const HOUR_MS = 3_600_000;
const HEARTBEAT_MS = 10_000;
// An instance silent for three heartbeats is dead; its running runs will never finish.
const STALE_MS = 3 * HEARTBEAT_MS;
const slot = Symbol.for("mailsec.runStore");
type Holder = typeof globalThis & { [slot]?: Promise<RunStore> };

function logFailure(what: string): (err: unknown) => void {
  return (err) => console.error(`mailsec: ${what} failed:`, err);
}

async function open(): Promise<RunStore> {
  const env = serverEnv();
  const instanceId = crypto.randomUUID();
  const store = await openRunStore({ databaseUrl: env.databaseUrl, dataDir: env.dataDir, instanceId });
  await store.heartbeat(new Date());
  // SQLite lives on this machine and serves one process: whatever is still running at start was
  // cut off by the previous one. PostgreSQL may be shared by live instances: wait for silence.
  const now = new Date();
  await store.markInterrupted(now, env.databaseUrl ? new Date(now.getTime() - STALE_MS) : now);
  setInterval(() => {
    const at = new Date();
    store.heartbeat(at).catch(logFailure("the store heartbeat"));
    if (env.databaseUrl) store.markInterrupted(at, new Date(at.getTime() - STALE_MS)).catch(logFailure("marking interrupted runs"));
  }, HEARTBEAT_MS).unref();
  const sweep = (): void => {
    store.expire(new Date(Date.now() - env.retentionDays * 24 * HOUR_MS)).catch(logFailure("expiring old runs"));
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
