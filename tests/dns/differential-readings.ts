// The differential codec test's two readers: one message as lib/dns decodes it and as dns-packet
// decodes it, each flattened to the same field names so a disagreement can name the record, the
// field and both values. Fields are compared as dns-packet can see them: names as its UTF-8 label
// text (it has no escapes), addresses as bytes (the two format IPv6 differently), bytes as hex.
import { Buffer } from "node:buffer";
import dnsPacket, { type DecodedPacket, type DecodedRecord } from "dns-packet";
import { toClass } from "dns-packet/classes.js";
import { toString as packetTypeName, toType } from "dns-packet/types.js";
import ipaddr from "ipaddr.js";
import { z } from "zod";
import { parseNameLabels } from "../../lib/dns/name";
import { rrTypeName } from "../../lib/dns/rrtypes";
import { RRType, type DnsMessage, type ResourceRecord } from "../../lib/dns/types";
import { decodeMessage } from "../../lib/dns/wire";
import { fromPacketName } from "../../lib/lab/packet-codec";

type Field = string | number | boolean;
type Fields = Record<string, Field>;

export interface RecordReading {
  /** "answer[2] RRSIG example.com." */
  where: string;
  owner: string;
  type: number;
  class: number;
  ttl: number;
  /** Null: a type only one side decodes into fields (compared by owner, type, class, TTL only). */
  data: Fields | null;
}

