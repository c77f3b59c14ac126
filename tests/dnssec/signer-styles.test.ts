// Signature classes on zones signed by BIND's dnssec-signzone in the styles operators use
// (scripts/vectors/make-bind-styles.sh -> tests/vectors/signers/styles), served by the lab's DNS
// server over loopback UDP/TCP. RFC 4035 §5.3 / RFC 6840 §5.11: every RRSIG over the DNSKEY set is
// verified against the key it names; one valid signature by a DS-designated key authenticates it;
// the others are valid off the chain (info) or invalid (a warning when another carries the set, an
// error only when none does). Windows run 2026-01-01 .. 2037-01-01; now is pinned.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNetworkTransport } from "../../lib/dns/transport";
import { RRType } from "../../lib/dns/types";
import { parseTrustAnchors } from "../../lib/dnssec/anchors";
import { createValidator, type SignatureEvidence, type ValidationResult } from "../../lib/dnssec/validator";
import { startDnsServer, type DnsServerHandle } from "../../lib/lab/dns-server";
import { DnssecCode } from "../../lib/report/findings/dnssec";
import { loadZone, readVector } from "./vectors";

const DIR = "signers/styles/";
const NOW = new Date("2026-06-01T00:00:00Z");
const manifest = JSON.parse(readVector(DIR + "manifest.json")) as { origin: string; file: string }[];
const anchors = parseTrustAnchors(readVector(DIR + "trust-anchor.zone"));
let server: DnsServerHandle;

beforeAll(async () => {
  const zones = manifest.map((m) => ({ origin: m.origin, signed: true, records: loadZone(DIR + m.file, m.origin) }));
  server = await startDnsServer({ host: "127.0.0.1", port: 0, zones });
});
afterAll(async () => {
  await server?.close();
});

async function check(name: string, type: number): Promise<ValidationResult> {
  const transport = createNetworkTransport({ servers: [{ host: "127.0.0.1", port: server.port }], timeoutMs: 2000, attempts: 2 });
  return createValidator({ transport, anchors, now: () => NOW }).validate(name, type);
}

function signatures(r: ValidationResult, zone: string, covers: string): SignatureEvidence[] {
  return r.chain.find((z) => z.zone === zone)?.signatures.filter((s) => s.covers === covers) ?? [];
}

const classes = (sigs: SignatureEvidence[]) => sigs.map((s) => s.class).sort();

describe("dnssec-signzone styles over loopback (RFC 4035 §5.3, RFC 6840 §5.11)", () => {
  it("default style (DNSKEY signed by KSK and ZSK): secure, the ZSK's DNSKEY signature valid off the chain, no finding", async () => {
    const r = await check("www.default.", RRType.A);
    expect(r).toMatchObject({ status: "secure", reason: null });
    const dnskey = signatures(r, "default.", "default. DNSKEY");
    expect(classes(dnskey)).toEqual(["chain", "off-chain"]);
    expect(dnskey.every((s) => s.valid && !s.breaksChain && s.finding === undefined)).toBe(true);
    // The root is signed in the same style.
    expect(classes(signatures(r, ".", ". DNSKEY"))).toEqual(["chain", "off-chain"]);
    for (const zone of r.chain) expect(zone.signatures.filter((s) => s.finding || s.breaksChain), zone.zone).toEqual([]);
  });

  it("-x style (DNSKEY signed by the KSK only, RSASHA256): secure, one chain signature", async () => {
    const r = await check("www.ksk-only.", RRType.A);
    expect(r.status).toBe("secure");
    expect(classes(signatures(r, "ksk-only.", "ksk-only. DNSKEY"))).toEqual(["chain"]);
    expect(classes(signatures(r, "ksk-only.", "www.ksk-only. A"))).toEqual(["chain"]);
  });

  it("a combined signing key (CSK, Ed25519): secure, the one key signs everything on the chain", async () => {
    const r = await check("_25._tcp.mx.csk.", RRType.TLSA);
    expect(r.status).toBe("secure");
    expect(classes(signatures(r, "csk.", "csk. DNSKEY"))).toEqual(["chain"]);
  });

  it("a signature by an algorithm mailsec lacks (RSAMD5) beside a valid one, ldns-signzone: unchecked, info, still secure", async () => {
    const r = await check("www.twoalg.", RRType.A);
    expect(r).toMatchObject({ status: "secure", reason: null });
    const a = signatures(r, "twoalg.", "www.twoalg. A");
    expect(classes(a)).toEqual(["chain", "unchecked"]);
    expect(a.find((s) => s.class === "unchecked")).toMatchObject({ algorithm: 1, breaksChain: false, finding: { code: DnssecCode.EXTRA_RRSIG_UNSUPPORTED_ALGORITHM } });
  });

  it("a stale RRSIG by a retired key beside a valid one: warning finding, still secure", async () => {
    const www = await check("www.stale.", RRType.A);
    expect(www).toMatchObject({ status: "secure", reason: null });
    const a = signatures(www, "stale.", "www.stale. A");
    expect(classes(a)).toEqual(["chain", "invalid"]);
    const stale = a.find((s) => s.class === "invalid");
    expect(stale).toMatchObject({ breaksChain: false, finding: { code: DnssecCode.EXTRA_RRSIG_NO_KEY, params: { rrset: "www.stale. A", zone: "stale." } } });
    // The retired KSK's signature over the DNSKEY set is ignored the same way.
    const dnskey = signatures(www, "stale.", "stale. DNSKEY");
    expect(classes(dnskey)).toEqual(["chain", "invalid", "off-chain"]);
    expect(dnskey.find((s) => s.class === "invalid")?.finding?.code).toBe(DnssecCode.EXTRA_RRSIG_NO_KEY);
    expect(www.chain.find((z) => z.zone === "stale.")?.status).toBe("secure");

    const mx = await check("mx.stale.", RRType.A);
    expect(mx.status).toBe("secure");
    const expired = signatures(mx, "stale.", "mx.stale. A").find((s) => s.class === "invalid");
    expect(expired).toMatchObject({ breaksChain: false, finding: { code: DnssecCode.EXTRA_RRSIG_EXPIRED, params: { expiration: "2021-01-01T00:00:00Z" } } });
  });

  it("only invalid signatures over an RRset: bogus, the signature breaks the chain with the error code", async () => {
    const r = await check("www.broken.", RRType.A);
    expect(r.status).toBe("bogus");
    expect(r.reason?.code).toBe(DnssecCode.NO_MATCHING_KEY);
    const [only] = signatures(r, "broken.", "www.broken. A");
    expect(only).toMatchObject({ class: "invalid", breaksChain: true, finding: { code: DnssecCode.NO_MATCHING_KEY } });
    // The zone's other data stays secure.
    expect((await check("mx.broken.", RRType.A)).status).toBe("secure");
  });

  it("the KSK's DNSKEY signature expired, the ZSK's valid: bogus, a signature off the chain does not carry the set", async () => {
    const r = await check("www.kskexpired.", RRType.A);
    expect(r.status).toBe("bogus");
    expect(r.reason?.code).toBe(DnssecCode.RRSIG_EXPIRED);
    const dnskey = signatures(r, "kskexpired.", "kskexpired. DNSKEY");
    expect(classes(dnskey)).toEqual(["invalid", "off-chain"]);
    expect(dnskey.find((s) => s.class === "invalid")).toMatchObject({ breaksChain: true, finding: { code: DnssecCode.RRSIG_EXPIRED } });
  });
});
