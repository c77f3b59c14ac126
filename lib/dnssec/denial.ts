// What an authenticated-denial check is asked to prove and what it concludes. NSEC (nsec.ts) and
// NSEC3 (nsec3.ts) answer the same questions; the validator verifies their RRSIGs first and then
// hands the records to whichever mechanism the zone uses.
import { RRType } from "../dns/types";
import { message } from "../report/i18n/message";
import type { Message, MessageParams } from "../report/i18n/types";

export type DenialGoal =
  /** The name does not exist (RFC 4035 §5.4, RFC 5155 §8.4). */
  | { kind: "nxdomain"; qname: string }
  /** The name exists without this type, or matches a wildcard that lacks it (RFC 5155 §8.5–8.7). */
  | { kind: "nodata"; qname: string; qtype: number }
  /** A wildcard-synthesised answer: no closer name may exist (RFC 4035 §5.3.4, RFC 5155 §8.8). */
  | { kind: "wildcard-answer"; qname: string; nextCloser: string; closestEncloser: string };

/** What a type bitmap says against a denial (bitmapDeniesType). */
export type BitmapObjection = "lists-type" | "lists-cname" | "parent-side" | "lists-dname";

/**
 * Why a proof stands or fails: a token and the names it speaks of, worded by lib/report/i18n
 * (dnssec.denial). The validator hands it on as DENIAL_INVALID's params or as a zone's note.
 */
export interface DenialDetail {
  reason: string;
  name?: string;
  owner?: string;
  next?: string;
  encloser?: string;
  parent?: string;
  wildcard?: string;
  wildcardOwner?: string;
  wildcardNext?: string;
  count?: number;
  zone?: string;
  iterations?: number;
  limit?: number;
  bitmap?: BitmapObjection;
}

/** A detail as message params, each prefixed "denial" so they sit beside a finding's own {name}, {type}. */
export function denialParams(detail: DenialDetail): MessageParams {
  const params: MessageParams = {};
  for (const [key, value] of Object.entries(detail)) {
    if (value === undefined) continue;
    params[key === "reason" ? "denial" : `denial${key[0]?.toUpperCase() ?? ""}${key.slice(1)}`] = value;
  }
  return params;
}

/** A detail as a zone's note (an insecure delegation: which record proved it). */
export function denialNote(detail: DenialDetail): Message {
  return message("dnssec.denial", denialParams(detail));
}

export type DenialResult =
  | {
      status: "proven";
      /** Opt-out NSEC3 covered the next closer name: an unsigned delegation may hide there. */
      optOut: boolean;
      /** NODATA for DS at a delegation (NS present): the child zone is unsigned. */
      insecureDelegation: boolean;
      /** A wildcard took part (wildcard NODATA). */
      wildcard: boolean;
      detail: DenialDetail;
    }
  /** RFC 9276 §3.2: too many NSEC3 iterations, so the proof is not evaluated and the answer is Insecure. */
  | { status: "iterations-exceeded"; iterations: number; limit: number; detail: DenialDetail }
  | { status: "failed"; detail: DenialDetail };

export function proven(detail: DenialDetail, extra: Partial<{ optOut: boolean; insecureDelegation: boolean; wildcard: boolean }> = {}): DenialResult {
  return { status: "proven", optOut: false, insecureDelegation: false, wildcard: false, detail, ...extra };
}

export function failed(detail: DenialDetail): DenialResult {
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
export function bitmapDeniesType(types: readonly number[], qtype: number): BitmapObjection | null {
  if (hasType(types, qtype)) return "lists-type";
  if (hasType(types, RRType.CNAME)) return "lists-cname";
  if (qtype !== RRType.DS && isDelegation(types)) return "parent-side";
  if (hasType(types, RRType.DNAME) && qtype !== RRType.DNAME) return "lists-dname";
  return null;
}
