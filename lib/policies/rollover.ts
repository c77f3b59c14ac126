// DANE rollover readiness of one MX host (RFC 7671 §8.1, RFC 7672 §3.1.3): does its TLSA set
// survive the next certificate change? A set whose every usable record names the one certificate
// (or key) the server presents today breaks mail on a renewal with a new key until DNS catches up;
// a set that also names a next key, or the issuing CA beside the server's own key, does not.
// internet.nl reports the same; like it, a single record is a recommendation (info), never a failure.
// Pure: the usable records and where each matched the presented chain in; the readiness out.
import { policyFinding, type PolicyFinding } from "../report/findings/policies";

export type Rollover = "ready" | "single-record" | "not-applicable";

export interface RolloverRecord {
  /** Presentation form ("3 1 1 <hex>"), for the findings. */
  text: string;
  usage: number;
  usable: boolean;
  /** Chain depth of the certificate it matched (0 the server's own, per lib/dane/match.ts), null when it matched nothing. */
  matchedDepth: number | null;
}

export interface RolloverAssessment {
  rollover: Rollover;
  findings: PolicyFinding[];
}

export function assessRollover(host: string, records: readonly RolloverRecord[]): RolloverAssessment {
  const usable = records.filter((r) => r.usable && (r.usage === 2 || r.usage === 3));
  const matching = usable.filter((r) => r.matchedDepth !== null);
  // Nothing usable, or nothing matches today: the DANE step already says so; readiness is moot.
  if (matching.length === 0) return { rollover: "not-applicable", findings: [] };
  const future = usable.filter((r) => r.matchedDepth === null);
  const findings: PolicyFinding[] = future.map((r) => policyFinding("DANE_ROLLOVER_FUTURE_RECORD", { host, record: r.text }));
  // Two certificates of the chain named (the server's key and its issuer, or two CAs) survive a
  // change of either one; so does a record for a key not presented yet.
  const depths = new Set(matching.map((r) => r.matchedDepth));
  if (future.length > 0 || depths.size > 1) return { rollover: "ready", findings };
  return { rollover: "single-record", findings: [policyFinding("DANE_ROLLOVER_SINGLE", { host, count: usable.length })] };
}
