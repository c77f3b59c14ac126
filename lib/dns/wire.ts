// Whole DNS messages (RFC 1035 §4.1, EDNS0 per RFC 6891) to and from DnsMessage. Every length and
// count from the wire is checked against the octets actually present; RDATA is sliced by RDLENGTH
// before it is decoded, so a bad record can never shift the records after it (PITFALLS: dns-packet).
import { ByteReader, ByteWriter } from "./codec";
import { WireError, type WireSection, type WireWhere } from "./errors";
import { formatNameLabels, labelsOf, normalizeName, readWireName, readWireNameText } from "./name";
import { decodeRdataAt } from "./rdata";
import { rrTypeName } from "./rrtypes";
import { RRClass, RRType, type DnsHeaderFlags, type DnsMessage, type EdnsInfo, type Question, type ResourceRecord } from "./types";

export { WireError } from "./errors";

const HEADER_OCTETS = 12;
/** Smallest question: root name (1) + type (2) + class (2). */
const MIN_QUESTION_OCTETS = 5;
/** Smallest RR: root name (1) + type, class (4) + TTL (4) + RDLENGTH (2). */
const MIN_RR_OCTETS = 11;
export const MAX_MESSAGE_OCTETS = 65535;

/**
 * Reads the message and every question's and record's fixed fields in place. `where` names the
 * part being read (the header, or the question's or record's owner part), made only when a
 * problem is thrown: a message has dozens of records and almost never one.
 */
class MessageReader extends ByteReader {
  part: "header" | "question" | "owner" = "header";
  section: WireSection | undefined = undefined;
  index = 0;

  override get where(): WireWhere {
    return this.section === undefined ? { part: this.part } : { part: this.part, section: this.section, index: this.index };
  }

  /** Reads from here on as the question or record `index` (0-based) of `section`. */
  enter(part: "question" | "owner", section: WireSection, index: number): void {
    this.part = part;
    this.section = section;
    this.index = index + 1;
  }
}

function readQuestion(r: MessageReader, index: number): Question {
  r.enter("question", "question", index);
  const n = readWireNameText(r.buf, r.pos, r.end, r.where, "QNAME");
  r.pos = n.next;
  return { name: n.text, type: r.u16("QTYPE"), class: r.u16("QCLASS") };
}

/** An OPT pseudo-record read, wherever it stood: decodeMessage judges its place once all are read. */
interface OptSeen {
  section: WireSection;
  /** 1-based, within its section. */
  index: number;
  /** Offset of its owner name in the message. */
  at: number;
  ttl: number;
  udpPayloadSize: number;
}

/** Reads `count` records of `section`; an OPT record goes to `opts`, and only there in the additional section. */
function readSection(r: MessageReader, count: number, section: WireSection, opts: OptSeen[]): ResourceRecord[] {
  const out: ResourceRecord[] = [];
  for (let k = 0; k < count; k++) {
    const rr = readRecord(r, section, k, opts);
    if (rr.type !== RRType.OPT || section !== "additional") out.push(rr);
  }
  return out;
}

function readRecord(r: MessageReader, section: WireSection, index: number, opts: OptSeen[]): ResourceRecord {
  const at = r.pos;
  r.enter("owner", section, index);
  const owner = readWireNameText(r.buf, at, r.end, r.where, "NAME");
  r.pos = owner.next;
  const type = r.u16("TYPE");
  const cls = r.u16("CLASS");
  const ttl = r.u32("TTL");
  const rdlength = r.u16("RDLENGTH");
  const start = r.pos;
  if (start + rdlength > r.end) {
    throw new WireError({ kind: "rdlength", part: "rdata", section, index: index + 1, rrType: rrTypeName(type), field: "RDLENGTH", offset: start, rdlength, have: r.end - start });
  }
  const decoded = decodeRdataAt(type, r.buf, start, start + rdlength, section, index + 1);
  r.pos = start + rdlength;
  const rr: ResourceRecord = { name: owner.text, type, class: cls, ttl, rdata: decoded.rdata, data: decoded.data };
  if (type === RRType.OPT) {
    // The root alone is one octet on the wire.
    if (owner.octets !== 1) throw new WireError({ kind: "opt-owner", part: "owner", section, index: index + 1, rrType: "OPT", offset: at, owner: rr.name });
    validateOptions(r.buf, start, rdlength, section, index + 1);
    opts.push({ section, index: index + 1, at, ttl, udpPayloadSize: cls });
  }
  return rr;
}

