// The WebPKI root store, indexed by subject name: built once, on the first WebPKI check of the
// process (never at import), so a run that checks no certificate pays nothing. The index reads
// each root's subject from its DER; OpenSSL parses only the few roots whose subject is the name
// a certificate gives as its issuer, when that certificate asks. Parsing the whole store into
// X509Certificate objects cost ~60 ms a process.
import type { X509Certificate as NodeCertificate } from "node:crypto";
import { rootCertificates } from "node:tls";
import { readCertFields, readSubjectKey } from "./cert-der";
import type { ParsedCert } from "./cert";
import { lazyOpenSsl } from "./cert-memo";

export interface Root {
  der: Uint8Array;
  readonly subject: string;
  /** OpenSSL's view of the root, parsed on first use; null when OpenSSL cannot read it. */
  readonly node: NodeCertificate | null;
}

export interface RootIndex {
  /** The roots whose subject is the name `cert` gives as its issuer (candidates: the signature still decides). */
  issuersOf(cert: ParsedCert): readonly Root[];
  /** The root that is this very certificate, byte for byte, or null. */
  same(cert: ParsedCert): Root | null;
}

const indexes = new WeakMap<readonly string[], RootIndex>();

/** The index of `pems` (node:tls rootCertificates or a caller's list), built on the first call for that list. */
export function rootIndex(pems: readonly string[]): RootIndex {
  const known = indexes.get(pems);
  if (known) return known;
  const bySubject = new Map<string, Root[]>();
  for (const pem of pems) {
    const root = readRoot(pem);
    if (!root) continue;
    const list = bySubject.get(root.key) ?? [];
    list.push(root.root);
    bySubject.set(root.key, list);
  }
  const index: RootIndex = {
    issuersOf: (cert) => bySubject.get(cert.issuerKey) ?? [],
    same: (cert) => (bySubject.get(cert.subjectKey) ?? []).find((r) => Buffer.compare(r.der, cert.der) === 0) ?? null,
  };
  indexes.set(pems, index);
  return index;
}

const BEGIN = "-----BEGIN CERTIFICATE-----";
const END = "-----END CERTIFICATE-----";

function readRoot(pem: string): { key: string; root: Root } | null {
  const begin = pem.indexOf(BEGIN);
  const end = pem.indexOf(END, begin);
  if (begin < 0 || end < 0) return null;
  // Buffer's base64 decoder skips the line breaks.
  const der = new Uint8Array(Buffer.from(pem.slice(begin + BEGIN.length, end), "base64"));
  let key: string;
  try {
    key = readSubjectKey(der);
  } catch {
    // An unreadable root anchors nothing.
    return null;
  }
  const openssl = lazyOpenSsl(der);
  let subject: string | undefined;
  const root: Root = {
    der,
    get subject() {
      return (subject ??= readCertFields(der).subject);
    },
    get node() {
      return openssl();
    },
  };
  return { key, root };
}

const withExtra = new Map<string, readonly string[]>();

/**
 * The WebPKI roots every check uses: node:tls rootCertificates plus the PEM certificates of
 * --ca-file / MAILSEC_CA_FILE (labs, private PKIs). One array per extra text, so rootIndex
 * builds its index once for it.
 */
export function webpkiRoots(extraPem: string | null | undefined, base: readonly string[] = rootCertificates): readonly string[] {
  if (!extraPem) return base;
  const known = withExtra.get(extraPem);
  if (known) return known;
  const extra = extraPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const roots = [...base, ...extra];
  if (withExtra.size < 16) withExtra.set(extraPem, roots);
  return roots;
}
