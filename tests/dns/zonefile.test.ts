import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatNameLabels, readWireName } from "../../lib/dns/name";
import { formatRecord } from "../../lib/dns/rdata";
import { RRType } from "../../lib/dns/types";
import { ZoneParseError, parseZoneFile } from "../../lib/dns/zonefile";

// tests/vectors/<source>/PROVENANCE.md says where each file comes from.
const VECTORS = join(import.meta.dirname, "..", "vectors");
const read = (p: string): string => readFileSync(join(VECTORS, p), "utf8");
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

/** Splits the RFC 9102 AuthenticationChain (uncompressed RRs back to back) into owner/type/rdata. */
function splitWireRecords(buf: Uint8Array): Array<{ name: string; type: number; ttl: number; rdata: Uint8Array }> {
  const out: Array<{ name: string; type: number; ttl: number; rdata: Uint8Array }> = [];
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let pos = 0;
  while (pos < buf.length) {
    const n = readWireName(buf, pos);
    pos = n.next;
    const type = view.getUint16(pos);
    const ttl = view.getUint32(pos + 4);
    const len = view.getUint16(pos + 8);
    out.push({ name: formatNameLabels(n.labels), type, ttl, rdata: buf.slice(pos + 10, pos + 10 + len) });
    pos += 10 + len;
  }
  return out;
}

describe("zone files from the vectors", () => {
  it("rfc9102 authentication chain: the .txt parses to the .bin RDATA byte for byte", () => {
    const text = parseZoneFile(read("rfc9102/authentication-chain.txt"));
    const wire = splitWireRecords(new Uint8Array(readFileSync(join(VECTORS, "rfc9102/authentication-chain.bin"))));
    expect(text).toHaveLength(18);
    expect(wire).toHaveLength(18);
    text.forEach((rr, k) => {
      const w = wire[k];
      expect(rr.name).toBe(w?.name);
      expect(rr.type).toBe(w?.type);
      expect(rr.ttl).toBe(w?.ttl);
      expect(hex(rr.rdata)).toBe(hex(w?.rdata ?? new Uint8Array()));
    });
    expect(formatRecord(text[0]!)).toBe(
      "_443._tcp.www.example.com. 3600 IN TLSA 3 1 1 8BD1DA95272F7FA4FFB24137FC0ED03AAE67E5C4D8B3C50734E1050A7920B922",
    );
  });

  it("rfc9102 trust anchor DS line without a TTL gets the default TTL", () => {
    const [ds] = parseZoneFile(read("rfc9102/trust-anchor.zone"), { defaultTtl: 172800 });
    expect(ds?.data).toMatchObject({ kind: "DS", keyTag: 47005, algorithm: 13, digestType: 2 });
    expect(ds?.ttl).toBe(172800);
  });

  it("rfc4035 Appendix A zone: every record, HINFO and NSEC bitmaps included", () => {
    const rrs = parseZoneFile(read("rfc-examples/rfc4035-appendix-A.zone"));
    expect(rrs.length).toBeGreaterThan(60);
    const nsec = rrs.find((r) => r.name === "ai.example." && r.type === RRType.NSEC);
    expect(nsec?.data).toEqual({ kind: "NSEC", nextName: "b.example.", types: [1, 13, 28, 46, 47] });
    const hinfo = rrs.find((r) => r.name === "ai.example." && r.type === 13);
    expect(hex(hinfo!.rdata)).toBe("064b4c482d3130" + "03495453");
  });

  it("rfc5155 Appendix A zone: NSEC3 base32hex next hashes and NSEC3PARAM salt", () => {
    const rrs = parseZoneFile(read("rfc-examples/rfc5155-appendix-A.zone"));
    const param = rrs.find((r) => r.type === RRType.NSEC3PARAM);
    expect(param?.data).toMatchObject({ kind: "NSEC3PARAM", hashAlgorithm: 1, flags: 0, iterations: 12 });
    const n3 = rrs.filter((r) => r.type === RRType.NSEC3);
    expect(n3.length).toBeGreaterThan(5);
    for (const rr of n3) {
      if (rr.data.kind !== "NSEC3") throw new Error("not NSEC3");
      expect(rr.data.nextHashed).toHaveLength(20);
      expect(rr.data.flags).toBe(1);
      expect(hex(rr.data.salt)).toBe("aabbccdd");
    }
  });

  it("rfc8080 6.1 zone: RRSIG times given as plain seconds", () => {
    const sig = parseZoneFile(read("rfc-examples/rfc8080-6.1-ed25519.zone")).find((r) => r.type === RRType.RRSIG);
    expect(sig?.data).toMatchObject({ kind: "RRSIG", algorithm: 15, inception: expect.any(Number) });
  });

  it("dnspython rrsig-validate lines, relative names resolved against the case's origin", () => {
    const cases = JSON.parse(read("dnspython/rrsig-validate.json")) as {
      cases: Array<{ name: string; origin?: string; rrset: string[]; rrsig: string[]; keys: string[] }>;
    };
    let count = 0;
    for (const c of cases.cases) {
      const opts = c.origin ? { origin: c.origin } : {};
      for (const line of [...c.rrset, ...c.rrsig, ...c.keys]) count += parseZoneFile(line, opts).length;
    }
    expect(count).toBeGreaterThan(100);
    const rel = cases.cases.find((c) => c.origin);
    if (rel) {
      const sig = parseZoneFile(rel.rrsig[0]!, { origin: rel.origin! })[0];
      expect(sig?.data.kind).toBe("RRSIG");
      if (sig?.data.kind === "RRSIG") expect(sig.data.signerName.endsWith(".")).toBe(true);
    }
  });

  it("real-world TXT strings of 255 octets split across strings", () => {
    const rrs = parseZoneFile(read("real-world/dnssec-prover/bitcoin.ninja-txt-sort-order.zone"));
    const txt = rrs.filter((r) => r.type === RRType.TXT);
    expect(txt.length).toBe(8);
    for (const rr of txt) if (rr.data.kind === "TXT") for (const s of rr.data.strings) expect(s.length).toBeLessThanOrEqual(255);
  });

  it("ldns-signzone and dnssec-signzone output: continuation, comments, omitted owners", () => {
    for (const f of readdirSync(join(VECTORS, "signers")).filter((n) => n.endsWith(".zone"))) {
      const rrs = parseZoneFile(read(join("signers", f)));
      const types = new Set(rrs.map((r) => r.type));
      expect(types.has(RRType.RRSIG)).toBe(true);
      expect(types.has(RRType.DNSKEY)).toBe(true);
      expect(types.has(RRType.TLSA)).toBe(true);
      expect(types.has(f.includes("nsec3") ? RRType.NSEC3 : RRType.NSEC)).toBe(true);
      const txt = rrs.find((r) => r.type === RRType.TXT);
      expect(txt && formatRecord(txt)).toBe('txt.signers.example. 3600 IN TXT "v=spf1 -all" "second \\"quoted\\" string"');
      for (const rr of rrs) {
        const [again] = parseZoneFile(formatRecord(rr));
        expect(hex(again!.rdata)).toBe(hex(rr.rdata));
      }
    }
  });
});

