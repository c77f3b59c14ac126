// A certificate named inside a finding's or a step's param: lib/dane describeCert writes this
// machine form, `"<subject>" (SHA-256 <16 hex>…)`, and lib/report/i18n/render.ts reads it back to word
// it per language (cert.described: the quotes, and an empty subject). Both sides live here so the
// form has one grammar. It is unambiguous: the subject is RFC 4514 text (lib/dane/cert-der.ts), whose
// `"` and `\` are always escaped, and a non-empty subject always holds an `=`; so `""` is an empty
// subject, and so is `"(empty subject)"`, which runs stored before the catalogue worded it carry.

export interface CertDescription {
  /** RFC 4514 text as the certificate parser gives it; "" when the subject is empty. */
  subject: string;
  /** The first 16 hex digits of the certificate's SHA-256. */
  fingerprint: string;
}

/** The machine form of a certificate: what a param holds. */
export function certDescription(subject: string, sha256: string): string {
  return `"${subject}" (SHA-256 ${sha256.slice(0, 16)}…)`;
}

/** How runs stored before cert.described existed name an empty subject (English, as written then). */
const STORED_EMPTY_SUBJECT = "(empty subject)";

/** How a chain lists its certificates (lib/dane match.ts sentChain), and an unreadable one in it. */
export const CHAIN_SEPARATOR = " → ";
export const UNREADABLE_IN_CHAIN = "?";

const ONE = String.raw`"((?:[^"\\]|\\.)*)" \(SHA-256 ([0-9a-f]{16})…\)`;
const WHOLE = new RegExp(`^${ONE}$`);
const ENTRY = new RegExp(`^(?:${ONE}|\\${UNREADABLE_IN_CHAIN})`);

function described(match: RegExpExecArray): CertDescription {
  const subject = match[1] as string;
  return { subject: subject === STORED_EMPTY_SUBJECT ? "" : subject, fingerprint: match[2] as string };
}

/** The certificate a param names, or null when the value is not (wholly) one machine form. */
export function parseCertDescription(value: string): CertDescription | null {
  const match = WHOLE.exec(value);
  return match ? described(match) : null;
}

/**
 * The certificates of a chain param (null for an unreadable one), or null when the value is not
 * wholly such a list: each entry is read as a whole, so a subject holding " → " stays in its entry.
 */
export function parseCertChain(value: string): (CertDescription | null)[] | null {
  const out: (CertDescription | null)[] = [];
  let rest = value;
  for (;;) {
    const match = ENTRY.exec(rest);
    if (!match) return null;
    out.push(match[1] === undefined ? null : described(match));
    rest = rest.slice(match[0].length);
    if (rest === "") return out;
    if (!rest.startsWith(CHAIN_SEPARATOR)) return null;
    rest = rest.slice(CHAIN_SEPARATOR.length);
  }
}
