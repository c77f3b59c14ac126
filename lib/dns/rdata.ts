// RDATA codec for the types mailsec reasons about: wire bytes <-> RecordData, and presentation
// form for evidence. Decoding checks every field against RDLENGTH (the RDATA slice) and returns the
// RDATA re-serialised with compressed names expanded, so signatures can be checked over bytes.
import ipaddr from "ipaddr.js";
import { ByteReader, ByteWriter, toBase32Hex, toBase64, toHex } from "./codec";
import { WireError, type WireSection, type WireWhere } from "./errors";
import { formatNameLabels, labelsToWire, nameToWire, readWireName, readWireNameText } from "./name";
import { rrClassName, rrTypeName } from "./rrtypes";
import { RRType, type RecordData, type ResourceRecord } from "./types";

export { rrTypeName, rrTypeCode, rrClassName } from "./rrtypes";

/** Where RDATA sits inside a whole message, so compression pointers can be followed. */
export interface MessageContext {
  buf: Uint8Array;
  /** Offset of the first RDATA octet in `buf`. */
  offset: number;
  /** The record's section and 1-based index, named by a WireError's problem. */
  section?: WireSection;
  index?: number;
}

export interface DecodedRdata {
  /** RDATA with compressed names expanded (case kept). */
  rdata: Uint8Array;
  data: RecordData;
}

class RdataDecoder extends ByteReader {
  private place: WireWhere | null = null;
  /**
   * The names read that followed a compression pointer: where they stand and their expanded wire
   * form. Every other octet of the RDATA is read in order and kept as it is, so the expanded RDATA
   * is the wire bytes with these spans replaced, and a plain copy when there are none (most types
   * hold no name, and RRSIG and NSEC names are never compressed, RFC 4034 §3.1.7, §4.1.1).
   */
  private expanded: { from: number; to: number; wire: Uint8Array }[] | null = null;
  constructor(
    readonly type: number,
    buf: Uint8Array,
    readonly start: number,
    end: number,
    private readonly section: WireSection | undefined,
    private readonly index: number | undefined,
  ) {
    super(buf, start, end);
  }

  /** The RDATA's place in the message, for a WireError's problem: built once, and only when asked. */
  override get where(): WireWhere {
    if (this.place) return this.place;
    const place: WireWhere = { part: "rdata", rrType: rrTypeName(this.type) };
    if (this.section) place.section = this.section;
    if (this.index) place.index = this.index;
    return (this.place = place);
  }

  name(field: string): string {
    const at = this.pos;
    const read = readWireNameText(this.buf, at, this.end, this.where, field);
    this.pos = read.next;
    // In place the name is its labels and the root octet, as long as its wire form; one that
    // followed a pointer is not: its in-place labels and the 2-octet pointer, against at least
    // those labels, one more label (2 octets or more) and the root octet.
    if (read.next - at !== read.octets) (this.expanded ??= []).push({ from: at, to: read.next, wire: labelsToWire(readWireName(this.buf, at, this.end).labels) });
    return read.text;
  }

  /** The RDATA with compressed names expanded (case kept): a view of the decoder's copy when none was. */
  expandedRdata(): Uint8Array {
    if (!this.expanded) return this.buf.subarray(this.start, this.end);
    let size = this.end - this.start;
    for (const span of this.expanded) size += span.wire.length - (span.to - span.from);
    const out = new ByteWriter(size);
    let pos = this.start;
    for (const span of this.expanded) {
      out.bytes(this.buf.subarray(pos, span.from)).bytes(span.wire);
      pos = span.to;
    }
    return out.bytes(this.buf.subarray(pos, this.end)).finish();
  }

  exactLength(expected: number): void {
    const actual = this.end - this.start;
    if (actual !== expected) throw new WireError({ kind: "rdata-size", ...this.where, offset: this.start, size: actual, expected });
  }

  /** The rest of the RDATA as a type bitmap, a problem's offset counted in the message. */
  typeBitmap(): number[] {
    const from = this.pos;
    this.pos = this.end;
    return readTypeBitmap(this.buf, from, this.end, this.where, from);
  }