export interface MessageReading {
  header: Fields;
  records: RecordReading[];
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const typeList = (types: readonly number[]) => types.join(",");

/** A lib/dns name as dns-packet renders it: labels as UTF-8 text joined by dots; mail mode escapes dots. */
function asPacketSees(name: string, mail = false): string {
  const labels = parseNameLabels(name).map((l) => {
    const text = Buffer.from(l).toString("utf8");
    return mail ? text.replace(/\./g, "\\.") : text;
  });
  return labels.length === 0 ? "." : `${labels.join(".")}.`;
}

const addressHex = (text: string) => hex(Uint8Array.from(ipaddr.parse(text).toByteArray()));

/** Types dns-packet decodes with a codec of its own (index.js `renc`); every other type is raw RDATA. */
const PACKET_CODECS = new Set(["A", "PTR", "CNAME", "DNAME", "TXT", "NULL", "AAAA", "SRV", "HINFO", "CAA", "NS", "SOA", "MX", "DNSKEY", "RRSIG", "RP", "NSEC", "NSEC3", "SSHFP", "DS", "NAPTR", "TLSA"]);
/** Of those, the ones lib/dns decodes into fields too: the types both support. */
const BOTH = new Set<number>([RRType.A, RRType.AAAA, RRType.NS, RRType.CNAME, RRType.DNAME, RRType.PTR, RRType.MX, RRType.TXT, RRType.SOA, RRType.DS, RRType.DNSKEY, RRType.RRSIG, RRType.NSEC, RRType.NSEC3, RRType.TLSA]);

function libFields(rr: ResourceRecord): Fields | null {
  if (!PACKET_CODECS.has(packetTypeName(rr.type))) return { rdata: hex(rr.rdata) };
  if (!BOTH.has(rr.type)) return null;
  const d = rr.data;
  switch (d.kind) {
    case "A":
    case "AAAA":
      return { address: addressHex(d.address) };
    case "NS":
    case "CNAME":
    case "DNAME":
    case "PTR":
      return { target: asPacketSees(d.target) };
    case "MX":
      return { preference: d.preference, exchange: asPacketSees(d.exchange) };
    case "TXT":
      return { strings: d.strings.map(hex).join(",") };
    case "SOA":
      return { mname: asPacketSees(d.mname), rname: asPacketSees(d.rname, true), serial: d.serial, refresh: d.refresh, retry: d.retry, expire: d.expire, minimum: d.minimum };
    case "DS":
      return { keyTag: d.keyTag, algorithm: d.algorithm, digestType: d.digestType, digest: hex(d.digest) };
    case "DNSKEY":
      return { flags: d.flags, protocol: d.protocol, algorithm: d.algorithm, publicKey: hex(d.publicKey) };
    case "RRSIG":
      return {
        typeCovered: d.typeCovered,
        algorithm: d.algorithm,
        labels: d.labels,
        originalTtl: d.originalTtl,
        expiration: d.expiration,
        inception: d.inception,
        keyTag: d.keyTag,
        signerName: asPacketSees(d.signerName),
        signature: hex(d.signature),
      };
    case "NSEC":
      return { nextName: asPacketSees(d.nextName), types: typeList(d.types) };
    case "NSEC3":
      return { hashAlgorithm: d.hashAlgorithm, flags: d.flags, iterations: d.iterations, salt: hex(d.salt), nextHashed: hex(d.nextHashed), types: typeList(d.types) };
    case "TLSA":
      return { usage: d.usage, selector: d.selector, matchingType: d.matchingType, data: hex(d.data) };
    default:
      return { kind: d.kind };
  }
}

const buf = z.instanceof(Buffer);
const typeNames = z.array(z.string()).transform((ts) => typeList(ts.map(toType)));
const name = z.string().transform(fromPacketName);
const u = z.number().int().nonnegative();
/** dns-packet's decoded `data` per type, validated (it is untyped JS), in the lib/dns field names. */
const PACKET_DATA: Partial<Record<number, z.ZodType<Fields>>> = {
  [RRType.A]: z.string().transform((a) => ({ address: addressHex(a) })),
  [RRType.AAAA]: z.string().transform((a) => ({ address: addressHex(a) })),
  [RRType.NS]: name.transform((target) => ({ target })),
  [RRType.CNAME]: name.transform((target) => ({ target })),
  [RRType.DNAME]: name.transform((target) => ({ target })),
  [RRType.PTR]: name.transform((target) => ({ target })),
  [RRType.MX]: z.object({ preference: u, exchange: name }),
  [RRType.TXT]: z.array(buf).transform((ss) => ({ strings: ss.map(hex).join(",") })),
  [RRType.SOA]: z.object({ mname: name, rname: name, serial: u, refresh: u, retry: u, expire: u, minimum: u }),
  [RRType.DS]: z.object({ keyTag: u, algorithm: u, digestType: u, digest: buf.transform(hex) }),
  // dns-packet refuses a DNSKEY whose protocol is not 3, so a decoded one has protocol 3.
  [RRType.DNSKEY]: z.object({ flags: u, algorithm: u, key: buf }).transform((k) => ({ flags: k.flags, protocol: 3, algorithm: k.algorithm, publicKey: hex(k.key) })),
  [RRType.RRSIG]: z
    .object({ typeCovered: z.string(), algorithm: u, labels: u, originalTTL: u, expiration: u, inception: u, keyTag: u, signersName: name, signature: buf })
    .transform((s) => ({
      typeCovered: toType(s.typeCovered),
      algorithm: s.algorithm,
      labels: s.labels,
      originalTtl: s.originalTTL,
      expiration: s.expiration,
      inception: s.inception,
      keyTag: s.keyTag,
      signerName: s.signersName,
      signature: hex(s.signature),
    })),
  [RRType.NSEC]: z.object({ nextDomain: name, rrtypes: typeNames }).transform((n) => ({ nextName: n.nextDomain, types: n.rrtypes })),
  [RRType.NSEC3]: z
    .object({ algorithm: u, flags: u, iterations: u, salt: buf, nextDomain: buf, rrtypes: typeNames })
    .transform((n) => ({ hashAlgorithm: n.algorithm, flags: n.flags, iterations: n.iterations, salt: hex(n.salt), nextHashed: hex(n.nextDomain), types: n.rrtypes })),
  [RRType.TLSA]: z.object({ usage: u, selector: u, matchingType: u, certificate: buf }).transform((t) => ({ usage: t.usage, selector: t.selector, matchingType: t.matchingType, data: hex(t.certificate) })),
};

/** "IN" -> 1, "UNKNOWN_5" -> 5 (dns-packet's toClass does not parse its own UNKNOWN_ form). */
function classCode(text: string | undefined): number {
  if (text === undefined) return 1;
  if (text.startsWith("UNKNOWN_")) return Number(text.slice(8));
  return toClass(text);
}

function packetFields(rr: DecodedRecord, type: number): Fields | null | string {
  if (!PACKET_CODECS.has(rr.type)) {
    return Buffer.isBuffer(rr.data) ? { rdata: hex(rr.data) } : `dns-packet gave ${typeof rr.data} for raw type ${rr.type}`;
  }
  const schema = PACKET_DATA[type];
  if (!schema) return null;
  const parsed = schema.safeParse(rr.data);
  return parsed.success ? parsed.data : `dns-packet's ${rr.type} data does not have the expected shape: ${parsed.error.issues[0]?.message ?? "?"}`;
}

export function readWithLib(msg: DnsMessage): MessageReading {
  const records: RecordReading[] = [];
  for (const [section, list] of [["answer", msg.answer], ["authority", msg.authority], ["additional", msg.additional]] as const) {
    list.forEach((rr, i) =>
      records.push({ where: `${section}[${i}] ${rrTypeName(rr.type)} ${rr.name}`, owner: asPacketSees(rr.name), type: rr.type, class: rr.class, ttl: rr.ttl, data: libFields(rr) }),
    );
  }
  const header: Fields = {
    id: msg.id,
    qr: msg.flags.qr,
    opcode: msg.opcode,
    aa: msg.flags.aa,
    tc: msg.flags.tc,
    rd: msg.flags.rd,
    ra: msg.flags.ra,
    ad: msg.flags.ad,
    cd: msg.flags.cd,
    rcode: msg.rcode,
    questions: msg.question.map((q) => `${asPacketSees(q.name)}/${q.type}/${q.class}`).join(" "),
    edns: msg.edns ? `${msg.edns.udpPayloadSize}/do=${msg.edns.dnssecOk}/v${msg.edns.version}` : "none",
  };
  return { header, records };
}

/** dns-packet's reading; a string names a record whose data dns-packet returned in an unexpected shape. */
export function readWithPacket(p: DecodedPacket): MessageReading | string {
  const opt = p.additionals.find((a) => a.type === "OPT");
  const rcode = ((opt?.extendedRcode ?? 0) << 4) | (p.flags & 0x0f);
  const records: RecordReading[] = [];
  for (const [section, list] of [["answer", p.answers], ["authority", p.authorities], ["additional", p.additionals.filter((a) => a.type !== "OPT")]] as const) {
    for (const [i, rr] of list.entries()) {
      const type = toType(rr.type);
      const data = packetFields(rr, type);
      if (typeof data === "string") return `${section}[${i}] ${rr.type} ${rr.name}: ${data}`;
      records.push({
        where: `${section}[${i}] ${rr.type} ${rr.name}`,
        owner: fromPacketName(rr.name),
        type,
        // dns-packet takes the class's top bit as the mDNS cache-flush flag.
        class: classCode(rr.class) | (rr.flush ? 0x8000 : 0),
        ttl: rr.ttl ?? -1,
        data,
      });
    }
  }
  const header: Fields = {
    id: p.id,
    qr: p.type === "response",
    opcode: (p.flags >> 11) & 0x0f,
    aa: p.flag_aa,
    tc: p.flag_tc,
    rd: p.flag_rd,
    ra: p.flag_ra,
    ad: p.flag_ad,
    cd: p.flag_cd,
    rcode,
    questions: p.questions.map((q) => `${fromPacketName(q.name)}/${toType(q.type)}/${classCode(q.class)}`).join(" "),
    edns: opt ? `${opt.udpPayloadSize}/do=${opt.flag_do === true}/v${opt.ednsVersion}` : "none",
  };
  return { header, records };
}

/** Every field on which the two readings disagree, each naming the record and both values. */
export function disagreements(lib: MessageReading, packet: MessageReading): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(lib.header)) {
    if (packet.header[k] !== v) out.push(`header ${k}: lib/dns ${JSON.stringify(v)}, dns-packet ${JSON.stringify(packet.header[k])}`);
  }
  if (lib.records.length !== packet.records.length) out.push(`record count: lib/dns ${lib.records.length}, dns-packet ${packet.records.length}`);
  lib.records.forEach((l, i) => {
    const p = packet.records[i];
    if (!p) return;
    for (const k of ["owner", "type", "class", "ttl"] as const) {
      if (l[k] !== p[k]) out.push(`${l.where}: ${k}: lib/dns ${JSON.stringify(l[k])}, dns-packet ${JSON.stringify(p[k])}`);
    }
    if (l.data === null || p.data === null) {
      if ((l.data === null) !== (p.data === null)) out.push(`${l.where}: one side decoded the data into fields: lib/dns ${JSON.stringify(l.data)}, dns-packet ${JSON.stringify(p.data)}`);
      return;
    }
    for (const k of new Set([...Object.keys(l.data), ...Object.keys(p.data)])) {
      if (l.data[k] !== p.data[k]) out.push(`${l.where}: ${k}: lib/dns ${JSON.stringify(l.data[k])}, dns-packet ${JSON.stringify(p.data[k])}`);
    }
  });
  return out;
}

