// The lab's bridge to dns-packet (lib/lab/packet-codec.ts): each workaround of a dns-packet bug in
// ../shared/PITFALLS.md, checked on the bytes (read back with lib/dns's strict decoder, and by
// offset where the point is the wire layout itself).
import { describe, expect, it } from "vitest";
import { RRClass, RRType, type DnsMessage, type ResourceRecord } from "../../lib/dns/types";
import { buildQuery, decodeMessage } from "../../lib/dns/wire";
import { parseZoneFile } from "../../lib/dns/zonefile";
import { decodeQueryWithPacket, encodeWithPacket, LabCodecError, toPacketRecord } from "../../lib/lab/packet-codec";

function message(extra: Partial<DnsMessage> = {}): DnsMessage {
  return {
    id: 0xbeef,
    opcode: 0,
    rcode: 0,
    flags: { qr: true, aa: false, tc: false, rd: true, ra: true, ad: false, cd: true },
    question: [{ name: "Example.test.", type: RRType.MX, class: RRClass.IN }],
    answer: [],
    authority: [],
    additional: [],
    edns: null,
    ...extra,
  };
}

const record = (line: string): ResourceRecord => {
  const [rr] = parseZoneFile(line);
  if (!rr) throw new Error(`no record in ${line}`);
  return rr;
};

describe("lib/lab/packet-codec.ts writes what dns-packet alone gets wrong", () => {
  it("sets QR, the opcode and every header flag (dns-packet masks the flags with 0x7fff)", () => {
    const bytes = encodeWithPacket(message({ opcode: 2, flags: { qr: true, aa: true, tc: true, rd: true, ra: true, ad: true, cd: true } }));
    expect(((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)).toBe(0x8000 | (2 << 11) | 0x0400 | 0x0200 | 0x0100 | 0x0080 | 0x0020 | 0x0010);
  });

  it("packs the RCODE into the header, its upper bits into the OPT record", () => {
    const plain = decodeMessage(encodeWithPacket(message({ rcode: 3 })));
    expect(plain.rcode).toBe(3);
    const extended = decodeMessage(encodeWithPacket(message({ rcode: 16, edns: { udpPayloadSize: 1232, dnssecOk: false, extendedRcode: 16, version: 0 } })));
    expect(extended.rcode).toBe(16);
    expect(() => encodeWithPacket(message({ rcode: 16 }))).toThrow(LabCodecError);
  });

  it("puts the DO bit in the OPT record's flags, not the header", () => {
    const bytes = encodeWithPacket(message({ edns: { udpPayloadSize: 1232, dnssecOk: true, extendedRcode: 0, version: 0 } }));
    const decoded = decodeMessage(bytes);
    expect(decoded.edns).toEqual({ udpPayloadSize: 1232, dnssecOk: true, extendedRcode: 0, version: 0 });
    expect(decoded.flags.cd).toBe(true);
  });

  it("writes DNSKEY flags as given, and a DNSKEY of another protocol from its zone-file bytes", () => {
    const ksk = record("example.test. 3600 IN DNSKEY 257 3 13 AQID");
    const odd = record("example.test. 3600 IN DNSKEY 256 2 13 AQID");
    const decoded = decodeMessage(encodeWithPacket(message({ answer: [ksk, odd] })));
    expect(decoded.answer.map((rr) => (rr.data.kind === "DNSKEY" ? [rr.data.flags, rr.data.protocol] : null))).toEqual([
      [257, 3],
      [256, 2],
    ]);
    expect(toPacketRecord(odd).type).toBe("UNKNOWN_48");
  });

  it("refuses a TXT string over 255 octets instead of writing a truncated length", () => {
    const txt = record(`example.test. 60 IN TXT "${"a".repeat(255)}"`);
    expect(decodeMessage(encodeWithPacket(message({ answer: [txt] }))).answer[0]?.rdata[0]).toBe(255);
    const long: ResourceRecord = { ...txt, data: { kind: "TXT", strings: [new Uint8Array(256)] } };
    expect(() => encodeWithPacket(message({ answer: [long] }))).toThrow(/over 255 octets/);
  });

  it("refuses names that need an escape and classes dns-packet would write as 0", () => {
    expect(() => encodeWithPacket(message({ question: [{ name: "a\\.b.test.", type: RRType.A, class: RRClass.IN }] }))).toThrow(LabCodecError);
    expect(() => encodeWithPacket(message({ question: [{ name: "a.test.", type: RRType.A, class: 254 }] }))).toThrow(/class 254/);
  });

  it("writes types it has no codec for (NSEC3PARAM, CDS, unknown) from the zone file's RDATA", () => {
    const rrs = [
      record("example.test. 0 IN NSEC3PARAM 1 0 0 AABB"),
      record("example.test. 60 IN CDS 12345 13 2 ABCDEF"),
      record("example.test. 60 IN TYPE65534 \\# 3 010203"),
    ];
    const decoded = decodeMessage(encodeWithPacket(message({ answer: rrs })));
    expect(decoded.answer.map((rr) => [rr.type, Buffer.from(rr.rdata).toString("hex")])).toEqual(rrs.map((rr) => [rr.type, Buffer.from(rr.rdata).toString("hex")]));
  });
});

describe("reading queries with dns-packet, strictly", () => {
  const query = (name: string, type: number = RRType.A) => buildQuery({ name, type, class: RRClass.IN }, { id: 0x1234, dnssecOk: true, udpPayloadSize: 1232 });

  it("reads the question, RD, CD and the OPT record's DO bit and size", () => {
    const read = decodeQueryWithPacket(query("Dane-EE.test.", RRType.TLSA));
    if (!read.ok) throw new Error(read.reason);
    expect(read.query.question).toEqual([{ name: "Dane-EE.test.", type: RRType.TLSA, class: RRClass.IN }]);
    expect(read.query.edns).toMatchObject({ dnssecOk: true, udpPayloadSize: 1232 });
    expect(read.query.flags.qr).toBe(false);
  });

  it("refuses octets after the last record (dns-packet would ignore them)", () => {
    const q = query("a.test.");
    const padded = new Uint8Array(q.length + 3);
    padded.set(q);
    const read = decodeQueryWithPacket(padded);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.rcode).toBe(1);
  });

  it("refuses a question dns-packet misreads (a dot inside a label), pointing at the question to echo", () => {
    const q = query("a\\.b.test.");
    const read = decodeQueryWithPacket(q);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.rcode).toBe(5);
      // Header, then labels "a.b" and "test", the root, type and class.
      expect(read.questionEnd).toBe(12 + (1 + 3) + (1 + 4) + 1 + 4);
    }
  });
});
