// Builds the ports the tests use from a DNS transport and the engine configuration: one validator
// per run (its cache is the run's cache), the real SMTP probe, the configured clock.
import type { DnsTransport } from "../dns/types";
import { ianaRootAnchors, parseTrustAnchors } from "../dnssec/anchors";
import { createValidator } from "../dnssec/validator";
import { probeSmtp } from "../smtp/client";
import type { EngineConfig } from "./engine";
import { validatedLookup } from "./lookup";
import type { CheckPorts } from "./ports";

export function createPorts(transport: DnsTransport, config: EngineConfig, signal: AbortSignal): CheckPorts {
  const now = config.now ?? (() => new Date());
  const anchors = config.trustAnchors === null ? ianaRootAnchors() : parseTrustAnchors(config.trustAnchors);
  const validator = createValidator({ transport, anchors, now, signal });
  return {
    lookup: (name, type) => validatedLookup(validator, name, type),
    probe: (options) => probeSmtp(options),
    now,
    smtpPort: config.smtpPort,
    allowPrivate: config.allowPrivate,
  };
}
