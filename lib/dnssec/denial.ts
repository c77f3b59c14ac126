// What an authenticated-denial check is asked to prove and what it concludes. NSEC (nsec.ts) and
// NSEC3 (nsec3.ts) answer the same questions; the validator verifies their RRSIGs first and then
// hands the records to whichever mechanism the zone uses.
import { RRType } from "../dns/types";

export type DenialGoal =
  /** The name does not exist (RFC 4035 §5.4, RFC 5155 §8.4). */
  | { kind: "nxdomain"; qname: string }
  /** The name exists without this type, or matches a wildcard that lacks it (RFC 5155 §8.5–8.7). */
  | { kind: "nodata"; qname: string; qtype: number }
  /** A wildcard-synthesised answer: no closer name may exist (RFC 4035 §5.3.4, RFC 5155 §8.8). */
  | { kind: "wildcard-answer"; qname: string; nextCloser: string; closestEncloser: string };

export type DenialResult =
  | {
      status: "proven";
      /** Opt-out NSEC3 covered the next closer name: an unsigned delegation may hide there. */
      optOut: boolean;
      /** NODATA for DS at a delegation (NS present): the child zone is unsigned. */
      insecureDelegation: boolean;
      /** A wildcard took part (wildcard NODATA). */
      wildcard: boolean;
      detail: string;
    }
  /** RFC 9276 §3.2: too many NSEC3 iterations, so the proof is not evaluated and the answer is Insecure. */
  | { status: "iterations-exceeded"; iterations: number; limit: number; detail: string }
  | { status: "failed"; detail: string };

export function proven(detail: string, extra: Partial<{ optOut: boolean; insecureDelegation: boolean; wildcard: boolean }> = {}): DenialResult {
  return { status: "proven", optOut: false, insecureDelegation: false, wildcard: false, detail, ...extra };
}

export function failed(detail: string): DenialResult {
  return { status: "failed", detail };
}

/** Type bitmap facts shared by both mechanisms. */
export function hasType(types: readonly number[], type: number): boolean {
  return types.includes(type);
}

/** NS without SOA: the record describes a delegation, i.e. it comes from the parent side of a cut. */
export function isDelegation(types: readonly number[]): boolean {
  return hasType(types, RRType.NS) && !hasType(types, RRType.SOA);
}

/**
 * May this bitmap prove that `qtype` is absent at its owner? Not when the type (or a CNAME, which
 * should have been answered instead) is present, and not from the parent side of a delegation for
 * anything but DS (RFC 4035 §5.4, RFC 6840 §4.1, §4.3). A child-apex record (SOA set) may deny DS,
 * but isDelegation() is false for it, so it never proves an insecure delegation (RFC 6840 §4.4).
 */
export function bitmapDeniesType(types: readonly number[], qtype: number): string | null {
  if (hasType(types, qtype)) return `the type bitmap lists the queried type`;
  if (hasType(types, RRType.CNAME)) return `the type bitmap lists a CNAME, so the name is an alias`;
  if (qtype !== RRType.DS && isDelegation(types)) return `the record is the parent's at a delegation and cannot deny data below the cut`;
  if (hasType(types, RRType.DNAME) && qtype !== RRType.DNAME) return `the type bitmap lists a DNAME, so the name is redirected`;
  return null;
}