describe("master-file syntax", () => {
  it("applies $ORIGIN, $TTL, @, relative names, omitted owner, TTL units and class/TTL in either order", () => {
    const rrs = parseZoneFile(
      [
        "$ORIGIN Example.",
        "$TTL 1h",
        "@ IN SOA ns1 hostmaster ( 1 ; serial",
        "   2h 1h 1w 300 )",
        "  NS ns1",
        "www 60 IN A 192.0.2.1",
        "    IN 120 AAAA 2001:db8::1",
        "$ORIGIN sub.example.",
        "mx MX 10 @",
        "abs.example.org. TXT a\\032b \"c;d\"",
      ].join("\n"),
    );
    expect(rrs.map((r) => [r.name, r.type, r.ttl])).toEqual([
      ["Example.", RRType.SOA, 3600],
      ["Example.", RRType.NS, 3600],
      ["www.Example.", RRType.A, 60],
      ["www.Example.", RRType.AAAA, 120],
      ["mx.sub.example.", RRType.MX, 3600],
      ["abs.example.org.", RRType.TXT, 3600],
    ]);
    expect(rrs[0]?.data).toMatchObject({ mname: "ns1.Example.", rname: "hostmaster.Example.", refresh: 7200, expire: 604800 });
    expect(rrs[4]?.data).toEqual({ kind: "MX", preference: 10, exchange: "sub.example." });
    expect(formatRecord(rrs[5]!)).toBe('abs.example.org. 3600 IN TXT "a b" "c;d"');
  });

  it("decodes character-string escapes: \\\\, \\\", \\DDD and an escaped space", () => {
    const [t] = parseZoneFile('t.example. 1 IN TXT "a\\\\b" "q\\"x" \\065\\ z');
    if (t?.data.kind !== "TXT") throw new Error("not TXT");
    expect(t.data.strings.map((b) => Buffer.from(b).toString("latin1"))).toEqual(["a\\b", 'q"x', "A z"]);
    expect(formatRecord(t)).toBe('t.example. 1 IN TXT "a\\\\b" "q\\"x" "A z"');
  });

  it("parses RFC 3597 generic RDATA for known and unknown types, and TYPEnnn", () => {
    const rrs = parseZoneFile("a.example. 300 CLASS1 TYPE1 \\# 4 C0000201\nb.example. 300 IN TYPE65534 \\# 3 01 0203\nc.example. 1 IN TYPE65535 \\# 0");
    expect(rrs[0]?.data).toEqual({ kind: "A", address: "192.0.2.1" });
    expect(formatRecord(rrs[1]!)).toBe("b.example. 300 IN TYPE65534 \\# 3 010203");
    expect(rrs[2]?.rdata).toHaveLength(0);
  });

  it("accepts base64 with white space and algorithm mnemonics", () => {
    const [k] = parseZoneFile("k.example. 1 IN DNSKEY 256 3 ECDSAP256SHA256 ( AQID\n BAU= )");
    expect(k?.data).toMatchObject({ kind: "DNSKEY", algorithm: 13, publicKey: Uint8Array.from([1, 2, 3, 4, 5]) });
  });

  it("throws ZoneParseError with the line number", () => {
    const bad: Array<[string, number, RegExp]> = [
      ["a.example. 1 IN A 1.2.3", 1, /IPv4/],
      ["a.example. 1 IN A 192.0.2.1\nb.example. 1 IN MX 10", 2, /missing exchange/],
      ["a.example. 1 IN NOSUCHTYPE 1", 1, /not a TTL, class or RR type/],
      ["a.example. 1 IN A 192.0.2.1 extra", 1, /unexpected/],
      ["x 1 IN A 192.0.2.1", 1, /no \$ORIGIN/],
      ["\n\na.example. 1 IN TXT ( \"x\"", 3, /never closed/],
      ["a.example. 1 IN TYPE65534 \\# 3 0102", 1, /says 3 octets/],
      ["a.example. 1 IN DS 1 8 2 XYZ", 1, /hex/],
      ["a.example. 1 IN RRSIG A 8 2 1 202001011200 2019 1 a.example. AAAA", 1, /RRSIG time/],
      ["$INCLUDE other.zone", 1, /not supported/],
      ["a.example. 1 IN CNAME a..example.", 1, /empty label/],
      ["a.example. 1 IN TYPE65534 00", 1, /RFC 3597/],
      ["  1 IN A 192.0.2.1", 1, /no owner/],
    ];
    for (const [text, line, msg] of bad) {
      let caught: unknown;
      try {
        parseZoneFile(text);
      } catch (err) {
        caught = err;
      }
      expect(caught, text).toBeInstanceOf(ZoneParseError);
      expect((caught as ZoneParseError).line, text).toBe(line);
      expect((caught as ZoneParseError).message, text).toMatch(msg);
    }
  });
});

describe("mutated zone text", () => {
  it("1000 seeded mutations of a signed zone: records or ZoneParseError, nothing else", () => {
    const base = read("signers/dnssec-signzone-nsec.zone");
    let seed = 0x2026;
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const alphabet = ' \t\n;()"\\.@$0123456789aZ#-+/=';
    let parsed = 0;
    let rejected = 0;
    for (let k = 0; k < 1000; k++) {
      const chars = base.split("");
      for (let m = 0; m <= next(3); m++) chars[next(chars.length)] = alphabet[next(alphabet.length)] as string;
      try {
        parseZoneFile(chars.join(""));
        parsed++;
      } catch (err) {
        if (!(err instanceof ZoneParseError)) throw new Error(`not a ZoneParseError: ${String(err)}`);
        expect(err.line).toBeGreaterThan(0);
        rejected++;
      }
    }
    expect(parsed).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });
});
