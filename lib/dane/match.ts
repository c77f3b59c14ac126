// DANE authentication of an SMTP server (RFC 7672 §3, RFC 7671 §5): the TLSA records against the
// chain exactly as the server sent it. Pure: bytes, names and the time in; a verdict with its
// reasons out.
import { createPublicKey, type KeyObject } from "node:crypto";
import { daneFindings } from "../report/findings/dane";
import { message, type Message } from "../report/i18n/message";
import {
  buildPath,
  chainOf,
  describeCert,
  issuedBy,
  matchReferenceName,
  parseCert,
  presentedNames,
  signedByKey,
  validityAt,
  type ChainInput,
  type ParsedCert,
} from "./cert";
import { sha256Hex } from "./cert-memo";
import { observationFrom, type Observation } from "./findingText";
import {
  associationData,
  bytesEqual,
  formatTlsa,
  formatTlsaShort,
  TlsaMatchingType,
  TlsaSelector,
  TlsaUsage,
  tlsaUsability,
  type TlsaRecord,
} from "./tlsa";

/** The records against the chain exactly as the server sent it (DER, or parsed once by the caller). */
export type DaneMatchInput = ChainInput & {
  records: readonly TlsaRecord[];
  /** Reference identifiers: the MX host name, plus the CNAME-expanded name where relevant. */
  names: readonly string[];
  now: Date;
};

/**
 * Where the trust anchor of a DANE-TA match came from: a certificate the server sent, or the record
 * itself (RFC 7671 §5.2.2: a "2 0 0" record carries the whole certificate; §5.2.3: "2 1 0" a key).
 */
export type AnchorSource = "chain" | "dns-certificate" | "dns-key";

export interface DaneMatch {
  record: TlsaRecord;
  usage: 2 | 3;
  /**
   * Index of the matching certificate in the presented chain (0 for DANE-EE). For an anchor from
   * the record, OpenSSL's convention: a key reports the top chain certificate it signed, a whole
   * certificate one above that.
   */
  depth: number;
  anchor: AnchorSource | null;
}

export interface RecordVerdict {
  record: string;
  usable: boolean;
  matches: boolean;
  /** What this record did against the chain, as a message (lib/report/i18n/<locale>/steps.ts). */
  note: Message;
}

export type DaneOutcome = "pass" | "fail" | "unusable";

export interface DaneMatchResult {
  outcome: DaneOutcome;
  matched: DaneMatch | null;
  failure: Observation | null;
  warnings: Observation[];
  perRecord: RecordVerdict[];
}

const observe = observationFrom(daneFindings);

interface Anchor {
  source: AnchorSource;
  /** A bare key from a "2 1 0" record; null when the anchor is a certificate (its issuedBy checks decide). */
  key: KeyObject | null;
  /** The anchor certificate, absent for a bare key. */
  cert: ParsedCert | null;
  /** How a finding names it: the {anchor} clause is worded from these (dane.anchor). */
  tokens: AnchorTokens;
}

/**
 * The trust anchor as a finding's tokens; lib/report/i18n/render.ts words {anchor} from them
 * (dane.anchor): the certificate sent, the certificate carried in the record, or the record's key.
 */
type AnchorTokens = { anchorSource: "chain" | "dns-certificate"; anchorCert: string } | { anchorSource: "dns-key"; anchorKey: string };

interface TaVerdict {
  source: AnchorSource;
  depth: number;
  /** The first reason the match does not authenticate the server; null when it does. */
  problem: Observation | null;
  note: Message;
}

/** The chain as sent, parsed once; `leaf` is null when the first certificate is unreadable. */
interface Presented {
  leafDer: Uint8Array | null;
  leaf: ParsedCert | null;
  chain: readonly (ParsedCert | null)[];
}

type Evaluation =
  | { kind: "unusable"; verdict: RecordVerdict; finding: Observation }
  | { kind: "ee"; verdict: RecordVerdict }
  | { kind: "ta"; verdict: RecordVerdict; ta: TaVerdict | null };

