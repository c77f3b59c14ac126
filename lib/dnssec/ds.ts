// DS digests (RFC 4034 §5.1.4, RFC 4509, RFC 6605 §2): H(canonical owner wire ‖ DNSKEY RDATA).
import { createHash } from "node:crypto";
import { bytesEqual } from "../dns/codec";
import { canonicalNameWire } from "../dns/name";
import type { ResourceRecord } from "../dns/types";
import { keyTag } from "./keytag";

interface DigestType {
  hash: string;
  length: number;
  mnemonic: string;
  /** RFC 8624 §3.3: SHA-1 MUST NOT be used for new DS records; we still check it, with a warning. */
  deprecated: boolean;
}

const digestTypes = new Map<number, DigestType>([
  [1, { hash: "sha1", length: 20, mnemonic: "SHA-1", deprecated: true }],
  [2, { hash: "sha256", length: 32, mnemonic: "SHA-256", deprecated: false }],
  [4, { hash: "sha384", length: 48, mnemonic: "SHA-384", deprecated: false }],
]);

export function isSupportedDigest(digestType: number): boolean {
  return digestTypes.has(digestType);
}

export function isDeprecatedDigest(digestType: number): boolean {
  return digestTypes.get(digestType)?.deprecated ?? false;
}

/** Digests mailsec does not compute, by their IANA names (RFC 5933, RFC 9558; SM3: RFC 9563). */
const otherDigestNames: Readonly<Record<number, string>> = { 3: "GOST R 34.11-94", 5: "GOST R 34.11-2012", 6: "SM3" };

/** The IANA name of a DS digest type ("SHA-256"), or null for a number with no name: shown as the number alone. */
export function digestName(digestType: number): string | null {
  return digestTypes.get(digestType)?.mnemonic ?? otherDigestNames[digestType] ?? null;
}

/** The DS digest of a DNSKEY, or null when the digest type is not one we implement. */
export function dsDigest(ownerName: string, dnskeyRdata: Uint8Array, digestType: number): Uint8Array | null {
  const type = digestTypes.get(digestType);
  if (!type) return null;
  const h = createHash(type.hash);
  h.update(canonicalNameWire(ownerName));
  h.update(dnskeyRdata);
  return new Uint8Array(h.digest());
}

export type DsMatch = "match" | "mismatch" | "unsupported-digest";

/**
 * Does this DS record (RDATA decoded) designate this DNSKEY record? Key tag, algorithm and digest
 * (RFC 4035 §5.2); tag and algorithm are compared first, so a set of many keys is not hashed
 * against every DS.
 */
export function dsMatchesDnskey(ds: ResourceRecord, dnskey: ResourceRecord): DsMatch {
  if (ds.data.kind !== "DS" || dnskey.data.kind !== "DNSKEY") return "mismatch";
  if (!isSupportedDigest(ds.data.digestType)) return "unsupported-digest";
  if (ds.data.algorithm !== dnskey.data.algorithm || ds.data.keyTag !== keyTag(dnskey.rdata)) return "mismatch";
  const digest = dsDigest(dnskey.name, dnskey.rdata, ds.data.digestType);
  return digest !== null && bytesEqual(digest, ds.data.digest) ? "match" : "mismatch";
}
