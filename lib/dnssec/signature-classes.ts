// What each RRSIG over an RRset means for the verdict, as validators read it. RFC 4035 §5.3 with
// RFC 6840 §5.11: an RRset is authenticated by ANY one valid signature on a chain of trust; the
// others are ignored. So a signature is judged twice: is it valid (against the key it names,
// wherever that key sits in the DNSKEY set), and is it the one that carries the chain? A signature
// by a key no DS designates (dnssec-signzone signs the DNSKEY set with the ZSK too, by default)
// is normal, and a stale signature beside a valid one is a warning, not a failure. Only when no
// signature carries the chain is a bad one an error: it is then a cause of Bogus.
import type { ResourceRecord } from "../dns/types";
import { DnssecCode } from "../report/findings/dnssec";
import type { FindingParams } from "../report/findings/types";
import { algorithmName } from "./algorithms";
import { isoTime, makeReason, rrsetLabel, signatureEvidence, type SignatureEvidence, type ValidationReason } from "./reasons";
import { MAX_SIGNATURE_CHECKS, type RrsetVerdict, type SignatureCheck } from "./rrsig";

/**
 * - `chain`: valid, and made by a key on the chain of trust (a DS-designated key or an anchor for a
 *   DNSKEY set; any authenticated key of the zone for every other RRset).
 * - `off-chain`: valid, made by a key of the DNSKEY set that no DS designates (informational).
 * - `invalid`: the cryptography fails, the window is over or not yet open, the key is unknown, or
 *   the RRSIG does not fit the RRset.
 * - `unchecked`: an algorithm mailsec does not implement, or the KeyTrap budget was spent.
 */
export type SignatureClass = "chain" | "off-chain" | "invalid" | "unchecked";

export interface SignatureFinding {
  code: DnssecCode;
  params: FindingParams;
}

export interface ClassifiedSignatures {
  /** At least one signature is valid and on the chain: the RRset is authenticated. */
  secure: boolean;
  evidence: SignatureEvidence[];
}

/** Every key that verified a signature counts as on the chain unless told otherwise. */
const everyKey = (): boolean => true;

/**
 * The finding for a signature that is not valid. `carried`: another signature authenticates the
 * RRset, so this one only warrants a warning (its own code); otherwise it is one cause of Bogus and
 * gets the error code the RRset's failure is reported with.
 */
export function signatureFinding(check: SignatureCheck, owner: string, zone: string, now: Date, carried: boolean): SignatureFinding | null {
  const rrset = rrsetLabel(owner, check.typeCovered);
  const base = { rrset, keyTag: check.keyTag };
  const pick = (error: DnssecCode, warning: DnssecCode, params: FindingParams): SignatureFinding => ({ code: carried ? warning : error, params: { ...base, ...params } });
  switch (check.problem) {
    case null:
      return null;
    case "expired":
      return pick(DnssecCode.RRSIG_EXPIRED, DnssecCode.EXTRA_RRSIG_EXPIRED, { expiration: isoTime(check.expiration), now: now.toISOString() });
    case "not-yet-valid":
      return pick(DnssecCode.RRSIG_NOT_YET_VALID, DnssecCode.EXTRA_RRSIG_NOT_YET_VALID, { inception: isoTime(check.inception), now: now.toISOString() });
    case "bad-signature":
      return pick(DnssecCode.RRSIG_BAD_SIGNATURE, DnssecCode.EXTRA_RRSIG_BAD_SIGNATURE, {});
    case "no-matching-key":
      return pick(DnssecCode.NO_MATCHING_KEY, DnssecCode.EXTRA_RRSIG_NO_KEY, { algorithm: algorithmName(check.algorithm), zone });
    case "unsupported-algorithm":
      // RFC 6840 §5.11: a signature by an algorithm the validator lacks is ignored when another carries the set.
      return carried
        ? { code: DnssecCode.EXTRA_RRSIG_UNSUPPORTED_ALGORITHM, params: { ...base, algorithm: algorithmName(check.algorithm) } }
        : { code: DnssecCode.RRSIG_MALFORMED, params: { ...base, problem: check.problem } };
    case "not-checked":
      // KeyTrap bound (CVE-2023-50387): never verified, so it can only ever be a warning or a cause.
      return carried
        ? { code: DnssecCode.RRSIG_NOT_CHECKED, params: { ...base, limit: MAX_SIGNATURE_CHECKS } }
        : { code: DnssecCode.RRSIG_MALFORMED, params: { ...base, problem: check.problem } };
    default:
      // The problem is a token (signer-not-zone, labels-invalid, ...), not a sentence: the catalogue words it.
      return pick(DnssecCode.RRSIG_MALFORMED, DnssecCode.EXTRA_RRSIG_MALFORMED, { problem: check.problem });
  }
}

function classOf(check: SignatureCheck, onChain: (key: ResourceRecord) => boolean): SignatureClass {
  if (check.problem === null) return check.key && onChain(check.key) ? "chain" : "off-chain";
  return check.problem === "unsupported-algorithm" || check.problem === "not-checked" ? "unchecked" : "invalid";
}

/**
 * Classifies every signature of one verified RRset. `onChain` says whether the key that verified a
 * signature is one the chain of trust vouches for (for a DNSKEY set: designated by a DS or an
 * anchor); for other RRsets every key of the authenticated set is.
 */
export function classifySignatures(
  verdict: RrsetVerdict,
  owner: string,
  zone: string,
  now: Date,
  onChain: (key: ResourceRecord) => boolean = everyKey,
): ClassifiedSignatures {
  const classes = verdict.checks.map((c) => classOf(c, onChain));
  const secure = classes.includes("chain");
  const evidence = verdict.checks.map((check, i) => {
    const finding = signatureFinding(check, owner, zone, now, secure);
    return signatureEvidence(check, owner, { class: classes[i] as SignatureClass, breaksChain: !secure && finding !== null, finding });
  });
  return { secure, evidence };
}

/** The reason for an RRset none of whose RRSIGs validated: the finding of its most telling failure. */
export function signatureReason(failed: SignatureCheck, owner: string, zone: string, now: Date): ValidationReason {
  const finding = signatureFinding(failed, owner, zone, now, false) ?? { code: DnssecCode.RRSIG_MALFORMED, params: { rrset: rrsetLabel(owner, failed.typeCovered), keyTag: failed.keyTag, problem: "malformed" } };
  return makeReason(finding.code, finding.params);
}
