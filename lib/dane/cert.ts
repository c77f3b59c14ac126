// One certificate of a presented chain, parsed once: @peculiar/x509 for the fields people read,
// node:crypto for the checks (signature, issuer name chaining, host names) because @peculiar's
// chain builder checks nothing (PITFALLS).
import { X509Certificate as NodeCertificate, createHash, type KeyObject } from "node:crypto";
import * as x509 from "../x509";

export interface ParsedCert {
  /** Position in the chain as the server sent it (0 = leaf); -1 for certificates from elsewhere. */
  index: number;
  der: Uint8Array;
  spki: Uint8Array;
  node: NodeCertificate;
  parsed: x509.X509Certificate;
  /** RFC 4514-style, e.g. "CN=mx.example.com"; "" when the subject is empty. */
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** Lower-case hex SHA-256 of the DER certificate. */
  sha256: string;
  spkiSha256: string;
  dnsNames: string[];
  commonNames: string[];
  isCa: boolean;
}

export function parseCert(der: Uint8Array, index: number): ParsedCert | null {
  try {
    const buffer = Buffer.from(der);
    const node = new NodeCertificate(buffer);
    const parsed = new x509.X509Certificate(buffer);
    const spki = new Uint8Array(parsed.publicKey.rawData);
    const san = parsed.getExtension(x509.SubjectAlternativeNameExtension);
    const dnsNames = san ? san.names.items.filter((n) => n.type === "dns").map((n) => n.value) : [];
    const commonNames = parsed.subjectName.getField("CN");
    return {
      index,
      der: new Uint8Array(buffer),
      spki,
      node,
      parsed,
      subject: parsed.subject,
      issuer: parsed.issuer,
      notBefore: parsed.notBefore,
      notAfter: parsed.notAfter,
      sha256: sha256Hex(buffer),
      spkiSha256: sha256Hex(spki),
      dnsNames,
      commonNames,
      isCa: node.ca,
    };
  } catch {
    return null;
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

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** `child` names `issuer` as its issuer (names, key identifiers) and carries its signature. */
export function issuedBy(child: ParsedCert, issuer: Pick<ParsedCert, "node">): boolean {
  return child.node.checkIssued(issuer.node) && signedByKey(child, issuer.node.publicKey);
}

export function signedByKey(child: ParsedCert, key: KeyObject): boolean {
  try {
    return child.node.verify(key);
  } catch {
    // A key of another algorithm, or one node cannot use, did not sign this certificate.
    return false;
  }
}

export function isSelfSigned(cert: ParsedCert): boolean {
  return issuedBy(cert, cert);
}

export type Validity = "valid" | "expired" | "not-yet-valid";

export function validityAt(cert: ParsedCert, now: Date): Validity {
  if (now.getTime() < cert.notBefore.getTime()) return "not-yet-valid";
  if (now.getTime() > cert.notAfter.getTime()) return "expired";
  return "valid";
}

/** How a sentence names a certificate: its subject and the start of its fingerprint. */
export function describeCert(cert: ParsedCert): string {
  const subject = cert.subject === "" ? "(empty subject)" : cert.subject;
  return `"${subject}" (SHA-256 ${cert.sha256.slice(0, 16)}…)`;
}

function normalizeName(name: string): string {
  return name.trim().replace(/\.$/, "").toLowerCase();
}

/**
 * The first reference identifier the certificate is valid for, or null. RFC 7672 §3.2.3: DNS names
 * from subjectAltName, the subject CN only when there is no dNSName at all, and a wildcard only as
 * the whole leftmost label matching exactly one label.
 */
export function matchReferenceName(cert: ParsedCert, names: readonly string[]): string | null {
  for (const name of names) {
    const reference = normalizeName(name);
    if (reference === "") continue;
    const hit = cert.node.checkHost(reference, {
      subject: "default",
      wildcards: true,
      partialWildcards: false,
      multiLabelWildcards: false,
      singleLabelSubdomains: false,
    });
    if (hit !== undefined) return reference;
  }
  return null;
}

/** The names a certificate presents for host-name matching, for messages. */
export function presentedNames(cert: ParsedCert): string[] {
  return cert.dnsNames.length > 0 ? cert.dnsNames : cert.commonNames.map((cn) => `CN=${cn}`);
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
