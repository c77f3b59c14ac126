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
  const signsData = (tag: number, alg: number) =>
    signatures.some((s) => s.keyTag === tag && s.algorithm === alg && absolute(s.rrset.split(/\s+/)[0] ?? "") === name && !/\sDNSKEY$/.test(s.rrset));
  const keys: TrustChainKey[] = evidence.dnskeys.map((k) => {
    const role = baseRole(k.role);
    return {
      keyTag: k.keyTag,
      algorithm: k.algorithm,
      role: role === "KSK" && signsData(k.keyTag, k.algorithm) ? "CSK" : role,
      designated: k.designated,
    };
  });
  const ds = evidence.ds.flatMap((text): TrustChainDs[] => {
    const parsed = parseDs(text);
    if (!parsed) return [];
    return [{ ...parsed, matched: keys.some((k) => k.designated && k.keyTag === parsed.keyTag && k.algorithm === parsed.algorithm) }];
  });
  const zone: TrustChainZone = { name, status: evidence.status, anchor: name === ".", ds, keys, signatures };
  if (evidence.note) zone.note = evidence.note;
  return zone;
}

const signatureKey = (s: TrustChainSignature) => `${s.rrset.toLowerCase()}|${s.keyTag}|${s.algorithm}|${s.inception}|${s.expiration}`;

/** Every zone the run's lookups walked, merged: the worst status, every distinct signature. */
export function trustChainOf(lookups: readonly Lookup[]): TrustChain {
  const byName = new Map<string, TrustChainZone>();
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
      const known = new Set(seen.signatures.map(signatureKey));
      for (const s of zone.signatures) if (!known.has(signatureKey(s))) seen.signatures.push(s);
      for (const k of zone.keys) if (!seen.keys.some((x) => x.keyTag === k.keyTag && x.algorithm === k.algorithm)) seen.keys.push(k);
      if (!seen.note && zone.note) seen.note = zone.note;
    }
  }
  // The schema's bounds (lib/report/trust-chain.ts): a hostile zone cannot grow the document.
  const zones = [...byName.values()].slice(0, 48).map((z) => ({ ...z, keys: z.keys.slice(0, 64), signatures: z.signatures.slice(0, 300) }));
  return { zones };
}
