// RSA/SHA-1 (5), RSASHA1-NSEC3-SHA1 (7), RSA/SHA-256 (8), RSA/SHA-512 (10): RFC 3110, RFC 5702.
import { verify } from "node:crypto";
import { b64url, keyImporter, keyVerifier } from "./keys";
import type { SignatureAlgorithm } from "./types";

interface RsaKeyParts {
  exponent: Uint8Array;
  modulus: Uint8Array;
}

/**
 * RFC 3110 §2: one exponent-length octet, or a zero octet and a 16-bit length. Real keys carry
 * exponents wider than the usual 3 octets (isc.org's 2018 KSK: 4 octets), so the length is honoured
 * as written rather than assumed.
 */
export function parseRsaPublicKey(key: Uint8Array): RsaKeyParts | null {
  if (key.length < 1) return null;
  let offset = 1;
  let expLen = key[0] ?? 0;
  if (expLen === 0) {
    if (key.length < 3) return null;
    expLen = ((key[1] ?? 0) << 8) | (key[2] ?? 0);
    offset = 3;
  }
  if (expLen === 0 || offset + expLen >= key.length) return null;
  const exponent = key.subarray(offset, offset + expLen);
  let modulus = key.subarray(offset + expLen);
  // JWK wants the minimal big-endian form.
  let lead = 0;
  while (lead < modulus.length - 1 && modulus[lead] === 0) lead++;
  modulus = modulus.subarray(lead);
  return { exponent, modulus };
}

const importRsaKey = keyImporter((key) => {
  const parts = parseRsaPublicKey(key);
  return parts ? { kty: "RSA", n: b64url(parts.modulus), e: b64url(parts.exponent) } : null;
});

function rsaAlgorithm(number: number, mnemonic: string, hash: string, status: SignatureAlgorithm["status"]): SignatureAlgorithm {
  return {
    number,
    mnemonic,
    status,
    weakBelowBits: 1024,
    // The signature is as long as the modulus, which varies per key: node:crypto judges its length.
    verify: keyVerifier(importRsaKey, null, (key, data, signature) => verify(hash, data, key, signature)),
    keyBits(publicKey) {
      const parts = parseRsaPublicKey(publicKey);
      if (!parts) return null;
      const top = parts.modulus[0] ?? 0;
      return (parts.modulus.length - 1) * 8 + (top === 0 ? 0 : 32 - Math.clz32(top));
    },
  };
}

export const rsaAlgorithms: SignatureAlgorithm[] = [
  rsaAlgorithm(5, "RSASHA1", "sha1", "deprecated"),
  rsaAlgorithm(7, "RSASHA1-NSEC3-SHA1", "sha1", "deprecated"),
  rsaAlgorithm(8, "RSASHA256", "sha256", "recommended"),
  rsaAlgorithm(10, "RSASHA512", "sha512", "recommended"),
];
