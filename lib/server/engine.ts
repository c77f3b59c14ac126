// The engine's configuration for a web run, built from the environment.
import "server-only";
import type { EngineConfig } from "../checks/engine";
import { createZoneCache, type ZoneCache } from "../dnssec/zone-cache";
import { serverEnv } from "./env";
import { destinationBudget } from "./limits";

// One for the server's lifetime: the root's and the TLDs' keys are validated once per TTL, not per run.
let zoneCache: ZoneCache | null = null;

export function engineConfig(): EngineConfig {
  const env = serverEnv();
  zoneCache ??= createZoneCache({ maxSeconds: env.zoneCacheSeconds });
  return {
    resolvers: env.resolvers,
    trustAnchors: env.trustAnchors,
    smtpPort: env.smtpPort,
    httpsPort: env.httpsPort,
    caPem: env.caPem,
    allowPrivate: env.allowPrivate,
    timeoutMs: env.runTimeoutMs,
    zoneCache,
    // Across runs (and instances): a shared budget of connections per destination address.
    // A budget that cannot be asked (PostgreSQL down) does not stop the run: the store will say so.
    admitConnection: (ip) =>
      destinationBudget()
        .then((budget) => budget.take(ip, new Date()))
        .catch((err: unknown) => {
          console.error("mailsec: the destination budget could not be asked:", err);
          return true;
        }),
  };
}
