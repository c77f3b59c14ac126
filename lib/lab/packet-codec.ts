// The lab's wire codec is dns-packet, not lib/dns (issue 9 §3): the lab server reads queries and
// writes answers with it, so an encoder/decoder bug that lib/dns shares with itself cannot hide
// behind a lab made of the same code. This file is the one bridge between lib/dns's in-memory model
// (DnsMessage, ResourceRecord: what the zone loader and the lab resolver work with) and dns-packet's
// objects. dns-packet's known bugs (../shared/PITFALLS.md) are worked around here:
//   - header: `flags` are masked with 0x7fff, QR comes from `type: "response"`, the RCODE must be
//     packed into the flags by us, an extended RCODE goes into the OPT record;
//   - the DO bit lives in the OPT record's flags, not the header (where it would be dropped);
//   - DNSKEY flags are written as given (its ZONE_KEY/SECURE_ENTRYPOINT constants are wrong, unused);
//     it always writes protocol 3, so a DNSKEY with another protocol is sent as raw RDATA;
//   - TXT strings over 255 octets would get a truncated length byte: refused here;
//   - decoding does not check RDLENGTH or trailing octets: a query must decode to exactly its length;
//   - unknown classes encode as 0: only classes it knows are encoded, others are refused;
//   - names are written label by label as UTF-8 text: a name that needs a presentation escape
//     (a dot or an odd octet inside a label) cannot be written and is refused.
// Types dns-packet has no codec for (NSEC3PARAM, CDS, CDNSKEY, anything unknown) are written with
// its generic codec from the RDATA the zone file gave (ResourceRecord.rdata, the zone file's wire form).
import { Buffer } from "node:buffer";
import dnsPacket, { type DecodedPacket, type DecodedRecord, type OptRecord, type PacketQuestion, type PacketRecord } from "dns-packet";
import { toClass, toString as className } from "dns-packet/classes.js";
import { toType } from "dns-packet/types.js";
import { RRType, type DnsHeaderFlags, type DnsMessage, type Question, type ResourceRecord } from "../dns/types";

export class LabCodecError extends Error {
  override name = "LabCodecError";
}

/** A presentation name (trailing dot, lib/dns escapes) as dns-packet writes it. */
export function toPacketName(name: string): string {
  if (name.includes("\\")) throw new LabCodecError(`dns-packet cannot write the name ${name} (it needs an escape)`);
  return name === "." ? "." : name.replace(/\.$/, "");
}

/** dns-packet's decoded name ("a.b", or "." for the root) in lib/dns's form ("a.b."). */
export function fromPacketName(name: string): string {
  return name === "." || name === "" ? "." : `${name}.`;
}

/** Type codes as dns-packet's type strings; UNKNOWN_<n> is parsed back to n for any n. */
const typeString = (type: number): `UNKNOWN_${number}` => `UNKNOWN_${type}`;

function packetClass(klass: number): string {
  const name = className(klass);
  if (toClass(name) !== klass) throw new LabCodecError(`dns-packet cannot write class ${klass}`);
  return name;
}

