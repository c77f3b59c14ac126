// ECDSA P-256/SHA-256 (13) and P-384/SHA-384 (14): RFC 6605. Keys are x‖y, signatures r‖s.
import { verify } from "node:crypto";
import { b64url, keyImporter, keyVerifier } from "./keys";
import type { SignatureAlgorithm } from "./types";

function ecdsaAlgorithm(number: number, mnemonic: string, curve: "P-256" | "P-384", hash: string, size: number): SignatureAlgorithm {
  const importKey = keyImporter((key) =>
    key.length === 2 * size ? { kty: "EC", crv: curve, x: b64url(key.subarray(0, size)), y: b64url(key.subarray(size)) } : null,
  );
  return {
    number,
    mnemonic,
    status: "recommended",
    weakBelowBits: 0,
    verify: keyVerifier(importKey, 2 * size, (key, data, signature) => verify(hash, data, { key, dsaEncoding: "ieee-p1363" }, signature)),
    keyBits: (publicKey) => (publicKey.length === 2 * size ? size * 8 : null),
  };
}

export const ecdsaAlgorithms: SignatureAlgorithm[] = [
  ecdsaAlgorithm(13, "ECDSAP256SHA256", "P-256", "sha256", 32),
  ecdsaAlgorithm(14, "ECDSAP384SHA384", "P-384", "sha384", 48),
];
