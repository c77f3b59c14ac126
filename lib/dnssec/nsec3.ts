// NSEC3 denial of existence (RFC 5155 §8) and the RFC 9276 iteration limit.
import { createHash } from "node:crypto";
import { bytesEqual, compareBytes, fromBase32Hex, toBase32Hex } from "../dns/codec";
import { ancestorWithLabels, canonicalNameWire, isSubdomainOf, joinName, labelCount, nameLabels, namesEqual, parentName } from "../dns/name";
import { RRType, type ResourceRecord } from "../dns/types";
import { bitmapDeniesType, failed, isDelegation, proven, type DenialDetail, type DenialGoal, type DenialResult } from "./denial";

export const NSEC3_FLAG_OPT_OUT = 0x01;
/** RFC 9276 §3.2 leaves the cut-off to implementations; 150 is the value common resolvers settled on. */
export const DEFAULT_NSEC3_MAX_ITERATIONS = 150;

/** RFC 5155 §5: IH(salt, x, 0) = H(x ‖ salt); IH(salt, x, k) = H(IH(salt, x, k-1) ‖ salt). */
export function nsec3Hash(name: string, salt: Uint8Array, iterations: number): Uint8Array {
  let digest = createHash("sha1").update(canonicalNameWire(name)).update(salt).digest();
  for (let i = 0; i < iterations; i++) digest = createHash("sha1").update(digest).update(salt).digest();
  return new Uint8Array(digest);
}

/** The hash for an NSEC3 hash algorithm number; null for anything but 1 (SHA-1), the only one assigned. */
export function nsec3HashFor(hashAlgorithm: number, name: string, salt: Uint8Array, iterations: number): Uint8Array | null {
  return hashAlgorithm === 1 ? nsec3Hash(name, salt, iterations) : null;
}

export function nsec3HashBase32(name: string, salt: Uint8Array, iterations: number): string {
  return toBase32Hex(nsec3Hash(name, salt, iterations)).toLowerCase();
}

interface Nsec3 {
  owner: string;
  ownerHash: Uint8Array;
  nextHash: Uint8Array;
  optOut: boolean;
  types: number[];
  salt: Uint8Array;
  iterations: number;
}

function asNsec3(rr: ResourceRecord, zone: string): Nsec3 | null {
  // RFC 5155 §8.1/§8.2: unknown hash algorithms, unknown flags and records outside the zone are ignored.
  if (rr.data.kind !== "NSEC3" || rr.data.hashAlgorithm !== 1 || (rr.data.flags & ~NSEC3_FLAG_OPT_OUT) !== 0) return null;
  const labels = nameLabels(rr.name);
  const first = labels[0];
  if (!first || labels.length < 1 || !namesEqual(parentName(rr.name), zone)) return null;
  let ownerHash: Uint8Array;
  try {
    ownerHash = fromBase32Hex(first);
  } catch {
    return null;
  }
  if (ownerHash.length !== rr.data.nextHashed.length) return null;
  return {
    owner: rr.name,
    ownerHash,
    nextHash: rr.data.nextHashed,
    optOut: (rr.data.flags & NSEC3_FLAG_OPT_OUT) !== 0,
    types: rr.data.types,
    salt: rr.data.salt,
    iterations: rr.data.iterations,
  };
}

function covers(n: Nsec3, hash: Uint8Array): boolean {
  const afterOwner = compareBytes(n.ownerHash, hash) < 0;
  const beforeNext = compareBytes(hash, n.nextHash) < 0;
  const wraps = compareBytes(n.nextHash, n.ownerHash) <= 0;
  return wraps ? afterOwner || beforeNext : afterOwner && beforeNext;
}

class Nsec3Set {
  private readonly hashes = new Map<string, Uint8Array>();
  constructor(
    readonly records: Nsec3[],
    readonly salt: Uint8Array,
    readonly iterations: number,
  ) {}

  hash(name: string): Uint8Array {
    const key = name.toLowerCase();
    let h = this.hashes.get(key);
    if (!h) {
      h = nsec3Hash(name, this.salt, this.iterations);
      this.hashes.set(key, h);
    }
    return h;
  }
  match(name: string): Nsec3 | undefined {
    const h = this.hash(name);
    return this.records.find((r) => bytesEqual(r.ownerHash, h));
  }
  cover(name: string): Nsec3 | undefined {
    const h = this.hash(name);
    return this.records.find((r) => covers(r, h));
  }
}

interface ClosestEncloserProof {
  closestEncloser: string;
  nextCloser: string;
  nextCloserCover: Nsec3;
}

/**
 * RFC 5155 §8.3: the longest ancestor of qname with a matching NSEC3 whose next-closer child is
 * covered. A delegation or DNAME owner cannot be the closest encloser: below it the zone knows nothing.
 */
