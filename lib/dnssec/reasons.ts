// Turns validator outcomes into result values: a reason (a finding: code and params, with its RFC
// 8914 code; lib/report words it) and the per-zone evidence the UI shows step by step.
import { formatRdata, rrTypeName } from "../dns/rdata";
import type { ResourceRecord } from "../dns/types";
import { findingSpec } from "../report/findings";
import { DnssecCode } from "../report/findings/dnssec";
import type { DnssecStatus } from "../report/schema";
import type { FindingParams } from "../report/findings/types";
import type { Message } from "../report/i18n/types";
import { keyTag } from "./keytag";
import { DNSKEY_FLAG_REVOKE, DNSKEY_FLAG_SEP, DNSKEY_FLAG_ZONE, type SignatureCheck, type SignatureProblem } from "./rrsig";
import type { SignatureClass, SignatureFinding } from "./signature-classes";

/** The one DNSSEC status scale of mailsec (lib/report/schema.ts DnssecStatus), under the validator's name. */
export type ValidationStatus = DnssecStatus;

export interface ValidationReason {
  /** A finding code from lib/report/findings/dnssec.ts. */
  code: DnssecCode;
  /** The finding's parameters: the reason is a finding, and lib/report words it. */
  params: FindingParams;
  /** RFC 8914 Extended DNS Error INFO-CODE, when one applies. */
  ede: number | null;
}

export interface DnskeyEvidence {
  keyTag: number;
  flags: number;
  algorithm: number;
  /** From the flags: "KSK" (SEP bit), "ZSK", "revoked" or "not-zone" (a token: lib/report words it). */
  role: "KSK" | "ZSK" | "revoked" | "not-zone";
  /** The parent's DS records designate this key. */
  designated: boolean;
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
  /** What is wrong with it, as a token (lib/report words it: detail.rrsig in i18n/<locale>/steps.ts). */
  problem?: SignatureProblem;
  /** RFC 4035 §5.3 / RFC 6840 §5.11 (signature-classes.ts): what this signature means for the verdict. */
  class: SignatureClass;
  /** No signature carries the RRset on the chain of trust, and this one is a cause of that. */
  breaksChain: boolean;
  /** What is wrong with it, for invalid and unchecked signatures: a warning code unless it breaks the chain. */
  finding?: SignatureFinding;
}

export interface ZoneEvidence {
  zone: string;
  status: ValidationStatus;
  /** The DS records at the parent (or the anchor), presentation form. */
  ds: string[];
  dnskeys: DnskeyEvidence[];
  signatures: SignatureEvidence[];
  /** Why the walk ended at this zone (an insecure delegation, a failure), as a finding. */
  reason?: ValidationReason;
  /** The technical detail behind it (which NSEC/NSEC3 proved what), worded by lib/report/i18n. */
  note?: Message;
  /** This zone's state came from the zone cache (zone-cache.ts): an earlier run validated it `ageSeconds` ago. */
  fromCache?: { ageSeconds: number };
}

export function makeReason(code: DnssecCode, params: FindingParams): ValidationReason {
  return { code, params, ede: findingSpec(code)?.ede ?? null };
}

/**
 * Signature times seen, as text: every run shows the inception and expiration of the same few
 * RRSIGs, and a Date per time was a visible share of a warm run. Bounded: emptied when full.
 */
const isoTimes = new Map<number, string>();
const MAX_ISO_TIMES = 4096;

export function isoTime(seconds: number): string {
  let text = isoTimes.get(seconds);
  if (text === undefined) {
    text = new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
    if (isoTimes.size >= MAX_ISO_TIMES) isoTimes.clear();
    isoTimes.set(seconds, text);
  }
  return text;
}

export function rrsetLabel(owner: string, type: number): string {
  return `${owner} ${rrTypeName(type)}`;
}

export function signatureEvidence(
  check: SignatureCheck,
  owner: string,
  judged: { class: SignatureClass; breaksChain: boolean; finding: SignatureFinding | null },
): SignatureEvidence {
  const evidence: SignatureEvidence = {
    covers: rrsetLabel(owner, check.typeCovered),
    keyTag: check.keyTag,
    algorithm: check.algorithm,
    inception: isoTime(check.inception),
    expiration: isoTime(check.expiration),
    valid: check.problem === null,
    class: judged.class,
    breaksChain: judged.breaksChain,
  };
  if (judged.finding) evidence.finding = judged.finding;
  if (check.problem) evidence.problem = check.problem;
  return evidence;
}

export function dnskeyEvidence(rr: ResourceRecord, dsMatched: boolean): DnskeyEvidence | null {
  if (rr.data.kind !== "DNSKEY") return null;
  const { flags, algorithm } = rr.data;
  let role: DnskeyEvidence["role"] = (flags & DNSKEY_FLAG_ZONE) === 0 ? "not-zone" : flags & DNSKEY_FLAG_SEP ? "KSK" : "ZSK";
  if (flags & DNSKEY_FLAG_REVOKE) role = "revoked";
  return { keyTag: keyTag(rr.rdata), flags, algorithm, role, designated: dsMatched };
}

export function dsPresentation(ds: ResourceRecord): string {
  return `${ds.name} DS ${formatRdata(ds)}`;
}
