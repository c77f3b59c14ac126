// What every algorithm family shares: importing a DNSKEY public-key field as a node:crypto key via
// JWK (cached per key buffer, since one run checks many signatures with the same few keys), and
// turning node:crypto's boolean-or-throw into a VerifyOutcome.
import { createPublicKey, type JsonWebKey, type KeyObject } from "node:crypto";
import type { VerifyOutcome } from "./types";

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
export function outcomeOf(check: () => boolean): VerifyOutcome {
  try {
    return check() ? { ok: true } : { ok: false, problem: "bad-signature" };
  } catch {
    return { ok: false, problem: "malformed-signature" };
  }
}