/**
 * EDNS options are {code, length, data} triples that must tile the OPT RDATA exactly. Read where
 * they stand in the message (OPT RDATA holds no names, so the slice is the RDATA), so a problem's
 * offset counts in the message.
 */
function validateOptions(buf: Uint8Array, offset: number, length: number, section: WireSection, index: number): void {
  const r = new ByteReader(buf, offset, offset + length, { part: "options", section, index, rrType: "OPT" });
  while (r.remaining > 0) {
    r.u16("OPTION-CODE");
    const len = r.u16("OPTION-LENGTH");
    r.bytes(len, "OPTION-DATA");
  }
}

function flagsFromWord(word: number): DnsHeaderFlags {
  return {
    qr: (word & 0x8000) !== 0,
    aa: (word & 0x0400) !== 0,
    tc: (word & 0x0200) !== 0,
    rd: (word & 0x0100) !== 0,
    ra: (word & 0x0080) !== 0,
    ad: (word & 0x0020) !== 0,
    cd: (word & 0x0010) !== 0,
  };
}

/**
 * Decodes a whole message. Throws WireError naming the first problem and its offset. `rcode` is the
 * full RCODE (header RCODE merged with the OPT extended RCODE when there is an OPT record).
 */
export function decodeMessage(buf: Uint8Array): DnsMessage {
  if (buf.length < HEADER_OCTETS) throw new WireError({ kind: "header-short", part: "header", offset: 0, size: buf.length });
  if (buf.length > MAX_MESSAGE_OCTETS) throw new WireError({ kind: "message-long", part: "message", offset: 0, size: buf.length, limit: MAX_MESSAGE_OCTETS });
  // One copy of the message, which every record's RDATA and byte fields are views of: an array of
  // their own per record was an allocation each, the caller's array may change after this returns.
  const r = new MessageReader(new Uint8Array(buf), 0, buf.length);
  const id = r.u16("ID");
  const word = r.u16("flags");
  const counts = [r.u16("QDCOUNT"), r.u16("ANCOUNT"), r.u16("NSCOUNT"), r.u16("ARCOUNT")] as const;
  const [qd, an, ns, ar] = counts;
  const minimum = qd * MIN_QUESTION_OCTETS + (an + ns + ar) * MIN_RR_OCTETS;
  if (minimum > buf.length - HEADER_OCTETS) {
    throw new WireError({ kind: "counts", part: "header", offset: 4, questions: qd, records: an + ns + ar, need: minimum, have: buf.length - HEADER_OCTETS });
  }
  const question: Question[] = [];
  for (let k = 0; k < qd; k++) question.push(readQuestion(r, k));
  const opts: OptSeen[] = [];
  const answer = readSection(r, an, "answer", opts);
  const authority = readSection(r, ns, "authority", opts);
  const additional = readSection(r, ar, "additional", opts);
  if (r.remaining > 0) throw new WireError({ kind: "trailing", part: "message", offset: r.pos, extra: r.remaining });
  // In reading order: the first misplaced one is the answer section's first, else the authority's.
  const misplaced = opts.find((o) => o.section !== "additional");
  if (misplaced) throw new WireError({ kind: "opt-section", part: "owner", section: misplaced.section, index: misplaced.index, rrType: "OPT", offset: misplaced.at });
  if (opts.length > 1) throw new WireError({ kind: "opt-count", part: "message", section: "additional", rrType: "OPT", offset: opts[1]?.at ?? HEADER_OCTETS, count: opts.length });
  const headerRcode = word & 0x000f;
  let edns: EdnsInfo | null = null;
  let rcode = headerRcode;
  const opt = opts[0];
  if (opt) {
    rcode = ((opt.ttl >>> 24) << 4) | headerRcode;
    edns = {
      udpPayloadSize: opt.udpPayloadSize,
      dnssecOk: (opt.ttl & 0x8000) !== 0,
      extendedRcode: rcode,
      version: (opt.ttl >>> 16) & 0xff,
    };
  }
  return {
    id,
    opcode: (word >>> 11) & 0x0f,
    rcode,
    flags: flagsFromWord(word),
    question,
    answer,
    authority,
    additional,
    edns,
  };
}

/**
 * The header and question of a response with TC=1 whose records do not decode. RFC 2181 §9 lets a
 * server cut a truncated answer anywhere, even mid-record; the client needs only to see that the
 * response is its own and truncated, and then asks again over TCP. Null when TC is clear.
 */
