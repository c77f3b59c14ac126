// Authenticating a zone's DNSKEY RRset from the DS records above it (or a configured anchor):
// RFC 4035 §5.2 with RFC 6840 §5.2, each signature classified per RFC 4035 §5.3 / RFC 6840 §5.11
// (signature-classes.ts). Pure: the caller fetched the records; this only judges them.
import { bytesEqual } from "../dns/codec";
import type { ResourceRecord } from "../dns/types";
import { DnssecCode } from "../report/findings/dnssec";
import { algorithmName, isSupportedAlgorithm, signatureAlgorithm } from "./algorithms";
import { digestName, dsMatchesDnskey, isDeprecatedDigest, isSupportedDigest } from "./ds";
import { keyTag } from "./keytag";
import { dnskeyEvidence, dsPresentation, makeReason, type SignatureEvidence, type ValidationReason, type ZoneEvidence } from "./reasons";
import { classifySignatures, signatureReason } from "./signature-classes";
import { authenticatedTtl, isUsableZoneKey, verifyRrset } from "./rrsig";

export interface ZoneKeysInput {
  zone: string;
  /** The authenticated DS RRset at the parent, or the anchor's DS records. */
  ds: ResourceRecord[];
  /** DNSKEY trust anchors for the zone (they vouch for themselves). */
  anchorKeys: ResourceRecord[];
  /** The zone's DNSKEY RRset as fetched, and the RRSIGs that came with it. */
  dnskeys: ResourceRecord[];
  rrsigs: ResourceRecord[];
  now: Date;
  /** Evidence of the DS RRset's own signature (made by the parent), shown with this zone. */
  dsSignatures?: SignatureEvidence[];
}

export type ZoneKeysOutcome =
  | {
      status: "secure";
      keys: ResourceRecord[];
      evidence: ZoneEvidence;
      warnings: ValidationReason[];
      /** Seconds the keys may be trusted from `now`: their authenticated TTL (RFC 4035 §5.3.3). */
      ttl: number;
    }
  | { status: "insecure" | "bogus"; reason: ValidationReason; evidence: ZoneEvidence; warnings: ValidationReason[] };

/**
 * DS records we can check. Every SHA-1 DS is dropped when the set holds a checkable stronger digest
 * (RFC 4509 §3, as BIND and Unbound do): otherwise a key forged to a SHA-1 DS of a retired or other
 * key would stand in for the key the SHA-256 DS designates.
 */
function usableDs(ds: ResourceRecord[]): ResourceRecord[] {
  const checkable = ds.filter((d) => d.data.kind === "DS" && isSupportedDigest(d.data.digestType) && isSupportedAlgorithm(d.data.algorithm));
  const strong = checkable.some((d) => d.data.kind === "DS" && !isDeprecatedDigest(d.data.digestType));
  return strong ? checkable.filter((d) => d.data.kind === "DS" && !isDeprecatedDigest(d.data.digestType)) : checkable;
}

/**
 * When no DS (and no DNSKEY anchor) uses an algorithm and digest we implement, the zone is Insecure
 * (RFC 4035 §5.2, RFC 6840 §5.2), and its keys need not even be fetched. Returns that reason, or
 * null when validation can proceed.
 */
export function unsupportedDsReason(zone: string, ds: ResourceRecord[], anchorKeys: ResourceRecord[]): ValidationReason | null {
  if (anchorKeys.some((k) => k.data.kind === "DNSKEY" && isSupportedAlgorithm(k.data.algorithm)) || usableDs(ds).length > 0) return null;
  const first = ds.find((d) => d.data.kind === "DS") ?? anchorKeys.find((k) => k.data.kind === "DNSKEY");
  const alg = first?.data.kind === "DS" || first?.data.kind === "DNSKEY" ? first.data.algorithm : 0;
  const digest = first?.data.kind === "DS" ? first.data.digestType : 0;
  return !isSupportedAlgorithm(alg)
    ? makeReason(DnssecCode.UNSUPPORTED_ALGORITHM, { zone, algorithm: `${algorithmName(alg)} (${alg})` })
    : makeReason(DnssecCode.UNSUPPORTED_DIGEST, { zone, digest: named(digestName(digest), digest) });
}

/** "SHA-384 (4)", or the number alone when it has no name (the catalogue says "digest type …" around it). */
function named(name: string | null, number: number): string {
  return name === null ? String(number) : `${name} (${number})`;
}

function keyWarnings(zone: string, keys: ResourceRecord[], usedAlgorithms: Set<number>): ValidationReason[] {
  const warnings: ValidationReason[] = [];
  for (const alg of usedAlgorithms) {
    if (signatureAlgorithm(alg)?.status === "deprecated") {
      warnings.push(makeReason(DnssecCode.DEPRECATED_ALGORITHM, { zone, algorithm: `${algorithmName(alg)} (${alg})` }));
    }
  }
  for (const k of keys) {
    if (k.data.kind !== "DNSKEY" || !isUsableZoneKey(k)) continue;
    const alg = signatureAlgorithm(k.data.algorithm);
    const bits = alg?.keyBits(k.data.publicKey);
    if (alg && bits && bits < alg.weakBelowBits) warnings.push(makeReason(DnssecCode.WEAK_KEY, { zone, keyTag: keyTag(k.rdata), bits }));
  }
  return warnings;
}

