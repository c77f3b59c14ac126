// TLSA records (RFC 6698 §2) as mailsec handles them: parsing the presentation form, printing the
// form the result document uses, and deciding which records an SMTP client may use (RFC 7672 §3.1.3).
import { createHash } from "node:crypto";

/** Same fields as lib/dns/types.ts RecordData kind "TLSA", so resolver output can be passed as is. */
export interface TlsaRecord {
  usage: number;
  selector: number;
  matchingType: number;
  data: Uint8Array;
}

export const TlsaUsage = { PKIX_TA: 0, PKIX_EE: 1, DANE_TA: 2, DANE_EE: 3 } as const;
export const TlsaSelector = { CERT: 0, SPKI: 1 } as const;
export const TlsaMatchingType = { FULL: 0, SHA256: 1, SHA512: 2 } as const;

export type TlsaUnusableReason =
  | "pkix-usage"
  | "unknown-usage"
  | "unknown-selector"
  | "unknown-matching-type"
  | "bad-digest-length";

export type TlsaUsability = { usable: true } | { usable: false; reason: TlsaUnusableReason };

/** Why a TLSA presentation text does not parse, as tokens (the words live in lib/report/i18n). */
export type TlsaParseProblem =
  | { reason: "too-few-fields"; text: string }
  | { reason: "not-a-number"; field: "usage" | "selector" | "matching-type"; got: string }
  | { reason: "bad-hex" };

export type TlsaParseResult = { ok: true; record: TlsaRecord } | { ok: false; problem: TlsaParseProblem };

const DIGEST_LENGTH: Readonly<Record<number, number>> = {
  [TlsaMatchingType.SHA256]: 32,
  [TlsaMatchingType.SHA512]: 64,
};

/** Parses "3 1 1 ABCD..." (RDATA only); hex may be split by whitespace, as in zone files. */
export function parseTlsaPresentation(text: string): TlsaParseResult {
  const fields = text.trim().split(/\s+/);
  if (fields.length < 4) {
    return { ok: false, problem: { reason: "too-few-fields", text: text.trim() } };
  }
  const numbers: number[] = [];
  for (const [i, field] of (["usage", "selector", "matching-type"] as const).entries()) {
    const got = fields[i] ?? "";
    const value = /^\d{1,3}$/.test(got) ? Number(got) : NaN;
    if (!(value >= 0 && value <= 255)) return { ok: false, problem: { reason: "not-a-number", field, got } };
    numbers.push(value);
  }
  const hex = fields.slice(3).join("");
  if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(hex)) {
    return { ok: false, problem: { reason: "bad-hex" } };
  }
  const [usage = 0, selector = 0, matchingType = 0] = numbers;
  return { ok: true, record: { usage, selector, matchingType, data: Uint8Array.from(Buffer.from(hex, "hex")) } };
}

/** "3 1 1 abcd..." with lower-case hex: the form of the result document's `tlsa.records`. */
export function formatTlsa(record: TlsaRecord): string {
  return `${record.usage} ${record.selector} ${record.matchingType} ${Buffer.from(record.data).toString("hex")}`;
}

/** Like formatTlsa, with long data cut (a "2 0 0" record carries a whole certificate). */
export function formatTlsaShort(record: TlsaRecord, maxHex = 64): string {
  const hex = Buffer.from(record.data).toString("hex");
  const shown = hex.length > maxHex ? `${hex.slice(0, maxHex)}… (${record.data.length} octets)` : hex;
  return `${record.usage} ${record.selector} ${record.matchingType} ${shown}`;
}

export function tlsaUsability(record: TlsaRecord): TlsaUsability {
  if (record.usage === TlsaUsage.PKIX_TA || record.usage === TlsaUsage.PKIX_EE) {
    return { usable: false, reason: "pkix-usage" };
  }
  if (record.usage !== TlsaUsage.DANE_TA && record.usage !== TlsaUsage.DANE_EE) {
    return { usable: false, reason: "unknown-usage" };
  }
  if (record.selector !== TlsaSelector.CERT && record.selector !== TlsaSelector.SPKI) {
    return { usable: false, reason: "unknown-selector" };
  }
  if (record.matchingType === TlsaMatchingType.FULL) {
    return record.data.length > 0 ? { usable: true } : { usable: false, reason: "bad-digest-length" };
  }
  const expected = DIGEST_LENGTH[record.matchingType];
  if (expected === undefined) return { usable: false, reason: "unknown-matching-type" };
  return record.data.length === expected ? { usable: true } : { usable: false, reason: "bad-digest-length" };
}

/** The association data a record with this selector and matching type would hold for the bytes. */
export function associationData(matchingType: number, selected: Uint8Array): Uint8Array {
  if (matchingType === TlsaMatchingType.SHA256) return createHash("sha256").update(selected).digest();
  if (matchingType === TlsaMatchingType.SHA512) return createHash("sha512").update(selected).digest();
  return selected;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), Buffer.from(b.buffer, b.byteOffset, b.length)) === 0;
}
