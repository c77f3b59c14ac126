// The engine workers' settings pointed at a lab, for the pool's tests.
import type { Lab } from "../../lib/lab";
import type { WorkerEngineSettings } from "../../lib/server/engine-protocol";

export function labEngineSettings(lab: Lab, zoneCacheSeconds: number): WorkerEngineSettings {
  return {
    resolvers: [lab.resolver],
    trustAnchors: lab.trustAnchorText,
    smtpPort: lab.smtpPort,
    httpsPort: lab.httpsPort,
    caPem: lab.caPem,
    allowPrivate: true,
    timeoutMs: 30_000,
    zoneCacheSeconds,
  };
}
