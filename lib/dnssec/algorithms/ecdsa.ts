// ECDSA P-256/SHA-256 (13) and P-384/SHA-384 (14): RFC 6605. Keys are x‖y, signatures r‖s.
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import type { SignatureAlgorithm, VerifyOutcome } from "./types";

const imported = new WeakMap<Uint8Array, KeyObject | null>();

function ecdsaAlgorithm(number: number, mnemonic: string, curve: "P-256" | "P-384", hash: string, size: number): SignatureAlgorithm {
  const importKey = (key: Uint8Array): KeyObject | null => {
    const cached = imported.get(key);
    if (cached !== undefined) return cached;
    let result: KeyObject | null = null;
    if (key.length === 2 * size) {
      try {
        result = createPublicKey({
          key: {
            kty: "EC",
            crv: curve,
            x: Buffer.from(key.subarray(0, size)).toString("base64url"),
            y: Buffer.from(key.subarray(size)).toString("base64url"),
          },
          format: "jwk",
        });
      } catch {
        result = null;
      }
    }
    imported.set(key, result);
    return result;
  };
  return {
    number,
    mnemonic,
    status: "recommended",
    weakBelowBits: 0,
    verify(publicKey, data, signature): VerifyOutcome {
      const key = importKey(publicKey);
      if (!key) return { ok: false, problem: "malformed-key" };
      if (signature.length !== 2 * size) return { ok: false, problem: "malformed-signature" };
      try {
        return verify(hash, data, { key, dsaEncoding: "ieee-p1363" }, signature)
          ? { ok: true }
          : { ok: false, problem: "bad-signature" };
      } catch {
        return { ok: false, problem: "malformed-signature" };
      }
    },
    keyBits: (publicKey) => (publicKey.length === 2 * size ? size * 8 : null),
  };
}

export const ecdsaAlgorithms: SignatureAlgorithm[] = [
  ecdsaAlgorithm(13, "ECDSAP256SHA256", "P-256", "sha256", 32),
  ecdsaAlgorithm(14, "ECDSAP384SHA384", "P-384", "sha384", 48),
];