/** One resource record as the dns-packet object that encodes to it. */
export function toPacketRecord(rr: ResourceRecord): PacketRecord {
  const base = { name: toPacketName(rr.name), ttl: rr.ttl, class: packetClass(rr.class) };
  const d = rr.data;
  const raw = (): PacketRecord => ({ ...base, type: typeString(rr.type), data: Buffer.from(rr.rdata) });
  switch (rr.type) {
    case RRType.A:
      return d.kind === "A" ? { ...base, type: "A", data: d.address } : raw();
    case RRType.AAAA:
      return d.kind === "AAAA" ? { ...base, type: "AAAA", data: d.address } : raw();
    case RRType.NS:
    case RRType.CNAME:
    case RRType.DNAME:
    case RRType.PTR: {
      const type = rr.type === RRType.NS ? "NS" : rr.type === RRType.CNAME ? "CNAME" : rr.type === RRType.DNAME ? "DNAME" : "PTR";
      return d.kind === type ? { ...base, type, data: toPacketName(d.target) } : raw();
    }
    case RRType.MX:
      return d.kind === "MX" ? { ...base, type: "MX", data: { preference: d.preference, exchange: toPacketName(d.exchange) } } : raw();
    case RRType.TXT:
      if (d.kind !== "TXT") return raw();
      if (d.strings.some((s) => s.length > 255)) throw new LabCodecError(`${rr.name} TXT: a string over 255 octets (dns-packet would truncate its length)`);
      return { ...base, type: "TXT", data: d.strings.map((s) => Buffer.from(s)) };
    case RRType.SOA:
      if (d.kind !== "SOA") return raw();
      return {
        ...base,
        type: "SOA",
        data: { mname: toPacketName(d.mname), rname: toPacketName(d.rname), serial: d.serial, refresh: d.refresh, retry: d.retry, expire: d.expire, minimum: d.minimum },
      };
    case RRType.DS:
      return d.kind === "DS" ? { ...base, type: "DS", data: { keyTag: d.keyTag, algorithm: d.algorithm, digestType: d.digestType, digest: Buffer.from(d.digest) } } : raw();
    case RRType.DNSKEY:
      // dns-packet always writes protocol 3: any other protocol goes out as the zone file's bytes.
      if (d.kind !== "DNSKEY" || d.protocol !== 3) return raw();
      return { ...base, type: "DNSKEY", data: { flags: d.flags, algorithm: d.algorithm, key: Buffer.from(d.publicKey) } };
    case RRType.RRSIG:
      if (d.kind !== "RRSIG") return raw();
      return {
        ...base,
        type: "RRSIG",
        data: {
          typeCovered: typeString(d.typeCovered),
          algorithm: d.algorithm,
          labels: d.labels,
          originalTTL: d.originalTtl,
          expiration: d.expiration,
          inception: d.inception,
          keyTag: d.keyTag,
          signersName: toPacketName(d.signerName),
          signature: Buffer.from(d.signature),
        },
      };
    case RRType.NSEC:
      return d.kind === "NSEC" ? { ...base, type: "NSEC", data: { nextDomain: toPacketName(d.nextName), rrtypes: d.types.map(typeString) } } : raw();
    case RRType.NSEC3:
      if (d.kind !== "NSEC3") return raw();
      return {
        ...base,
        type: "NSEC3",
        data: {
          algorithm: d.hashAlgorithm,
          flags: d.flags,
          iterations: d.iterations,
          salt: Buffer.from(d.salt),
          nextDomain: Buffer.from(d.nextHashed),
          rrtypes: d.types.map(typeString),
        },
      };
    case RRType.TLSA:
      return d.kind === "TLSA"
        ? { ...base, type: "TLSA", data: { usage: d.usage, selector: d.selector, matchingType: d.matchingType, certificate: Buffer.from(d.data) } }
        : raw();
    default:
      // NSEC3PARAM, CDS, CDNSKEY and every other type: dns-packet has no codec (or none we use).
      return raw();
  }
}

/**
 * The header flags word without QR (dns-packet sets that from `type`), RCODE's low 4 bits in.
 * Not lib/dns/wire.ts's: the lab must not share code with the encoder it is a check on.
 */
function flagsWord(opcode: number, f: DnsHeaderFlags, rcode: number): number {
  return (
    ((opcode & 0x0f) << 11) |
    (f.aa ? 0x0400 : 0) |
    (f.tc ? 0x0200 : 0) |
    (f.rd ? 0x0100 : 0) |
    (f.ra ? 0x0080 : 0) |
    (f.ad ? 0x0020 : 0) |
    (f.cd ? 0x0010 : 0) |
    (rcode & 0x0f)
  );
}

