import { describe, expect, it } from "vitest";
import { WireError } from "../../lib/dns/errors";
import { wireProblem } from "./wire-problem";
import {
  decodeRdata,
  decodeTypeBitmap,
  encodeRdata,
  encodeTypeBitmap,
  formatRdata,
  formatRecord,
  rrTypeCode,
  rrTypeName,
} from "../../lib/dns/rdata";
import { RRType, type RecordData } from "../../lib/dns/types";

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const bytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, "hex"));

const samples: Array<[number, RecordData, string]> = [
  [RRType.A, { kind: "A", address: "192.0.2.1" }, "192.0.2.1"],
  [RRType.AAAA, { kind: "AAAA", address: "2001:db8::f00:baa9" }, "2001:db8::f00:baa9"],
  [RRType.NS, { kind: "NS", target: "ns1.Example." }, "ns1.Example."],
  [RRType.CNAME, { kind: "CNAME", target: "a\\.b.example." }, "a\\.b.example."],
  [RRType.DNAME, { kind: "DNAME", target: "example.net." }, "example.net."],
  [RRType.PTR, { kind: "PTR", target: "host.example." }, "host.example."],
  [RRType.MX, { kind: "MX", preference: 10, exchange: "mx.example." }, "10 mx.example."],
  [RRType.TXT, { kind: "TXT", strings: [new TextEncoder().encode('v=spf1 "x"'), Uint8Array.from([0, 200])] }, '"v=spf1 \\"x\\"" "\\000\\200"'],
  [
    RRType.SOA,
    { kind: "SOA", mname: "ns1.example.", rname: "bugs.x.w.example.", serial: 1, refresh: 3600, retry: 300, expire: 3600000, minimum: 3600 },
    "ns1.example. bugs.x.w.example. 1 3600 300 3600000 3600",
  ],
  [RRType.DS, { kind: "DS", keyTag: 60485, algorithm: 5, digestType: 1, digest: bytes("2bb183af5f22588179a53b0a98631fad1a292118") }, "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118"],
  [RRType.DNSKEY, { kind: "DNSKEY", flags: 257, protocol: 3, algorithm: 13, publicKey: bytes("0102") }, "257 3 13 AQI="],
  [
    RRType.RRSIG,
    {
      kind: "RRSIG",
      typeCovered: RRType.TLSA,
      algorithm: 13,
      labels: 5,
      originalTtl: 3600,
      expiration: 1606867200,
      inception: 1543363200,
      keyTag: 1870,
      signerName: "example.com.",
      signature: bytes("cafe"),
    },
    "TLSA 13 5 3600 20201202000000 20181128000000 1870 example.com. yv4=",
  ],
  [RRType.NSEC, { kind: "NSEC", nextName: "b.example.", types: [1, 13, 28, 46, 47] }, "b.example. A HINFO AAAA RRSIG NSEC"],
  [
    RRType.NSEC3,
    { kind: "NSEC3", hashAlgorithm: 1, flags: 1, iterations: 12, salt: bytes("aabbccdd"), nextHashed: bytes("0000000000000000000000000000000000000000"), types: [1, 46] },
    `1 1 12 AABBCCDD ${"0".repeat(32)} A RRSIG`,
  ],
  [RRType.NSEC3PARAM, { kind: "NSEC3PARAM", hashAlgorithm: 1, flags: 0, iterations: 0, salt: new Uint8Array(0) }, "1 0 0 -"],
  [RRType.TLSA, { kind: "TLSA", usage: 3, selector: 1, matchingType: 1, data: bytes("abcd") }, "3 1 1 ABCD"],
];