export type Comparison =
  | { outcome: "compared"; records: number; fieldTypes: number[]; diffs: string[] }
  /** lib/dns refused the bytes (its decoder is the strict one): nothing to compare. */
  | { outcome: "lib-refused"; reason: string }
  /**
   * lib/dns read the message and dns-packet could not: a disagreement unless it is a known
   * dns-packet limit, or the message holds a type only dns-packet parses (`otherTypes`: lib/dns keeps
   * e.g. NAPTR or SRV as opaque RDATA, so a malformed one is no disagreement on a type both support).
   */
  | { outcome: "packet-refused"; reason: string; otherTypes: string[] };

/** Decodes the bytes with both codecs and compares every field. */
export function compareDecoders(bytes: Uint8Array): Comparison {
  let lib: DnsMessage;
  try {
    lib = decodeMessage(bytes);
  } catch (err) {
    return { outcome: "lib-refused", reason: String(err) };
  }
  let packet: DecodedPacket;
  try {
    packet = dnsPacket.decode(Buffer.from(bytes));
  } catch (err) {
    const otherTypes = [...lib.answer, ...lib.authority, ...lib.additional]
      .filter((rr) => PACKET_CODECS.has(packetTypeName(rr.type)) && !BOTH.has(rr.type))
      .map((rr) => packetTypeName(rr.type));
    return { outcome: "packet-refused", reason: String(err), otherTypes };
  }
  const libReading = readWithLib(lib);
  const packetReading = readWithPacket(packet);
  if (typeof packetReading === "string") return { outcome: "compared", records: libReading.records.length, fieldTypes: [], diffs: [packetReading] };
  const fieldTypes = libReading.records.filter((r) => r.data !== null).map((r) => r.type);
  return { outcome: "compared", records: libReading.records.length, fieldTypes, diffs: disagreements(libReading, packetReading) };
}