export function matchDane(input: DaneMatchInput): DaneMatchResult {
  const { der, certs: chain } = chainOf(input);
  const presented: Presented = { leafDer: der[0] ?? null, leaf: chain[0] ?? null, chain };
  const evaluations = input.records.map((record) => evaluate(record, presented, input));
  const perRecord = evaluations.map((e) => e.verdict);
  const ignored = evaluations.flatMap((e) => (e.kind === "unusable" ? [e.finding] : []));
  const usable = input.records.filter((_, i) => evaluations[i]?.kind !== "unusable");

  if (usable.length === 0) {
    const warnings = input.records.length > 0 ? [observe("DANE_TLSA_NONE_USABLE", { count: input.records.length })] : [];
    return { outcome: "unusable", matched: null, failure: null, warnings, perRecord };
  }
  const { leaf } = presented;
  if (presented.leafDer === null) {
    return { outcome: "fail", matched: null, failure: observe("DANE_NO_CERTIFICATE", {}), warnings: ignored, perRecord };
  }

  const eeIndex = evaluations.findIndex((e) => e.kind === "ee" && e.verdict.matches);
  const eeMatch = input.records[eeIndex];
  if (eeMatch) {
    const warnings = [...(leaf ? eeWarnings(eeMatch, leaf, input) : []), ...ignored];
    return { outcome: "pass", matched: { record: eeMatch, usage: 3, depth: 0, anchor: null }, failure: null, warnings, perRecord };
  }
  const taResults = evaluations.flatMap((e, i) => (e.kind === "ta" && e.ta ? [{ record: input.records[i] as TlsaRecord, verdict: e.ta }] : []));
  const passing = taResults.filter((t) => t.verdict.problem === null).sort((a, b) => a.verdict.depth - b.verdict.depth)[0];
  if (passing) {
    const matched: DaneMatch = { record: passing.record, usage: 2, depth: passing.verdict.depth, anchor: passing.verdict.source };
    return { outcome: "pass", matched, failure: null, warnings: ignored, perRecord };
  }
  return { outcome: "fail", matched: null, failure: failureFor(usable, presented, taResults), warnings: ignored, perRecord };
}

function evaluate(record: TlsaRecord, presented: Presented, input: DaneMatchInput): Evaluation {
  const shown = formatTlsa(record);
  const usability = tlsaUsability(record);
  if (!usability.usable) {
    const fields = { usage: record.usage, selector: record.selector, matchingType: record.matchingType, length: record.data.length };
    const finding = observe("DANE_TLSA_RECORD_UNUSABLE", { record: formatTlsaShort(record), unusable: usability.reason, ...fields });
    const note = message("tlsaRecord.unusable", { reason: usability.reason, ...fields });
    return { kind: "unusable", verdict: { record: shown, usable: false, matches: false, note }, finding };
  }
  const { leafDer, leaf, chain } = presented;
  const kind = record.usage === TlsaUsage.DANE_EE ? "ee" : "ta";
  const unmatched = (note: Message): Evaluation =>
    kind === "ee" ? { kind, verdict: { record: shown, usable: true, matches: false, note } } : { kind, verdict: { record: shown, usable: true, matches: false, note }, ta: null };
  if (leafDer === null) return unmatched(message("tlsaRecord.noCertificate"));
  if (kind === "ee") {
    const matches = recordMatches(record, leafDer, leaf);
    return { kind, verdict: { record: shown, usable: true, matches, note: eeNote(record, matches, leaf) } };
  }
  if (leaf === null) return unmatched(message("tlsaRecord.leafUnparseable"));
  const anchors = findAnchors(record, chain);
  if (anchors.length === 0) {
    return unmatched(message(recordMatches(record, leaf.der, leaf) ? "tlsaRecord.taIsLeaf" : "tlsaRecord.taNoMatch"));
  }
  const tried = anchors.map((anchor) => judgeAnchor(record, anchor, leaf, chain, input));
  const ta = tried.find((t) => t.problem === null) ?? (tried[0] as TaVerdict);
  return { kind, verdict: { record: shown, usable: true, matches: true, note: ta.note }, ta };
}

/**
 * The record matches the certificate `der` (parsed as `cert`): by the certificate's kept
 * association data, or by the bytes alone when they do not parse (a "3 0 x" record still matches).
 */
function recordMatches(record: TlsaRecord, der: Uint8Array, cert: ParsedCert | null): boolean {
  if (cert !== null) return bytesEqual(cert.association(record.selector, record.matchingType), record.data);
  return record.selector === TlsaSelector.CERT && bytesEqual(associationData(record.matchingType, der), record.data);
}

