// Master-file (zone-file) parser, RFC 1035 §5 with RFC 2308 $TTL and RFC 3597 unknown types. It
// reads trust anchors, test vectors and the lab's zones; every record is turned into wire RDATA and
// then decoded by rdata.ts, so a record parsed from text and one from the wire are the same value.
import { ByteWriter, fromBase32Hex, fromBase64, fromHex } from "./codec";
import { formatNameLabels, nameToWire, parseNameLabels } from "./name";
import { decodeRdata, encodeTypeBitmap, ipv4ToBytes, ipv6ToBytes } from "./rdata";
import { dnssecAlgorithmCode, rrTypeCode, tryRrClassCode, tryRrTypeCode } from "./rrtypes";
import { RRClass, RRType, type ResourceRecord } from "./types";

export class ZoneParseError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = "ZoneParseError";
  }
}

export interface ZoneParseOptions {
  /** Origin for relative names and "@" until a $ORIGIN line. */
  origin?: string;
  /** TTL for records that give none when no $TTL is in force (default 3600). */
  defaultTtl?: number;
}

interface Token {
  text: string;
  quoted: boolean;
}

interface Entry {
  tokens: Token[];
  /** The entry's first line began with white space: the owner is the previous one. */
  blankOwner: boolean;
  line: number;
}

function tokenize(text: string): Entry[] {
  const entries: Entry[] = [];
  let line = 1;
  let depth = 0;
  let parenLine = 0;
  let current: Entry | null = null;
  let lineStart = true;
  let i = 0;
  const n = text.length;
  const push = (tok: Token): void => {
    current ??= { tokens: [], blankOwner: false, line };
    current.tokens.push(tok);
  };
  while (i < n) {
    const ch = text[i] as string;
    if (ch === "\n") {
      line++;
      i++;
      lineStart = true;
      if (depth === 0 && current) {
        entries.push(current);
        current = null;
      }
      continue;
    }
    if (lineStart && depth === 0) {
      lineStart = false;
      if (ch === " " || ch === "\t") current = { tokens: [], blankOwner: true, line };
    }
    lineStart = false;
    if (ch === " " || ch === "\t" || ch === "\r") {
      i++;
    } else if (ch === ";") {
      while (i < n && text[i] !== "\n") i++;
    } else if (ch === "(") {
      if (depth === 0) parenLine = line;
      depth++;
      i++;
    } else if (ch === ")") {
      if (depth === 0) throw new ZoneParseError(line, "')' without '('");
      depth--;
      i++;
    } else if (ch === '"') {
      let j = i + 1;
      let raw = "";
      for (;;) {
        if (j >= n) throw new ZoneParseError(line, "unterminated quoted string");
        const c = text[j] as string;
        if (c === "\\" && j + 1 < n) {
          raw += c + (text[j + 1] as string);
          if (text[j + 1] === "\n") line++;
          j += 2;
          continue;
        }
        if (c === '"') break;
        if (c === "\n") line++;
        raw += c;
        j++;
      }
      push({ text: raw, quoted: true });
      i = j + 1;
    } else {
      let j = i;
      let raw = "";
      while (j < n) {
        const c = text[j] as string;
        if (c === "\\" && j + 1 < n && text[j + 1] !== "\n") {
          raw += c + (text[j + 1] as string);
          j += 2;
          continue;
        }
        if (" \t\r\n;()\"".includes(c)) break;
        raw += c;
        j++;
      }
      push({ text: raw, quoted: false });
      i = j;
    }
  }
  if (depth > 0) throw new ZoneParseError(parenLine, "'(' is never closed");
  if (current) entries.push(current);
  return entries.filter((e) => e.tokens.length > 0);
}

