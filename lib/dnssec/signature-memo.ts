// The cryptographic verdict on (algorithm, key, signed data, signature), remembered per process:
// a server's runs verify the same root, TLD and zone signatures over the same RRsets again and
// again, and the check (an OpenSSL verify, 0.1-0.3 ms) was the validator's largest CPU share.
// Only the pure part is remembered: every RRSIG's names, labels and validity window are judged
// afresh against each run's own time before this is asked (rrsig.ts), so an expired or
// not-yet-valid signature is refused however often it verified. The key is a SHA-256 over every
// input byte, so a different RRset, key or signature is a different entry.
import { createHash } from "node:crypto";
import { BoundedMemo } from "../dns/memo";
import type { SignatureAlgorithm, VerifyOutcome } from "./algorithms";

/** Verdicts kept; a hostile stream of distinct signatures only evicts older ones. */
const MAX_VERDICTS = 8192;

const verdicts = new BoundedMemo<string, VerifyOutcome>(MAX_VERDICTS);

export function verifySignature(algorithm: SignatureAlgorithm, publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): VerifyOutcome {
  // Lengths first, so the concatenation of the variable-length inputs cannot be read two ways.
  const head = Uint8Array.of(algorithm.number, publicKey.length >>> 8, publicKey.length & 0xff, signature.length >>> 8, signature.length & 0xff);
  const id = createHash("sha256").update(head).update(publicKey).update(signature).update(data).digest("base64");
  return verdicts.get(id) ?? verdicts.set(id, algorithm.verify(publicKey, data, signature));
}

/** Forgets every verdict (benchmarks measure the verification itself with it). */
export function clearSignatureVerdicts(): void {
  verdicts.clear();
}
