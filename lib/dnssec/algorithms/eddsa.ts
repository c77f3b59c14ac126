// Ed25519 (15) and Ed448 (16): RFC 8080. The public key field is the raw RFC 8032 key.
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import type { SignatureAlgorithm, VerifyOutcome } from "./types";

const imported = new WeakMap<Uint8Array, KeyObject | null>();

function eddsaAlgorithm(number: number, mnemonic: string, curve: "Ed25519" | "Ed448", keySize: number, bits: number): SignatureAlgorithm {
  const importKey = (key: Uint8Array): KeyObject | null => {
    const cached = imported.get(key);
    if (cached !== undefined) return cached;
    let result: KeyObject | null = null;
    if (key.length === keySize) {
      try {
        result = createPublicKey({ key: { kty: "OKP", crv: curve, x: Buffer.from(key).toString("base64url") }, format: "jwk" });
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
      if (signature.length !== 2 * keySize) return { ok: false, problem: "malformed-signature" };
      try {
        return verify(null, data, key, signature) ? { ok: true } : { ok: false, problem: "bad-signature" };
      } catch {
        return { ok: false, problem: "malformed-signature" };
      }
    },
    keyBits: (publicKey) => (publicKey.length === keySize ? bits : null),
  };
}

export const eddsaAlgorithms: SignatureAlgorithm[] = [
  eddsaAlgorithm(15, "ED25519", "Ed25519", 32, 256),
  eddsaAlgorithm(16, "ED448", "Ed448", 57, 456),
];
