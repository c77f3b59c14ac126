// Ed25519 (15) and Ed448 (16): RFC 8080. The public key field is the raw RFC 8032 key.
import { verify } from "node:crypto";
import { b64url, keyImporter, keyVerifier } from "./keys";
import type { SignatureAlgorithm } from "./types";

function eddsaAlgorithm(number: number, mnemonic: string, curve: "Ed25519" | "Ed448", keySize: number, bits: number): SignatureAlgorithm {
  const importKey = keyImporter((key) => (key.length === keySize ? { kty: "OKP", crv: curve, x: b64url(key) } : null));
  return {
    number,
    mnemonic,
    status: "recommended",
    weakBelowBits: 0,
    verify: keyVerifier(importKey, 2 * keySize, (key, data, signature) => verify(null, data, key, signature)),
    keyBits: (publicKey) => (publicKey.length === keySize ? bits : null),
  };
}

export const eddsaAlgorithms: SignatureAlgorithm[] = [
  eddsaAlgorithm(15, "ED25519", "Ed25519", 32, 256),
  eddsaAlgorithm(16, "ED448", "Ed448", 57, 456),
];
