// Builds the ports the tests use from a DNS transport and the engine configuration: one validator
// per run (its cache is the run's cache), the real SMTP probe, the MTA-STS policy fetch (lib/https,
// through the SSRF guard) with the WebPKI roots, the configured clock.
import { RRClass, type DnsTransport } from "../dns/types";
import { ianaRootAnchors, parseTrustAnchors } from "../dnssec/anchors";
import { createValidator } from "../dnssec/validator";
import { webpkiRoots } from "../dane/webpki-roots";
import { fetchStsPolicy } from "../https/mta-sts-fetch";
import { probeSmtpHeld } from "../smtp/client";
import type { HeldSmtpSession, SmtpProbeOptions, SmtpProbeResult } from "../smtp/types";
import type { EngineConfig } from "./engine";
import { validatedLookup } from "./lookup";
import type { CheckPorts } from "./ports";

/** SMTP conversations one run holds open at once: a domain with many MX addresses must not turn mailsec into a flood. */
export const MAX_PARALLEL_PROBES = 8;

/**
 * A held session waits at most this long for the recipient check (it runs after the mail flow and
 * the policy steps), well inside the 5 minutes a server waits for a command (RFC 5321 §4.5.3.2.7).
 */
export const HOLD_SESSION_MS = 60_000;

/**
 * `limit` slots, taken in arrival order; a slot is given back once, by the function acquire
 * returns. The run's SMTP conversations share them (sessionProbes); exported for its test.
 */
export function slots(limit: number): { acquire(): Promise<() => void> } {
  let active = 0;
  const waiting: (() => void)[] = [];
  const free = (): void => {
    // The slot passes straight to the next waiter: freeing it first let a caller arriving before
    // the waiter resumed take it too, one call over the limit.
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    async acquire() {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      else active++;
      let given = false;
      return () => {
        if (given) return;
        given = true;
        free();
      };
    },
  };
}

const probeKey = (o: SmtpProbeOptions) => `${o.ip}|${o.port}|${o.mxHost.toLowerCase().replace(/\.$/, "")}`;

/**
 * The run's SMTP conversations, at most MAX_PARALLEL_PROBES open at once. A held session keeps
 * its slot until it ends, so the rest of the run has one fewer; only one is ever held (a second
 * could wait on the first, which waits on the run). A probe with an envelope for the held address
 * takes the session over; when the session did not last it connects anew.
 */
function sessionProbes(probe: (o: SmtpProbeOptions, holdMs: number) => Promise<{ result: SmtpProbeResult; session: HeldSmtpSession | null }>, signal: AbortSignal) {
  const pool = slots(MAX_PARALLEL_PROBES);
  const held = new Map<string, HeldSmtpSession>();
  let holdsLeft = 0;
  let watching = false;
  const releaseAll = async (): Promise<void> => {
    const sessions = [...held.values()];
    held.clear();
    await Promise.all(sessions.map((s) => s.release()));
  };
  // Only a run that holds a session has one to release at the abort: a listener costs every run
  // (an AbortSignal listener is microseconds to add and to dispatch), so the first held one adds it.
  const watchAbort = (): void => {
    if (watching) return;
    watching = true;
    signal.addEventListener("abort", () => void releaseAll(), { once: true });
  };
  const run = async (options: SmtpProbeOptions): Promise<SmtpProbeResult> => {
    if (options.envelope !== undefined) {
      const session = held.get(probeKey(options));
      held.delete(probeKey(options));
      const reused = session ? await session.envelope(options.envelope, options.signal) : null;
      if (reused) return reused;
    }
    const release = await pool.acquire();
    let session: HeldSmtpSession | null = null;
    try {
      const holdMs = options.envelope === undefined && holdsLeft > 0 && !signal.aborted ? HOLD_SESSION_MS : 0;
      if (holdMs > 0) holdsLeft -= 1;
      const out = await probe(options, holdMs);
      session = out.session;
      if (session !== null) {
        const s = session;
        watchAbort();
        // The slot goes back when the session ends, however it ends.
        held.set(probeKey(options), {
          envelope: (envelope, envelopeSignal) => s.envelope(envelope, envelopeSignal).finally(release),
          release: () => s.release().finally(release),
        });
        // An abort that landed while the probe was finishing found nothing to release.
        if (signal.aborted) void releaseAll();
      }
      return out.result;
    } finally {
      if (session === null) release();
    }
  };
  return {
    run,
    hold: () => {
      holdsLeft = 1;
    },
    releaseAll,
  };
}

/**
 * One SMTP conversation per address and name within a run (issue 15): an MX host listed twice, or
 * reached through two MX records, is probed once and both steps read that one result. A probe that
 * carries an envelope is a conversation of its own.
 */
function oncePerAddress(probe: (options: SmtpProbeOptions) => Promise<SmtpProbeResult>): (options: SmtpProbeOptions) => Promise<SmtpProbeResult> {
  const seen = new Map<string, Promise<SmtpProbeResult>>();
  return (options) => {
    if (options.envelope !== undefined) return probe(options);
    const key = probeKey(options);
    let result = seen.get(key);
    if (result === undefined) {
      result = probe(options);
      seen.set(key, result);
    }
    return result;
  };
}

/**
 * `domain`: what the run tests; only the zones above it may come from config.zoneCache. The MTA-STS
 * fetch and the certificate checks share one set of WebPKI roots (the system's plus --ca-file).
 */
export function createPorts(transport: DnsTransport, config: EngineConfig, signal: AbortSignal, domain: string): CheckPorts {
  const now = config.now ?? (() => new Date());
  const anchors = config.trustAnchors === null ? ianaRootAnchors() : parseTrustAnchors(config.trustAnchors);
  const zoneCache = config.zoneCache?.forRun(domain);
  const validator = createValidator({ transport, anchors, now, signal, ...(zoneCache ? { zoneCache } : {}) });
  const roots = webpkiRoots(config.caPem);
  const sessions = sessionProbes((options, holdMs) => probeSmtpHeld({ ...options, admit: config.admitConnection }, holdMs), signal);
  return {
    lookup: (name, type) => validatedLookup(validator, name, type),
    // Through the same per-run cache as the validator, so a peek and a lookup share one query.
    peek: (name, type) =>
      transport.query({ name, type, class: RRClass.IN }, { signal }).then(
        (exchange) => exchange.message.answer,
        () => [],
      ),
    probe: oncePerAddress(sessions.run),
    holdSessionForRecipient: sessions.hold,
    releaseHeldSessions: sessions.releaseAll,
    now,
    smtpPort: config.smtpPort,
    allowPrivate: config.allowPrivate,
    fetchPolicy: (domain, addresses, fetchSignal) =>
      fetchStsPolicy({ domain, addresses, port: config.httpsPort ?? 443, allowPrivate: config.allowPrivate, roots, now: now(), signal: fetchSignal }),
    roots,
  };
}