/** Decodes the escapes of a <character-string> (RFC 1035 §5.1) to octets. */
function charStringBytes(raw: string): Uint8Array {
  const out: number[] = [];
  const enc = new TextEncoder();
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i] as string;
    if (ch === "\\") {
      const d = raw.slice(i + 1, i + 4);
      if (/^[0-9]{3}$/.test(d) && Number(d) <= 255) {
        out.push(Number(d));
        i += 4;
        continue;
      }
      if (/^[0-9]/.test(d)) throw new Error(`bad escape \\${d} in character string`);
      // "\X" is X itself, whatever X is (a quote, a backslash, a space).
      i++;
      if (i >= raw.length) throw new Error("character string ends with a lone backslash");
    }
    const cp = raw.codePointAt(i) as number;
    const s = String.fromCodePoint(cp);
    out.push(...enc.encode(s));
    i += s.length;
  }
  if (out.length > 255) throw new Error(`character string of ${out.length} octets exceeds 255`);
  return Uint8Array.from(out);
}

const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

function parseTtlToken(text: string): number | null {
  if (/^[0-9]+$/.test(text)) {
    const v = Number(text);
    return v <= 0xffffffff ? v : null;
  }
  if (!/^([0-9]+[smhdwSMHDW])+$/.test(text)) return null;
  let total = 0;
  for (const m of text.matchAll(/([0-9]+)([smhdwSMHDW])/g)) {
    total += Number(m[1]) * (TTL_UNITS[(m[2] as string).toLowerCase()] as number);
  }
  return total <= 0xffffffff ? total : null;
}

/** True when a presentation name ends with a dot that is not escaped. */
function isAbsolute(name: string): boolean {
  if (!name.endsWith(".")) return false;
  let backslashes = 0;
  for (let k = name.length - 2; k >= 0 && name[k] === "\\"; k--) backslashes++;
  return backslashes % 2 === 0;
}

function resolveName(text: string, origin: string | null): string {
  if (text === "@") {
    if (origin === null) throw new Error('"@" used with no origin');
    return origin;
  }
  if (isAbsolute(text)) return formatNameLabels(parseNameLabels(text));
  if (origin === null) throw new Error(`relative name "${text}" with no $ORIGIN`);
  return formatNameLabels([...parseNameLabels(text + "."), ...parseNameLabels(origin)]);
}

function rrsigTime(text: string): number {
  if (/^[0-9]{14}$/.test(text)) {
    const ms = Date.UTC(
      Number(text.slice(0, 4)),
      Number(text.slice(4, 6)) - 1,
      Number(text.slice(6, 8)),
      Number(text.slice(8, 10)),
      Number(text.slice(10, 12)),
      Number(text.slice(12, 14)),
    );
    if (Number.isNaN(ms) || ms < 0) throw new Error(`bad RRSIG time "${text}"`);
    // RFC 4034 §3.1.5: the field is the time modulo 2^32.
    return (ms / 1000) % 0x100000000;
  }
  if (/^[0-9]{1,10}$/.test(text) && Number(text) <= 0xffffffff) return Number(text);
  throw new Error(`RRSIG time "${text}" is neither YYYYMMDDHHMMSS nor seconds`);
}

/** Walks the RDATA tokens of one record, each field checked as it is taken. */
class Fields {
  private k = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly origin: string | null,
  ) {}

  private next(what: string): string {
    const t = this.tokens[this.k++];
    if (!t) throw new Error(`missing ${what}`);
    return t.text;
  }

  int(what: string, max: number): number {
    const t = this.next(what);
    if (!/^[0-9]+$/.test(t) || Number(t) > max) throw new Error(`${what} "${t}" is not an integer 0..${max}`);
    return Number(t);
  }

  algorithm(): number {
    const t = this.next("algorithm");
    if (/^[0-9]+$/.test(t) && Number(t) <= 255) return Number(t);
    const v = dnssecAlgorithmCode(t);
    if (v === null) throw new Error(`unknown algorithm "${t}"`);
    return v;
  }

  ttl(what: string): number {
    const t = this.next(what);
    const v = parseTtlToken(t);
    if (v === null) throw new Error(`${what} "${t}" is not a time value`);
    return v;
  }

  name(what: string): Uint8Array {
    return nameToWire(resolveName(this.next(what), this.origin));
  }

  text(what: string): string {
    return this.next(what);
  }

  charString(what: string): Uint8Array {
    return charStringBytes(this.next(what));
  }

  skip(): void {
    this.k++;
  }

  get more(): boolean {
    return this.k < this.tokens.length;
  }

  /** Concatenates every remaining token (base64/hex may be split by white space). */
  rest(what: string, allowEmpty = false): string {
    if (!this.more && !allowEmpty) throw new Error(`missing ${what}`);
    const joined = this.tokens
      .slice(this.k)
      .map((t) => t.text)
      .join("");
    this.k = this.tokens.length;
    return joined;
  }

  types(): number[] {
    const out: number[] = [];
    while (this.more) out.push(rrTypeCode(this.next("type")));
    return out;
  }

  end(): void {
    if (this.more) throw new Error(`unexpected "${(this.tokens[this.k] as Token).text}" after the last field`);
  }
}

