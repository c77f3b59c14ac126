// Verifying one RRset against a DNSKEY set (RFC 4035 §5.3). The outcome is a value that names
// every RRSIG that was tried and why each failed; one valid RRSIG is enough (RFC 4035 §5.3.3).
import { ancestorWithLabels, isSubdomainOf, joinName, labelCount, namesEqual, parseNameLabels } from "../dns/name";
import type { RecordData, ResourceRecord } from "../dns/types";
import { signatureAlgorithm } from "./algorithms";
import { buildSignedData } from "./canonical";
import { keyTag } from "./keytag";
import { verifySignature } from "./signature-memo";

export const DNSKEY_FLAG_ZONE = 0x0100;
export const DNSKEY_FLAG_REVOKE = 0x0080;
export const DNSKEY_FLAG_SEP = 0x0001;

export type SignatureProblem =
  | "signer-not-zone"
  | "signer-not-ancestor"
  | "type-mismatch"
  | "labels-invalid"
  | "not-yet-valid"
  | "expired"
  | "unsupported-algorithm"
  | "no-matching-key"
  | "bad-signature"
  | "malformed"
  | "not-checked";

/**
 * Cryptographic checks one RRset may cost, across all its RRSIGs and colliding keys. KeyTrap
 * (CVE-2023-50387): a hostile zone pairs many RRSIGs with many keys of one key tag, and trying
 * every pair would block the event loop for minutes. Legitimate sets need one or two checks.
 */
export const MAX_SIGNATURE_CHECKS = 8;

type RrsigData = Extract<RecordData, { kind: "RRSIG" }>;

export interface SignatureCheck {
  rrsig: ResourceRecord;
  typeCovered: number;
  keyTag: number;
  algorithm: number;
  signer: string;
  /** uint32 seconds since the epoch, as in the RRSIG. */
  inception: number;
  expiration: number;
  problem: SignatureProblem | null;
  /** The DNSKEY that verified it, when one did. */
  key: ResourceRecord | null;
}

export interface WildcardExpansion {
  /** The wildcard owner the answer was synthesised from ("*.example."). */
  source: string;
  /** The name whose non-existence must be proven (RFC 4035 §5.3.4, RFC 5155 §8.8). */
  nextCloser: string;
  closestEncloser: string;
}

export type RrsetVerdict =
  | { status: "valid"; by: SignatureCheck; wildcard: WildcardExpansion | null; checks: SignatureCheck[] }
  | { status: "invalid"; problem: SignatureProblem; failed: SignatureCheck; checks: SignatureCheck[] }
  | { status: "unsigned"; checks: SignatureCheck[] };

/** Serial-number arithmetic on uint32 timestamps (RFC 1982, RFC 4034 §3.1.5): a <= b. */
export function serialLte(a: number, b: number): boolean {
  const d = (b - a) >>> 0;
  return d === 0 || d < 0x80000000;
}

export function epochSeconds(now: Date): number {
  return Math.floor(now.getTime() / 1000) >>> 0;
}

/**
 * RFC 4035 §5.3.3: an authenticated RRset is trusted for no longer than its own TTL, the RRSIG's
 * TTL, the Original TTL the signer vouched for, and the time left until the signature expires. The
 * RRset comes back with that TTL, so a resolver cannot stretch what the zone signed.
 */
export function withAuthenticatedTtl(rrset: ResourceRecord[], by: SignatureCheck, now: Date): ResourceRecord[] {
  const cap = signatureTtlCap(by, now);
  return rrset.map((rr) => (rr.ttl > cap ? { ...rr, ttl: cap } : rr));
}

/** The longest an RRset authenticated by `by` may be trusted from `now`, in seconds (the rule above). */
export function authenticatedTtl(rrset: readonly ResourceRecord[], by: SignatureCheck, now: Date): number {
  return rrset.reduce((ttl, rr) => Math.min(ttl, rr.ttl), signatureTtlCap(by, now));
}

function signatureTtlCap(by: SignatureCheck, now: Date): number {
  if (by.rrsig.data.kind !== "RRSIG") return Infinity;
  const left = (by.expiration - epochSeconds(now)) >>> 0;
  return Math.min(by.rrsig.ttl, by.rrsig.data.originalTtl, left < 0x80000000 ? left : 0);
}

/** Keys that may verify an RRSIG at all (RFC 4034 §2.1.1/2.1.2, RFC 5011 §2.1): protocol 3, zone bit, not revoked. */
export function isUsableZoneKey(dnskey: ResourceRecord): boolean {
  if (dnskey.data.kind !== "DNSKEY") return false;
  const { flags, protocol } = dnskey.data;
  return protocol === 3 && (flags & DNSKEY_FLAG_ZONE) !== 0 && (flags & DNSKEY_FLAG_REVOKE) === 0;
}