/** The record the leaf would need with this record's selector and matching type. */
function recordFor(record: TlsaRecord, cert: ParsedCert): string {
  return formatTlsaShort({ ...record, data: cert.association(record.selector, record.matchingType) });
}

function eeNote(record: TlsaRecord, matches: boolean, leaf: ParsedCert | null): Message {
  const what = record.selector === TlsaSelector.CERT ? "certificate" : "key";
  if (matches) return message("tlsaRecord.eeMatch", { what });
  if (leaf === null) return message("tlsaRecord.leafUnparseable");
  return message("tlsaRecord.eeNoMatch", { what, cert: describeCert(leaf), expected: recordFor(record, leaf) });
}

function eeWarnings(record: TlsaRecord, leaf: ParsedCert, input: DaneMatchInput): Observation[] {
  const warnings: Observation[] = [];
  const base = { record: formatTlsaShort(record), leaf: describeCert(leaf) };
  const validity = validityAt(leaf, input.now);
  if (validity === "expired") warnings.push(observe("DANE_EE_LEAF_EXPIRED", { ...base, notAfter: leaf.notAfter.toISOString() }));
  if (validity === "not-yet-valid") warnings.push(observe("DANE_EE_LEAF_NOT_YET_VALID", { ...base, notBefore: leaf.notBefore.toISOString() }));
  if (input.names.length > 0 && matchReferenceName(leaf, input.names) === null) {
    warnings.push(observe("DANE_EE_NAME_MISMATCH", { ...base, ...namesOf(leaf), ...referenceNames(input.names) }));
  }
  return warnings;
}

/** The leaf's DNS names as a token ("" for none): {certNames} is worded from it (cert.presentedNames). */
function namesOf(cert: ParsedCert): { certNameList: string } {
  return { certNameList: presentedNames(cert).join(", ") };
}

/** The reference identifiers as tokens: {names} is worded from them (dane.referenceNames: "a or b"). */
function referenceNames(names: readonly string[]): { referenceCount: number; referenceName: string; otherReferenceNames: string } {
  return { referenceCount: names.length, referenceName: names[0] ?? "", otherReferenceNames: names.slice(1).join(", ") };
}

/** Candidate trust anchors for a DANE-TA record, nearest the leaf first. */
function findAnchors(record: TlsaRecord, chain: readonly (ParsedCert | null)[]): Anchor[] {
  const anchors: Anchor[] = [];
  for (const cert of chain.slice(1)) {
    if (cert && recordMatches(record, cert.der, cert)) {
      anchors.push({ source: "chain", key: null, cert, tokens: { anchorSource: "chain", anchorCert: describeCert(cert) } });
    }
  }
  if (anchors.length > 0 || record.matchingType !== TlsaMatchingType.FULL) return anchors;
  // Only a full (unhashed) record can stand in for an anchor the server did not send.
  if (record.selector === TlsaSelector.SPKI) {
    try {
      const key = createPublicKey({ key: Buffer.from(record.data), format: "der", type: "spki" });
      anchors.push({ source: "dns-key", key, cert: null, tokens: { anchorSource: "dns-key", anchorKey: sha256Hex(record.data).slice(0, 16) } });
    } catch {
      // Not a public key: nothing can be anchored on it.
    }
    return anchors;
  }
  const cert = parseCert(record.data, -1);
  if (cert) anchors.push({ source: "dns-certificate", key: null, cert, tokens: { anchorSource: "dns-certificate", anchorCert: describeCert(cert) } });
  return anchors;
}

