// The certificate details of the Inbound SMTP Email test: what the server presented, whether it
// leads to a WebPKI root, and what is wrong with it. Pure: the chain, the host name, the time and
// the root store come in as arguments.
import { rootCertificates } from "node:tls";
import { certificateFindings } from "../report/findings/certificate";
import { severityOf } from "../report/findings";
import type { Severity } from "../report/findings/types";
import type { CertificateSummary } from "../report/schema";
import { buildPath, chainOf, describeCert, issuedBy, isSelfSigned, matchReferenceName, presentedNames, validityAt, type ChainInput, type ParsedCert } from "./cert";
import type { KeyInfo } from "./cert-key";
import { observationFrom, type Observation } from "./findingText";
import { rootIndex, type Root, type RootIndex } from "./webpki-roots";

/** The chain as the server sent it (DER, or parsed once by the caller), the host name and the time. */
export type CertificateInput = ChainInput & {
  hostName: string;
  now: Date;
  /** Trusted roots as PEM; node:tls rootCertificates when absent. */
  roots?: readonly string[];
};

export interface CertificateDetails {
  /** Position in the chain as sent (0 = the server's own certificate). */
  index: number;
  subject: string;
  issuer: string;
  sans: string[];
  serial: string;
  notBefore: string;
  notAfter: string;
  /** Whole days until notAfter; negative once expired. */
  daysLeft: number;
  expired: boolean;
  notYetValid: boolean;
  keyType: string;
  /** Bits of an RSA/DSA modulus or an EC field; null when unknown. */
  keySize: number | null;
  curve: string | null;
  /** The signature algorithm as tokens (cert.signature words it: "ECDSA with SHA-256"). */
  signature: SignatureTokens;
  sha256Fingerprint: string;
  spkiSha256: string;
  selfSigned: boolean;
  isCa: boolean;
}

export type CertificateProblem = Observation & { severity: Severity };

export interface CertificateReport extends CertificateDetails {
  readable: true;
  chainLength: number;
  /** Each certificate sent is followed by the one that issued it. */
  chainOrderOk: boolean;
  nameMatches: boolean;
  /** Chain to a root of the store: valid signatures, CA issuers, issuers within their dates. */
  webpkiTrusted: boolean;
  /** Subjects from the server certificate up to the trusted root, when one was found. */
  trustPath: string[];
  problems: CertificateProblem[];
  /** Every readable certificate sent, in the order sent, for the expandable details. */
  chain: CertificateDetails[];
}

/** The server's own certificate is missing or unreadable: nothing else can be said. */
export interface CertificateUnreadable {
  readable: false;
  chainLength: number;
  problems: CertificateProblem[];
}

export type CertificateAnalysis = CertificateReport | CertificateUnreadable;

const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;
const observe = observationFrom(certificateFindings);

function problem(code: string, params: Observation["params"]): CertificateProblem {
  return { ...observe(code, params), severity: severityOf(code) };
}

