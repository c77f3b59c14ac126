// Host-name matching of a certificate (RFC 6125 as RFC 7672 §3.2.3 narrows it), the way OpenSSL's
// X509_check_host does it with the flags mailsec always passed to node's checkHost (subject
// "default", wildcards, no partial or multi-label wildcards, no single-label subdomains). It reads
// the names the DER reader already has, so a DANE-EE match never makes OpenSSL parse the leaf:
// that parse (X509Certificate, OpenSSL 3 decoding the key) was most of the certificate path's CPU.
// tests/dane/host-name.test.ts holds it to checkHost itself on generated certificates.

/** The names a certificate offers for host-name checks, as its DER carries them. */
export interface HostNames {
  /** subjectAltName dNSName values, one character per octet (IA5String bytes as sent). */
  dnsNames: readonly string[];
  /** Subject CN values as text; consulted only when there is no dNSName at all. */
  commonNames: readonly string[];
}

/**
 * Whether `reference` (a lower-case DNS name without a trailing dot) is a name the certificate
 * is valid for. OpenSSL compares octets: the reference and a CN as UTF-8, dNSNames as sent.
 */
export function certificateNamesHost(names: HostNames, reference: string): boolean {
  // A leading dot asks OpenSSL for a sub-domain match; DNS names never start with one.
  if (reference === "" || reference.startsWith(".") || reference.includes("\0")) return false;
  const subject = latin1OfUtf8(reference);
  if (names.dnsNames.length > 0) return names.dnsNames.some((pattern) => patternMatches(pattern, subject));
  return names.commonNames.some((cn) => patternMatches(latin1OfUtf8(cn), subject));
}

/** The UTF-8 octets of `text`, one character per octet, so comparisons are OpenSSL's octet ones. */
function latin1OfUtf8(text: string): string {
  // ASCII is the norm: no copy then.
  return /^[\x00-\x7f]*$/.test(text) ? text : Buffer.from(text, "utf8").toString("latin1");
}

/** equal_wildcard: a valid whole-label wildcard pattern matches one label; anything else octet for octet. */
function patternMatches(pattern: string, subject: string): boolean {
  if (pattern.length === 0) return false;
  const star = validStar(pattern);
  if (star < 0) return equalNoCase(pattern, subject);
  // The pattern is "*" + suffix (validStar allows nothing else without partial wildcards).
  const suffix = pattern.slice(1);
  if (subject.length <= suffix.length) return false;
  if (!equalNoCase(subject.slice(subject.length - suffix.length), suffix)) return false;
  const label = subject.slice(0, subject.length - suffix.length);
  // The wildcard may stand for a literal "*"; otherwise letters, digits and hyphens of one label.
  return label === "*" || /^[0-9A-Za-z-]+$/.test(label);
}

/** OpenSSL's equal_nocase: same length, ASCII letters folded, no NUL in the pattern. */
function equalNoCase(pattern: string, subject: string): boolean {
  if (pattern.length !== subject.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    let l = pattern.charCodeAt(i);
    let r = subject.charCodeAt(i);
    if (l === 0) return false;
    if (l === r) continue;
    if (l >= 0x41 && l <= 0x5a) l += 0x20;
    if (r >= 0x41 && r <= 0x5a) r += 0x20;
    if (l !== r) return false;
  }
  return true;
}

const LABEL_START = 1;
const LABEL_IDNA = 2;
const LABEL_HYPHEN = 4;

/**
 * OpenSSL's valid_star with X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS: the index of the one wildcard
 * when it is the whole first label of a non-IDNA name with at least two labels after it; -1
 * when the pattern holds no valid wildcard (it is then compared literally).
 */
function validStar(p: string): number {
  let star = -1;
  let state = LABEL_START;
  let dots = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c === 0x2a) {
      const atStart = (state & LABEL_START) !== 0;
      const atEnd = i === p.length - 1 || p.charCodeAt(i + 1) === 0x2e;
      if (star >= 0 || (state & LABEL_IDNA) !== 0 || dots > 0) return -1;
      if (!atStart || !atEnd) return -1;
      star = i;
      state &= ~LABEL_START;
    } else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) {
      if ((state & LABEL_START) !== 0 && p.length - i >= 4 && p.slice(i, i + 4).toLowerCase() === "xn--") state |= LABEL_IDNA;
      state &= ~(LABEL_HYPHEN | LABEL_START);
    } else if (c === 0x2e) {
      if ((state & (LABEL_HYPHEN | LABEL_START)) !== 0) return -1;
      state = LABEL_START;
      dots++;
    } else if (c === 0x2d) {
      if ((state & LABEL_START) !== 0) return -1;
      state |= LABEL_HYPHEN;
    } else {
      return -1;
    }
  }
  if ((state & (LABEL_START | LABEL_HYPHEN)) !== 0 || dots < 2) return -1;
  return star;
}