function closestEncloser(set: Nsec3Set, qname: string, zone: string): ClosestEncloserProof | DenialDetail {
  const total = labelCount(qname);
  for (let n = total - 1; n >= labelCount(zone); n--) {
    const candidate = ancestorWithLabels(qname, n);
    const match = set.match(candidate);
    if (!match) continue;
    if (isDelegation(match.types) || match.types.includes(RRType.DNAME)) {
      return { reason: "nsec3-encloser-cut", encloser: candidate };
    }
    const nextCloser = ancestorWithLabels(qname, n + 1);
    const cover = set.cover(nextCloser);
    if (!cover) return { reason: "nsec3-next-closer-uncovered", name: nextCloser };
    return { closestEncloser: candidate, nextCloser, nextCloserCover: cover };
  }
  return { reason: "nsec3-no-encloser", name: qname, zone };
}

export interface Nsec3Options {
  maxIterations: number;
}

export function proveWithNsec3(goal: DenialGoal, records: ResourceRecord[], zone: string, options: Nsec3Options): DenialResult {
  const parsed = records.map((r) => asNsec3(r, zone)).filter((n): n is Nsec3 => n !== null);
  const first = parsed[0];
  if (!first) return failed({ reason: "nsec3-none", zone });
  // All NSEC3 records of a zone share one parameter set; mixed parameters cannot form one proof.
  const records1 = parsed.filter((p) => p.iterations === first.iterations && bytesEqual(p.salt, first.salt));
  if (first.iterations > options.maxIterations) {
    return {
      status: "iterations-exceeded",
      iterations: first.iterations,
      limit: options.maxIterations,
      detail: { reason: "nsec3-iterations", zone, iterations: first.iterations, limit: options.maxIterations },
    };
  }
  const set = new Nsec3Set(records1, first.salt, first.iterations);
  switch (goal.kind) {
    case "nxdomain": {
      if (set.match(goal.qname)) return failed({ reason: "nsec3-name-exists", name: goal.qname });
      const ce = closestEncloser(set, goal.qname, zone);
      if ("reason" in ce) return failed(ce);
      const wildcard = joinName("*", ce.closestEncloser);
      if (!set.cover(wildcard)) return failed({ reason: "nsec3-wildcard-uncovered", wildcard });
      return proven({ reason: "nsec3-nxdomain-proven", encloser: ce.closestEncloser, name: ce.nextCloser, wildcard }, {
        optOut: ce.nextCloserCover.optOut,
      });
    }
    case "nodata":
      return proveNoData(set, goal.qname, goal.qtype, zone);
    case "wildcard-answer": {
      if (!isSubdomainOf(goal.nextCloser, zone)) return failed({ reason: "nsec3-outside-zone", name: goal.nextCloser, zone });
      const cover = set.cover(goal.nextCloser);
      if (!cover) return failed({ reason: "nsec3-wildcard-next-closer-uncovered", name: goal.nextCloser });
      return proven({ reason: "nsec3-wildcard-proven", owner: cover.owner, name: goal.nextCloser }, { wildcard: true, optOut: cover.optOut });
    }
  }
}

function proveNoData(set: Nsec3Set, qname: string, qtype: number, zone: string): DenialResult {
  const match = set.match(qname);
  if (match) {
    const objection = bitmapDeniesType(match.types, qtype);
    if (objection) return failed({ reason: "nsec3-bitmap", name: qname, bitmap: objection });
    const insecureDelegation = qtype === RRType.DS && isDelegation(match.types);
    return proven({ reason: "nsec3-nodata-proven", owner: match.owner, name: qname }, { insecureDelegation });
  }
  const ce = closestEncloser(set, qname, zone);
  if ("reason" in ce) return failed(ce);
  // RFC 5155 §8.6: no DS and no matching NSEC3 is acceptable only under an opt-out span.
  if (qtype === RRType.DS) {
    if (!ce.nextCloserCover.optOut) return failed({ reason: "nsec3-no-opt-out", name: qname, owner: ce.nextCloserCover.owner });
    return proven({ reason: "nsec3-opt-out-proven", owner: ce.nextCloserCover.owner, name: ce.nextCloser }, {
      optOut: true,
      insecureDelegation: true,
    });
  }
  // RFC 5155 §8.7: wildcard NODATA. Under opt-out (§9.2) the next closer name may lie in an
  // unsigned delegation, so the proof stands only as far as opt-out allows: the caller makes it Insecure.
  const optOut = ce.nextCloserCover.optOut;
  const wildcard = joinName("*", ce.closestEncloser);
  const wildcardMatch = set.match(wildcard);
  if (!wildcardMatch) {
    // An empty non-terminal above unsigned delegations has no NSEC3 of its own under opt-out.
    if (optOut) return proven({ reason: "nsec3-opt-out-ent-proven", name: qname, owner: ce.nextCloserCover.owner, next: ce.nextCloser }, { optOut: true });
    return failed({ reason: "nsec3-wildcard-no-match", name: qname, wildcard });
  }
  const objection = bitmapDeniesType(wildcardMatch.types, qtype);
  if (objection) return failed({ reason: "nsec3-bitmap", name: wildcard, bitmap: objection });
  return proven({ reason: "nsec3-wildcard-nodata-proven", wildcard, name: ce.nextCloser }, { wildcard: true, optOut });
}
