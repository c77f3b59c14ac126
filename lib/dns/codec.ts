// Small byte-level helpers shared by the RDATA codec, the zone-file parser and the message codec:
// a bounds-checked reader, a growable writer, and the text encodings DNS presentation form uses.
import { WireError, type WireWhere } from "./errors";

export class ByteWriter {
  private buf: Uint8Array;
  length = 0;

  constructor(initialCapacity = 512) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
  }

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
  }

  u8(v: number): this {
    this.ensure(1);
    this.buf[this.length++] = v & 0xff;
    return this;
  }

  u16(v: number): this {
    this.ensure(2);
    this.buf[this.length++] = (v >>> 8) & 0xff;
    this.buf[this.length++] = v & 0xff;
    return this;
  }

  u32(v: number): this {
    this.ensure(4);
    this.buf[this.length++] = (v >>> 24) & 0xff;
    this.buf[this.length++] = (v >>> 16) & 0xff;
    this.buf[this.length++] = (v >>> 8) & 0xff;
    this.buf[this.length++] = v & 0xff;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }

  /** Overwrites a 16-bit value already written (RDLENGTH, counts). */
  patchU16(at: number, v: number): void {
    this.buf[at] = (v >>> 8) & 0xff;
    this.buf[at + 1] = v & 0xff;
  }

  /** The octets written; the writer is done. Filled to its capacity, its array is handed over, not copied. */
  finish(): Uint8Array {
    return this.length === this.buf.length ? this.buf : this.buf.slice(0, this.length);
  }
}

const WHOLE_MESSAGE: WireWhere = { part: "message" };

/** Reads fields of one bounded region; every read past `end` is a WireError naming `where` and the field. */
export class ByteReader {
  constructor(
    readonly buf: Uint8Array,
    public pos: number,
    readonly end: number,
    private readonly region: WireWhere = WHOLE_MESSAGE,
  ) {}

  /**
   * The region's place for a WireError's problem. A reader of many regions (every record of a
   * message) overrides it to build the place only when a problem is thrown.
   */
  get where(): WireWhere {
    return this.region;
  }

  private need(n: number, field: string): void {
    if (this.pos + n > this.end) {
      throw new WireError({ kind: "field-cut", ...this.where, field, offset: this.pos, need: n, have: this.end - this.pos });
    }
  }

  u8(field: string): number {
    this.need(1, field);
    return this.buf[this.pos++] as number;
  }

  u16(field: string): number {
    this.need(2, field);
    const v = ((this.buf[this.pos] as number) << 8) | (this.buf[this.pos + 1] as number);
    this.pos += 2;
    return v;
  }

  u32(field: string): number {
    this.need(4, field);
    const b = this.buf;
    const p = this.pos;
    const v = (b[p] as number) * 0x1000000 + (((b[p + 1] as number) << 16) | ((b[p + 2] as number) << 8) | (b[p + 3] as number));
    this.pos += 4;
    return v;
  }

  /** A view of the next `n` octets, not a copy: the decoders read an array of their own. */
  bytes(n: number, field: string): Uint8Array {
    this.need(n, field);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** A view of the rest of the region, as `bytes`. */
  rest(): Uint8Array {
    const out = this.buf.subarray(this.pos, this.end);
    this.pos = this.end;
    return out;
  }

  get remaining(): number {
    return this.end - this.pos;
  }
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex").toUpperCase();
}

export function fromHex(text: string): Uint8Array {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) throw new Error(`"${text.slice(0, 40)}" is not an even-length hex string`);
  return new Uint8Array(Buffer.from(text, "hex"));
}

export function toBase64(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64");
}

export function fromBase64(text: string): Uint8Array {
  // Buffer's decoder skips garbage silently; check the alphabet and padding ourselves.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) throw new Error(`"${text.slice(0, 40)}" is not base64`);
  return new Uint8Array(Buffer.from(text, "base64"));
}

const B32HEX = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

/** base32hex without padding (RFC 4648 §7), as NSEC3 owner labels and next-hash fields use. */
export function toBase32Hex(b: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of b) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32HEX[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += B32HEX[(value << (5 - bits)) & 31];
  return out;
}

export function fromBase32Hex(text: string): Uint8Array {
  const clean = text.toUpperCase().replace(/=+$/, "");
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const v = B32HEX.indexOf(ch);
    if (v < 0) throw new Error(`"${text}" is not base32hex`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  // Leftover bits must be zero padding; otherwise the text did not come from whole octets.
  if (value !== 0 || bits >= 5) throw new Error(`"${text}" is not a whole number of octets in base32hex`);
  return Uint8Array.from(out);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lexicographic octet order (RFC 4034 §6.3 sorts RDATA this way). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
