// Turns validator outcomes into result values: a reason (finding code, RFC 8914 code, a sentence
// from the findings catalogue) and the per-zone evidence the UI shows step by step.
import { formatRdata, rrTypeName } from "../dns/rdata";
import type { ResourceRecord } from "../dns/types";
import { findingSpec } from "../report/findings";
import { DnssecCode } from "../report/findings/dnssec";
import { englishFindingMessage } from "../report/i18n/en/format";
import type { FindingParams } from "../report/findings/types";
import { algorithmName } from "./algorithms";
import { keyTag } from "./keytag";
import { DNSKEY_FLAG_REVOKE, DNSKEY_FLAG_SEP, DNSKEY_FLAG_ZONE, type SignatureCheck, type SignatureProblem } from "./rrsig";

export type ValidationStatus = "secure" | "insecure" | "bogus" | "indeterminate";

export interface ValidationReason {
  /** A finding code from lib/report/findings/dnssec.ts. */
  code: DnssecCode;
  /** RFC 8914 Extended DNS Error INFO-CODE, when one applies. */
  ede: number | null;
  /** The catalogue message with this case's specifics filled in. */
  text: string;
}

export interface DnskeyEvidence {
  keyTag: number;
  flags: number;
  algorithm: number;
  /** "KSK" (SEP bit), "ZSK", "revoked" or "not a zone key"; " (matches DS)" when the parent's DS designates it. */
  role: string;
}

export interface SignatureEvidence {
  /** Owner and type of the RRset the signature covers ("example.com. DNSKEY"). */
  covers: string;
  keyTag: number;
  algorithm: number;
  /** ISO-8601 UTC. */
  inception: string;
  expiration: string;
  valid: boolean;
  problem?: string;
}

export interface ZoneEvidence {
  zone: string;
  status: ValidationStatus;
  /** The DS records at the parent (or the anchor), presentation form. */
  ds: string[];
  dnskeys: DnskeyEvidence[];
  signatures: SignatureEvidence[];
  note?: string;
}

export function makeReason(code: DnssecCode, params: FindingParams): ValidationReason {
  return { code, ede: findingSpec(code)?.ede ?? null, text: englishFindingMessage(code, params) };
}

export function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

export function rrsetLabel(owner: string, type: number): string {
  return `${owner} ${rrTypeName(type)}`;
}

const problemText: Record<SignatureProblem, string> = {
  "signer-not-zone": "the signer name is not the zone apex",
  "signer-not-ancestor": "the signer is not an ancestor of the owner name",
  "type-mismatch": "it covers another type",
  "labels-invalid": "its labels field does not fit the owner name",
  "not-yet-valid": "not yet valid",
  expired: "expired",
  "unsupported-algorithm": "unsupported algorithm",
  "no-matching-key": "no usable DNSKEY with this key tag and algorithm",
  "bad-signature": "the signature does not verify",
  malformed: "malformed RRSIG",
  "not-checked": "not checked: the RRset had used up its signature checks (a defence against KeyTrap, CVE-2023-50387)",
};

export function signatureEvidence(check: SignatureCheck, owner: string): SignatureEvidence {
  const evidence: SignatureEvidence = {
    covers: rrsetLabel(owner, check.typeCovered),
    keyTag: check.keyTag,
    algorithm: check.algorithm,
    inception: isoTime(check.inception),
    expiration: isoTime(check.expiration),
    valid: check.problem === null,
  };
  if (check.problem) evidence.problem = problemText[check.problem];
  return evidence;
}

export function dnskeyEvidence(rr: ResourceRecord, dsMatched: boolean): DnskeyEvidence | null {
  if (rr.data.kind !== "DNSKEY") return null;
  const { flags, algorithm } = rr.data;
  let role = (flags & DNSKEY_FLAG_ZONE) === 0 ? "not a zone key" : flags & DNSKEY_FLAG_SEP ? "KSK" : "ZSK";
  if (flags & DNSKEY_FLAG_REVOKE) role = "revoked";
  return { keyTag: keyTag(rr.rdata), flags, algorithm, role: dsMatched ? `${role} (matches DS)` : role };
}

export function dsPresentation(ds: ResourceRecord): string {
  return `${ds.name} DS ${formatRdata(ds)}`;
}

/** The reason for an RRset none of whose RRSIGs validated. */
export function signatureReason(failed: SignatureCheck, owner: string, zone: string, now: Date): ValidationReason {
  const rrset = rrsetLabel(owner, failed.typeCovered);
  const common = { rrset, keyTag: failed.keyTag, zone, algorithm: algorithmName(failed.algorithm) };
  switch (failed.problem) {
    case "expired":
      return makeReason(DnssecCode.RRSIG_EXPIRED, { ...common, expiration: isoTime(failed.expiration), now: now.toISOString() });
    case "not-yet-valid":
      return makeReason(DnssecCode.RRSIG_NOT_YET_VALID, { ...common, inception: isoTime(failed.inception), now: now.toISOString() });
    case "bad-signature":
      return makeReason(DnssecCode.RRSIG_BAD_SIGNATURE, common);
    case "no-matching-key":
      return makeReason(DnssecCode.NO_MATCHING_KEY, common);
    default:
      return makeReason(DnssecCode.RRSIG_MALFORMED, { ...common, problem: problemText[failed.problem ?? "malformed"] });
  }
}
