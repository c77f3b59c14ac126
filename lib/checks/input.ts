// What the person typed -> the domain to test, in A-labels (the form DNS carries). An address is
// cut at its last "@" (a quoted local part may itself contain "@"; an unquoted one may not). Errors are sentences a person
// can act on, and an IDN shows both forms so nobody wonders which name was tested.
import { domainToASCII, domainToUnicode } from "node:url";
import { isIP } from "node:net";

export type ParsedDomain = Extract<ParsedInput, { ok: true }>;

export type ParsedInput =
  | {
      ok: true;
      input: string;
      /** A-label form, lower case, no trailing dot: what every lookup uses. */
      domain: string;
      /** U-label form for display; equal to `domain` unless the name is an IDN. */
      unicode: string;
      /** The address's local part when an e-mail address was given: a valid RFC 5321 local part. */
      localPart: string | null;
      /**
       * The local part holds non-ASCII characters (RFC 6531): it may only be sent to a server that
       * offers SMTPUTF8. The domain never needs it: it travels as A-labels.
       */
      utf8LocalPart?: true;
    }
  | {
      ok: false;
      /** The input as safe to show: invisible characters are written as <U+XXXX>. */
      input: string;
      problem: string;
      /** Set when the input holds an invisible character: a message should not quote it at all. */
      hiddenCharacter?: true;
    };

const MAX_NAME = 253;
const MAX_LABEL = 63;
// RFC 5321 §4.5.3.1.1: 64 octets of local part; §4.5.3.1.3: a path of 256 octets including "<>".
const MAX_LOCAL_PART_OCTETS = 64;
const MAX_ADDRESS_OCTETS = 254;
const QUOTED_LOCAL_PART = /^"(?:[^"\\]|\\.)*"$/;
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

function fail(input: string, problem: string): ParsedInput {
  return { ok: false, input, problem };
}

// Invisible and direction-changing characters (controls, zero-width, bidi overrides and isolates,
// soft hyphen, BOM): IDNA drops some of them silently, so the name tested would not be the name
// typed, and others make the text shown to a person read differently from what it is. Both doors
// (the web API and the CLI) refuse them here, before anything echoes the input.
const HIDDEN_CHARACTER = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

function hiddenCharacter(input: string): ParsedInput | null {
  const hidden = input.match(HIDDEN_CHARACTER);
  if (!hidden) return null;
  const visible = input.replace(HIDDEN_CHARACTER, (char) => `<${codePoint(char)}>`);
  const problem = `the text contains an invisible or direction-changing character (${codePoint(hidden[0]!)}); type the name again without it.`;
  return { ok: false, input: visible, problem, hiddenCharacter: true };
}

export function parseInput(raw: string): ParsedInput {
  const input = raw.trim();
  const hidden = hiddenCharacter(input);
  if (hidden) return hidden;
  if (input === "") return fail(input, "enter a domain name or an e-mail address.");
  const at = input.lastIndexOf("@");
  const localPart = at >= 0 ? input.slice(0, at) : null;
  if (localPart !== null && localPart === "") return fail(input, "the address has nothing before the '@'.");
  let name = at >= 0 ? input.slice(at + 1) : input;
  if (name === "") return fail(input, "the address has no domain after the '@'.");
  // RFC 5321 4.1.2: an "@" inside the local part is allowed only within a quoted string.
  if (localPart !== null && localPart.includes("@") && !QUOTED_LOCAL_PART.test(localPart)) {
    return fail(input, `the address has more than one '@'; only a quoted local part such as "a@b"@example.com may contain one.`);
  }
  const localProblem = localPart === null ? null : localPartProblem(localPart);
  if (localProblem !== null) return fail(input, localProblem);
  if (name.startsWith("[") || isIP(name) !== 0 || /^\d+(\.\d+){3}$/.test(name.replace(/\.$/, ""))) {
    return fail(input, "an IP address is not a mail domain; enter the domain whose MX records should be tested.");
  }
  if (name.endsWith(".")) name = name.slice(0, -1);
  if (name === "") return fail(input, "the root domain cannot be tested.");
  if (/\s/.test(name)) return fail(input, "a domain name cannot contain spaces.");
  const labelsIn = name.split(".");
  if (labelsIn.some((label) => label === "")) return fail(input, "the name has an empty label (two dots in a row, or a leading dot).");

  const ascii = domainToASCII(name);
  if (ascii === "") return fail(input, `'${name}' is not a valid internationalised domain name.`);
  const labels = ascii.split(".");
  for (const label of labels) {
    if (label.length > MAX_LABEL) return fail(input, `the label '${label.slice(0, 20)}…' is ${label.length} characters long; a label holds at most ${MAX_LABEL}.`);
    if (!LDH_LABEL.test(label)) {
      return fail(input, `the label '${label}' may contain only letters, digits and hyphens, and may not start or end with a hyphen.`);
    }
  }
  if (labels.length < 2) return fail(input, `'${ascii}' is a single label; enter a full domain such as example.com.`);
  if (/^\d+$/.test(labels[labels.length - 1]!)) return fail(input, "the last label of a domain name cannot be all digits.");
  // 253 characters of presentation form = 255 octets on the wire with the length bytes and root.
  if (ascii.length > MAX_NAME) return fail(input, `the name is ${ascii.length} characters long; a domain name holds at most ${MAX_NAME}.`);

  if (localPart !== null) {
    const octets = Buffer.byteLength(localPart) + 1 + ascii.length;
    if (octets > MAX_ADDRESS_OCTETS) return fail(input, `the address is ${octets} octets long; an address holds at most ${MAX_ADDRESS_OCTETS} (RFC 5321 §4.5.3.1.3).`);
  }
  const parsed: ParsedDomain = { ok: true, input, domain: ascii, unicode: domainToUnicode(ascii), localPart };
  if (localPart !== null && /[^\x00-\x7f]/.test(localPart)) parsed.utf8LocalPart = true;
  return parsed;
}