function hexOrDash(text: string): Uint8Array {
  return text === "-" ? new Uint8Array(0) : fromHex(text);
}

function rdataFromFields(type: number, f: Fields): Uint8Array {
  const w = new ByteWriter();
  switch (type) {
    case RRType.A:
      w.bytes(ipv4ToBytes(f.text("address")));
      break;
    case RRType.AAAA:
      w.bytes(ipv6ToBytes(f.text("address")));
      break;
    case RRType.NS:
    case RRType.CNAME:
    case RRType.DNAME:
    case RRType.PTR:
      w.bytes(f.name("target name"));
      break;
    case RRType.MX:
      w.u16(f.int("preference", 0xffff)).bytes(f.name("exchange"));
      break;
    case RRType.TXT:
    case 99: // SPF
      do {
        const s = f.charString("text");
        w.u8(s.length).bytes(s);
      } while (f.more);
      break;
    case 13: // HINFO
      for (const what of ["CPU", "OS"]) {
        const s = f.charString(what);
        w.u8(s.length).bytes(s);
      }
      break;
    case RRType.SOA:
      w.bytes(f.name("MNAME")).bytes(f.name("RNAME")).u32(f.int("serial", 0xffffffff));
      for (const what of ["refresh", "retry", "expire", "minimum"]) w.u32(f.ttl(what));
      break;
    case RRType.SRV:
      w.u16(f.int("priority", 0xffff)).u16(f.int("weight", 0xffff)).u16(f.int("port", 0xffff)).bytes(f.name("target"));
      break;
    case RRType.DS:
    case RRType.CDS:
      w.u16(f.int("key tag", 0xffff)).u8(f.algorithm()).u8(f.int("digest type", 255)).bytes(hexOrDash(f.rest("digest")));
      break;
    case RRType.DNSKEY:
    case RRType.CDNSKEY:
      w.u16(f.int("flags", 0xffff)).u8(f.int("protocol", 255)).u8(f.algorithm()).bytes(fromBase64(f.rest("public key")));
      break;
    case RRType.RRSIG:
      w.u16(rrTypeCode(f.text("type covered")))
        .u8(f.algorithm())
        .u8(f.int("labels", 255))
        .u32(f.int("original TTL", 0xffffffff))
        .u32(rrsigTime(f.text("expiration")))
        .u32(rrsigTime(f.text("inception")))
        .u16(f.int("key tag", 0xffff))
        .bytes(f.name("signer name"))
        .bytes(fromBase64(f.rest("signature")));
      break;
    case RRType.NSEC:
      w.bytes(f.name("next domain name")).bytes(encodeTypeBitmap(f.types()));
      break;
    case RRType.NSEC3: {
      w.u8(f.int("hash algorithm", 255)).u8(f.int("flags", 255)).u16(f.int("iterations", 0xffff));
      const salt = hexOrDash(f.text("salt"));
      const next = fromBase32Hex(f.text("next hashed owner name"));
      w.u8(salt.length).bytes(salt).u8(next.length).bytes(next).bytes(encodeTypeBitmap(f.types()));
      break;
    }
    case RRType.NSEC3PARAM: {
      w.u8(f.int("hash algorithm", 255)).u8(f.int("flags", 255)).u16(f.int("iterations", 0xffff));
      const salt = hexOrDash(f.text("salt"));
      w.u8(salt.length).bytes(salt);
      break;
    }
    case RRType.TLSA:
      w.u8(f.int("usage", 255)).u8(f.int("selector", 255)).u8(f.int("matching type", 255)).bytes(fromHex(f.rest("association data")));
      break;
    default:
      throw new Error(`no presentation format known for this type; write it as \\# <length> <hex> (RFC 3597)`);
  }
  f.end();
  return w.finish();
}