  done(): void {
    if (this.remaining !== 0) throw new WireError({ kind: "rdata-extra", ...this.where, offset: this.pos, extra: this.remaining });
  }
}

/**
 * Decodes the NSEC/NSEC3 type bitmap (RFC 4034 §4.1.2) strictly: windows in increasing order, each
 * 1..32 octets with no trailing zero octet. dns-packet reads past RDLENGTH on a bad window length.
 * `at` is where the bitmap starts in the message (a problem's offset counts from it).
 */
export function decodeTypeBitmap(bitmap: Uint8Array, where: WireWhere = { part: "bitmap" }, at = 0): number[] {
  return readTypeBitmap(bitmap, 0, bitmap.length, where, at);
}

/** decodeTypeBitmap of the octets from..to of `buf`, read where they stand. */
function readTypeBitmap(buf: Uint8Array, from: number, to: number, where: WireWhere, at: number): number[] {
  const types: number[] = [];
  let pos = from;
  let lastWindow = -1;
  while (pos < to) {
    const offset = at + pos - from;
    if (pos + 2 > to) throw new WireError({ kind: "bitmap-cut", ...where, field: "type-bitmaps", offset, at: offset });
    const window = buf[pos] as number;
    const len = buf[pos + 1] as number;
    if (window <= lastWindow) throw new WireError({ kind: "bitmap-order", ...where, field: "type-bitmaps", offset, window, previous: lastWindow });
    if (len < 1 || len > 32) throw new WireError({ kind: "bitmap-length", ...where, field: "type-bitmaps", offset, window, length: len });
    if (pos + 2 + len > to) throw new WireError({ kind: "bitmap-overrun", ...where, field: "type-bitmaps", offset, window, length: len });
    if (buf[pos + 1 + len] === 0) throw new WireError({ kind: "bitmap-zero", ...where, field: "type-bitmaps", offset, window });
    for (let i = 0; i < len; i++) {
      const octet = buf[pos + 2 + i] as number;
      for (let bit = 0; bit < 8; bit++) {
        if (octet & (0x80 >> bit)) types.push(window * 256 + i * 8 + bit);
      }
    }
    lastWindow = window;
    pos += 2 + len;
  }
  return types;
}

export function encodeTypeBitmap(types: readonly number[]): Uint8Array {
  const sorted = [...new Set(types)].sort((a, b) => a - b);
  const w = new ByteWriter();
  let i = 0;
  while (i < sorted.length) {
    const window = (sorted[i] as number) >> 8;
    const octets = new Uint8Array(32);
    let maxOctet = 0;
    while (i < sorted.length && (sorted[i] as number) >> 8 === window) {
      const low = (sorted[i] as number) & 0xff;
      octets[low >> 3] = (octets[low >> 3] as number) | (0x80 >> (low & 7));
      maxOctet = Math.max(maxOctet, low >> 3);
      i++;
    }
    w.u8(window).u8(maxOctet + 1).bytes(octets.subarray(0, maxOctet + 1));
  }
  return w.finish();
}

