// Differential codec test (issue 9 §3): the same bytes decoded by lib/dns (the analyzer's strict
// decoder) and by dns-packet 5.6.1 (the lab's codec, written by others) must agree on every field
// of every record type both support. A bug lib/dns's encoder and decoder share shows up here as a
// disagreement with a decoder that shares nothing with them. Three sources of bytes:
//   - real packets we did not make (tests/vectors/malformed: the c-ares and dnssec-prover corpora),
//     and the records of every zone file under tests/vectors written into messages by dns-packet;
//   - every answer of the running lab (written by dns-packet) to every scenario's names and types;
//   - seeded random-but-valid messages (fast-check), written by lib/dns (with and without name
//     compression) and by dns-packet.
import { Buffer } from "node:buffer";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import dnsPacket from "dns-packet";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { encodeRdata } from "../../lib/dns/rdata";
import { RRType, type DnsMessage, type RecordData, type ResourceRecord, type RRTypeName } from "../../lib/dns/types";
import { decodeMessage, encodeMessage } from "../../lib/dns/wire";
import { parseZoneFile } from "../../lib/dns/zonefile";
import { scenarios } from "../../lib/lab/catalog";
import { startLab, type Lab } from "../../lib/lab";
import { encodeWithPacket, LabCodecError } from "../../lib/lab/packet-codec";
import { tcpRaw, udpRaw } from "../lab/raw-dns";
import { compareDecoders, disagreements, readWithLib, readWithPacket, type Comparison } from "./differential-readings";

const VECTORS = join(import.meta.dirname, "..", "vectors");

/**
 * dns-packet limits that make it refuse a message lib/dns reads correctly (../shared/PITFALLS.md).
 * Anything else it refuses is a disagreement.
 */
const KNOWN_PACKET_LIMITS = [/Protocol must be 3/, /name too long/];

function expectAgreement(c: Comparison, what: string): void {
  if (c.outcome === "packet-refused" && c.otherTypes.length === 0 && !KNOWN_PACKET_LIMITS.some((re) => re.test(c.reason))) {
    throw new Error(`${what}: lib/dns read it, dns-packet refused it: ${c.reason}`);
  }
  if (c.outcome === "compared" && c.diffs.length > 0) throw new Error(`${what}: lib/dns and dns-packet disagree:\n  ${c.diffs.join("\n  ")}`);
}

function tally(): { compared: number; records: number; types: Set<number>; refusedByLib: number; refusedByPacket: string[] } {
  return { compared: 0, records: 0, types: new Set(), refusedByLib: 0, refusedByPacket: [] };
}
type Tally = ReturnType<typeof tally>;

function record(t: Tally, c: Comparison, what: string): void {
  expectAgreement(c, what);
  if (c.outcome === "compared") {
    t.compared += 1;
    t.records += c.records;
    for (const type of c.fieldTypes) t.types.add(type);
  } else if (c.outcome === "lib-refused") t.refusedByLib += 1;
  else t.refusedByPacket.push(`${what}: ${c.reason}`);
}

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function response(records: ResourceRecord[]): DnsMessage {
  return {
    id: 0x4d53,
    opcode: 0,
    rcode: 0,
    flags: { qr: true, aa: true, tc: false, rd: true, ra: true, ad: false, cd: true },
    question: [{ name: records[0]?.name ?? ".", type: records[0]?.type ?? RRType.A, class: 1 }],
    answer: records,
    authority: [],
    additional: [],
    edns: { udpPayloadSize: 1232, dnssecOk: true, extendedRcode: 0, version: 0 },
  };
}

describe("lib/dns and dns-packet read the same bytes the same way", () => {
  it("real packets of the fuzz corpora that lib/dns accepts (tests/vectors/malformed)", () => {
    const t = tally();
    const manifest = corpusFiles(readFileSync(join(VECTORS, "malformed", "manifest.json"), "utf8"));
    for (const f of manifest) record(t, compareDecoders(new Uint8Array(readFileSync(join(VECTORS, "malformed", f)))), f);
    expect(manifest.length).toBeGreaterThan(50);
    // Most are hostile and refused by the strict decoder; the ones it reads must read alike.
    expect(t.compared).toBeGreaterThan(0);
  });

  it("every record of every zone file in tests/vectors, written by dns-packet and by lib/dns", () => {
    const t = tally();
    for (const file of filesUnder(VECTORS, ".zone")) {
      let records: ResourceRecord[];
      try {
        records = parseZoneFile(readFileSync(file, "utf8"));
      } catch {
        continue; // a deliberately broken zone file: the zone-file tests own it
      }
      for (let i = 0; i < records.length; i += 40) {
        const msg = response(records.slice(i, i + 40));
        const what = `${file.slice(VECTORS.length + 1)} records ${i}..${i + 39}`;
        record(t, compareDecoders(encodeMessage(msg, { compress: true })), `${what} (lib/dns, compressed)`);
        let packetBytes: Uint8Array;
        try {
          packetBytes = encodeWithPacket(msg);
        } catch (err) {
          if (err instanceof LabCodecError) continue; // a name dns-packet cannot write (an escape)
          throw err;
        }
        record(t, compareDecoders(packetBytes), `${what} (dns-packet)`);
      }
    }
    expect(t.compared).toBeGreaterThan(50);
    for (const type of [RRType.DNSKEY, RRType.RRSIG, RRType.NSEC, RRType.NSEC3, RRType.DS, RRType.SOA, RRType.TXT, RRType.A, RRType.AAAA]) {
      expect(t.types.has(type), `type ${type} compared`).toBe(true);
    }
  });
});