function generic(f: Fields): Uint8Array {
  const length = f.int("RDATA length", 0xffff);
  const bytes = fromHex(f.rest("RDATA hex", length === 0));
  if (bytes.length !== length) throw new Error(`\\# says ${length} octets but the hex has ${bytes.length}`);
  return bytes;
}

/** Parses master-file text into records (in file order). Throws ZoneParseError naming the line. */
export function parseZoneFile(text: string, options: ZoneParseOptions = {}): ResourceRecord[] {
  let origin: string | null = null;
  let fileTtl: number | null = null;
  let lastOwner: string | null = null;
  let lastClass: number = RRClass.IN;
  const records: ResourceRecord[] = [];
  const fail = (line: number, err: unknown): never => {
    if (err instanceof ZoneParseError) throw err;
    const msg = err instanceof Error ? err.message : String(err);
    throw new ZoneParseError(line, msg);
  };
  try {
    origin = options.origin !== undefined ? resolveName(options.origin.endsWith(".") ? options.origin : options.origin + ".", null) : null;
  } catch (err) {
    fail(0, err);
  }

  for (const entry of tokenize(text)) {
    const tokens = [...entry.tokens];
    try {
      const first = tokens[0] as Token;
      if (!entry.blankOwner && !first.quoted && first.text.startsWith("$")) {
        const directive = first.text.toUpperCase();
        const arg = tokens[1]?.text;
        if (arg === undefined) throw new Error(`${directive} needs an argument`);
        if (directive === "$ORIGIN") {
          origin = resolveName(arg, origin);
        } else if (directive === "$TTL") {
          const v = parseTtlToken(arg);
          if (v === null) throw new Error(`$TTL "${arg}" is not a time value`);
          fileTtl = v;
        } else {
          throw new Error(`directive ${first.text} is not supported`);
        }
        if (tokens.length > 2) throw new Error(`unexpected "${(tokens[2] as Token).text}" after ${directive}`);
        continue;
      }
      let owner: string;
      if (entry.blankOwner) {
        if (lastOwner === null) throw new Error("record with no owner name and no previous owner");
        owner = lastOwner;
      } else {
        owner = resolveName((tokens.shift() as Token).text, origin);
      }
      let ttl: number | null = null;
      let cls: number | null = null;
      let type: number | null = null;
      while (tokens.length > 0 && type === null) {
        const t = tokens.shift() as Token;
        const asTtl: number | null = ttl === null ? parseTtlToken(t.text) : null;
        const asClass: number | null = cls === null ? tryRrClassCode(t.text) : null;
        if (asTtl !== null) ttl = asTtl;
        else if (asClass !== null) cls = asClass;
        else {
          type = tryRrTypeCode(t.text);
          if (type === null) throw new Error(`"${t.text}" is not a TTL, class or RR type`);
        }
      }
      if (type === null) throw new Error("record has no type");
      const effectiveTtl = ttl ?? fileTtl ?? options.defaultTtl ?? 3600;
      const effectiveClass = cls ?? lastClass;
      const fields = new Fields(tokens, origin);
      const wire = tokens[0] && !tokens[0].quoted && tokens[0].text === "\\#" ? (fields.skip(), generic(fields)) : rdataFromFields(type, fields);
      const decoded = decodeRdata(type, wire);
      records.push({ name: owner, type, class: effectiveClass, ttl: effectiveTtl, rdata: decoded.rdata, data: decoded.data });
      lastOwner = owner;
      lastClass = effectiveClass;
    } catch (err) {
      fail(entry.line, err);
    }
  }
  return records;
}