function decodeKnown(d: RdataDecoder): RecordData {
  switch (d.type) {
    case RRType.A: {
      d.exactLength(4);
      return { kind: "A", address: `${d.u8("address")}.${d.u8("address")}.${d.u8("address")}.${d.u8("address")}` };
    }
    case RRType.AAAA: {
      d.exactLength(16);
      return { kind: "AAAA", address: new ipaddr.IPv6(Array.from(d.bytes(16, "address"))).toRFC5952String() };
    }
    case RRType.NS:
      return { kind: "NS", target: d.name("NSDNAME") };
    case RRType.CNAME:
      return { kind: "CNAME", target: d.name("CNAME") };
    case RRType.DNAME:
      return { kind: "DNAME", target: d.name("target") };
    case RRType.PTR:
      return { kind: "PTR", target: d.name("PTRDNAME") };
    case RRType.MX: {
      const preference = d.u16("preference");
      return { kind: "MX", preference, exchange: d.name("exchange") };
    }
    case RRType.TXT: {
      if (d.remaining === 0) throw new WireError({ kind: "txt-empty", ...d.where, offset: d.start });
      const strings: Uint8Array[] = [];
      while (d.remaining > 0) strings.push(d.bytes(d.u8("string-length"), "string"));
      return { kind: "TXT", strings };
    }
    case RRType.SOA: {
      const mname = d.name("MNAME");
      const rname = d.name("RNAME");
      return {
        kind: "SOA",
        mname,
        rname,
        serial: d.u32("serial"),
        refresh: d.u32("refresh"),
        retry: d.u32("retry"),
        expire: d.u32("expire"),
        minimum: d.u32("minimum"),
      };
    }
    case RRType.DS:
    case RRType.CDS:
      return { kind: "DS", keyTag: d.u16("key-tag"), algorithm: d.u8("algorithm"), digestType: d.u8("digest-type"), digest: d.rest() };
    case RRType.DNSKEY:
    case RRType.CDNSKEY:
      return { kind: "DNSKEY", flags: d.u16("flags"), protocol: d.u8("protocol"), algorithm: d.u8("algorithm"), publicKey: d.rest() };
    case RRType.RRSIG:
      return {
        kind: "RRSIG",
        typeCovered: d.u16("type-covered"),
        algorithm: d.u8("algorithm"),
        labels: d.u8("labels"),
        originalTtl: d.u32("original-ttl"),
        expiration: d.u32("expiration"),
        inception: d.u32("inception"),
        keyTag: d.u16("key-tag"),
        signerName: d.name("signer-name"),
        signature: d.rest(),
      };
    case RRType.NSEC: {
      const nextName = d.name("next-domain-name");
      return { kind: "NSEC", nextName, types: d.typeBitmap() };
    }
    case RRType.NSEC3: {
      const hashAlgorithm = d.u8("hash-algorithm");
      const flags = d.u8("flags");
      const iterations = d.u16("iterations");
      const salt = d.bytes(d.u8("salt-length"), "salt");
      const hashLength = d.u8("hash-length");
      if (hashLength === 0) throw new WireError({ kind: "nsec3-hash-empty", ...d.where, field: "hash-length", offset: d.pos - 1 });
      const nextHashed = d.bytes(hashLength, "next-hashed-owner-name");
      return { kind: "NSEC3", hashAlgorithm, flags, iterations, salt, nextHashed, types: d.typeBitmap() };
    }
    case RRType.NSEC3PARAM: {
      const hashAlgorithm = d.u8("hash-algorithm");
      const flags = d.u8("flags");
      const iterations = d.u16("iterations");
      return { kind: "NSEC3PARAM", hashAlgorithm, flags, iterations, salt: d.bytes(d.u8("salt-length"), "salt") };
    }
    case RRType.TLSA:
      return { kind: "TLSA", usage: d.u8("usage"), selector: d.u8("selector"), matchingType: d.u8("matching-type"), data: d.rest() };
    default:
      d.rest();
      return { kind: "unknown" };
  }
}

/**
 * Decodes RDATA of `type`. With `message`, `rdata` is the slice of `message.buf` starting at
 * `message.offset`, and compression pointers in it are followed (backward only). Throws WireError.
 */
export function decodeRdata(type: number, rdata: Uint8Array, message?: MessageContext): DecodedRdata {
  // A copy of our own, which the RDATA and its fields are views of: the caller's array may change.
  if (!message) return decodeRdataAt(type, new Uint8Array(rdata), 0, rdata.length, undefined, undefined);
  return decodeRdataAt(type, new Uint8Array(message.buf), message.offset, message.offset + rdata.length, message.section, message.index);
}

/**
 * decodeRdata for the RDATA at start..end of `buf`, the message decoder's own call: `buf` is a copy
 * no one changes, as the RDATA returned and its byte fields are views of it.
 */