describe("every lab answer reads the same with lib/dns and dns-packet", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ withSmtp: false });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it("for each scenario's names and types, over UDP and (when truncated) TCP", async () => {
    const t = tally();
    const questions = labQuestions();
    const server = lab.resolver;
    let overTcp = 0;
    const one = async ([name, type]: [string, RRTypeName]) => {
      const q = { name, type, dnssecOk: true, udpPayloadSize: 1232, timeoutMs: 1500 };
      const udp = await udpRaw(server, q);
      if (!udp) return;
      const what = `lab ${name} ${type}`;
      record(t, compareDecoders(udp), `${what} (udp)`);
      // TC bit: byte 2, 0x02.
      if (((udp[2] ?? 0) & 0x02) !== 0) {
        const tcp = await tcpRaw(server, q);
        if (tcp) record(t, compareDecoders(tcp), `${what} (tcp)`);
        overTcp += tcp ? 1 : 0;
      }
    };
    const queue = [...questions];
    await Promise.all(Array.from({ length: 16 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await one(next);
    }));
    expect(questions.length).toBeGreaterThan(500);
    expect(overTcp).toBeGreaterThan(0);
    expect(t.compared).toBeGreaterThan(questions.length * 0.9);
    for (const type of [RRType.DNSKEY, RRType.RRSIG, RRType.NSEC, RRType.NSEC3, RRType.DS, RRType.SOA, RRType.MX, RRType.TLSA, RRType.CNAME, RRType.DNAME, RRType.A, RRType.AAAA]) {
      expect(t.types.has(type), `type ${type} compared`).toBe(true);
    }
  }, 60_000);
});

describe.each([["csk"], ["ldns-nsec3-salt"]] as const)("the %s zone set's answers (Ed25519, ECDSA P-384, NSEC3 with salt) read the same", (signer) => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ withSmtp: false, signer });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it("at every zone apex and MX host", async () => {
    const t = tally();
    const questions: [string, RRTypeName][] = lab.catalog.flatMap((s) => [
      ...s.zones.flatMap((z) => (["DNSKEY", "SOA", "MX", "NSEC3PARAM", "TXT"] as const).map((type): [string, RRTypeName] => [z.origin, type])),
      ...s.mx.flatMap((h) => (["A", "AAAA"] as const).map((type): [string, RRTypeName] => [h.host, type])),
      [`_25._tcp.${s.mx[0]?.host ?? s.domain}`, "TLSA"] as [string, RRTypeName],
    ]);
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let i = w; i < questions.length; i += 8) {
          const [name, type] = questions[i] as [string, RRTypeName];
          const q = { name, type, dnssecOk: true, udpPayloadSize: 4096, timeoutMs: 1500 };
          const udp = await udpRaw(lab.resolver, q);
          if (udp) record(t, compareDecoders(udp), `${signer} ${name} ${type}`);
        }
      }),
    );
    expect(t.compared).toBeGreaterThan(questions.length * 0.9);
    const denial = signer === "csk" ? RRType.NSEC : RRType.NSEC3;
    for (const type of [RRType.DNSKEY, RRType.RRSIG, denial, RRType.SOA]) expect(t.types.has(type), `type ${type} compared`).toBe(true);
  }, 30_000);
});

