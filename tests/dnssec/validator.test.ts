// The validator end to end: real UDP/TCP on loopback through lib/dns's network transport, against
// lib/lab's DNS server serving the externally signed hierarchy of tests/vectors/ldns-signed
// (scripts/vectors/make-ldns-signed.sh). The clock is injected; the zones' windows run 2025..2045.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { english, said } from "../helpers/english";
import { createNetworkTransport } from "../../lib/dns/transport";
import { RRType, type DnsTransport, type Question } from "../../lib/dns/types";
import { parseTrustAnchors } from "../../lib/dnssec/anchors";
import { createValidator, type ValidationResult, type ValidatorLimits } from "../../lib/dnssec/validator";
import { startDnsServer, type DnsServerHandle } from "../../lib/lab/dns-server";
import { labTrustAnchorText, loadLabZones } from "../../lib/lab/zone-files";
import { loadZone, readVector } from "./vectors";



const DIR = "ldns-signed/";
const NOW = new Date("2026-06-01T00:00:00Z");
const manifest = JSON.parse(readVector(DIR + "manifest.json")) as { origin: string; file: string; signed: boolean }[];
const anchors = parseTrustAnchors(readVector(DIR + "trust-anchor.zone"));

let server: DnsServerHandle;
let faulty: DnsServerHandle;
let lab: DnsServerHandle;
let labTransport: DnsTransport;
let transport: DnsTransport;
const asked: Question[] = [];

beforeAll(async () => {
  const zones = manifest.map((m) => ({ origin: m.origin, signed: m.signed, records: loadZone(DIR + m.file, m.origin) }));
  server = await startDnsServer({ host: "127.0.0.1", port: 0, zones });
  faulty = await startDnsServer({
    host: "127.0.0.1",
    port: 0,
    zones,
    faults: [
      { name: "www.example.", type: "A", fault: "truncate" },
      { name: "example.", type: "DNSKEY", fault: "truncate" },
      { name: "mx.example.", type: "A", fault: "servfail" },
    ],
  });
  const network = createNetworkTransport({ servers: [{ host: "127.0.0.1", port: server.port }], timeoutMs: 2000, attempts: 2 });
  // Records what the validator asks, to check the per-run cache and that nothing is asked twice.
  transport = { query: (q, o) => (asked.push(q), network.query(q, o)) };
  // The lab's own zones (signed by scripts/lab/build-zones.ts, committed), with purpose-made faults.
  lab = await startDnsServer({
    host: "127.0.0.1",
    port: 0,
    zones: loadLabZones(),
    faults: [
      { name: "_25._tcp.mx1.mail.dname-mx.test.", type: "TLSA", fault: "dname-wrong-cname" },
      { name: "mx1.dane-ee.test.", type: "A", fault: "signer-not-apex" },
      { name: "dane-ta-cert.test.", type: "DS", fault: "ds-from-child" },
    ],
  });
  labTransport = createNetworkTransport({ servers: [{ host: "127.0.0.1", port: lab.port }], timeoutMs: 2000, attempts: 2 });
});

afterAll(async () => {
  await server?.close();
  await faulty?.close();
  await lab?.close();
});

function validator(limits?: Partial<ValidatorLimits>) {
  return createValidator({ transport, anchors, now: () => NOW, ...(limits ? { limits } : {}) });
}

async function check(name: string, type: number, limits?: Partial<ValidatorLimits>): Promise<ValidationResult> {
  return validator(limits).validate(name, type);
}