export function analyzeCertificate(input: CertificateInput): CertificateAnalysis {
  const chain = chainOf(input).certs;
  const leaf = chain[0];
  if (chain.length === 0) return { readable: false, chainLength: 0, problems: [problem("CERT_NONE", {})] };
  if (!leaf) return { readable: false, chainLength: chain.length, problems: [problem("CERT_UNREADABLE", { depth: 0 })] };

  const problems: CertificateProblem[] = [];
  chain.forEach((cert, depth) => {
    if (cert === null) problems.push(problem("CERT_UNREADABLE", { depth }));
  });
  const readable = chain.filter((c): c is ParsedCert => c !== null);
  const details = readable.map((c) => detailsOf(c, input.now));
  const leafDetails = details[0] as CertificateDetails;
  const who = describeCert(leaf);

  if (leafDetails.expired) problems.push(problem("CERT_EXPIRED", { cert: who, notAfter: leafDetails.notAfter, days: -leafDetails.daysLeft }));
  else if (leafDetails.notYetValid) problems.push(problem("CERT_NOT_YET_VALID", { cert: who, notBefore: leafDetails.notBefore }));
  else if (leafDetails.daysLeft <= EXPIRY_WARNING_DAYS) problems.push(problem("CERT_EXPIRING_SOON", { cert: who, notAfter: leafDetails.notAfter, days: leafDetails.daysLeft }));

  const nameMatches = matchReferenceName(leaf, [input.hostName]) !== null;
  // {certNames} is worded from the list ("" for none) by lib/report/i18n/render.ts (cert.presentedNames).
  if (!nameMatches) problems.push(problem("CERT_NAME_MISMATCH", { cert: who, certNameList: presentedNames(leaf).join(", "), host: input.hostName }));
  if (leafDetails.selfSigned) problems.push(problem("CERT_SELF_SIGNED", { cert: who }));

  const roots = rootIndex(input.roots ?? rootCertificates);
  const trust = webpkiPath(leaf, readable.slice(1), roots);
  const stale = (trust ?? []).slice(1).filter((c) => validityAt(c, input.now) !== "valid");
  for (const cert of stale) {
    problems.push(problem("CERT_INTERMEDIATE_OUT_OF_DATE", { cert: describeCert(cert), notBefore: cert.notBefore.toISOString(), notAfter: cert.notAfter.toISOString() }));
  }
  const webpkiTrusted = trust !== null && stale.length === 0;
  if (trust === null) problems.push(problem("CERT_UNTRUSTED", { cert: who, ...untrustedReason(leaf, readable) }));

  readable.forEach((cert, i) => {
    const d = details[i] as CertificateDetails;
    if (isWeakKey(d)) problems.push(problem("CERT_WEAK_KEY", { cert: describeCert(cert), keyType: d.keyType, keySize: d.keySize ?? 0 }));
    // A root's self-signature is never checked by anyone, so its hash does not matter.
    if (!d.selfSigned && d.signature.signatureHash === "SHA-1") problems.push(problem("CERT_SHA1_SIGNATURE", { cert: describeCert(cert), ...d.signature }));
  });

  const disorder = orderProblem(chain);
  if (disorder) problems.push(problem("CERT_CHAIN_ORDER", disorder));

  // One literal of the report's whole shape: spreading the leaf's details and adding the rest made
  // V8 add each property to a copy one by one (most of this function's time).
  return {
    index: leafDetails.index,
    subject: leafDetails.subject,
    issuer: leafDetails.issuer,
    sans: leafDetails.sans,
    serial: leafDetails.serial,
    notBefore: leafDetails.notBefore,
    notAfter: leafDetails.notAfter,
    daysLeft: leafDetails.daysLeft,
    expired: leafDetails.expired,
    notYetValid: leafDetails.notYetValid,
    keyType: leafDetails.keyType,
    keySize: leafDetails.keySize,
    curve: leafDetails.curve,
    signature: leafDetails.signature,
    sha256Fingerprint: leafDetails.sha256Fingerprint,
    spkiSha256: leafDetails.spkiSha256,
    selfSigned: leafDetails.selfSigned,
    isCa: leafDetails.isCa,
    readable: true,
    chainLength: chain.length,
    chainOrderOk: disorder === null,
    nameMatches,
    webpkiTrusted,
    trustPath: trust ? [...trust.map((c) => c.subject), ...trustRootSubject(trust, roots)] : [],
    problems,
    chain: details,
  };
}

/** The part of a report the result document keeps (lib/report/schema.ts CertificateSummary). */
export function certificateSummary(report: CertificateReport): CertificateSummary {
  return {
    subject: report.subject,
    sans: report.sans,
    notBefore: report.notBefore,
    notAfter: report.notAfter,
    chainLength: report.chainLength,
    webpkiTrusted: report.webpkiTrusted,
  };
}

/** A certificate date as ISO text, once per Date: a certificate's dates are the same objects every run (cert-memo.ts). */
const isoTexts = new WeakMap<Date, string>();
function isoText(date: Date): string {
  let text = isoTexts.get(date);
  if (text === undefined) {
    text = date.toISOString();
    isoTexts.set(date, text);
  }
  return text;
}

