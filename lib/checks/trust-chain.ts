// The chain of trust of a run as picture data (lib/report/trust-chain.ts): a pure projection of
// the validator's evidence, every zone once, in the order first met (root first for each lookup).
import type { DnskeyEvidence } from "../dnssec/reasons";
import type { ZoneEvidence } from "../dnssec/validator";
import type { TrustChain, TrustChainDs, TrustChainKey, TrustChainSignature, TrustChainZone } from "../report/trust-chain";
import { worseDnssec } from "../report/status";
import type { Lookup } from "./ports";

const absolute = (name: string) => (name.endsWith(".") ? name.toLowerCase() : `${name.toLowerCase()}.`);

/** "example.com. DS 12345 13 2 ABCD…" → its key tag, algorithm and digest type. */
function parseDs(text: string): Omit<TrustChainDs, "matched"> | null {
  const m = /\bDS\s+(\d{1,5})\s+(\d{1,3})\s+(\d{1,3})\b/.exec(text);
  if (!m) return null;
  return { keyTag: Number(m[1]), algorithm: Number(m[2]), digestType: Number(m[3]) };
}

function baseRole(role: DnskeyEvidence["role"]): TrustChainKey["role"] {
  return role === "not-zone" ? "other" : role;
}

/**
 * A signature's "owner TYPE" names an RRset at the apex `zone` other than its DNSKEY set: the
 * owner is the text before the first white space; the DNSKEY set's text ends in white space and
 * DNSKEY.
 */
function coversApexData(covers: string, zone: string): boolean {
  if (covers.endsWith("DNSKEY") && /\s/.test(covers.charAt(covers.length - 7))) return false;
  const space = covers.search(/\s/);
  return absolute(space < 0 ? covers : covers.slice(0, space)) === zone;
}

/**
 * The DS texts of a zone as picture data, once per DS list: the validator hands every lookup of a
 * run that walked the zone the same (never changed) list, and the zone cache every run.
 */
const parsedDsLists = new WeakMap<readonly string[], readonly Omit<TrustChainDs, "matched">[]>();

function parsedDsOf(texts: readonly string[]): readonly Omit<TrustChainDs, "matched">[] {
  let parsed = parsedDsLists.get(texts);
  if (parsed === undefined) {
    parsed = texts.flatMap((text) => parseDs(text) ?? []);
    parsedDsLists.set(texts, parsed);
  }
  return parsed;
}

/** One zone of the validator's evidence as picture data. */
export function trustChainZone(evidence: ZoneEvidence): TrustChainZone {
  const name = absolute(evidence.zone);
  const signatures: TrustChainSignature[] = evidence.signatures.map((s) => ({
    rrset: s.covers,
    keyTag: s.keyTag,
    algorithm: s.algorithm,
    inception: s.inception,
    expiration: s.expiration,
    valid: s.valid,
    breaksChain: s.breaksChain,
    ...(s.problem ? { problem: s.problem } : {}),
  }));
  // A KSK that also signs the zone's other data is a combined signing key (RFC 6781 §3.1).
  const signsData = (tag: number, alg: number) => signatures.some((s) => s.keyTag === tag && s.algorithm === alg && coversApexData(s.rrset, name));
  const keys: TrustChainKey[] = evidence.dnskeys.map((k) => {
    const role = baseRole(k.role);
    return {
      keyTag: k.keyTag,
      algorithm: k.algorithm,
      role: role === "KSK" && signsData(k.keyTag, k.algorithm) ? "CSK" : role,
      designated: k.designated,
    };
  });
  const ds = parsedDsOf(evidence.ds).map((parsed): TrustChainDs => ({ ...parsed, matched: keys.some((k) => k.designated && k.keyTag === parsed.keyTag && k.algorithm === parsed.algorithm) }));
  const zone: TrustChainZone = { name, status: evidence.status, anchor: name === ".", ds, keys, signatures };
  if (evidence.note) zone.note = evidence.note;
  return zone;
}

const signatureKey = (s: TrustChainSignature) => `${s.rrset.toLowerCase()}|${s.keyTag}|${s.algorithm}|${s.inception}|${s.expiration}`;

/** Every zone the run's lookups walked, merged: the worst status, every distinct signature. */
export function trustChainOf(lookups: readonly Lookup[]): TrustChain {
  const byName = new Map<string, TrustChainZone>();
  // The keys of each merged zone's signatures so far, made once a zone is met again (not again at each merge).
  const knownKeys = new Map<string, Set<string>>();
  // Lookups that walked a zone share its picture (lib/checks/lookup.ts): merged once, it adds nothing again.
  const done = new Set<TrustChainZone>();
  for (const lookup of lookups) {
    for (const report of lookup.zones) {
      const zone = report.chain;
      if (!zone || done.has(zone)) continue;
      done.add(zone);
      const seen = byName.get(zone.name);
      if (!seen) {
        byName.set(zone.name, { ...zone, ds: [...zone.ds], keys: [...zone.keys], signatures: [...zone.signatures] });
        continue;
      }
      seen.status = worseDnssec(seen.status, zone.status);
      let known = knownKeys.get(zone.name);
      if (known === undefined) {
        known = new Set(seen.signatures.map(signatureKey));
        knownKeys.set(zone.name, known);
      }
      // Checked against the signatures merged before this zone: its own repeats all go in, as they came.
      const added = zone.signatures.flatMap((s) => {
        const key = signatureKey(s);
        return known.has(key) ? [] : [{ s, key }];
      });
      for (const { s, key } of added) {
        seen.signatures.push(s);
        known.add(key);
      }
      for (const k of zone.keys) if (!seen.keys.some((x) => x.keyTag === k.keyTag && x.algorithm === k.algorithm)) seen.keys.push(k);
      if (!seen.note && zone.note) seen.note = zone.note;
    }
  }
  // The schema's bounds (lib/report/trust-chain.ts): a hostile zone cannot grow the document.
  const zones = [...byName.values()].slice(0, 48).map((z) => ({ ...z, keys: z.keys.slice(0, 64), signatures: z.signatures.slice(0, 300) }));
  return { zones };
}