describe("RDATA codec", () => {
  for (const [type, data, text] of samples) {
    it(`round-trips ${rrTypeName(type)} and prints "${text.slice(0, 40)}"`, () => {
      const wire = encodeRdata(data);
      const decoded = decodeRdata(type, wire);
      expect(decoded.data).toEqual(data);
      expect(hex(decoded.rdata)).toBe(hex(wire));
      expect(formatRdata({ type, rdata: wire, data: decoded.data })).toBe(text);
    });
  }

  it("rejects A RDATA of 5 octets naming the record and offset", () => {
    expect(wireProblem(() => decodeRdata(RRType.A, bytes("c000020100"), { buf: new Uint8Array(62).fill(0xc0), offset: 57 }))).toEqual({
      kind: "rdata-size",
      part: "rdata",
      rrType: "A",
      offset: 57,
      size: 5,
      expected: 4,
    });
  });

  it("rejects left-over octets and fields cut off by RDLENGTH", () => {
    expect(wireProblem(() => decodeRdata(RRType.MX, bytes("000a00ff")))).toEqual({ kind: "rdata-extra", part: "rdata", rrType: "MX", offset: 3, extra: 1 });
    // SOA: MNAME and RNAME are the root, then the serial needs 4 octets and finds 4, refresh finds 0.
    expect(wireProblem(() => decodeRdata(RRType.SOA, nameThenShort()))).toEqual({ kind: "field-cut", part: "rdata", rrType: "SOA", field: "refresh", offset: 6, need: 4, have: 0 });
    expect(wireProblem(() => decodeRdata(RRType.NSEC3, bytes("01000000" + "00" + "00")))).toEqual({ kind: "nsec3-hash-empty", part: "rdata", rrType: "NSEC3", field: "hash-length", offset: 5 });
    expect(wireProblem(() => decodeRdata(RRType.TXT, new Uint8Array(0)))).toEqual({ kind: "txt-empty", part: "rdata", rrType: "TXT", offset: 0 });
    expect(wireProblem(() => decodeRdata(RRType.TXT, bytes("05616263")))).toMatchObject({ kind: "field-cut", field: "string", offset: 1, need: 5, have: 3 });
  });

  it("keeps DNSKEY protocol values other than 3 (the validator decides, the codec does not throw)", () => {
    const d = decodeRdata(RRType.DNSKEY, bytes("0101020d01"));
    expect(d.data).toMatchObject({ kind: "DNSKEY", flags: 257, protocol: 2 });
  });

  it("expands compressed names inside RDATA and keeps their case", () => {
    // message: 12 header octets, "Mx.Example." at 12, then MX RDATA at 24: pref 5, "a" + ptr 12.
    const msg = Uint8Array.from([...new Array<number>(12).fill(0), 2, 0x4d, 0x78, 7, ...Buffer.from("Example"), 0, 0, 5, 1, 0x61, 0xc0, 12]);
    const rd = msg.subarray(24);
    const d = decodeRdata(RRType.MX, rd, { buf: msg, offset: 24 });
    expect(d.data).toEqual({ kind: "MX", preference: 5, exchange: "a.Mx.Example." });
    expect(hex(d.rdata)).toBe("0005" + "0161" + "024d78" + "074578616d706c65" + "00");
  });

  it("falls back to RFC 3597 for types without a presentation form, and prints HINFO and SRV", () => {
    expect(formatRdata({ type: 65534, rdata: bytes("0102"), data: { kind: "unknown" } })).toBe("\\# 2 0102");
    expect(formatRdata({ type: 13, rdata: bytes("024869024f53"), data: { kind: "unknown" } })).toBe('"Hi" "OS"');
    expect(formatRdata({ type: 33, rdata: bytes("0001000200190378797a00"), data: { kind: "unknown" } })).toBe("1 2 25 xyz.");
  });

  it("formats a whole record as the UI shows it", () => {
    const data: RecordData = { kind: "TLSA", usage: 3, selector: 1, matchingType: 1, data: bytes("abcd") };
    const rr = { name: "_25._tcp.mx.example.", type: RRType.TLSA, class: 1, ttl: 3600, rdata: encodeRdata(data), data };
    expect(formatRecord(rr)).toBe("_25._tcp.mx.example. 3600 IN TLSA 3 1 1 ABCD");
  });
});

function nameThenShort(): Uint8Array {
  return Uint8Array.from([0, 0, 0, 0, 0, 1]);
}

describe("type bitmaps (RFC 4034 §4.1.2)", () => {
  it("encodes the RFC 4034 §4.3 example", () => {
    // "host.example.com. NSEC ... A MX RRSIG NSEC TYPE1234"
    const bm = encodeTypeBitmap([1, 15, 46, 47, 1234]);
    expect(hex(bm)).toBe("0006400100000003" + "041b" + "000000000000000000000000000000000000000000000000000020");
    expect(decodeTypeBitmap(bm)).toEqual([1, 15, 46, 47, 1234]);
  });

  it("rejects windows out of order, of length 0 or > 32, cut off, or with a trailing zero octet", () => {
    expect(() => decodeTypeBitmap(bytes("01014000" + "0140"))).toThrow(WireError);
    expect(wireProblem(() => decodeTypeBitmap(bytes("0101400001" + "40")))).toMatchObject({ kind: "bitmap-order", window: 0, previous: 1, offset: 3 });
    expect(wireProblem(() => decodeTypeBitmap(bytes("0000")))).toMatchObject({ kind: "bitmap-length", window: 0, length: 0 });
    expect(wireProblem(() => decodeTypeBitmap(bytes("0021" + "40".repeat(33))))).toMatchObject({ kind: "bitmap-length", length: 33 });
    expect(wireProblem(() => decodeTypeBitmap(bytes("000540")))).toMatchObject({ kind: "bitmap-overrun", window: 0, length: 5 });
    expect(wireProblem(() => decodeTypeBitmap(bytes("00024000")))).toMatchObject({ kind: "bitmap-zero", window: 0 });
    expect(wireProblem(() => decodeTypeBitmap(bytes("00")))).toMatchObject({ kind: "bitmap-cut", at: 0 });
  });
});

describe("type mnemonics", () => {
  it("maps names and codes both ways, TYPEnnn for unknown", () => {
    expect(rrTypeName(52)).toBe("TLSA");
    expect(rrTypeName(65534)).toBe("TYPE65534");
    expect(rrTypeCode("tlsa")).toBe(52);
    expect(rrTypeCode("TYPE65534")).toBe(65534);
    expect(rrTypeCode("HINFO")).toBe(13);
  });

  it("throws for an unknown mnemonic instead of returning type 0", () => {
    expect(() => rrTypeCode("TLSAA")).toThrow(/unknown RR type/);
    expect(() => rrTypeCode("TYPE70000")).toThrow();
  });
});