export function decodeTruncatedHeader(buf: Uint8Array): DnsMessage | null {
  if (buf.length < HEADER_OCTETS) throw new WireError({ kind: "header-short", part: "header", offset: 0, size: buf.length });
  const r = new MessageReader(buf, 0, buf.length);
  const id = r.u16("ID");
  const word = r.u16("flags");
  const flags = flagsFromWord(word);
  if (!flags.tc) return null;
  const qd = r.u16("QDCOUNT");
  const question: Question[] = [];
  r.pos = HEADER_OCTETS;
  for (let k = 0; k < qd; k++) question.push(readQuestion(r, k));
  return { id, opcode: (word >>> 11) & 0x0f, rcode: word & 0x000f, flags, question, answer: [], authority: [], additional: [], edns: null };
}

export interface EncodeOptions {
  /** Compress owner names and the names inside NS, CNAME, PTR, MX and SOA RDATA (RFC 3597 §4). */
  compress?: boolean;
}

// Only these types may carry compressed names (RFC 3597 §4); others are written as given.
const COMPRESSIBLE_RDATA = new Set<number>([RRType.NS, RRType.CNAME, RRType.PTR, RRType.MX, RRType.SOA]);

class NameCompressor {
  private readonly offsets = new Map<string, number>();
  constructor(private readonly enabled: boolean) {}

  write(w: ByteWriter, labels: readonly Uint8Array[]): void {
    if (!this.enabled) {
      for (const label of labels) w.u8(label.length).bytes(label);
      w.u8(0);
      return;
    }
    for (let k = 0; k < labels.length; k++) {
      // Case-sensitive on purpose: a pointer reuses the earlier spelling, and names keep their case.
      const key = formatNameLabels(labels.slice(k));
      const known = this.offsets.get(key);
      if (known !== undefined) {
        w.u16(0xc000 | known);
        return;
      }
      if (w.length < 0x4000) this.offsets.set(key, w.length);
      const label = labels[k] as Uint8Array;
      w.u8(label.length).bytes(label);
    }
    w.u8(0);
  }
}

function writeRdata(w: ByteWriter, rr: ResourceRecord, names: NameCompressor, compress: boolean): void {
  if (!compress || !COMPRESSIBLE_RDATA.has(rr.type)) {
    w.bytes(rr.rdata);
    return;
  }
  let pos = 0;
  if (rr.type === RRType.MX) {
    w.bytes(rr.rdata.subarray(0, 2));
    pos = 2;
  }
  const nameCount = rr.type === RRType.SOA ? 2 : 1;
  for (let k = 0; k < nameCount; k++) {
    const n = readWireName(rr.rdata, pos, rr.rdata.length, { part: "rdata", rrType: rrTypeName(rr.type) });
    names.write(w, n.labels);
    pos = n.next;
  }
  w.bytes(rr.rdata.subarray(pos));
}

function flagsWord(msg: DnsMessage): number {
  const f = msg.flags;
  return (
    (f.qr ? 0x8000 : 0) |
    ((msg.opcode & 0x0f) << 11) |
    (f.aa ? 0x0400 : 0) |
    (f.tc ? 0x0200 : 0) |
    (f.rd ? 0x0100 : 0) |
    (f.ra ? 0x0080 : 0) |
    (f.ad ? 0x0020 : 0) |
    (f.cd ? 0x0010 : 0) |
    (msg.rcode & 0x0f)
  );
}

/**
 * About the octets of the message written without compression (the writer's first capacity, which
 * grows if it is short): a name's wire form is about as long as its text. Sized to the message, a
 * query's writer is one small array instead of a default 512 octets the GC has to free.
 */
function octetsAbout(msg: DnsMessage): number {
  let n = HEADER_OCTETS + (msg.edns ? MIN_RR_OCTETS : 0);
  for (const q of msg.question) n += q.name.length + 2 + 4;
  for (const section of [msg.answer, msg.authority, msg.additional]) for (const rr of section) n += rr.name.length + 2 + 10 + rr.rdata.length;
  return n;
}

/**
 * Encodes a message. `msg.rcode` is the full RCODE: values above 15 need `edns`, whose OPT record
 * then carries the upper bits. To answer with TC=1, set `flags.tc` and drop records (or use
 * encodeMessageWithin). Records are written with the RDATA bytes they carry.
 */