describe("validator over loopback UDP/TCP (ldns-signed hierarchy)", () => {
  it("secure answer: www.example. A, with the chain . -> example. as evidence", async () => {
    const r = await check("www.example.", RRType.A);
    expect(r).toMatchObject({ status: "secure", reason: null, rcode: 0, denial: null });
    expect(r.answer.map((a) => (a.data.kind === "A" ? a.data.address : ""))).toEqual(["192.0.2.1"]);
    expect(r.chain.map((z) => [z.zone, z.status])).toEqual([[".", "secure"], ["example.", "secure"]]);
    const root = r.chain[0];
    expect(root?.dnskeys.some((k) => k.role === "KSK" && k.designated)).toBe(true);
    expect(root?.ds[0]).toMatch(/^\. DS \d+ 13 2 /);
    const ex = r.chain[1];
    expect(ex?.signatures.map((s) => s.covers)).toEqual(expect.arrayContaining(["example. DS", "example. DNSKEY", "www.example. A"]));
    expect(ex?.signatures.every((s) => s.valid && s.expiration === "2045-01-01T00:00:00Z")).toBe(true);
  });

  it("secure Ed25519 zone (algorithm 15) and NSEC3 zone (algorithm 13)", async () => {
    const v = validator();
    await expect(v.validate("www.ed.example.", RRType.A)).resolves.toMatchObject({ status: "secure" });
    await expect(v.validate("www.n3.example.", RRType.A)).resolves.toMatchObject({ status: "secure" });
  });

  it("expired RRSIG: bogus with EDE 7 naming the RRset, key tag and date", async () => {
    const r = await check("www.expired.example.", RRType.A);
    expect(r.status).toBe("bogus");
    expect(r.reason).toMatchObject({ code: "DNSSEC_RRSIG_EXPIRED", ede: 7 });
    expect(said(r.reason)).toMatch(/www\.expired\.example\. A .*expired on 2001-01-01T00:00:00Z/);
    expect(r.answer).toEqual([]);
    const last = r.chain[r.chain.length - 1];
    expect(last?.signatures.find((s) => s.covers === "www.expired.example. A")).toMatchObject({ valid: false, problem: "expired" });
  });

  it("not-yet-valid RRSIG: bogus with EDE 8", async () => {
    const r = await check("www.future.example.", RRType.A);
    expect(r).toMatchObject({ status: "bogus", reason: { code: "DNSSEC_RRSIG_NOT_YET_VALID", ede: 8 } });
    expect(said(r.reason)).toMatch(/2040-01-01T00:00:00Z/);
  });

  it("DS that matches no DNSKEY: bogus, DS mismatch (EDE 9)", async () => {
    const r = await check("www.badds.example.", RRType.A);
    expect(r).toMatchObject({ status: "bogus", reason: { code: "DNSSEC_DS_MISMATCH", ede: 9 } });
    expect(r.chain.map((z) => z.zone)).toEqual([".", "example.", "badds.example."]);
  });

  it("missing DNSKEY: bogus, DNSKEY missing (EDE 9)", async () => {
    const r = await check("www.nokey.example.", RRType.A);
    expect(r).toMatchObject({ status: "bogus", reason: { code: "DNSSEC_DNSKEY_MISSING", ede: 9 } });
  });

  it("RRSIG missing in a signed zone: bogus with EDE 10", async () => {
    const r = await check("www.nosig.example.", RRType.A);
    expect(r).toMatchObject({ status: "bogus", reason: { code: "DNSSEC_RRSIG_MISSING", ede: 10 } });
    expect(said(r.reason)).toContain("www.nosig.example. A");
  });

  it("data changed after signing: bogus, bad signature (EDE 6)", async () => {
    const r = await check("www.tampered.example.", RRType.A);
    expect(r).toMatchObject({ status: "bogus", reason: { code: "DNSSEC_RRSIG_BAD_SIGNATURE", ede: 6 }, answer: [] });
  });

  it("unsigned delegation proven by NSEC: insecure, answer still returned", async () => {
    const r = await check("www.unsigned.example.", RRType.A);
    expect(r).toMatchObject({ status: "insecure", reason: { code: "DNSSEC_INSECURE_DELEGATION" } });
    expect(r.answer).toHaveLength(1);
    expect(r.chain.map((z) => [z.zone, z.status])).toEqual([[".", "secure"], ["example.", "secure"], ["unsigned.example.", "insecure"]]);
  });

  it("unsigned delegation proven by an NSEC3 opt-out span: insecure", async () => {
    const r = await check("optout.nsec3.example.", RRType.DS);
    expect(r).toMatchObject({ status: "insecure", reason: { code: "DNSSEC_INSECURE_DELEGATION" }, denial: { kind: "nodata", proof: "nsec3", optOut: true } });
    expect(r.chain.map((z) => [z.zone, z.status])).toEqual([[".", "secure"], ["example.", "secure"], ["nsec3.example.", "secure"], ["optout.nsec3.example.", "insecure"]]);
    expect(r.chain[3]?.note).toMatchObject({ key: "dnssec.denial", params: { denial: "nsec3-opt-out-proven" } });
    expect(english(r.chain[3]?.note)).toMatch(/^NSEC3 \S+ with opt-out covers \S+: any delegation there is unsigned$/);
    const ns = await check("optout.nsec3.example.", RRType.NS);
    expect(ns.status).toBe("insecure");
  });

  it("NXDOMAIN proven by NSEC", async () => {
    const r = await check("nope.example.", RRType.A);
    expect(r).toMatchObject({ status: "secure", rcode: 3, denial: { kind: "nxdomain", proof: "nsec", optOut: false }, answer: [] });
  });

  it("NODATA proven by NSEC", async () => {
    const r = await check("www.example.", RRType.AAAA);
    expect(r).toMatchObject({ status: "secure", rcode: 0, denial: { kind: "nodata", proof: "nsec" } });
  });

  it("NXDOMAIN and NODATA proven by NSEC3", async () => {
    const v = validator();
    await expect(v.validate("nope.n3.example.", RRType.A)).resolves.toMatchObject({ status: "secure", rcode: 3, denial: { kind: "nxdomain", proof: "nsec3", optOut: false } });
    await expect(v.validate("www.n3.example.", RRType.MX)).resolves.toMatchObject({ status: "secure", rcode: 0, denial: { kind: "nodata", proof: "nsec3" } });
  });

  it("NXDOMAIN inside an NSEC3 opt-out span is insecure (RFC 5155 §9.2)", async () => {
    const r = await check("nope.nsec3.example.", RRType.A);
    expect(r).toMatchObject({ status: "insecure", rcode: 3, reason: { code: "DNSSEC_NSEC3_OPT_OUT" }, denial: { kind: "nxdomain", proof: "nsec3", optOut: true } });
  });

  it("wildcard answers need the next-closer denial: NSEC and NSEC3", async () => {
    const v = validator();
    const nsec = await v.validate("anything.wild.example.", RRType.TXT);
    expect(nsec.status).toBe("secure");
    expect(nsec.answer[0]?.name).toBe("anything.wild.example.");
    // nsec3.example. flags every NSEC3 opt-out (dnssec-signzone -A): the next closer name is covered
    // only by an opt-out span, so the wildcard answer is Insecure (RFC 5155 §9.2, as Unbound).
    const nsec3 = await v.validate("a.b.w.nsec3.example.", RRType.TXT);
    expect(nsec3).toMatchObject({ status: "insecure", reason: { code: "DNSSEC_NSEC3_OPT_OUT" } });
    const nodata = await v.validate("anything.wild.example.", RRType.A);
    expect(nodata).toMatchObject({ status: "secure", denial: { kind: "nodata", proof: "nsec" } });
  });

  it("CNAME chain across zones is validated link by link", async () => {
    const r = await check("alias2.example.", RRType.A);
    expect(r.status).toBe("secure");
    expect(r.cnameChain).toEqual(["alias2.example.", "alias.example.", "www.nsec3.example."]);
    expect(r.answer.map((a) => a.name)).toEqual(["www.nsec3.example."]);
    expect(r.chain.map((z) => z.zone)).toEqual([".", "example.", "nsec3.example."]);
  });

  it("wildcard CNAME into another zone, ending in NSEC3 NODATA: each link proven by its own zone", async () => {
    const r = await check("x.wc.example.", RRType.MX);
    expect(r.reason).toBeNull();
    expect(r).toMatchObject({ status: "secure", rcode: 0, denial: { kind: "nodata", proof: "nsec3" }, answer: [] });
    expect(r.cnameChain).toEqual(["x.wc.example.", "www.nsec3.example."]);
  });

  it("an insecure CNAME is still followed; the result stays insecure", async () => {
    const r = await check("alias.unsigned.example.", RRType.A);
    expect(r).toMatchObject({ status: "insecure", reason: { code: "DNSSEC_INSECURE_DELEGATION" } });
    expect(r.cnameChain).toEqual(["alias.unsigned.example.", "www.example."]);
    expect(r.answer.map((a) => (a.data.kind === "A" ? a.data.address : ""))).toEqual(["192.0.2.1"]);
  });

  it("CNAME loop is reported, not followed forever", async () => {
    const r = await check("loop1.example.", RRType.A);
    expect(r).toMatchObject({ status: "bogus", reason: { code: "DNSSEC_CNAME_LOOP" } });
    const short = await check("alias2.example.", RRType.A, { maxCnameChain: 1 });
    expect(short).toMatchObject({ status: "bogus", reason: { code: "DNSSEC_CNAME_CHAIN_TOO_LONG" } });
  });

  it("unsupported algorithm (RSAMD5) at the DS: insecure, not bogus (RFC 6840 §5.2)", async () => {
    const r = await check("www.unsupported.example.", RRType.A);
    expect(r).toMatchObject({ status: "insecure", reason: { code: "DNSSEC_UNSUPPORTED_ALGORITHM", ede: 1 } });
  });

  it("NSEC3 iterations above the limit: insecure with EDE 27 after the NSEC3 RRSIGs verified", async () => {
    const r = await check("nope.iter.example.", RRType.A);
    expect(r).toMatchObject({ status: "insecure", reason: { code: "DNSSEC_NSEC3_ITERATIONS", ede: 27 } });
    const last = r.chain[r.chain.length - 1];
    expect(last?.signatures.filter((s) => s.covers.includes("NSEC3")).every((s) => s.valid)).toBe(true);
    // With the limit raised the same proof is evaluated and the NXDOMAIN is secure.
    await expect(check("nope.iter.example.", RRType.A, { nsec3MaxIterations: 500 })).resolves.toMatchObject({ status: "secure", rcode: 3 });
  });

  it("a wrong clock turns the whole chain bogus at the root", async () => {
    const r = await createValidator({ transport, anchors, now: () => new Date("2046-01-01T00:00:00Z") }).validate("www.example.", RRType.A);
    expect(r).toMatchObject({ status: "bogus", reason: { code: "DNSSEC_RRSIG_EXPIRED" } });
    expect(r.chain.map((z) => z.zone)).toEqual(["."]);
  });

  it("a configured anchor below the root (DS for example., or its DNSKEY) starts the walk there", async () => {
    const exDs = loadZone(DIR + "root.zone", ".").filter((r) => r.type === RRType.DS);
    const text = exDs.map((d) => `example. 3600 IN DS ${d.data.kind === "DS" ? `${d.data.keyTag} ${d.data.algorithm} ${d.data.digestType} ${Buffer.from(d.data.digest).toString("hex")}` : ""}`).join("\n");
    const fromDs = await createValidator({ transport, anchors: parseTrustAnchors(text), now: () => NOW }).validate("www.ed.example.", RRType.A);
    expect(fromDs.status).toBe("secure");
    expect(fromDs.chain.map((z) => z.zone)).toEqual(["example.", "ed.example."]);
    const ksk = loadZone(DIR + "example.zone", "example.").filter((r) => r.type === RRType.DNSKEY && r.data.kind === "DNSKEY" && r.data.flags === 257);
    const keyText = ksk.map((k) => `example. 3600 IN DNSKEY ${k.data.kind === "DNSKEY" ? `257 3 ${k.data.algorithm} ${Buffer.from(k.data.publicKey).toString("base64")}` : ""}`).join("\n");
    const fromKey = await createValidator({ transport, anchors: parseTrustAnchors(keyText), now: () => NOW }).validate("www.example.", RRType.A);
    expect(fromKey).toMatchObject({ status: "secure", reason: null });
    // Outside the anchor's zone there is nothing to start from.
    const outside = await createValidator({ transport, anchors: parseTrustAnchors(keyText), now: () => NOW }).validate(".", RRType.SOA);
    expect(outside.status).toBe("indeterminate");
  });

  it("no trust anchor above the name: indeterminate", async () => {
    const [other] = parseTrustAnchors("other. 3600 IN DS 1 13 2 " + "00".repeat(32));
    const r = await createValidator({ transport, anchors: other ? [other] : [], now: () => NOW }).validate("www.example.", RRType.A);
    expect(r).toMatchObject({ status: "indeterminate", reason: { code: "DNSSEC_NO_TRUST_ANCHOR" } });
  });

  it("many names under one zone cost one walk: no question is asked twice", async () => {
    const v = validator();
    const before = asked.length;
    const results = await Promise.all(["www.example.", "mx.example.", "ns.example."].map((n) => v.validate(n, RRType.A)));
    expect(results.map((r) => r.status)).toEqual(["secure", "secure", "secure"]);
    const mine = asked.slice(before).map((q) => `${q.name.toLowerCase()}|${q.type}`);
    expect(new Set(mine).size).toBe(mine.length);
    expect(mine.filter((k) => k.endsWith(`|${RRType.DNSKEY}`))).toHaveLength(2);
  });

  it("truncated UDP answers are completed over TCP and still validate", async () => {
    const tcp = createNetworkTransport({ servers: [{ host: "127.0.0.1", port: faulty.port }], timeoutMs: 2000, attempts: 2 });
    const before = faulty.stats().tcp;
    const r = await createValidator({ transport: tcp, anchors, now: () => NOW }).validate("www.example.", RRType.A);
    expect(r.status).toBe("secure");
    expect(faulty.stats().tcp - before).toBeGreaterThanOrEqual(2);
  });

  it("SERVFAIL for the queried name: indeterminate with rcode 2", async () => {
    const tcp = createNetworkTransport({ servers: [{ host: "127.0.0.1", port: faulty.port }], timeoutMs: 2000, attempts: 1 });
    const r = await createValidator({ transport: tcp, anchors, now: () => NOW }).validate("mx.example.", RRType.A);
    expect(r).toMatchObject({ status: "indeterminate", rcode: 2, reason: { code: "DNSSEC_SERVFAIL" } });
  });

  it("transport failure: indeterminate, not bogus", async () => {
    const dead = createNetworkTransport({ servers: [{ host: "127.0.0.1", port: 9 }], timeoutMs: 300, attempts: 1 });
    const r = await createValidator({ transport: dead, anchors, now: () => NOW }).validate("www.example.", RRType.A);
    expect(r).toMatchObject({ status: "indeterminate", reason: { code: "DNSSEC_NETWORK_FAILURE" } });
  });
});

