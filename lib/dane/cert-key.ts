// What the certificate details say of a public key (type, size, curve), read from the
// SubjectPublicKeyInfo bytes the DER reader already sliced (RFC 5280 §4.1.2.7, RFC 3279, RFC 5480,
// RFC 8410). Asking OpenSSL instead made it parse the certificate and decode the key (~0.2 ms a
// certificate, OpenSSL 3's decoders) for three facts the bytes state. The names are the ones
// node's KeyObject gives (asymmetricKeyType, namedCurve); keys of other kinds, and encodings
// this reader does not know, return null and the caller asks OpenSSL (tests/dane/cert-key.test.ts
// holds the two to the same answers).
import { childrenOf, contentOf, DerTag, expectTag, oidText, readNode } from "./der";

export interface KeyInfo {
  /** node's asymmetricKeyType: "rsa", "rsa-pss", "ec", "ed25519", "ed448". */
  type: string;
  /** Modulus bits of an RSA key; null for the other kinds (the caller knows their sizes). */
  modulusBits: number | null;
  /** OpenSSL's short name of an EC key's named curve, e.g. "prime256v1"; null for the other kinds. */
  namedCurve: string | null;
}

const KEY_ALGORITHMS: Readonly<Record<string, string>> = {
  "1.2.840.113549.1.1.1": "rsa",
  "1.2.840.113549.1.1.10": "rsa-pss",
  "1.2.840.10045.2.1": "ec",
  "1.3.101.112": "ed25519",
  "1.3.101.113": "ed448",
};

/** Named curves by OID (RFC 5480 §2.1.1.1, RFC 5639), as OpenSSL names them. */
const NAMED_CURVES: Readonly<Record<string, string>> = {
  "1.2.840.10045.3.1.7": "prime256v1",
  "1.3.132.0.34": "secp384r1",
  "1.3.132.0.35": "secp521r1",
  "1.3.132.0.33": "secp224r1",
  "1.2.840.10045.3.1.1": "prime192v1",
  "1.3.132.0.10": "secp256k1",
  "1.3.36.3.3.2.8.1.1.7": "brainpoolP256r1",
  "1.3.36.3.3.2.8.1.1.11": "brainpoolP384r1",
  "1.3.36.3.3.2.8.1.1.13": "brainpoolP512r1",
};

/** The key's type, RSA modulus size or EC curve; null when the bytes are not a key this reader knows. */
export function readKeyInfo(spki: Uint8Array): KeyInfo | null {
  try {
    const [algorithm, key] = childrenOf(spki, expectTag(readNode(spki, 0), DerTag.SEQUENCE, "SubjectPublicKeyInfo"));
    const [oid, params] = childrenOf(spki, expectTag(algorithm, DerTag.SEQUENCE, "AlgorithmIdentifier"));
    const type = KEY_ALGORITHMS[oidText(contentOf(spki, expectTag(oid, DerTag.OID, "algorithm")))];
    const bits = expectTag(key, DerTag.BIT_STRING, "subjectPublicKey");
    // A BIT STRING's first octet counts the unused bits: a key uses all of its last octet.
    if (type === undefined || bits.end <= bits.contentStart || spki[bits.contentStart] !== 0) return null;
    if (type === "ec") {
      const curve = params?.tag === DerTag.OID ? NAMED_CURVES[oidText(contentOf(spki, params))] : undefined;
      return curve === undefined ? null : { type, modulusBits: null, namedCurve: curve };
    }
    if (type === "rsa" || type === "rsa-pss") {
      // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } inside the BIT STRING.
      const rsaKey = expectTag(readNode(spki, bits.contentStart + 1, bits.end), DerTag.SEQUENCE, "RSAPublicKey");
      const [modulus] = childrenOf(spki, rsaKey);
      const modulusBits = integerBits(contentOf(spki, expectTag(modulus, DerTag.INTEGER, "modulus")));
      return modulusBits === null ? null : { type, modulusBits, namedCurve: null };
    }
    return { type, modulusBits: null, namedCurve: null };
  } catch {
    // Not a SubjectPublicKeyInfo this reader can walk: OpenSSL decides what it is.
    return null;
  }
}

/** Bits of a non-negative INTEGER's value octets, as OpenSSL's BN_num_bits counts them. */
function integerBits(value: Uint8Array): number | null {
  let at = 0;
  while (at < value.length && value[at] === 0) at++;
  const top = value[at];
  // A negative modulus is no RSA key.
  if (at === 0 && top !== undefined && top >= 0x80) return null;
  return top === undefined ? 0 : (value.length - at - 1) * 8 + (32 - Math.clz32(top));
}