function judgeAnchor(
  record: TlsaRecord,
  anchor: Anchor,
  leaf: ParsedCert,
  chain: readonly (ParsedCert | null)[],
  input: DaneMatchInput,
): TaVerdict {
  const shown = formatTlsaShort(record);
  const sent = chain.filter((c): c is ParsedCert => c !== null && c.index > 0 && c !== anchor.cert);
  const anchorCert = anchor.cert;
  const reaches = anchorCert
    ? (c: ParsedCert) => anchorCert.isCa && issuedBy(c, anchorCert)
    : (c: ParsedCert) => anchor.key !== null && signedByKey(c, anchor.key);
  const path = buildPath(leaf, sent, reaches);
  const anchorDepth = anchor.source === "chain" && anchorCert ? anchorCert.index : chain.length;
  if (path === null) {
    const problem = observe("DANE_TA_CHAIN_BROKEN", {
      record: shown,
      ...anchor.tokens,
      leaf: describeCert(leaf),
      ...brokenLink(anchor, chain, anchorDepth),
    });
    return { source: anchor.source, depth: anchorDepth, problem, note: message("tlsaRecord.taProblem", { code: problem.code }) };
  }
  const top = path[path.length - 1] as ParsedCert;
  const depth = anchor.source === "chain" ? anchorDepth : anchor.source === "dns-key" ? top.index : top.index + 1;
  for (const cert of path) {
    const validity = validityAt(cert, input.now);
    if (validity === "valid") continue;
    const problem =
      validity === "expired"
        ? observe("DANE_TA_CERT_EXPIRED", { record: shown, ...anchor.tokens, cert: describeCert(cert), notAfter: cert.notAfter.toISOString() })
        : observe("DANE_TA_CERT_NOT_YET_VALID", { record: shown, ...anchor.tokens, cert: describeCert(cert), notBefore: cert.notBefore.toISOString() });
    return { source: anchor.source, depth, problem, note: message("tlsaRecord.taProblem", { code: problem.code }) };
  }
  const name = matchReferenceName(leaf, input.names);
  if (name === null) {
    const problem = observe("DANE_TA_NAME_MISMATCH", {
      record: shown,
      ...anchor.tokens,
      leaf: describeCert(leaf),
      ...namesOf(leaf),
      ...referenceNames(input.names),
    });
    return { source: anchor.source, depth, problem, note: message("tlsaRecord.taProblem", { code: problem.code }) };
  }
  return { source: anchor.source, depth, problem: null, note: message("tlsaRecord.taOk", { ...anchor.tokens, name }) };
}

/** The first link, in the order the server sent the chain, that fails, as tokens (DANE_TA_CHAIN_BROKEN's {reason}). */
function brokenLink(anchor: Anchor, chain: readonly (ParsedCert | null)[], anchorDepth: number): ChainBreak {
  if (anchor.cert && !anchor.cert.isCa) return { broken: "anchor-not-ca" };
  for (let i = 0; i + 1 < Math.min(anchorDepth + 1, chain.length); i++) {
    const child = chain[i];
    const issuer = chain[i + 1];
    if (!child) return { broken: "unparseable", position: i };
    if (!issuer) return { broken: "unparseable", position: i + 1 };
    if (!issuedBy(child, issuer)) return { broken: "not-issuer", issuer: describeCert(issuer), child: describeCert(child) };
    if (!issuer.isCa) return { broken: "issuer-not-ca", issuer: describeCert(issuer), child: describeCert(child) };
  }
  return { broken: "no-path" };
}

/** Why a DANE-TA chain does not verify; lib/report/i18n/render.ts words it (daneTa.broken). */
type ChainBreak =
  | { broken: "anchor-not-ca" | "no-path" }
  | { broken: "unparseable"; position: number }
  | { broken: "not-issuer" | "issuer-not-ca"; issuer: string; child: string };

function failureFor(
  usable: readonly TlsaRecord[],
  { leaf, chain }: Presented,
  taResults: readonly { record: TlsaRecord; verdict: TaVerdict }[],
): Observation {
  if (leaf === null) return observe("DANE_CERT_UNPARSEABLE", { depth: 0 });
  const taProblem = taResults.find((t) => t.verdict.problem !== null)?.verdict.problem;
  if (taProblem) return taProblem;
  const shown = usable.map((r) => `"${formatTlsaShort(r)}"`).join(", ");
  if (usable.every((r) => r.usage === TlsaUsage.DANE_TA)) {
    return observe("DANE_TA_NOT_IN_CHAIN", { records: shown, ...sentChain(chain) });
  }
  return observe("DANE_TLSA_MISMATCH", { count: usable.length, records: shown, leaf: describeCert(leaf), expected: `3 1 1 ${leaf.spkiSha256}` });
}

/**
 * The chain as sent, as tokens: {chain} is worded from them (daneTa.sentChain). A certificate that
 * cannot be parsed stands as "?" in the list, and its position is named apart.
 */
function sentChain(chain: readonly (ParsedCert | null)[]): { chainSent: string; unparseableCount: number; unparseable: string } {
  const unreadable = chain.flatMap((c, i) => (c ? [] : [i]));
  return { chainSent: chain.map((c) => (c ? describeCert(c) : "?")).join(" → "), unparseableCount: unreadable.length, unparseable: unreadable.join(", ") };
}
