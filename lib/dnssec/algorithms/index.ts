// The signature-algorithm registry, keyed by IANA DNSSEC algorithm number. RSAMD5 (1), DSA (3, 6),
// ECC-GOST (12) and anything unassigned are absent on purpose: RFC 8624 says MUST NOT validate
// (1, 3, 6) or MAY (12), and an algorithm we cannot check makes a zone Insecure, not Bogus
// (RFC 4035 §5.2, RFC 6840 §5.2).
import { ecdsaAlgorithms } from "./ecdsa";
import { eddsaAlgorithms } from "./eddsa";
import { rsaAlgorithms } from "./rsa";
import type { SignatureAlgorithm } from "./types";

export type { AlgorithmStatus, SignatureAlgorithm, VerifyOutcome } from "./types";

const registry = new Map<number, SignatureAlgorithm>(
  [...rsaAlgorithms, ...ecdsaAlgorithms, ...eddsaAlgorithms].map((a) => [a.number, a]),
);

/** The implementation for an algorithm number, or null when mailsec cannot validate it. */
export function signatureAlgorithm(number: number): SignatureAlgorithm | null {
  return registry.get(number) ?? null;
}

export function isSupportedAlgorithm(number: number): boolean {
  return registry.has(number);
}

const mnemonics: Record<number, string> = {
  1: "RSAMD5",
  3: "DSA",
  6: "DSA-NSEC3-SHA1",
  12: "ECC-GOST",
};

/** IANA mnemonic for display ("RSASHA256"), "ALG<n>" for unknown numbers. */
export function algorithmName(number: number): string {
  return registry.get(number)?.mnemonic ?? mnemonics[number] ?? `ALG${number}`;
}
