// The one sanitiser for text a remote party controls: SMTP banners and replies, certificate
// fields, and any later body mailsec shows (MTA-STS policies). Such text is shown to a person in
// the web UI, stored in the JSON result and written by the CLI to a terminal, so the characters
// that would change what that person reads are replaced at the source by visible escapes
// ("\u202E"), the same in all three:
// - C0 controls and DEL (a CR or ESC could fake lines or drive the terminal) and C1 controls
//   (U+0080-009F: some terminals act on them as 8-bit escape sequences);
// - bidirectional controls (U+202A-202E embeddings and overrides, U+2066-2069 isolates, U+200E/F
//   marks, U+061C): "Trojan Source", CVE-2021-42574: a banner could reorder what the admin reads;
// - line and paragraph separators (U+2028/2029), which some renderers break lines on;
// - invisible format characters that hide text (zero-width space/joiners U+200B-200D, word
//   joiner U+2060, BOM U+FEFF).
// A backslash before "u" is doubled so an escape the server typed itself cannot pass for one of ours.
// TXT data and DNS names need none of this: lib/dns presents every byte outside printable ASCII
// as \DDD (RFC 1035 §5.1).

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]|\\(?=u)/g;
// The same pattern without /g: most text holds none of these, and test() says so for a fraction of
// what replace() costs to find nothing.
const ANY_UNSAFE = new RegExp(UNSAFE.source);

function escape(char: string): string {
  if (char === "\\") return "\\\\";
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Remote text made safe to show: every unsafe character as a visible `\uXXXX` escape. Apply it
 * once, where the text enters mailsec (the reply reader, the certificate parser): applied twice,
 * the escapes it wrote would be escaped again.
 */
export function visibleText(text: string): string {
  return ANY_UNSAFE.test(text) ? text.replace(UNSAFE, escape) : text;
}
