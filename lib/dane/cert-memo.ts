// What mailsec learns from a certificate's bytes, kept per certificate across runs: a mail server
// presents the same chain to every run, and everything here (the DER reader's fields, OpenSSL's
// parse, the digests, and through issuedBy's memo the signature checks) is a pure function of
// the DER, keyed by its SHA-256, so a second run reads the answers instead of redoing them. The
// validity dates are still compared with each run's own time. Bounded by count and by bytes,
// least recently used out first, so hostile servers presenting fresh certificates cannot grow it.
import * as crypto from "node:crypto";
import { X509Certificate as NodeCertificate, createHash } from "node:crypto";
import { readKeyInfo, type KeyInfo } from "./cert-key";
import { readCertFields, type CertFields } from "./cert-der";
import { certificateNamesHost } from "./host-name";
import { associationData, TlsaSelector } from "./tlsa";

/** One certificate's facts, computed on first use and then kept. */
export interface CertFacts {
  der: Uint8Array;
  /** Lower-case hex SHA-256 of the DER. */
  sha256: string;
  /** The DER reader's fields; null when it cannot read the certificate. */
  fields: CertFields | null;
  /** OpenSSL's view, parsed on first use; null when OpenSSL cannot read the certificate. */
  openssl(): NodeCertificate | null;
  spkiSha256(): string;
  /** The key's type, size and curve from the SPKI bytes (cert-key.ts); null when OpenSSL must say. */
  keyInfo(): KeyInfo | null;
  /** basicConstraints CA as OpenSSL reads it (X509_check_ca). */
  isCa(): boolean;
  /**
   * The association data a TLSA record with this selector and matching type would hold for the
   * certificate (tlsa.ts associationData), kept: the same records meet the same chain every run.
   * Null for the key of a certificate the DER reader cannot read.
   */
  association(selector: number, matchingType: number): Uint8Array | null;
  /**
   * Whether the certificate is valid for the reference name (host-name.ts; lower case, no trailing
   * dot), kept per name for the few names a certificate meets (an MX host's, run after run).
   * False when the DER reader cannot read the certificate.
   */
  namesHost(reference: string): boolean;
}

const MAX_ENTRIES = 512;
/** Host-name verdicts kept per certificate: a server certificate meets one name or a few. */
const MAX_NAMES = 16;
const MAX_BYTES = 4 * 1024 * 1024;

const memo = new Map<string, CertFacts>();
let bytes = 0;
/**
 * OpenSSL parses made elsewhere (the TLS handshake), by the array that carries their DER on to the
 * checks, waiting for their certificate's first use; an entry goes with its array.
 */
let handedOver = new WeakMap<Uint8Array, NodeCertificate>();

// node ≥ 20.12's one-shot digest skips the Hash object: a third of the digest's cost at
// certificate sizes, paid for every certificate of every run (the memo's key).
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: "hex") => string }).hash;

export function sha256Hex(data: Uint8Array): string {
  return oneShot ? oneShot("sha256", data, "hex") : createHash("sha256").update(data).digest("hex");
}

/** The facts of the certificate `der`, from the memo when it was seen before. */
export function certFacts(der: Uint8Array): CertFacts {
  const sha256 = sha256Hex(der);
  const known = memo.get(sha256);
  const parsed = handedOver.get(der);
  if (parsed !== undefined) handedOver.delete(der);
  if (known) {
    // Most recently used goes last: Map keeps insertion order.
    memo.delete(sha256);
    memo.set(sha256, known);
    return known;
  }
  const facts = computeFacts(der, sha256, parsed);
  memo.set(sha256, facts);
  bytes += der.length;
  for (const [key, old] of memo) {
    if (memo.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
    memo.delete(key);
    bytes -= old.der.length;
  }
  return facts;
}

/**
 * OpenSSL's parse of a certificate the TLS handshake already decoded (node's
 * getPeerX509Certificate): certFacts of `der` (that very array) takes it instead of parsing the
 * DER again when the certificate is new. Keyed by the array, not its digest: a certificate seen
 * before (most runs) costs no digest for it.
 */
export function handOverOpenSsl(cert: NodeCertificate, der: Uint8Array): void {
  handedOver.set(der, cert);
}

/** One certificate out of the memo: the benchmarks' "a new leaf under an intermediate seen before". */
export function forgetCertificate(der: Uint8Array): void {
  const sha256 = sha256Hex(der);
  const known = memo.get(sha256);
  if (known === undefined) return;
  memo.delete(sha256);
  bytes -= known.der.length;
}

/** The memo emptied: what a process that never saw a certificate pays (the benchmarks' cold case). */
export function forgetCertificates(): void {
  memo.clear();
  handedOver = new WeakMap();
  bytes = 0;
}

function computeFacts(der: Uint8Array, sha256: string, parsed: NodeCertificate | undefined): CertFacts {
  let fields: CertFields | null;
  try {
    fields = readCertFields(der);
  } catch {
    fields = null;
  }
  const openssl = lazyOpenSsl(der, parsed);
  let spkiSha256: string | undefined;
  let isCa: boolean | undefined;
  let keyInfo: KeyInfo | null | undefined;
  const associations = new Map<number, Uint8Array | null>();
  const hostVerdicts = new Map<string, boolean>();
  return {
    der,
    sha256,
    fields,
    openssl,
    spkiSha256: () => (spkiSha256 ??= fields ? sha256Hex(fields.spki) : ""),
    keyInfo: () => (keyInfo === undefined ? (keyInfo = fields ? readKeyInfo(fields.spki) : null) : keyInfo),
    // A certificate whose basicConstraints claim no CA is none: the leaf of a chain needs no parse for it.
    isCa: () => (isCa ??= fields?.mayBeCa === false ? false : (openssl()?.ca ?? false)),
    association: (selector, matchingType) => {
      const key = selector * 256 + matchingType;
      let data = associations.get(key);
      if (data === undefined) {
        const selected = selector === TlsaSelector.CERT ? der : (fields?.spki ?? null);
        data = selected === null ? null : associationData(matchingType, selected);
        associations.set(key, data);
      }
      return data;
    },
    namesHost: (reference) => {
      let verdict = hostVerdicts.get(reference);
      if (verdict === undefined) {
        verdict = fields !== null && certificateNamesHost(fields, reference);
        if (hostVerdicts.size >= MAX_NAMES) hostVerdicts.clear();
        hostVerdicts.set(reference, verdict);
      }
      return verdict;
    },
  };
}

/** OpenSSL's parse of `der`, made on the first call (null when OpenSSL cannot read it), then kept. */
export function lazyOpenSsl(der: Uint8Array, parsed?: NodeCertificate): () => NodeCertificate | null {
  let node: NodeCertificate | null | undefined = parsed;
  return () => {
    if (node === undefined) {
      try {
        node = new NodeCertificate(der);
      } catch {
        node = null;
      }
    }
    return node;
  };
}
