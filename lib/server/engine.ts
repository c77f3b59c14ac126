// The engine's configuration for a web run, built from the environment.
import "server-only";
import type { EngineConfig } from "../checks/engine";
import { serverEnv } from "./env";

export function engineConfig(): EngineConfig {
  const env = serverEnv();
  return {
    resolvers: env.resolvers,
    trustAnchors: env.trustAnchors,
    smtpPort: env.smtpPort,
    allowPrivate: env.allowPrivate,
    timeoutMs: env.runTimeoutMs,
  };
}
