// What every algorithm family shares: importing a DNSKEY public-key field as a node:crypto key via
// JWK (cached per key buffer, since one run checks many signatures with the same few keys), and
// the verify step around node:crypto's boolean-or-throw.
import { createPublicKey, type JsonWebKey, type KeyObject } from "node:crypto";
import type { SignatureAlgorithm, VerifyOutcome } from "./types";

export function keyImporter(toJwk: (key: Uint8Array) => JsonWebKey | null): (key: Uint8Array) => KeyObject | null {
  const cache = new WeakMap<Uint8Array, KeyObject | null>();
  return (key) => {
    const cached = cache.get(key);
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
    cache.set(key, result);
    return result;
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
