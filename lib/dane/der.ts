// A bounded DER reader: just enough of X.690 to find the exact bytes of a field inside a
// certificate (the SPKI a "x 1 x" TLSA record hashes, names, dates, extensions) without a general
// ASN.1 library. Definite lengths only (DER has no other), single-octet tags, every length checked
// against its parent, every loop bounded by the bytes it walks. Malformed input throws DerError.

export class DerError extends Error {}

export const DerTag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  TELETEX_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** One TLV: `start` is where its tag is, `contentStart` where its value begins, `end` one past it. */
export interface DerNode {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

/** Length octets beyond the first: 4 is a 4 GiB value, far past any certificate. */
const MAX_LENGTH_OCTETS = 4;

/** The TLV at `offset`, which must end by `limit`. */
export function readNode(bytes: Uint8Array, offset: number, limit: number = bytes.length): DerNode {
  if (offset + 2 > limit) throw new DerError(`truncated TLV at offset ${offset}`);
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`multi-octet tag at offset ${offset}`);
  const first = bytes[offset + 1] as number;
  let length: number;
  let contentStart: number;
  if (first < 0x80) {
    length = first;
    contentStart = offset + 2;
  } else {
    const octets = first & 0x7f;
    if (octets === 0) throw new DerError(`indefinite length at offset ${offset} (not DER)`);
    if (octets > MAX_LENGTH_OCTETS) throw new DerError(`length of ${octets} octets at offset ${offset}`);
    if (offset + 2 + octets > limit) throw new DerError(`truncated length at offset ${offset}`);
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + (bytes[offset + 2 + i] as number);
    contentStart = offset + 2 + octets;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerError(`value at offset ${offset} runs ${end - limit} octet(s) past its container`);
  return { tag, start: offset, contentStart, end };
}

/** The TLVs inside a constructed node, in order; each must lie within it. */
export function childrenOf(bytes: Uint8Array, node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  // Each child takes at least 2 octets, so this ends within (end - contentStart) / 2 steps.
  for (let at = node.contentStart; at < node.end; ) {
    const child = readNode(bytes, at, node.end);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** The node's value octets (a view, no copy). */
export function contentOf(bytes: Uint8Array, node: DerNode): Uint8Array {
  return bytes.subarray(node.contentStart, node.end);
}

/** The node's value octets as Latin-1 text (one char per octet); short values are the norm here. */
export function latin1Of(bytes: Uint8Array, node: DerNode): string {
  // Buffer's latin1 decoder is native: twice as fast as String.fromCharCode over the octets.
  return Buffer.prototype.latin1Slice.call(bytes, node.contentStart, node.end);
}

/** The node's value octets as a Buffer view (no copy), for Buffer's text decoders. */
export function bufferOf(bytes: Uint8Array, node: DerNode): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset + node.contentStart, node.end - node.contentStart);
}

/** The node's whole encoding, tag and length included (a view, no copy). */
export function encodingOf(bytes: Uint8Array, node: DerNode): Uint8Array {
  return bytes.subarray(node.start, node.end);
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (node === undefined) throw new DerError(`${what} is missing`);
  if (node.tag !== tag) throw new DerError(`${what}: tag 0x${node.tag.toString(16)}, expected 0x${tag.toString(16)}`);
  return node;
}

/** Dotted OBJECT IDENTIFIER text, e.g. "2.5.29.17". */
export function oidText(value: Uint8Array): string {
  if (value.length === 0) throw new DerError("empty OBJECT IDENTIFIER");
  const arcs: number[] = [];
  let arc = 0;
  for (let i = 0; i < value.length; i++) {
    const b = value[i] as number;
    arc = arc * 128 + (b & 0x7f);
    if (arc > Number.MAX_SAFE_INTEGER / 128) throw new DerError("OBJECT IDENTIFIER arc too large");
    if ((b & 0x80) === 0) {
      arcs.push(arc);
      arc = 0;
    } else if (i === value.length - 1) throw new DerError("OBJECT IDENTIFIER ends inside an arc");
  }
  const first = arcs[0] as number;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join(".");
}

/** The checks oidText makes (it throws DerError for the same input), without building the text. */
export function checkOid(value: Uint8Array): void {
  if (value.length === 0) throw new DerError("empty OBJECT IDENTIFIER");
  let arc = 0;
  for (let i = 0; i < value.length; i++) {
    const b = value[i] as number;
    arc = arc * 128 + (b & 0x7f);
    if (arc > Number.MAX_SAFE_INTEGER / 128) throw new DerError("OBJECT IDENTIFIER arc too large");
    if ((b & 0x80) === 0) arc = 0;
    else if (i === value.length - 1) throw new DerError("OBJECT IDENTIFIER ends inside an arc");
  }
}

/** The value octets of a dotted OID, one character per octet (what latin1Of gives for its encoding): for comparing without decoding. */
export function oidOctets(text: string): string {
  const [first = 0, second = 0, ...rest] = text.split(".").map(Number);
  let out = "";
  for (const arc of [first * 40 + second, ...rest]) {
    let chunk = String.fromCharCode(arc & 0x7f);
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk = String.fromCharCode(0x80 | (v & 0x7f)) + chunk;
    out += chunk;
  }
  return out;
}

/** UTCTime (YYMMDDHHMMSSZ, RFC 5280 §4.1.2.5.1) or GeneralizedTime (YYYYMMDDHHMMSSZ). */
export function timeOf(bytes: Uint8Array, node: DerNode): Date {
  const text = latin1Of(bytes, node);
  const match = node.tag === DerTag.UTC_TIME ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : node.tag === DerTag.GENERALIZED_TIME ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : null;
  if (!match) throw new DerError(`not an RFC 5280 time: "${text.slice(0, 20)}"`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  // RFC 5280: a two-digit year below 50 is 20YY, else 19YY.
  const year = node.tag === DerTag.UTC_TIME ? (y < 50 ? 2000 + y : 1900 + y) : y;
  const date = new Date(Date.UTC(year, mo - 1, d, h, mi, s));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) throw new DerError(`not a calendar time: "${text}"`);
  return date;
}

/** The text of a directory string (the string types X.520 attributes use); null for other tags. */
export function stringOf(bytes: Uint8Array, node: DerNode): string | null {
  switch (node.tag) {
    case DerTag.UTF8_STRING:
      return bufferOf(bytes, node).toString("utf8");
    case DerTag.PRINTABLE_STRING:
    case DerTag.IA5_STRING:
    case DerTag.VISIBLE_STRING:
    case DerTag.TELETEX_STRING:
      return latin1Of(bytes, node);
    case DerTag.BMP_STRING: {
      const value = bufferOf(bytes, node);
      return value.length % 2 === 0 ? Buffer.from(value).swap16().toString("utf16le") : null;
    }
    case DerTag.UNIVERSAL_STRING: {
      const value = bufferOf(bytes, node);
      if (value.length % 4 !== 0) return null;
      let out = "";
      for (let i = 0; i < value.length; i += 4) {
        const codePoint = value.readUInt32BE(i);
        if (codePoint > 0x10ffff) return null;
        out += String.fromCodePoint(codePoint);
      }
      return out;
    }
    default:
      return null;
  }
}
