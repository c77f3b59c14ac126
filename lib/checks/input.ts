// What the person typed -> the domain to test, in A-labels (the form DNS carries). An address is
// cut at its last "@" (a quoted local part may itself contain "@"). Errors are sentences a person
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
      /** The address's local part when an e-mail address was given. */
      localPart: string | null;
    }
  | { ok: false; input: string; problem: string };

const MAX_NAME = 253;
const MAX_LABEL = 63;
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

function fail(input: string, problem: string): ParsedInput {
  return { ok: false, input, problem };
}

export function parseInput(raw: string): ParsedInput {
  const input = raw.trim();
  if (input === "") return fail(input, "enter a domain name or an e-mail address.");
  const at = input.lastIndexOf("@");
  const localPart = at >= 0 ? input.slice(0, at) : null;
  if (localPart !== null && localPart === "") return fail(input, "the address has nothing before the '@'.");
  let name = at >= 0 ? input.slice(at + 1) : input;
  if (name === "") return fail(input, "the address has no domain after the '@'.");
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

  return { ok: true, input, domain: ascii, unicode: domainToUnicode(ascii), localPart };
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
  if (input === ".") return { ok: true, input, domain: ".", unicode: ".", localPart: null };
  if (input === "") return fail(input, "enter a DNS name.");
  if (input.startsWith("[") || isIP(input) !== 0) return fail(input, "an IP address is not a DNS name; enter a name such as example.com.");
  const name = input.endsWith(".") ? input.slice(0, -1) : input;
  if (name.split(".").some((label) => label === "")) return fail(input, "the name has an empty label (two dots in a row, or a leading dot).");
  if (/\s/.test(name)) return fail(input, "a DNS name cannot contain spaces.");
  const restored = domainToASCII(name);
  if (restored === "") return fail(input, `'${name}' is not a valid internationalised domain name.`);
  for (const label of restored.split(".")) {
    if (label.length > MAX_LABEL) return fail(input, `the label '${label.slice(0, 20)}…' is ${label.length} characters long; a label holds at most ${MAX_LABEL}.`);
    if (!/^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/.test(label)) return fail(input, `the label '${label}' may contain only letters, digits, hyphens and underscores.`);
  }
  if (restored.length > MAX_NAME) return fail(input, `the name is ${restored.length} characters long; a domain name holds at most ${MAX_NAME}.`);
  return { ok: true, input, domain: restored, unicode: domainToUnicode(restored), localPart: null };
}
