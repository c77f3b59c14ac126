// Validated zone states shared across runs: the trust state (authenticated DNSKEYs, or the proven
// insecure/bogus verdict) of the zones strictly above the domain a run tests — the root, the TLDs —
// so a server does not ask for and verify the root's keys in every run. It plugs into the validator
// through its `zoneCache` port (ZoneStatePort), one view per run (forRun), and keeps:
// - a secure state, or an insecure one that validated records prove (an unsigned delegation), for
//   its validated TTL: the shortest authenticated TTL (RFC 4035 §5.3.3: RRset TTL, RRSIG TTL and
//   original TTL, time left to the RRSIG's expiration) of the DNSKEY, DS and NSEC/NSEC3 RRsets it
//   rests on, from the anchor down (the validator's `validFor`), capped by `maxSeconds`; it is
//   reused only while the run's validation time lies inside those signatures' validity;
// - a bogus state, or an insecure one nothing validated, for `failureSeconds` at most (30 s): a
//   fixed zone must show soon;
// - an indeterminate state (no answer, SERVFAIL, a timeout) never: it proves nothing about the
//   zone, only about one run's packets, and kept it would fail every run after a single dropped
//   query. The resolver mailsec asks caches its own failures (RFC 9520); mailsec asks again.
// The domain's own zone and everything below it are never served from here: what a person is
// testing is always asked fresh. A reused state says so in its zones' evidence (`fromCache`, with
// its age), and its `validFor` is what is left of it.
import { isSubdomainOf, namesEqual, normalizeName } from "../dns/name";
import type { TrustAnchor } from "./anchors";
import type { ZoneEvidence, ZoneState, ZoneStatePort } from "./validator";

export interface ZoneCacheOptions {
  /** Longest reuse of a secure state, seconds; 0 turns the cache off. */
  maxSeconds: number;
  /** Longest reuse of a bogus or unproven insecure state, seconds (default 30); indeterminate ones are never kept. */
  failureSeconds?: number;
  /** States kept at most; the oldest go first (default 512). */
  maxEntries?: number;
  /** Wall clock, ms (ages and expiry; the validation time is the run's own). */
  clock?: () => number;
}

export interface ZoneCacheStats {
  entries: number;
  /** States a run reused. */
  hits: number;
  /** States a run computed and offered. */
  stored: number;
}

export interface ZoneCache {
  /** The port one run's validator uses: only zones strictly above `domain` are read or kept. */
  forRun(domain: string): ZoneStatePort;
  stats(): ZoneCacheStats;
}

interface Entry {
  state: ZoneState;
  /**
   * The evidence the last reuse handed out, for its age in whole seconds (what the evidence
   * says): runs in the same second get the same frozen objects, so the reports made from them
   * (checks/lookup.ts) are made once, not once a run.
   */
  shown?: { ageSeconds: number; evidence: ZoneEvidence[] };
  storedAt: number;
  expiresAt: number;
  /** Validation times (s) the state holds for: inside its chain signatures' validity. */
  validFrom: number;
  validUntil: number;
}

const DEFAULT_FAILURE_SECONDS = 30;
const DEFAULT_MAX_ENTRIES = 512;

export function createZoneCache(options: ZoneCacheOptions): ZoneCache {
  const clock = options.clock ?? Date.now;
  const failureMs = Math.min(options.failureSeconds ?? DEFAULT_FAILURE_SECONDS, options.maxSeconds) * 1000;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const entries = new Map<string, Entry>();
  let hits = 0;
  let stored = 0;
  // Runs under another trust anchor must not share states: the anchor's records are part of the
  // key. Each distinct anchor (zone and records) gets a short number, and a key is that number and
  // the name: keyed by the records' text itself, every reuse hashed a string of the whole anchor.
  const anchorIds = new WeakMap<TrustAnchor, string>();
  const idsByContent = new Map<string, string>();

  function keyOf(anchor: TrustAnchor, name: string): string {
    let id = anchorIds.get(anchor);
    if (id === undefined) {
      const records = [...anchor.ds, ...anchor.dnskeys].map((r) => Buffer.from(r.rdata).toString("base64")).sort();
      const content = `${normalizeName(anchor.zone)}|${records.join(",")}`;
      id = idsByContent.get(content) ?? `${idsByContent.size}|`;
      idsByContent.set(content, id);
      anchorIds.set(anchor, id);
    }
    return id + normalizeName(name);
  }

  function reuse(key: string, now: Date): ZoneState | null {
    const entry = entries.get(key);
    if (!entry) return null;
    const at = clock();
    if (at >= entry.expiresAt) {
      entries.delete(key);
      return null;
    }
    const seconds = now.getTime() / 1000;
    if (seconds < entry.validFrom || seconds > entry.validUntil) return null;
    hits++;
    return reused(entry, (at - entry.storedAt) / 1000);
  }

  function offer(key: string, state: ZoneState, now: Date): void {
    if (options.maxSeconds <= 0 || state.status === "indeterminate") return;
    const at = clock();
    const window = validity(state);
    const provenMs = state.validFor === undefined || state.status === "bogus"
      ? failureMs
      : Math.min(options.maxSeconds * 1000, state.validFor * 1000, (window.until - now.getTime() / 1000) * 1000);
    const lifetime = Math.max(0, provenMs);
    if (!(lifetime > 0)) return;
    entries.delete(key);
    entries.set(key, { state: structuredClone(state), storedAt: at, expiresAt: at + lifetime, validFrom: window.from, validUntil: window.until });
    stored++;
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  }

  return {
    forRun(domain: string): ZoneStatePort {
      const inside = normalizeName(domain);
      const above = (name: string) => isSubdomainOf(inside, name) && !namesEqual(inside, name);
      return {
        reuse: (anchor, name, now) => (options.maxSeconds > 0 && above(name) ? reuse(keyOf(anchor, name), now) : null),
        offer: (anchor, name, state, now) => {
          if (above(name)) offer(keyOf(anchor, name), state, now);
        },
      };
    },
    stats: () => ({ entries: entries.size, hits, stored }),
  };
}

/** The validation times every chain signature behind the state holds for, in seconds. */
function validity(state: ZoneState): { from: number; until: number } {
  let from = -Infinity;
  let until = Infinity;
  for (const zone of state.evidence) {
    for (const sig of zone.signatures) {
      if (!sig.valid || sig.class !== "chain") continue;
      from = Math.max(from, Date.parse(sig.inception) / 1000);
      until = Math.min(until, Date.parse(sig.expiration) / 1000);
    }
  }
  return { from, until };
}

/**
 * A copy whose zones' evidence says it came from this cache and how old it is, and whose
 * `validFor` is what is left of it: a state a run derives from it must not outlive it.
 */
function reused(entry: Entry, ageSeconds: number): ZoneState {
  const { state } = entry;
  const shownAge = Math.round(ageSeconds);
  if (entry.shown?.ageSeconds !== shownAge) {
    const fromCache = Object.freeze({ ageSeconds: shownAge });
    entry.shown = { ageSeconds: shownAge, evidence: Object.freeze(state.evidence.map((zone) => Object.freeze({ ...zone, fromCache }))) as ZoneEvidence[] };
  }
  const evidence = entry.shown.evidence;
  if (state.status === "secure") return { ...state, evidence, validFor: Math.max(0, state.validFor - ageSeconds) };
  return state.validFor === undefined ? { ...state, evidence } : { ...state, evidence, validFor: Math.max(0, state.validFor - ageSeconds) };
}