/** Names a scenario's DNS has (and a few it has not), each with the types a check asks there. */
function labQuestions(): [string, RRTypeName][] {
  const slow = new Set(["drop", "delay", "mismatched-id"]);
  const skip = new Set(scenarios.flatMap((s) => s.faults.filter((f) => slow.has(f.fault)).map((f) => f.name.toLowerCase())));
  const apexTypes: RRTypeName[] = ["SOA", "NS", "DNSKEY", "DS", "MX", "A", "TXT", "NSEC3PARAM", "CNAME"];
  const hostTypes: RRTypeName[] = ["A", "AAAA", "CNAME", "MX"];
  const out = new Map<string, [string, RRTypeName]>();
  const add = (name: string, types: RRTypeName[]) => {
    if (skip.has(name.toLowerCase())) return;
    for (const t of types) out.set(`${name.toLowerCase()}|${t}`, [name, t]);
  };
  add(".", apexTypes);
  add("test.", apexTypes);
  add("ns1.test.", hostTypes);
  add("nonexistent.test.", ["A", "DS"]);
  for (const s of scenarios) {
    for (const z of s.zones) add(z.origin, apexTypes);
    add(`nonexistent.${s.domain}`, ["A", "MX"]);
    add(`_25._tcp.nonexistent.${s.domain}`, ["TLSA"]);
    for (const h of s.mx) {
      add(h.host, hostTypes);
      add(`_25._tcp.${h.host}`, ["TLSA", "CNAME"]);
      if (h.cnameTo) {
        add(h.cnameTo, hostTypes);
        add(`_25._tcp.${h.cnameTo}`, ["TLSA"]);
      }
      if (h.dname) add(h.dname.owner, ["DNAME", "A"]);
      if (h.wildcard) add(h.wildcard.replace(/^\*/, "expanded"), ["A", "AAAA", "TLSA"]);
    }
  }
  return [...out.values()];
}

// ---- seeded random-but-valid messages ------------------------------------------------------------

const label = fc.stringMatching(/^[A-Za-z0-9_-]{1,15}$/);
const nameArb = fc.array(fc.oneof({ weight: 9, arbitrary: label }, { weight: 1, arbitrary: fc.constant("*") }), { maxLength: 4 }).map((ls) => (ls.length === 0 ? "." : `${ls.join(".")}.`));
const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });
const typeSet = fc.uniqueArray(fc.oneof(fc.integer({ min: 1, max: 260 }), fc.integer({ min: 1, max: 0xffff })), { minLength: 0, maxLength: 8 }).map((ts) => [...ts].sort((a, b) => a - b));