/** Most telling first: when no RRSIG validates, the report names the failure an admin can act on. */
const problemRank: SignatureProblem[] = [
  "expired",
  "not-yet-valid",
  "bad-signature",
  "no-matching-key",
  "labels-invalid",
  "signer-not-zone",
  "signer-not-ancestor",
  "unsupported-algorithm",
  "type-mismatch",
  "malformed",
  "not-checked",
];

export interface VerifyRrsetInput {
  /** One RRset: same owner, type and class. */
  rrset: ResourceRecord[];
  /** RRSIGs found with it; those of other types or owners are ignored. */
  rrsigs: ResourceRecord[];
  /** The zone's DNSKEY RRset. */
  dnskeys: ResourceRecord[];
  /** The zone apex the keys belong to; RRSIG signer names must equal it. */
  zone: string;
  now: Date;
}

export function verifyRrset(input: VerifyRrsetInput): RrsetVerdict {
  const first = input.rrset[0];
  if (!first) return { status: "unsigned", checks: [] };
  const sigs = input.rrsigs.filter(
    (s) => s.data.kind === "RRSIG" && s.data.typeCovered === first.type && namesEqual(s.name, first.name),
  );
  const budget = { left: MAX_SIGNATURE_CHECKS };
  const checks = sigs.map((s) => checkSignature(s, s.data as RrsigData, input, first, budget));
  if (checks.length === 0) return { status: "unsigned", checks };
  const ok = checks.find((c) => c.problem === null);
  if (ok) return { status: "valid", by: ok, wildcard: wildcardOf(first.name, (ok.rrsig.data as RrsigData).labels), checks };
  const failed = [...checks].sort(
    (a, b) => problemRank.indexOf(a.problem ?? "malformed") - problemRank.indexOf(b.problem ?? "malformed"),
  )[0] as SignatureCheck;
  return { status: "invalid", problem: failed.problem ?? "malformed", failed, checks };
}

function ownerLabelCount(owner: string): number {
  const labels = parseNameLabels(owner);
  // A wildcard owner's `*` label (one octet 0x2a, however it is written) is not counted.
  const first = labels[0];
  return first !== undefined && first.length === 1 && first[0] === 0x2a ? labels.length - 1 : labels.length;
}

function wildcardOf(owner: string, rrsigLabels: number): WildcardExpansion | null {
  if (rrsigLabels >= ownerLabelCount(owner)) return null;
  const closestEncloser = ancestorWithLabels(owner, rrsigLabels);
  return {
    source: joinName("*", closestEncloser),
    nextCloser: ancestorWithLabels(owner, rrsigLabels + 1),
    closestEncloser,
  };
}

function checkSignature(rrsig: ResourceRecord, d: RrsigData, input: VerifyRrsetInput, first: ResourceRecord, budget: { left: number }): SignatureCheck {
  const base: SignatureCheck = {
    rrsig,
    typeCovered: d.typeCovered,
    keyTag: d.keyTag,
    algorithm: d.algorithm,
    signer: d.signerName,
    inception: d.inception,
    expiration: d.expiration,
    problem: null,
    key: null,
  };
  const fail = (problem: SignatureProblem): SignatureCheck => ({ ...base, problem });
  // RFC 4035 §5.3.1, in its order: names first, then time, then keys and cryptography.
  if (!namesEqual(d.signerName, input.zone)) return fail("signer-not-zone");
  if (!isSubdomainOf(first.name, d.signerName)) return fail("signer-not-ancestor");
  if (d.typeCovered !== first.type) return fail("type-mismatch");
  if (d.labels > ownerLabelCount(first.name) || d.labels < labelCount(d.signerName)) return fail("labels-invalid");
  const now = epochSeconds(input.now);
  if (!serialLte(d.inception, now)) return fail("not-yet-valid");
  if (!serialLte(now, d.expiration)) return fail("expired");
  const algorithm = signatureAlgorithm(d.algorithm);
  if (!algorithm) return fail("unsupported-algorithm");
  const candidates = input.dnskeys.filter(
    (k) =>
      k.data.kind === "DNSKEY" &&
      k.data.algorithm === d.algorithm &&
      isUsableZoneKey(k) &&
      namesEqual(k.name, d.signerName) &&
      keyTag(k.rdata) === d.keyTag,
  );
  if (candidates.length === 0) return fail("no-matching-key");
  const signed = buildSignedData(rrsig.rdata, input.rrset);
  if (!signed) return fail("malformed");
  // Key tags collide: every candidate gets its chance (RFC 4035 §5.3.1).
  for (const key of candidates) {
    if (key.data.kind !== "DNSKEY") continue;
    if (budget.left <= 0) return fail("not-checked");
    budget.left--;
    const outcome = verifySignature(algorithm, key.data.publicKey, signed, d.signature);
    if (outcome.ok) return { ...base, key };
  }
  return fail("bad-signature");
}
