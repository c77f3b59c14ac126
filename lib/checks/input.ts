// What the person typed -> the domain to test, in A-labels (the form DNS carries). An address is
// cut at its last "@" (a quoted local part may itself contain "@"; an unquoted one may not). A
// refusal is a token and its values (lib/report/i18n/{en,pt-PT}/input.ts word it, as a person can
// act on it), and an IDN shows both forms so nobody wonders which name was tested.
import { domainToASCII, domainToUnicode } from "node:url";
import { isIP } from "node:net";
import { message, type Message, type MessageParams } from "../report/i18n/message";

/** Why an input cannot be tested (input.problem's select, "-" for "_"). */
export type InputProblemToken =
  | "hidden" | "empty-mail" | "too-long" | "no-local" | "no-domain" | "many-ats" | "ip-mail" | "root" | "spaces" | "empty-label" | "bad-idn"
  | "long-label" | "label-ldh" | "single-label" | "numeric-tld" | "long-name" | "long-address" | "local-long" | "local-quoted" | "local-dots"
  | "local-char" | "empty-dns" | "ip-dns" | "dns-spaces" | "dns-label";

/** The token and the values its text names (a label, a length and its limit, a character). */
export type InputProblem = { inputProblem: InputProblemToken } & MessageParams;

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
      problem: InputProblem;
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

function fail(input: string, inputProblem: InputProblemToken, params: MessageParams = {}): ParsedInput {
  return { ok: false, input, problem: { ...params, inputProblem } };
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
  return { ok: false, input: visible, problem: { inputProblem: "hidden", code: codePoint(hidden[0]!) }, hiddenCharacter: true };
}

export function parseInput(raw: string): ParsedInput {
  const input = raw.trim();
  const hidden = hiddenCharacter(input);
  if (hidden) return hidden;
  if (input === "") return fail(input, "empty-mail");
  const at = input.lastIndexOf("@");
  const localPart = at >= 0 ? input.slice(0, at) : null;
  if (localPart !== null && localPart === "") return fail(input, "no-local");
  let name = at >= 0 ? input.slice(at + 1) : input;
  if (name === "") return fail(input, "no-domain");
  // RFC 5321 4.1.2: an "@" inside the local part is allowed only within a quoted string.
  if (localPart !== null && localPart.includes("@") && !QUOTED_LOCAL_PART.test(localPart)) {
    return fail(input, "many-ats");
  }
  const localProblem = localPart === null ? null : localPartProblem(localPart);
  if (localProblem !== null) return { ok: false, input, problem: localProblem };
  if (name.startsWith("[") || isIP(name) !== 0 || /^\d+(\.\d+){3}$/.test(name.replace(/\.$/, ""))) {
    return fail(input, "ip-mail");
  }
  if (name.endsWith(".")) name = name.slice(0, -1);
  if (name === "") return fail(input, "root");
  if (/\s/.test(name)) return fail(input, "spaces");
  const labelsIn = name.split(".");
  if (labelsIn.some((label) => label === "")) return fail(input, "empty-label");

  const ascii = domainToASCII(name);
  if (ascii === "") return fail(input, "bad-idn", { name });
  const labels = ascii.split(".");
  for (const label of labels) {
    if (label.length > MAX_LABEL) return fail(input, "long-label", { label: label.slice(0, 20), length: label.length, max: MAX_LABEL });
    if (!LDH_LABEL.test(label)) return fail(input, "label-ldh", { label });
  }
  if (labels.length < 2) return fail(input, "single-label", { name: ascii });
  if (/^\d+$/.test(labels[labels.length - 1]!)) return fail(input, "numeric-tld");
  // 253 characters of presentation form = 255 octets on the wire with the length bytes and root.
  if (ascii.length > MAX_NAME) return fail(input, "long-name", { length: ascii.length, max: MAX_NAME });

  if (localPart !== null) {
    const octets = Buffer.byteLength(localPart) + 1 + ascii.length;
    if (octets > MAX_ADDRESS_OCTETS) return fail(input, "long-address", { octets, max: MAX_ADDRESS_OCTETS });
  }
  const parsed: ParsedDomain = { ok: true, input, domain: ascii, unicode: domainToUnicode(ascii), localPart };
  if (localPart !== null && /[^\x00-\x7f]/.test(localPart)) parsed.utf8LocalPart = true;
  return parsed;
}

// RFC 5321 §4.1.2 atext, widened by RFC 6531 §3.3 to any non-ASCII character (UTF8-non-ascii).
const ATEXT = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\u{10FFFF}]$/u;
// qtextSMTP (printable ASCII but '"' and '\\', and non-ASCII per RFC 6531) and quoted-pairSMTP.
const QCONTENT = /^(?:[\x20\x21\x23-\x5b\x5d-\x7e\u0080-\u{10FFFF}]|\\[\x20-\x7e])*$/u;

/** How a refusal names a character: a space and a double quote by name, any other as itself. */
function charKind(char: string): "space" | "quote" | "other" {
  return char === " " ? "space" : char === '"' ? "quote" : "other";
}

/**
 * Why `local` is not an RFC 5321 §4.1.2 Local-part (Dot-string or Quoted-string), or null. Hidden
 * characters were refused before; what is left is checked character by character so the sentence
 * names the first one that breaks the grammar.
 */
function localPartProblem(local: string): InputProblem | null {
  const octets = Buffer.byteLength(local);
  if (octets > MAX_LOCAL_PART_OCTETS) return { inputProblem: "local-long", octets, max: MAX_LOCAL_PART_OCTETS };
  if (local.startsWith('"')) {
    if (!QUOTED_LOCAL_PART.test(local) || !QCONTENT.test(local.slice(1, -1))) return { inputProblem: "local-quoted" };
    return null;
  }
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) return { inputProblem: "local-dots" };
  for (const char of local) {
    if (char === "." || ATEXT.test(char)) continue;
    return { inputProblem: "local-char", char, charKind: charKind(char) };
  }
  return null;
}

/** The sentence for a refused input: it quotes the input unless the input would mislead. */
export function refusal(parsed: Extract<ParsedInput, { ok: false }>): Message {
  return message("input.refused", { ...parsed.problem, input: parsed.input });
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
  if (input === "") return fail(input, "empty-dns");
  if (input.startsWith("[") || isIP(input) !== 0) return fail(input, "ip-dns");
  const name = input.endsWith(".") ? input.slice(0, -1) : input;
  if (name.split(".").some((label) => label === "")) return fail(input, "empty-label");
  if (/\s/.test(name)) return fail(input, "dns-spaces");
  const restored = domainToASCII(name);
  if (restored === "") return fail(input, "bad-idn", { name });
  for (const [index, label] of restored.split(".").entries()) {
    // RFC 4592 §2.1.1: "*" as the leftmost label is a wildcard owner, a name one can ask for.
    if (label === "*" && index === 0) continue;
    if (label.length > MAX_LABEL) return fail(input, "long-label", { label: label.slice(0, 20), length: label.length, max: MAX_LABEL });
    if (!/^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/.test(label)) return fail(input, "dns-label", { label });
  }
  if (restored.length > MAX_NAME) return fail(input, "long-name", { length: restored.length, max: MAX_NAME });
  return { ok: true, input, domain: restored, unicode: domainToUnicode(restored), localPart: null };
}