export function encodeMessage(msg: DnsMessage, options: EncodeOptions = {}): Uint8Array {
  const compress = options.compress ?? false;
  if (msg.rcode > 15 && !msg.edns) throw new Error(`RCODE ${msg.rcode} needs an OPT record (edns)`);
  const w = new ByteWriter(octetsAbout(msg));
  const names = new NameCompressor(compress);
  const additionalCount = msg.additional.length + (msg.edns ? 1 : 0);
  w.u16(msg.id).u16(flagsWord(msg)).u16(msg.question.length).u16(msg.answer.length).u16(msg.authority.length).u16(additionalCount);
  for (const q of msg.question) {
    names.write(w, labelsOf(q.name));
    w.u16(q.type).u16(q.class);
  }
  const writeRecord = (rr: ResourceRecord): void => {
    names.write(w, labelsOf(rr.name));
    w.u16(rr.type).u16(rr.class).u32(rr.ttl);
    const lengthAt = w.length;
    w.u16(0);
    writeRdata(w, rr, names, compress);
    const rdlength = w.length - lengthAt - 2;
    if (rdlength > 0xffff) throw new Error(`RDATA of ${rr.name} ${rrTypeName(rr.type)} is ${rdlength} octets, more than 65535`);
    w.patchU16(lengthAt, rdlength);
  };
  msg.answer.forEach(writeRecord);
  msg.authority.forEach(writeRecord);
  msg.additional.forEach(writeRecord);
  if (msg.edns) {
    const e = msg.edns;
    w.u8(0).u16(RRType.OPT).u16(e.udpPayloadSize).u8(msg.rcode >>> 4).u8(e.version).u16(e.dnssecOk ? 0x8000 : 0).u16(0);
  }
  const out = w.finish();
  if (out.length > MAX_MESSAGE_OCTETS) throw new Error(`message is ${out.length} octets, more than ${MAX_MESSAGE_OCTETS}`);
  return out;
}

/**
 * Encodes a response that fits in `maxOctets` (a UDP payload limit). When the whole message does
 * not fit, it first drops the additional section (keeping OPT); if that is still too large it sets
 * TC=1 and sends the question alone, so the client retries over TCP (RFC 2181 §9, RFC 7766).
 */
export function encodeMessageWithin(msg: DnsMessage, maxOctets: number, options: EncodeOptions = {}): Uint8Array {
  const full = encodeMessage(msg, options);
  if (full.length <= maxOctets) return full;
  const noAdditional = encodeMessage({ ...msg, additional: [] }, options);
  if (noAdditional.length <= maxOctets) return noAdditional;
  return encodeMessage({ ...msg, flags: { ...msg.flags, tc: true }, answer: [], authority: [], additional: [] }, options);
}

export interface BuildQueryOptions {
  id: number;
  /** EDNS0 DO bit: ask for RRSIGs (default true). */
  dnssecOk?: boolean;
  /** CD: the resolver must not filter bogus data; mailsec validates itself (default true). */
  checkingDisabled?: boolean;
  recursionDesired?: boolean;
  /** EDNS0 UDP payload size (default 1232, the DNS Flag Day 2020 value). */
  udpPayloadSize?: number;
}

/** The query message mailsec sends: one question, RD, CD and EDNS0 with DO. */
export function queryMessage(question: Question, options: BuildQueryOptions): DnsMessage {
  return {
    id: options.id & 0xffff,
    opcode: 0,
    rcode: 0,
    flags: {
      qr: false,
      aa: false,
      tc: false,
      rd: options.recursionDesired ?? true,
      ra: false,
      ad: false,
      cd: options.checkingDisabled ?? true,
    },
    question: [question],
    answer: [],
    authority: [],
    additional: [],
    edns: { udpPayloadSize: options.udpPayloadSize ?? 1232, dnssecOk: options.dnssecOk ?? true, extendedRcode: 0, version: 0 },
  };
}

export function buildQuery(question: Question, options: BuildQueryOptions): Uint8Array {
  // Validate the name early so a bad name is an error here, not a malformed packet on the wire.
  labelsOf(question.name);
  return encodeMessage(queryMessage(question, options));
}

/** The question as a stable cache/log key: lowercased name, type and class mnemonics. */
export function questionKey(q: Question): string {
  return `${normalizeName(q.name)}/${rrTypeName(q.type)}/${q.class === RRClass.IN ? "IN" : `CLASS${q.class}`}`;
}