type Made = { type: number; data: RecordData } | { type: number; raw: Uint8Array };
const dataArb: fc.Arbitrary<Made> = fc.oneof(
  u32.map((n): Made => ({ type: RRType.A, data: { kind: "A", address: [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join(".") } })),
  bytes(16, 16).map((b): Made => ({ type: RRType.AAAA, raw: b })),
  fc.tuple(fc.constantFrom(RRType.NS, RRType.CNAME, RRType.DNAME, RRType.PTR), nameArb).map(([type, target]): Made => {
    const kind = type === RRType.NS ? "NS" : type === RRType.CNAME ? "CNAME" : type === RRType.DNAME ? "DNAME" : "PTR";
    return { type, data: { kind, target } };
  }),
  fc.tuple(u16, nameArb).map(([preference, exchange]): Made => ({ type: RRType.MX, data: { kind: "MX", preference, exchange } })),
  fc.array(bytes(0, 255), { minLength: 1, maxLength: 3 }).map((strings): Made => ({ type: RRType.TXT, data: { kind: "TXT", strings } })),
  fc.tuple(nameArb, nameArb, u32, u32, u32, u32, u32).map(([mname, rname, serial, refresh, retry, expire, minimum]): Made => ({
    type: RRType.SOA,
    data: { kind: "SOA", mname, rname, serial, refresh, retry, expire, minimum },
  })),
  fc.tuple(fc.constantFrom(RRType.DS, RRType.CDS), u16, u8, u8, bytes(0, 64)).map(([type, keyTag, algorithm, digestType, digest]): Made => ({ type, data: { kind: "DS", keyTag, algorithm, digestType, digest } })),
  fc.tuple(fc.constantFrom(RRType.DNSKEY, RRType.CDNSKEY), u16, u8, bytes(0, 300)).map(([type, flags, algorithm, publicKey]): Made => ({
    type,
    // dns-packet refuses a whole packet holding a DNSKEY of another protocol (a known limit).
    data: { kind: "DNSKEY", flags, protocol: 3, algorithm, publicKey },
  })),
  fc.tuple(u16, u8, u8, u32, u32, u32, u16, nameArb, bytes(0, 256)).map(([typeCovered, algorithm, labels, originalTtl, expiration, inception, keyTag, signerName, signature]): Made => ({
    type: RRType.RRSIG,
    data: { kind: "RRSIG", typeCovered, algorithm, labels, originalTtl, expiration, inception, keyTag, signerName, signature },
  })),
  fc.tuple(nameArb, typeSet).map(([nextName, types]): Made => ({ type: RRType.NSEC, data: { kind: "NSEC", nextName, types } })),
  fc.tuple(u8, u8, u16, bytes(0, 16), bytes(1, 32), typeSet).map(([hashAlgorithm, flags, iterations, salt, nextHashed, types]): Made => ({
    type: RRType.NSEC3,
    data: { kind: "NSEC3", hashAlgorithm, flags, iterations, salt, nextHashed, types },
  })),
  fc.tuple(u8, u8, u16, bytes(0, 16)).map(([hashAlgorithm, flags, iterations, salt]): Made => ({ type: RRType.NSEC3PARAM, data: { kind: "NSEC3PARAM", hashAlgorithm, flags, iterations, salt } })),
  fc.tuple(u8, u8, u8, bytes(0, 64)).map(([usage, selector, matchingType, data]): Made => ({ type: RRType.TLSA, data: { kind: "TLSA", usage, selector, matchingType, data } })),
  // Types neither side decodes into fields (dns-packet has no codec for them): raw RDATA both ways.
  fc.tuple(fc.oneof(fc.integer({ min: 65280, max: 65534 }), fc.constantFrom(64, 65, 99, 256)), bytes(0, 40)).map(([type, raw]): Made => ({ type, raw })),
);

/** Classes: dns-packet can write only those it names (IN, CS, CH, HS, ANY); lib/dns writes any. */
const recordArb = (classes: number[]): fc.Arbitrary<ResourceRecord> => fc
  .tuple(nameArb, dataArb, fc.constantFrom(...classes), u32)
  .map(([name, made, klass, ttl]) => {
    const rdata = "raw" in made ? made.raw : encodeRdata(made.data);
    const data: RecordData = "raw" in made ? { kind: "unknown" } : made.data;
    return { name, type: made.type, class: klass, ttl, rdata, data };
  });

const messageArb = (classes: number[]): fc.Arbitrary<DnsMessage> => fc
  .record({
    id: u16,
    opcode: fc.integer({ min: 0, max: 15 }),
    flags: fc.record({ qr: fc.boolean(), aa: fc.boolean(), tc: fc.boolean(), rd: fc.boolean(), ra: fc.boolean(), ad: fc.boolean(), cd: fc.boolean() }),
    question: fc.array(fc.record({ name: nameArb, type: fc.integer({ min: 1, max: 0xffff }), class: fc.constantFrom(1, 3, 4, 255) }), { maxLength: 2 }),
    answer: fc.array(recordArb(classes), { maxLength: 6 }),
    authority: fc.array(recordArb(classes), { maxLength: 4 }),
    additional: fc.array(recordArb(classes), { maxLength: 3 }),
    // dns-packet writes an OPT UDP size of 0 as 4096 (`|| 4096`): sizes from 512 up.
    edns: fc.option(fc.record({ udpPayloadSize: fc.integer({ min: 512, max: 0xffff }), dnssecOk: fc.boolean(), extendedRcode: fc.constant(0), version: u8 }), { nil: null }),
    rcode: fc.integer({ min: 0, max: 4095 }),
  })
  .map((m) => ({ ...m, rcode: m.edns ? m.rcode : m.rcode & 0x0f }));

describe("seeded random-but-valid messages read the same with lib/dns and dns-packet", () => {
  const runs = { seed: 0x4d41494c, numRuns: 400 };

  it("written by lib/dns, names compressed and not", () => {
    fc.assert(
      fc.property(messageArb([1, 1, 1, 3, 4, 255, 254, 0x7fff]), (m) => {
        for (const compress of [false, true]) expectAgreement(compareDecoders(encodeMessage(m, { compress })), `lib/dns-encoded (compress=${compress}) ${JSON.stringify(m.question)}`);
      }),
      runs,
    );
  });

  it("written by dns-packet (the lab's encoder)", () => {
    fc.assert(
      fc.property(messageArb([1, 1, 1, 2, 3, 4, 255]), (m) => {
        expectAgreement(compareDecoders(encodeWithPacket(m)), `dns-packet-encoded ${JSON.stringify(m.question)}`);
      }),
      runs,
    );
  });

  it("a disagreement names the record, the field and both readings", () => {
    const ten = encodeWithPacket(response(parseZoneFile("a.example. 60 IN MX 10 mx.example.\n")));
    const twenty = encodeWithPacket(response(parseZoneFile("a.example. 60 IN MX 20 mx.example.\n")));
    const packet = readWithPacket(dnsPacket.decode(Buffer.from(twenty)));
    if (typeof packet === "string") throw new Error(packet);
    expect(disagreements(readWithLib(decodeMessage(ten)), packet)).toEqual(["answer[0] MX a.example.: preference: lib/dns 10, dns-packet 20"]);
  });
});

const CorpusManifest = z.object({ files: z.array(z.object({ file: z.string() })) });
const corpusFiles = (text: string): string[] => CorpusManifest.parse(JSON.parse(text)).files.map((f) => f.file);