function detailsOf(cert: ParsedCert, now: Date): CertificateDetails {
  const validity = validityAt(cert, now);
  const key = describeKey(cert);
  return {
    index: cert.index,
    subject: cert.subject,
    issuer: cert.issuer,
    sans: [...cert.altNames],
    serial: cert.serial,
    notBefore: isoText(cert.notBefore),
    notAfter: isoText(cert.notAfter),
    daysLeft: Math.floor((cert.notAfter.getTime() - now.getTime()) / DAY_MS),
    expired: validity === "expired",
    notYetValid: validity === "not-yet-valid",
    keyType: key.keyType,
    keySize: key.keySize,
    curve: key.curve,
    signature: describeSignature(cert),
    sha256Fingerprint: cert.sha256,
    spkiSha256: cert.spkiSha256,
    selfSigned: isSelfSigned(cert),
    isCa: cert.isCa,
  };
}

const CURVES: Readonly<Record<string, { name: string; bits: number }>> = {
  prime256v1: { name: "P-256", bits: 256 },
  secp384r1: { name: "P-384", bits: 384 },
  secp521r1: { name: "P-521", bits: 521 },
  secp224r1: { name: "P-224", bits: 224 },
  prime192v1: { name: "P-192", bits: 192 },
};

const KEY_TYPES: Readonly<Record<string, string>> = {
  rsa: "RSA",
  "rsa-pss": "RSA-PSS",
  ec: "EC",
  ed25519: "Ed25519",
  ed448: "Ed448",
  dsa: "DSA",
};

function describeKey(cert: ParsedCert): Pick<CertificateDetails, "keyType" | "keySize" | "curve"> {
  // From the SPKI bytes when they are a key cert-key.ts knows; OpenSSL only for the rest.
  const info = cert.keyInfo ?? openSslKeyInfo(cert);
  if (info === null) return { keyType: "unknown", keySize: null, curve: null };
  const { type } = info;
  const keyType = KEY_TYPES[type] ?? type;
  if (type === "ec") {
    const curve = info.namedCurve ?? "unknown";
    const known = CURVES[curve];
    return { keyType, keySize: known?.bits ?? null, curve: known?.name ?? curve };
  }
  if (type === "ed25519") return { keyType, keySize: 256, curve: null };
  if (type === "ed448") return { keyType, keySize: 456, curve: null };
  return { keyType, keySize: info.modulusBits, curve: null };
}

function openSslKeyInfo(cert: ParsedCert): KeyInfo | null {
  const key = cert.node?.publicKey;
  if (key === undefined) return null;
  const detail = key.asymmetricKeyDetails ?? {};
  return { type: key.asymmetricKeyType ?? "unknown", modulusBits: detail.modulusLength ?? null, namedCurve: detail.namedCurve ?? null };
}

const HASHES: Readonly<Record<string, string>> = {
  "1.3.14.3.2.26": "SHA-1",
  "2.16.840.1.101.3.4.2.4": "SHA-224",
  "2.16.840.1.101.3.4.2.1": "SHA-256",
  "2.16.840.1.101.3.4.2.2": "SHA-384",
  "2.16.840.1.101.3.4.2.3": "SHA-512",
};

/**
 * A certificate's signature algorithm as tokens: the scheme (a name no language changes, or
 * "unknown" with the OID) and the hash ("" when the scheme has none of its own). lib/report words
 * them (cert.signature: "RSA PKCS#1 v1.5 with SHA-256", "… com SHA-256").
 */
export interface SignatureTokens {
  signatureScheme: "rsa-pkcs1" | "rsa-pss" | "ecdsa" | "dsa" | "ed25519" | "ed448" | "unknown";
  signatureHash: string;
  signatureOid: string;
}

