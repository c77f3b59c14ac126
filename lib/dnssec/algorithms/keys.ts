// What every algorithm family shares: importing a DNSKEY public-key field as a node:crypto key via
// JWK, and the verify step around node:crypto's boolean-or-throw. A key is imported once per
// process, keyed by its bytes: every run of a server meets the same root, TLD and zone keys, and
// the import (JWK to an OpenSSL key) cost more than many of the signature checks it serves.
import { createPublicKey, type JsonWebKey, type KeyObject } from "node:crypto";
import { BoundedMemo } from "../../dns/memo";
import type { SignatureAlgorithm, VerifyOutcome } from "./types";

/** Distinct keys kept per algorithm family; a hostile zone's stream of new keys only evicts. */
const IMPORTED_KEYS_PER_FAMILY = 1024;

const importers: BoundedMemo<string, KeyObject | null>[] = [];

/** Forgets every imported key (benchmarks measure the import itself with it). */
export function clearImportedKeys(): void {
  for (const memo of importers) memo.clear();
}

export function keyImporter(toJwk: (key: Uint8Array) => JsonWebKey | null): (key: Uint8Array) => KeyObject | null {
  const cache = new BoundedMemo<string, KeyObject | null>(IMPORTED_KEYS_PER_FAMILY);
  importers.push(cache);
  return (key) => {
    const id = Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString("base64");
    const cached = cache.get(id);
    if (cached !== undefined) return cached;
    let result: KeyObject | null = null;
    const jwk = toJwk(key);
    if (jwk) {
      try {
        result = createPublicKey({ key: jwk, format: "jwk" });
      } catch {
        result = null;
      }
    }
    return cache.set(id, result);
  };
}

export function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

/** Runs one node:crypto verification; a throw means the signature bytes could not be used. */
function outcomeOf(check: () => boolean): VerifyOutcome {
  try {
    return check() ? { ok: true } : { ok: false, problem: "bad-signature" };
  } catch {
    return { ok: false, problem: "malformed-signature" };
  }
}

/**
 * A family's verify(): a key field that does not import is malformed-key; then, where the family
 * fixes the signature length, any other length is malformed-signature; then `check` decides.
 */
export function keyVerifier(
  importKey: (key: Uint8Array) => KeyObject | null,
  signatureLength: number | null,
  check: (key: KeyObject, data: Uint8Array, signature: Uint8Array) => boolean,
): SignatureAlgorithm["verify"] {
  return (publicKey, data, signature) => {
    const key = importKey(publicKey);
    if (!key) return { ok: false, problem: "malformed-key" };
    if (signatureLength !== null && signature.length !== signatureLength) return { ok: false, problem: "malformed-signature" };
    return outcomeOf(() => check(key, data, signature));
  };
}