export function decodeRdataAt(type: number, buf: Uint8Array, start: number, end: number, section: WireSection | undefined, index: number | undefined): DecodedRdata {
  const d = new RdataDecoder(type, buf, start, end, section, index);
  if (end > buf.length) throw new WireError({ kind: "rdata-past-end", ...d.where, offset: start });
  const data = decodeKnown(d);
  d.done();
  return { rdata: d.expandedRdata(), data };
}

function parseAddress(address: string, family: 4 | 6): number[] {
  if (family === 4) {
    if (!ipaddr.IPv4.isValidFourPartDecimal(address)) throw new Error(`"${address}" is not an IPv4 address`);
    return ipaddr.IPv4.parse(address).toByteArray();
  }
  if (address.includes("%") || !ipaddr.IPv6.isValid(address)) throw new Error(`"${address}" is not an IPv6 address`);
  return ipaddr.IPv6.parse(address).toByteArray();
}

export function ipv4ToBytes(address: string): Uint8Array {
  return Uint8Array.from(parseAddress(address, 4));
}

export function ipv6ToBytes(address: string): Uint8Array {
  return Uint8Array.from(parseAddress(address, 6));
}

/** RecordData to RDATA (names uncompressed, case kept). `{kind:"unknown"}` carries no bytes: throws. */
export function encodeRdata(data: RecordData): Uint8Array {
  const w = new ByteWriter();
  switch (data.kind) {
    case "A":
      return ipv4ToBytes(data.address);
    case "AAAA":
      return ipv6ToBytes(data.address);
    case "NS":
    case "CNAME":
    case "DNAME":
    case "PTR":
      return nameToWire(data.target);
    case "MX":
      return w.u16(data.preference).bytes(nameToWire(data.exchange)).finish();
    case "TXT":
      if (data.strings.length === 0) throw new Error("TXT needs at least one string");
      for (const s of data.strings) {
        if (s.length > 255) throw new Error(`TXT string of ${s.length} octets exceeds 255`);
        w.u8(s.length).bytes(s);
      }
      return w.finish();
    case "SOA":
      return w
        .bytes(nameToWire(data.mname))
        .bytes(nameToWire(data.rname))
        .u32(data.serial)
        .u32(data.refresh)
        .u32(data.retry)
        .u32(data.expire)
        .u32(data.minimum)
        .finish();
    case "DS":
      return w.u16(data.keyTag).u8(data.algorithm).u8(data.digestType).bytes(data.digest).finish();
    case "DNSKEY":
      return w.u16(data.flags).u8(data.protocol).u8(data.algorithm).bytes(data.publicKey).finish();
    case "RRSIG":
      return w
        .u16(data.typeCovered)
        .u8(data.algorithm)
        .u8(data.labels)
        .u32(data.originalTtl)
        .u32(data.expiration)
        .u32(data.inception)
        .u16(data.keyTag)
        .bytes(nameToWire(data.signerName))
        .bytes(data.signature)
        .finish();
    case "NSEC":
      return w.bytes(nameToWire(data.nextName)).bytes(encodeTypeBitmap(data.types)).finish();
    case "NSEC3":
      return w
        .u8(data.hashAlgorithm)
        .u8(data.flags)
        .u16(data.iterations)
        .u8(data.salt.length)
        .bytes(data.salt)
        .u8(data.nextHashed.length)
        .bytes(data.nextHashed)
        .bytes(encodeTypeBitmap(data.types))
        .finish();
    case "NSEC3PARAM":
      return w.u8(data.hashAlgorithm).u8(data.flags).u16(data.iterations).u8(data.salt.length).bytes(data.salt).finish();
    case "TLSA":
      return w.u8(data.usage).u8(data.selector).u8(data.matchingType).bytes(data.data).finish();
    case "unknown":
      throw new Error("RecordData of kind unknown carries no RDATA; use the record's rdata bytes");
  }
}

