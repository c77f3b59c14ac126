// The engine of web runs, built from the environment: its configuration, and where it runs — on
// MAILSEC_ENGINE_WORKERS worker threads (engine-pool.ts, the default), or in this thread (0).
import "server-only";
import { runTest } from "../checks";
import type { EngineConfig } from "../checks/engine";
import { createZoneCache, type ZoneCache } from "../dnssec/zone-cache";
import { bundleEngineWorker } from "./engine-bundle";
import { driveEngine } from "./engine-events";
import { createEnginePool } from "./engine-pool";
import type { Engine, WorkerEngineSettings } from "./engine-protocol";
import { serverEnv } from "./env";
import { destinationBudget } from "./limits";

// One for the server's lifetime: the root's and the TLDs' keys are validated once per TTL, not per run.
let zoneCache: ZoneCache | null = null;

/** What the engine needs from the environment, as data: what a worker is handed, and the base of engineConfig(). */
function engineSettings(): WorkerEngineSettings {
  const env = serverEnv();
  return {
    resolvers: env.resolvers,
    trustAnchors: env.trustAnchors,
    smtpPort: env.smtpPort,
    httpsPort: env.httpsPort,
    caPem: env.caPem,
    allowPrivate: env.allowPrivate,
    timeoutMs: env.runTimeoutMs,
    zoneCacheSeconds: env.zoneCacheSeconds,
  };
}

export function engineConfig(): EngineConfig {
  const { zoneCacheSeconds, ...settings } = engineSettings();
  zoneCache ??= createZoneCache({ maxSeconds: zoneCacheSeconds });
  return { ...settings, zoneCache, admitConnection };
}

// Across runs (and instances): a shared budget of connections per destination address. A budget
// that cannot be asked (PostgreSQL down) does not stop the run: the store will say so.
function admitConnection(ip: string): Promise<boolean> {
  return destinationBudget()
    .then((budget) => budget.take(ip, new Date()))
    .catch((err: unknown) => {
      console.error("mailsec: the destination budget could not be asked:", err);
      return true;
    });
}

/** The engine in this thread (MAILSEC_ENGINE_WORKERS=0). */
function inThisThread(): Engine {
  return {
    start: (input, signal, output) => void driveEngine(runTest, input, engineConfig(), signal, output),
    warm: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

const slot = Symbol.for("mailsec.runEngine");
type Holder = typeof globalThis & { [slot]?: Engine };

/**
 * The engine web runs go to, one per process (Next may load this module in several bundles). The
 * workers' code is bundled from the sources under the working directory (engine-bundle.ts) at the
 * first run; a run on a worker that cannot be built ends with a clear error, like a crashed one.
 */
export function runEngine(): Engine {
  const holder = globalThis as Holder;
  if (holder[slot]) return holder[slot];
  const env = serverEnv();
  holder[slot] =
    env.engineWorkers === 0
      ? inThisThread()
      : createEnginePool({
          size: env.engineWorkers,
          settings: engineSettings(),
          script: () => bundleEngineWorker(process.cwd()),
          admitConnection,
        });
  return holder[slot];
}