// RFC 5321 §4.1.2 atext, widened by RFC 6531 §3.3 to any non-ASCII character (UTF8-non-ascii).
const ATEXT = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\u{10FFFF}]$/u;
// qtextSMTP (printable ASCII but '"' and '\\', and non-ASCII per RFC 6531) and quoted-pairSMTP.
const QCONTENT = /^(?:[\x20\x21\x23-\x5b\x5d-\x7e\u0080-\u{10FFFF}]|\\[\x20-\x7e])*$/u;

function describeChar(char: string): string {
  return char === " " ? "a space" : char === '"' ? "a double quote" : `'${char}'`;
}

/**
 * Why `local` is not an RFC 5321 §4.1.2 Local-part (Dot-string or Quoted-string), or null. Hidden
 * characters were refused before; what is left is checked character by character so the sentence
 * names the first one that breaks the grammar.
 */
function localPartProblem(local: string): string | null {
  const octets = Buffer.byteLength(local);
  if (octets > MAX_LOCAL_PART_OCTETS) {
    return `the part before the '@' is ${octets} octets long; a local part holds at most ${MAX_LOCAL_PART_OCTETS} (RFC 5321 §4.5.3.1.1).`;
  }
  if (local.startsWith('"')) {
    if (!QUOTED_LOCAL_PART.test(local) || !QCONTENT.test(local.slice(1, -1))) {
      return `the quoted part before the '@' is not a quoted string: it must end with '"' and put a '\\' before any '"' or '\\' inside (RFC 5321 §4.1.2).`;
    }
    return null;
  }
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) {
    return `the part before the '@' cannot start or end with a dot or hold two dots in a row unless it is quoted (RFC 5321 §4.1.2).`;
  }
  for (const char of local) {
    if (char === "." || ATEXT.test(char)) continue;
    return `the part before the '@' contains ${describeChar(char)}, which an address may hold only inside quotes ("…"@domain, RFC 5321 §4.1.2).`;
  }
  return null;
}

/** The sentence for a refused input: it quotes the input unless the input would mislead. */
export function refusal(parsed: Extract<ParsedInput, { ok: false }>): string {
  return parsed.hiddenCharacter ? parsed.problem : `'${parsed.input}' cannot be tested: ${parsed.problem}`;
}

/** "bücher.example (xn--bcher-kva.example)" for an IDN, the plain name otherwise. */
export function displayDomain(parsed: { domain: string; unicode: string }): string {
  return parsed.unicode === parsed.domain ? parsed.domain : `${parsed.unicode} (${parsed.domain})`;
}

/**
 * A DNS name for the DNSSEC test: wider than a mail domain (underscore labels such as
 * `_25._tcp.mx.example.com`, the root, single labels), still bounded and converted to A-labels.
 */
export function parseDnsName(raw: string): ParsedInput {
  const input = raw.trim();
  const hidden = hiddenCharacter(input);
  if (hidden) return hidden;
  if (input === ".") return { ok: true, input, domain: ".", unicode: ".", localPart: null };
  if (input === "") return fail(input, "enter a DNS name.");
  if (input.startsWith("[") || isIP(input) !== 0) return fail(input, "an IP address is not a DNS name; enter a name such as example.com.");
  const name = input.endsWith(".") ? input.slice(0, -1) : input;
  if (name.split(".").some((label) => label === "")) return fail(input, "the name has an empty label (two dots in a row, or a leading dot).");
  if (/\s/.test(name)) return fail(input, "a DNS name cannot contain spaces.");
  const restored = domainToASCII(name);
  if (restored === "") return fail(input, `'${name}' is not a valid internationalised domain name.`);
  for (const [index, label] of restored.split(".").entries()) {
    // RFC 4592 §2.1.1: "*" as the leftmost label is a wildcard owner, a name one can ask for.
    if (label === "*" && index === 0) continue;
    if (label.length > MAX_LABEL) return fail(input, `the label '${label.slice(0, 20)}…' is ${label.length} characters long; a label holds at most ${MAX_LABEL}.`);
    if (!/^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/.test(label)) return fail(input, `the label '${label}' may contain only letters, digits, hyphens and underscores.`);
  }
  if (restored.length > MAX_NAME) return fail(input, `the name is ${restored.length} characters long; a domain name holds at most ${MAX_NAME}.`);
  return { ok: true, input, domain: restored, unicode: domainToUnicode(restored), localPart: null };
}
