// The TXT answers the policy records live in (MTA-STS, TLS-RPT, SPF, DMARC), as the assessments
// read them: one string per record, its character-strings joined with nothing between them (RFC 7208
// §3.3, RFC 8461 §3.1, RFC 8460 §3), every byte outside printable ASCII written as \DDD (RFC 1035
// §5.1), so a record a stranger wrote reaches the report as visible text and never parses as valid.
import type { DnssecStatus } from "../report/schema";

/** A TXT lookup, reduced to what the policy assessments judge. */
export interface TxtAnswer {
  name: string;
  /** "answer": records (maybe none of the policy's kind); "nodata"/"nxdomain": proven or plain absence; "failed": no usable answer. */
  outcome: "answer" | "nodata" | "nxdomain" | "failed";
  status: DnssecStatus;
  /** One presentation string per TXT record, in the order received. */
  texts: string[];
}

/** A TXT record's character-strings as one string, unprintable bytes escaped. */
export function txtText(strings: readonly Uint8Array[]): string {
  let out = "";
  for (const s of strings) {
    for (const byte of s) {
      if (byte === 0x5c) out += "\\\\";
      else if (byte >= 0x20 && byte <= 0x7e) out += String.fromCharCode(byte);
      else out += `\\${byte.toString().padStart(3, "0")}`;
    }
  }
  return out;
}

/** The records of one kind: those whose text starts with the version tag (RFC 8461 §3.1, RFC 8460 §3). */
export function recordsTagged(texts: readonly string[], tag: string): string[] {
  return texts.filter((t) => t === tag || t.startsWith(`${tag};`) || t.startsWith(`${tag} `) || t.startsWith(`${tag}\t`));
}

/** Splits `a=b; c=d` into fields, spaces and tabs around ";" dropped (the field-delim of RFC 8460/8461). */
function splitFields(record: string): { fields: string[]; emptyField: boolean } {
  const parts = record.split(";").map((p) => p.replace(/^[ \t]+|[ \t]+$/g, ""));
  // One trailing ";" is allowed by both grammars; any other empty field is not.
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  return { fields: parts.filter((p) => p !== ""), emptyField: parts.some((p) => p === "") };
}

/** A host name in the LDH form policies name (RFC 1123 §2.1, RFC 5890's A-labels included). */
export function isHostName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  return name.split(".").every((label) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
}

const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;

/** An extension's name (RFC 8460 §3, RFC 8461 §3.1 and §3.2 share it). */
export function isExtensionName(name: string): boolean {
  return EXT_NAME.test(name);
}

export type TaggedRecord = { ok: true; fields: Map<string, string> } | { ok: false; problem: string };

/**
 * The tag-value grammar RFC 8460 §3 and RFC 8461 §3.1 share: `version` first, then `name=value`
 * fields split by ";" (spaces and tabs around it allowed, one trailing ";"), each name once;
 * names outside `known` must be well-formed extensions, which the caller then ignores.
 */
export function readTaggedRecord(record: string, version: string, known: readonly string[]): TaggedRecord {
  const { fields, emptyField } = splitFields(record);
  if (emptyField) return { ok: false, problem: "empty-field" };
  if (fields[0] !== version) return { ok: false, problem: "version-not-first" };
  const out = new Map<string, string>();
  for (const field of fields.slice(1)) {
    const eq = field.indexOf("=");
    if (eq <= 0) return { ok: false, problem: "field-without-value" };
    const name = field.slice(0, eq);
    const value = field.slice(eq + 1);
    if (name === "v") return { ok: false, problem: "version-repeated" };
    if (out.has(name)) return { ok: false, problem: `${name}-repeated` };
    if (!known.includes(name) && (!EXT_NAME.test(name) || !EXT_VALUE.test(value))) return { ok: false, problem: "bad-extension" };
    out.set(name, value);
  }
  return { ok: true, fields: out };
}
