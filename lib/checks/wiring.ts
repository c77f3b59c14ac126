// Builds the ports the tests use from a DNS transport and the engine configuration: one validator
// per run (its cache is the run's cache), the real SMTP probe, the configured clock.
import { RRClass, type DnsTransport } from "../dns/types";
import { ianaRootAnchors, parseTrustAnchors } from "../dnssec/anchors";
import { createValidator } from "../dnssec/validator";
import { webpkiRoots } from "../dane/webpki-roots";
import { fetchStsPolicy } from "../https/mta-sts-fetch";
import { probeSmtp } from "../smtp/client";
import type { SmtpProbeOptions, SmtpProbeResult } from "../smtp/types";
import type { EngineConfig } from "./engine";
import { validatedLookup } from "./lookup";
import type { CheckPorts } from "./ports";

/** SMTP conversations one run holds open at once: a domain with many MX addresses must not turn mailsec into a flood. */
export const MAX_PARALLEL_PROBES = 8;

/** Wraps an async function so that at most `limit` calls run at once; the rest wait their turn in order. */
export function limitConcurrency<A extends unknown[], R>(fn: (...args: A) => Promise<R>, limit: number): (...args: A) => Promise<R> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (...args: A) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await fn(...args);
    } finally {
      // The slot passes straight to the next waiter: freeing it first let a caller arriving before
      // the waiter resumed take it too, one call over the limit.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/** `domain`: what the run tests; only the zones above it may come from config.zoneCache. */
/**
 * One SMTP conversation per address and name within a run (issue 15): an MX host listed twice, or
 * reached through two MX records, is probed once and both steps read that one result. A probe that
 * carries an envelope is a conversation of its own.
 */
function oncePerAddress(probe: (options: SmtpProbeOptions) => Promise<SmtpProbeResult>): (options: SmtpProbeOptions) => Promise<SmtpProbeResult> {
  const seen = new Map<string, Promise<SmtpProbeResult>>();
  return (options) => {
    if (options.envelope !== undefined) return probe(options);
    const key = `${options.ip}|${options.port}|${options.mxHost.toLowerCase().replace(/\.$/, "")}`;
    let result = seen.get(key);
    if (result === undefined) {
      result = probe(options);
      seen.set(key, result);
    }
    return result;
  };
}

export function createPorts(transport: DnsTransport, config: EngineConfig, signal: AbortSignal, domain: string): CheckPorts {
  const now = config.now ?? (() => new Date());
  const anchors = config.trustAnchors === null ? ianaRootAnchors() : parseTrustAnchors(config.trustAnchors);
  const zoneCache = config.zoneCache?.forRun(domain);
  const validator = createValidator({ transport, anchors, now, signal, ...(zoneCache ? { zoneCache } : {}) });
  const roots = webpkiRoots(config.caPem);
  return {
    lookup: (name, type) => validatedLookup(validator, name, type),
    // Through the same per-run cache as the validator, so a peek and a lookup share one query.
    peek: (name, type) =>
      transport.query({ name, type, class: RRClass.IN }, { signal }).then(
        (exchange) => exchange.message.answer,
        () => [],
      ),
    probe: oncePerAddress(limitConcurrency((options) => probeSmtp({ ...options, admit: config.admitConnection }), MAX_PARALLEL_PROBES)),
    now,
    smtpPort: config.smtpPort,
    allowPrivate: config.allowPrivate,
    fetchPolicy: (domain, addresses, fetchSignal) =>
      fetchStsPolicy({ domain, addresses, port: config.httpsPort ?? 443, allowPrivate: config.allowPrivate, roots, now: now(), signal: fetchSignal }),
    roots,
  };
}