/** Signature algorithms by OID (RFC 4055, RFC 5758, RFC 8410): scheme and hash. */
const SIGNATURES: Readonly<Record<string, readonly [SignatureTokens["signatureScheme"], string]>> = {
  "1.2.840.113549.1.1.4": ["rsa-pkcs1", "MD5"],
  "1.2.840.113549.1.1.5": ["rsa-pkcs1", "SHA-1"],
  "1.2.840.113549.1.1.14": ["rsa-pkcs1", "SHA-224"],
  "1.2.840.113549.1.1.11": ["rsa-pkcs1", "SHA-256"],
  "1.2.840.113549.1.1.12": ["rsa-pkcs1", "SHA-384"],
  "1.2.840.113549.1.1.13": ["rsa-pkcs1", "SHA-512"],
  "1.2.840.10045.4.1": ["ecdsa", "SHA-1"],
  "1.2.840.10045.4.3.1": ["ecdsa", "SHA-224"],
  "1.2.840.10045.4.3.2": ["ecdsa", "SHA-256"],
  "1.2.840.10045.4.3.3": ["ecdsa", "SHA-384"],
  "1.2.840.10045.4.3.4": ["ecdsa", "SHA-512"],
  "1.2.840.10040.4.3": ["dsa", "SHA-1"],
  "2.16.840.1.101.3.4.3.2": ["dsa", "SHA-256"],
  "1.3.101.112": ["ed25519", ""],
  "1.3.101.113": ["ed448", ""],
};

function describeSignature(cert: ParsedCert): SignatureTokens {
  const signatureOid = cert.signatureOid;
  if (cert.pssHashOid !== null) return { signatureScheme: "rsa-pss", signatureHash: HASHES[cert.pssHashOid] ?? cert.pssHashOid, signatureOid };
  const [signatureScheme, signatureHash] = SIGNATURES[signatureOid] ?? ["unknown", ""];
  return { signatureScheme, signatureHash, signatureOid };
}

function isWeakKey(d: CertificateDetails): boolean {
  if (d.keySize === null) return false;
  if (d.keyType === "RSA" || d.keyType === "RSA-PSS" || d.keyType === "DSA") return d.keySize < 2048;
  if (d.keyType === "EC") return d.keySize < 256;
  return false;
}

/** Server certificate up to the last certificate before a root of the store, or null. */
function webpkiPath(leaf: ParsedCert, sent: readonly ParsedCert[], roots: RootIndex): ParsedCert[] | null {
  return buildPath(leaf, sent, (c) => roots.same(c) !== null || issuingRoot(c, roots) !== null);
}

function issuingRoot(cert: ParsedCert, roots: RootIndex): Root | null {
  return roots.issuersOf(cert).find((root) => root.node !== null && issuedBy(cert, { node: root.node })) ?? null;
}

function trustRootSubject(path: readonly ParsedCert[], roots: RootIndex): string[] {
  const top = path[path.length - 1];
  if (!top || roots.same(top)) return [];
  const root = issuingRoot(top, roots);
  return root ? [root.subject] : [];
}

/** Why no WebPKI path was found, as tokens: CERT_UNTRUSTED's {reason} is worded from them (cert.untrusted). */
function untrustedReason(leaf: ParsedCert, readable: readonly ParsedCert[]): { untrusted: "self-signed" } | { untrusted: "no-path"; top: string; topIssuer: string } {
  if (isSelfSigned(leaf)) return { untrusted: "self-signed" };
  const top = readable[readable.length - 1] ?? leaf;
  return { untrusted: "no-path", top: describeCert(top), topIssuer: top.issuer };
}

/** The first place where a certificate is not followed by its issuer (CERT_CHAIN_ORDER's tokens), or null when in order. */
function orderProblem(chain: readonly (ParsedCert | null)[]): { disorder: "not-issuer"; position: number; issuer: string; child: string } | null {
  for (let i = 0; i + 1 < chain.length; i++) {
    const child = chain[i];
    const next = chain[i + 1];
    if (!child || !next) continue;
    if (!issuedBy(child, next)) return { disorder: "not-issuer", position: i + 1, issuer: describeCert(next), child: describeCert(child) };
  }
  return null;
}
