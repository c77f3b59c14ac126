// The contract every signature-algorithm family implements. The registry (index.ts) maps IANA
// DNSSEC algorithm numbers to one of these; nothing else in lib/dnssec knows about key formats.

/** RFC 8624 §3.1 status, as far as a validator is concerned. */
export type AlgorithmStatus = "recommended" | "deprecated";

export type VerifyOutcome =
  | { ok: true }
  | { ok: false; problem: "bad-signature" | "malformed-key" | "malformed-signature" };

export interface SignatureAlgorithm {
  number: number;
  mnemonic: string;
  status: AlgorithmStatus;
  /** Verifies `signature` over `data` with the DNSKEY public-key field `publicKey`. */
  verify(publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): VerifyOutcome;
  /** Key size in bits, for the weak-key warning; null when the key cannot be parsed. */
  keyBits(publicKey: Uint8Array): number | null;
  /** Below this many bits the key is flagged as weak (never rejected: RFC test vectors use 512). */
  weakBelowBits: number;
}
