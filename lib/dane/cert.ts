// One certificate of a presented chain, parsed once: node:crypto's X509Certificate (OpenSSL) for
// the checks (signature, issuer name chaining, CA flag) and the DER itself (cert-der) for the
// exact SPKI bytes, names, dates and alt names, which also serve host-name matching (host-name.ts).
// @peculiar/x509 took ~5 ms a certificate with a long SAN list for the same fields; OpenSSL's parse
// ~0.35 ms (OpenSSL 3 decodes the key), so a DANE-EE match never asks for it. What a certificate's
// bytes say is kept across runs (cert-memo.ts).
import type { X509Certificate as NodeCertificate, KeyObject } from "node:crypto";
import type { CertFields } from "./cert-der";
import type { KeyInfo } from "./cert-key";
import { certDescription } from "../report/cert-description";
import { certFacts, type CertFacts } from "./cert-memo";
import { associationData, TlsaSelector } from "./tlsa";


export interface ParsedCert extends Readonly<Omit<CertFields, "commonNames" | "dnsNames">> {
  /** Position in the chain as the server sent it (0 = leaf); -1 for certificates from elsewhere. */
  index: number;
  der: Uint8Array;
  /**
   * OpenSSL's view, parsed on first use (a DANE-EE match never needs it); null when OpenSSL cannot
   * read what the DER reader could: such a certificate verifies and issues nothing.
   */
  readonly node: NodeCertificate | null;
  /** Lower-case hex SHA-256 of the DER certificate. */
  readonly sha256: string;
  readonly spkiSha256: string;
  dnsNames: readonly string[];
  commonNames: readonly string[];
  /** basicConstraints CA as OpenSSL reads it (X509_check_ca). */
  readonly isCa: boolean;
  /** The key's type, size and curve from the SPKI bytes; null for kinds only OpenSSL describes. */
  readonly keyInfo: KeyInfo | null;
  /** The association data of a TLSA record with this selector and matching type (kept with the certificate's facts). */
  association(selector: number, matchingType: number): Uint8Array;
  /** host-name.ts certificateNamesHost for a reference name, kept with the certificate's facts. */
  namesHost(reference: string): boolean;
}

/** The certificate, or null when the DER reader cannot read it. */
export function parseCert(der: Uint8Array, index: number): ParsedCert | null {
  const facts = certFacts(der);
  return facts.fields === null ? null : new Cert(facts, facts.fields, der, index);
}

/**
 * A ParsedCert as a class: its fields copied once into one fixed shape, the lazy facts on the
 * prototype. An object literal spreading the fields beside getters cost more than reading them.
 */
class Cert implements ParsedCert {
  readonly serial: string;
  readonly signatureOid: string;
  readonly pssHashOid: string | null;
  readonly subject: string;
  readonly issuer: string;
  readonly subjectKey: string;
  readonly issuerKey: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly spki: Uint8Array;
  readonly altNames: string[];
  readonly mayBeCa: boolean;
  readonly sha256: string;
  dnsNames: readonly string[];
  commonNames: readonly string[];

  constructor(
    private readonly facts: CertFacts,
    fields: CertFields,
    public der: Uint8Array,
    public index: number,
  ) {
    this.serial = fields.serial;
    this.signatureOid = fields.signatureOid;
    this.pssHashOid = fields.pssHashOid;
    this.subject = fields.subject;
    this.issuer = fields.issuer;
    this.subjectKey = fields.subjectKey;
    this.issuerKey = fields.issuerKey;
    this.notBefore = fields.notBefore;
    this.notAfter = fields.notAfter;
    this.spki = fields.spki;
    this.altNames = fields.altNames;
    this.mayBeCa = fields.mayBeCa;
    this.dnsNames = fields.dnsNames;
    this.commonNames = fields.commonNames;
    this.sha256 = facts.sha256;
  }

  get node(): NodeCertificate | null {
    return this.facts.openssl();
  }

  get isCa(): boolean {
    return this.facts.isCa();
  }

  get spkiSha256(): string {
    return this.facts.spkiSha256();
  }

  get keyInfo(): KeyInfo | null {
    return this.facts.keyInfo();
  }

  association(selector: number, matchingType: number): Uint8Array {
    // Never null here: a Cert exists only for a certificate the DER reader read.
    return this.facts.association(selector, matchingType) ?? associationData(matchingType, selector === TlsaSelector.CERT ? this.der : this.spki);
  }

  namesHost(reference: string): boolean {
    return this.facts.namesHost(reference);
  }
}