export function authenticateZoneKeys(input: ZoneKeysInput): ZoneKeysOutcome {
  const { zone, ds, anchorKeys, dnskeys: keys, now } = input;
  const evidence: ZoneEvidence = { zone, status: "secure", ds: ds.map(dsPresentation), dnskeys: [], signatures: [...(input.dsSignatures ?? [])] };
  const warnings: ValidationReason[] = [];
  for (const d of ds) {
    if (d.data.kind === "DS" && isDeprecatedDigest(d.data.digestType) && isSupportedAlgorithm(d.data.algorithm)) {
      warnings.push(makeReason(DnssecCode.DEPRECATED_DIGEST, { zone, ds: dsPresentation(d) }));
    }
  }
  const fail = (status: "insecure" | "bogus", reason: ValidationReason): ZoneKeysOutcome => ({
    status,
    reason,
    evidence: { ...evidence, status, reason },
    warnings,
  });
  const unsupported = unsupportedDsReason(zone, ds, anchorKeys);
  if (unsupported) return fail("insecure", unsupported);
  if (keys.length === 0) return fail("bogus", makeReason(DnssecCode.DNSKEY_MISSING, { zone, dnskeyProblem: "no-keys" }));
  const supported = usableDs(ds);
  const sameKey = (a: ResourceRecord, b: ResourceRecord): boolean => bytesEqual(a.rdata, b.rdata);
  const designated = keys.filter((k) => anchorKeys.some((a) => sameKey(a, k)) || supported.some((d) => dsMatchesDnskey(d, k) === "match"));
  evidence.dnskeys = keys.map((k) => dnskeyEvidence(k, designated.includes(k))).filter((k) => k !== null);
  // A configured DNSKEY anchor vouches for itself even when the zone no longer publishes it.
  const signingKeys = [...designated, ...anchorKeys.filter((a) => !designated.some((d) => sameKey(a, d)))].filter(isUsableZoneKey);
  if (signingKeys.length === 0) {
    // An empty {ds}: the keys came from the configured trust anchor (the catalogue says so).
    return fail("bogus", makeReason(DnssecCode.DS_MISMATCH, { zone, ds: ds.map(dsPresentation).join("; ") }));
  }
  // RFC 4035 §5.3 / RFC 6840 §5.11: every RRSIG over the set is verified against the key it names,
  // wherever it sits in the set (dnssec-signzone signs the DNSKEY set with the ZSK too); the set is
  // authenticated when one valid signature is made by a designated key. Signatures naming a
  // designated key go first, so the KeyTrap budget (MAX_SIGNATURE_CHECKS) is spent on the chain.
  const onChain = (k: ResourceRecord): boolean => signingKeys.some((s) => sameKey(s, k));
  const chainTags = new Set(signingKeys.map((k) => (k.data.kind === "DNSKEY" ? `${keyTag(k.rdata)}/${k.data.algorithm}` : "")));
  const namesChainKey = (s: ResourceRecord): boolean => s.data.kind === "RRSIG" && chainTags.has(`${s.data.keyTag}/${s.data.algorithm}`);
  const rrsigs = [...input.rrsigs.filter(namesChainKey), ...input.rrsigs.filter((s) => !namesChainKey(s))];
  const verdict = verifyRrset({ rrset: keys, rrsigs, dnskeys: [...keys, ...signingKeys.filter((a) => !keys.some((k) => sameKey(a, k)))], zone, now });
  const classified = classifySignatures(verdict, zone, zone, now, onChain);
  evidence.signatures.push(...classified.evidence);
  if (verdict.status === "unsigned") return fail("bogus", makeReason(DnssecCode.DNSKEY_MISSING, { zone, dnskeyProblem: "unsigned" }));
  if (!classified.secure) {
    // The chain breaks at a designated key's own signature when there is one; else no designated key signed.
    const chainFailure = verdict.checks.find((c) => c.problem !== null && namesChainKey(c.rrsig));
    return fail(
      "bogus",
      chainFailure
        ? signatureReason(chainFailure, zone, zone, now)
        : makeReason(DnssecCode.DNSKEY_MISSING, { zone, dnskeyProblem: "not-designated" }),
    );
  }
  const algs = new Set(verdict.checks.filter((c) => c.problem === null).map((c) => c.algorithm));
  // The signatures that carry the chain bound how long the keys are trusted (the shortest of them).
  const ttl = verdict.checks
    .filter((c) => c.problem === null && c.key !== null && onChain(c.key))
    .reduce((shortest, c) => Math.min(shortest, authenticatedTtl(keys, c, now)), Infinity);
  return { status: "secure", keys, evidence, warnings: [...warnings, ...keyWarnings(zone, keys, algs)], ttl };
}
