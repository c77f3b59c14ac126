// The engine's configuration for a web run, built from the environment.
import "server-only";
import type { EngineConfig } from "../checks/engine";
import { serverEnv } from "./env";
import { destinationBudget } from "./limits";

export function engineConfig(): EngineConfig {
  const env = serverEnv();
  return {
    resolvers: env.resolvers,
    trustAnchors: env.trustAnchors,
    smtpPort: env.smtpPort,
    allowPrivate: env.allowPrivate,
    timeoutMs: env.runTimeoutMs,
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