/** Encodes a whole message with dns-packet (no name compression: dns-packet never compresses). */
export function encodeWithPacket(msg: DnsMessage): Uint8Array {
  if (msg.rcode > 0x0f && !msg.edns) throw new LabCodecError(`RCODE ${msg.rcode} needs an OPT record`);
  const opt: OptRecord[] = msg.edns
    ? [
        {
          type: "OPT",
          name: ".",
          udpPayloadSize: msg.edns.udpPayloadSize,
          extendedRcode: msg.rcode >> 4,
          ednsVersion: msg.edns.version,
          flags: msg.edns.dnssecOk ? dnsPacket.DNSSEC_OK : 0,
          options: [],
        },
      ]
    : [];
  const questions: PacketQuestion[] = msg.question.map((q) => ({ name: toPacketName(q.name), type: typeString(q.type), class: packetClass(q.class) }));
  const bytes = dnsPacket.encode({
    type: msg.flags.qr ? "response" : "query",
    id: msg.id,
    flags: flagsWord(msg.opcode, msg.flags, msg.rcode),
    questions,
    answers: msg.answer.map(toPacketRecord),
    authorities: msg.authority.map(toPacketRecord),
    additionals: [...msg.additional.map(toPacketRecord), ...opt],
  });
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export type QueryRead =
  | { ok: true; query: DnsMessage }
  /** `questionEnd`: where the first question ends in the raw bytes, when it could be found. */
  | { ok: false; reason: string; rcode: number; questionEnd: number | null };

/** Where the first question ends (name labels walked, no pointers: a query has nothing to point at). */
function firstQuestionEnd(raw: Uint8Array): number | null {
  if (raw.length < 12 || ((raw[4] ?? 0) << 8) + (raw[5] ?? 0) < 1) return null;
  let at = 12;
  for (let hops = 0; hops < 128 && at < raw.length; hops++) {
    const len = raw[at] as number;
    if (len === 0) return at + 5 <= raw.length ? at + 5 : null;
    if (len > 63) return null;
    at += 1 + len;
  }
  return null;
}

/**
 * Reads a query with dns-packet, as strictly as a server must: the decoded message must account for
 * every octet, and its question must encode back to the same bytes (else dns-packet misread it: a
 * name with a dot or an odd octet in a label, an unknown class).
 */
export function decodeQueryWithPacket(raw: Uint8Array): QueryRead {
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const fail = (reason: string, rcode: number): QueryRead => ({ ok: false, reason, rcode, questionEnd: firstQuestionEnd(raw) });
  let p: DecodedPacket;
  try {
    p = dnsPacket.decode(buf);
  } catch (err) {
    return fail(`dns-packet could not decode the query: ${err instanceof Error ? err.message : String(err)}`, 1);
  }
  if (dnsPacket.decode.bytes !== raw.length) return fail(`the query has ${raw.length - dnsPacket.decode.bytes} octets after its last record`, 1);
  const opcode = (p.flags >> 11) & 0x0f;
  const question: Question[] = p.questions.map((q) => ({ name: fromPacketName(q.name), type: toType(q.type), class: toClass(q.class ?? "IN") }));
  const end = firstQuestionEnd(raw);
  if (question.length > 0 && end !== null) {
    let again: Uint8Array;
    try {
      const first = question[0] as Question;
      again = encodeWithPacket({ ...emptyMessage(p.id), question: [first] });
    } catch {
      return fail("dns-packet cannot write the question back", 5);
    }
    if (Buffer.compare(Buffer.from(again.subarray(12)), buf.subarray(12, end)) !== 0) return fail("the question does not survive dns-packet's decoding", 5);
  }
  const opts = p.additionals.filter((a: DecodedRecord) => a.type === "OPT");
  if (opts.length > 1) return fail(`${opts.length} OPT records`, 1);
  const o = opts[0];
  return {
    ok: true,
    query: {
      id: p.id,
      opcode,
      rcode: p.flags & 0x0f,
      flags: { qr: p.type === "response", aa: p.flag_aa, tc: p.flag_tc, rd: p.flag_rd, ra: p.flag_ra, ad: p.flag_ad, cd: p.flag_cd },
      question,
      answer: [],
      authority: [],
      additional: [],
      edns: o
        ? { udpPayloadSize: o.udpPayloadSize ?? 512, dnssecOk: o.flag_do === true, extendedRcode: ((o.extendedRcode ?? 0) << 4) | (p.flags & 0x0f), version: o.ednsVersion ?? 0 }
        : null,
    },
  };
}

function emptyMessage(id: number): DnsMessage {
  return {
    id,
    opcode: 0,
    rcode: 0,
    flags: { qr: false, aa: false, tc: false, rd: false, ra: false, ad: false, cd: false },
    question: [],
    answer: [],
    authority: [],
    additional: [],
    edns: null,
  };
}