/** YYYYMMDDHHMMSS in UTC, the RRSIG time form of RFC 4034 §3.2. */
export function formatRrsigTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const p = (n: number, w = 2): string => String(n).padStart(w, "0");
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/** A <character-string> in quotes with `"`/`\` escaped and non-printable octets as \DDD. */
export function formatCharString(s: Uint8Array): string {
  let out = '"';
  for (const b of s) {
    if (b === 0x22 || b === 0x5c) out += "\\" + String.fromCharCode(b);
    else if (b < 0x20 || b >= 0x7f) out += "\\" + String(b).padStart(3, "0");
    else out += String.fromCharCode(b);
  }
  return out + '"';
}

function formatTypes(types: readonly number[]): string {
  return types.map(rrTypeName).join(" ");
}

// Types without a RecordData kind that still read better than RFC 3597 hex in evidence.
function formatExtra(type: number, rdata: Uint8Array): string | null {
  try {
    const r = new ByteReader(rdata, 0, rdata.length, { part: "rdata", rrType: rrTypeName(type) });
    if (type === 13) {
      const cpu = r.bytes(r.u8("cpu-length"), "cpu");
      const os = r.bytes(r.u8("os-length"), "os");
      return r.remaining === 0 ? `${formatCharString(cpu)} ${formatCharString(os)}` : null;
    }
    if (type === RRType.SRV) {
      const priority = r.u16("priority");
      const weight = r.u16("weight");
      const port = r.u16("port");
      const target = readWireName(rdata, r.pos, rdata.length);
      return target.next === rdata.length ? `${priority} ${weight} ${port} ${formatNameLabels(target.labels)}` : null;
    }
  } catch {
    return null;
  }
  return null;
}

/** RDATA in presentation form, e.g. "3 1 1 8BD1DA95..." for TLSA. */
export function formatRdata(rr: Pick<ResourceRecord, "type" | "rdata" | "data">): string {
  const data = rr.data;
  switch (data.kind) {
    case "A":
    case "AAAA":
      return data.address;
    case "NS":
    case "CNAME":
    case "DNAME":
    case "PTR":
      return data.target;
    case "MX":
      return `${data.preference} ${data.exchange}`;
    case "TXT":
      return data.strings.map(formatCharString).join(" ");
    case "SOA":
      return `${data.mname} ${data.rname} ${data.serial} ${data.refresh} ${data.retry} ${data.expire} ${data.minimum}`;
    case "DS":
      return `${data.keyTag} ${data.algorithm} ${data.digestType} ${data.digest.length ? toHex(data.digest) : "-"}`;
    case "DNSKEY":
      return `${data.flags} ${data.protocol} ${data.algorithm} ${toBase64(data.publicKey)}`;
    case "RRSIG":
      return [
        rrTypeName(data.typeCovered),
        data.algorithm,
        data.labels,
        data.originalTtl,
        formatRrsigTime(data.expiration),
        formatRrsigTime(data.inception),
        data.keyTag,
        data.signerName,
        toBase64(data.signature),
      ].join(" ");
    case "NSEC":
      return `${data.nextName} ${formatTypes(data.types)}`.trimEnd();
    case "NSEC3":
      return `${data.hashAlgorithm} ${data.flags} ${data.iterations} ${data.salt.length ? toHex(data.salt) : "-"} ${toBase32Hex(data.nextHashed)} ${formatTypes(data.types)}`.trimEnd();
    case "NSEC3PARAM":
      return `${data.hashAlgorithm} ${data.flags} ${data.iterations} ${data.salt.length ? toHex(data.salt) : "-"}`;
    case "TLSA":
      return `${data.usage} ${data.selector} ${data.matchingType} ${toHex(data.data)}`;
    case "unknown":
      return formatExtra(rr.type, rr.rdata) ?? `\\# ${rr.rdata.length}${rr.rdata.length ? " " + toHex(rr.rdata) : ""}`;
  }
}

/** One record in zone-file form: "_25._tcp.mx.example. 3600 IN TLSA 3 1 1 ABCD...". */
export function formatRecord(rr: ResourceRecord): string {
  return `${rr.name} ${rr.ttl} ${rrClassName(rr.class)} ${rrTypeName(rr.type)} ${formatRdata(rr)}`;
}