/**
 * A chain as the server sent it, each certificate parsed once for every check that reads it (the
 * TLS step, the certificate report, DANE): parsing a certificate with a long SAN list costs
 * milliseconds. `der` keeps the bytes of unreadable certificates too, as a "3 0 x" record still
 * matches bytes that do not parse.
 */
export interface ParsedChain {
  readonly der: readonly Uint8Array[];
  /** Same positions as `der`; null where a certificate cannot be parsed. */
  readonly certs: readonly (ParsedCert | null)[];
}

export function parseChain(chainDer: readonly Uint8Array[]): ParsedChain {
  return { der: chainDer, certs: chainDer.map((der, index) => parseCert(der, index)) };
}

/** The chain of an input that carries either the DER as sent or a chain parsed by parseChain. */
export function chainOf(input: ChainInput): ParsedChain {
  return "chain" in input ? input.chain : parseChain(input.chainDer);
}

/**
 * How the matcher and the certificate report take a chain: DER certificates exactly as the server
 * sent them, leaf first, or that chain already parsed (parseChain) when several checks read it.
 */
export type ChainInput = { chainDer: readonly Uint8Array[] } | { chain: ParsedChain };

/** Verdicts of issuedBy, per child and issuer: the certificate report and the matcher ask about the same links. */
const issuedMemo = new WeakMap<NodeCertificate, WeakMap<NodeCertificate, boolean>>();

/** `child` names `issuer` as its issuer (names, key identifiers) and carries its signature. */
export function issuedBy(child: ParsedCert, issuer: Pick<ParsedCert, "node">): boolean {
  const [node, by] = [child.node, issuer.node];
  if (node === null || by === null) return false;
  let known = issuedMemo.get(node);
  if (!known) issuedMemo.set(node, (known = new WeakMap()));
  let verdict = known.get(by);
  if (verdict === undefined) {
    verdict = node.checkIssued(by) && signedByKey(child, by.publicKey);
    known.set(by, verdict);
  }
  return verdict;
}

export function signedByKey(child: ParsedCert, key: KeyObject): boolean {
  try {
    return child.node?.verify(key) ?? false;
  } catch {
    // A key of another algorithm, or one node cannot use, did not sign this certificate.
    return false;
  }
}

export function isSelfSigned(cert: ParsedCert): boolean {
  // A certificate whose issuer is not its own subject did not issue itself: no signature to check.
  return cert.issuerKey === cert.subjectKey && issuedBy(cert, cert);
}

export type Validity = "valid" | "expired" | "not-yet-valid";

export function validityAt(cert: ParsedCert, now: Date): Validity {
  if (now.getTime() < cert.notBefore.getTime()) return "not-yet-valid";
  if (now.getTime() > cert.notAfter.getTime()) return "expired";
  return "valid";
}

/** How a param names a certificate: lib/report's machine form, worded per language by render.ts. */
export function describeCert(cert: ParsedCert): string {
  return certDescription(cert.subject, cert.sha256);
}

function normalizeName(name: string): string {
  return name.trim().replace(/\.$/, "").toLowerCase();
}

/**
 * The first reference identifier the certificate is valid for, or null. RFC 7672 §3.2.3: DNS names
 * from subjectAltName, the subject CN only when there is no dNSName at all, and a wildcard only as
 * the whole leftmost label matching exactly one label (host-name.ts, OpenSSL's rules).
 */
export function matchReferenceName(cert: ParsedCert, names: readonly string[]): string | null {
  for (const name of names) {
    const reference = normalizeName(name);
    if (reference !== "" && cert.namesHost(reference)) return reference;
  }
  return null;
}

/** The names a certificate presents for host-name matching, for messages. */
export function presentedNames(cert: ParsedCert): string[] {
  return cert.dnsNames.length > 0 ? [...cert.dnsNames] : cert.commonNames.map((cn) => `CN=${cn}`);
}

/**
 * A path from `start` up to an anchor: each next certificate is a CA from `candidates` that issued
 * the previous one, until `reachesAnchor` accepts the top. Depth-first so a cross-signed or
 * misordered chain still finds its path; bounded by the number of candidates.
 */
export function buildPath(
  start: ParsedCert,
  candidates: readonly ParsedCert[],
  reachesAnchor: (cert: ParsedCert) => boolean,
): ParsedCert[] | null {
  const walk = (path: ParsedCert[]): ParsedCert[] | null => {
    const top = path[path.length - 1];
    if (top === undefined) return null;
    if (reachesAnchor(top)) return path;
    for (const next of candidates) {
      if (path.includes(next) || !next.isCa || !issuedBy(top, next)) continue;
      const found = walk([...path, next]);
      if (found) return found;
    }
    return null;
  };
  return walk([start]);
}