describe("validator over loopback against the lab's zones (DNAME, hostile signer and DS)", () => {
  const labValidator = () => createValidator({ transport: labTransport, anchors: parseTrustAnchors(labTrustAnchorText()), now: () => NOW });

  it("secure through a DNAME: the signed DNAME vouches for the synthesised CNAME (RFC 6672 §5.3.3)", async () => {
    const r = await labValidator().validate("mx1.mail.dname-mx.test.", RRType.A);
    expect(r).toMatchObject({ status: "secure", reason: null, rcode: 0 });
    expect(r.cnameChain).toEqual(["mx1.mail.dname-mx.test.", "mx1.hosting.dname-mx.test."]);
    expect(r.answer.map((a) => (a.data.kind === "A" ? a.data.address : ""))).toEqual(["127.0.1.73"]);
    expect(r.chain.map((z) => z.zone)).toEqual([".", "test.", "dname-mx.test.", "hosting.dname-mx.test."]);
    const dnameZone = r.chain.find((z) => z.zone === "dname-mx.test.");
    expect(dnameZone?.signatures.find((s) => s.covers === "mail.dname-mx.test. DNAME")).toMatchObject({ valid: true });
  });

  it("a name that does not exist behind a DNAME is a secure NXDOMAIN of the target zone", async () => {
    const r = await labValidator().validate("nope.mail.dname-mx.test.", RRType.A);
    expect(r).toMatchObject({ status: "secure", rcode: 3, denial: { kind: "nxdomain" } });
    expect(r.cnameChain).toEqual(["nope.mail.dname-mx.test.", "nope.hosting.dname-mx.test."]);
  });

  it("a synthesised CNAME that does not match the DNAME is bogus", async () => {
    const r = await labValidator().validate("_25._tcp.mx1.mail.dname-mx.test.", RRType.TLSA);
    expect(r).toMatchObject({ status: "bogus", reason: { code: "DNSSEC_DNAME_MISMATCH" }, answer: [] });
    expect(said(r.reason)).toContain("elsewhere.invalid");
    // The same name without the fault (another type) goes through the DNAME securely.
    const ok = await labValidator().validate("mx1.mail.dname-mx.test.", RRType.AAAA);
    expect(ok).toMatchObject({ status: "secure", denial: { kind: "nodata" } });
  });

  it("an RRSIG whose signer is not a zone cut: unexpected response (bogus)", async () => {
    const r = await labValidator().validate("mx1.dane-ee.test.", RRType.A);
    expect(r).toMatchObject({ status: "bogus", reason: { code: "DNSSEC_UNEXPECTED_RESPONSE" }, answer: [] });
    expect(said(r.reason)).toMatch(/signed by mx1\.dane-ee\.test\., but the chain of trust places mx1\.dane-ee\.test\. in the zone dane-ee\.test\./);
  });

  it("a DS answer from the child's side of the cut is bogus", async () => {
    const r = await labValidator().validate("mx1.dane-ta-cert.test.", RRType.A);
    // The child's NSEC denies the DS, but it is signed by the child's keys, not the parent's that
    // must vouch for a missing DS (RFC 4035 §5.2): no proof the parent signed is left.
    expect(r).toMatchObject({ status: "bogus", reason: { code: "DNSSEC_DENIAL_MISSING", ede: 12 } });
    expect(r.answer).toEqual([]);
    expect(r.chain.map((z) => [z.zone, z.status])).toEqual([[".", "secure"], ["test.", "secure"], ["dane-ta-cert.test.", "bogus"]]);
  });
});
