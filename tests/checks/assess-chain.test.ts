// The pure assessments of the DNSSEC chain of trust and the DNSSEC Validation test (issue 10):
// lookups in, zones, decisions and findings out, pinned without any step or socket. The lab
// walks (lab-dnssec, lab-dane, step-status) check the same decisions end to end.
import { describe, expect, it } from "vitest";
import { assessChain, mergeZones } from "../../lib/checks/assess-chain";
import { assessAnswer, dnssecVerdict, mergeHostLookups, mxHostsOf } from "../../lib/checks/assess-dnssec";
import { MAX_MX_HOSTS } from "../../lib/checks/assess-mx";
import type { ZoneReport } from "../../lib/checks/ports";
import { RRType } from "../../lib/dns/types";
import { finding } from "../../lib/report/findings";
import { message } from "../../lib/report/i18n/message";
import { lookup, rr } from "./lookups";

const ds = (zone: string) => message("detail.ds", { ds: `${zone} DS 12345 13 2 AB` });
const dnskey = (keyTag: number) => message("detail.dnskey", { keyTag, algorithmName: "ECDSAP256SHA256", algorithm: 13, flags: 257, role: "KSK" });
/** Each call builds its lines anew, as lib/checks/lookup.ts does for every lookup that walks the zone. */
const zone = (name: string, over: Partial<ZoneReport> = {}): ZoneReport => ({ zone: name, status: "secure", lines: [ds(name), dnskey(1), "raw line"], invalidSignatures: 0, signatureFindings: [], ...over });
const expired = finding("DNSSEC_RRSIG_EXPIRED", { rrset: "bad.test. A", keyTag: 1, expiration: "2026-01-01T00:00:00Z", now: "2026-02-01T00:00:00Z" });
const extraExpired = finding("DNSSEC_EXTRA_RRSIG_EXPIRED", { rrset: "test. SOA", keyTag: 2, expiration: "2026-01-01T00:00:00Z", now: "2026-02-01T00:00:00Z" });
const deprecated = finding("DNSSEC_DEPRECATED_ALGORITHM", { zone: "old.test.", algorithm: "RSASHA1" });

describe("assessChain (RFC 4035 §5)", () => {
  it("shows each zone's DS and DNSKEY evidence once, however many lookups walked it", () => {
    const lookups = ["mx.test.", "a.test.", "b.test."].map((name) => lookup(name, RRType.A, { zones: [zone("."), zone("test.", { lines: [ds("test."), dnskey(1), message("detail.dnskey", { keyTag: 2, algorithmName: "ECDSAP256SHA256", algorithm: 13, flags: 256, role: "ZSK" }), name] })] }));
    const [root, test] = mergeZones(lookups);
    expect(root?.lines).toEqual([ds("."), dnskey(1), "raw line"]);
    // The lines that differ per lookup (here a raw line naming it) are each kept.
    expect(test?.lines).toHaveLength(3 + 3);
    expect(new Set(test?.lines.map((l) => JSON.stringify(l))).size).toBe(test?.lines.length);
  });

  it("merges zones case-insensitively, in the order first met, keeping the worst status and most breaking signatures", () => {
    const a = lookup("a.test.", RRType.A, { zones: [zone("."), zone("TEST.")] });
    const b = lookup("b.test.", RRType.A, { zones: [zone("."), zone("test.", { status: "bogus", invalidSignatures: 2, signatureFindings: [expired] }), zone("x.test.", { status: "insecure" })] });
    const chain = assessChain([a, b]);
    expect(chain.zones.map((z) => [z.zone, z.dnssec, z.breaking])).toEqual([
      [".", "secure", 0],
      ["TEST.", "bogus", 2],
      ["x.test.", "insecure", 0],
    ]);
    expect(chain.dnssec).toBe("secure");
  });

  it("explains an insecure delegation by its parent, and a bogus zone by the lookup's reason", () => {
    const insecure = lookup("x.sub.test.", RRType.A, { status: "insecure", zones: [zone("test."), zone("sub.test.", { status: "insecure" })] });
    const bogus = lookup("bad.test.", RRType.A, { status: "bogus", reason: expired, zones: [zone("test.", { status: "bogus", invalidSignatures: 1, signatureFindings: [expired] })] });
    const chain = assessChain([insecure, bogus]);
    expect(chain.dnssec).toBe("bogus");
    expect(chain.zones.find((z) => z.zone === "sub.test.")?.findings).toEqual([finding("DNSSEC_INSECURE_DELEGATION", { zone: "sub.test.", parent: "test." })]);
    expect(chain.zones.find((z) => z.zone === "test.")?.findings).toEqual([expired]);
    expect(chain.worstReasons).toEqual([expired]);
  });

  it("reports a bad signature beside a valid one as ignored, not breaking (RFC 6840 §5.11)", () => {
    const [z] = assessChain([lookup("test.", RRType.SOA, { zones: [zone("test.", { signatureFindings: [extraExpired] })] })]).zones;
    expect(z).toMatchObject({ dnssec: "secure", breaking: 0, ignoredBadSignature: true, findings: [extraExpired] });
  });

  it("carries the lookups' remarks and the reasons of lookups that met no zone", () => {
    const failed = finding("DNSSEC_NETWORK_FAILURE", { name: "gone.test.", type: "A", problem: "timeout" });
    const chain = assessChain([lookup("old.test.", RRType.A, { warnings: [deprecated] }), lookup("gone.test.", RRType.A, { status: "indeterminate", reason: failed, unanswered: true })]);
    expect(chain).toMatchObject({ dnssec: "indeterminate", remarks: [deprecated], unanswered: [failed], zones: [] });
  });
});

describe("the DNSSEC Validation test's assessments", () => {
  const mx = (host: string) => rr("example.test.", RRType.MX, { kind: "MX", preference: 10, exchange: host });

  it("reads an answer: records, a denial or nothing, with the reason before the remarks", () => {
    expect(assessAnswer(lookup("a.test.", RRType.A, { answer: [rr("a.test.", RRType.A, { kind: "A", address: "192.0.2.1" })], warnings: [deprecated] }))).toEqual({ dnssec: "secure", what: "records", count: 1, remarks: true, findings: [deprecated] });
    expect(assessAnswer(lookup("n.test.", RRType.A, { denial: { kind: "nxdomain", proof: "nsec", optOut: false } }))).toMatchObject({ what: "denial", count: 0, remarks: false });
    expect(assessAnswer(lookup("b.test.", RRType.A, { status: "bogus", reason: expired, warnings: [deprecated] })).findings).toEqual([expired, deprecated]);
  });

  it("follows the MX hosts of an MX answer that is not bogus: each once, no null MX, bounded", () => {
    const answer = [mx("B.example.test."), mx("b.example.test."), mx("."), ...Array.from({ length: 12 }, (_, i) => mx(`h${i}.example.test.`))];
    const hosts = mxHostsOf(lookup("example.test.", RRType.MX, { answer }));
    expect(hosts[0]).toBe("b.example.test");
    expect(hosts).toHaveLength(MAX_MX_HOSTS);
    expect(mxHostsOf(lookup("example.test.", RRType.MX, { status: "bogus", answer }))).toEqual([]);
    expect(mxHostsOf(lookup("example.test.", RRType.A, { answer }))).toEqual([]);
  });

  it("reads a host's A and AAAA as one answer, judged by the worse", () => {
    const a = lookup("mx.test.", RRType.A, { answer: [rr("mx.test.", RRType.A, { kind: "A", address: "192.0.2.1" })], warnings: [deprecated] });
    const aaaa = lookup("mx.test.", RRType.AAAA, { status: "bogus", reason: expired });
    expect(mergeHostLookups([a, aaaa])).toMatchObject({ type: RRType.AAAA, status: "bogus", reason: expired, answer: a.answer, warnings: [deprecated] });
  });

  it("judges the name asked about; an insecure MX host lowers a pass to a warning", () => {
    const secure = lookup("example.test.", RRType.MX);
    expect(dnssecVerdict(secure, [])).toBe("pass");
    expect(dnssecVerdict(secure, [lookup("mx.test.", RRType.A, { status: "insecure" })])).toBe("warning");
    expect(dnssecVerdict(lookup("example.test.", RRType.MX, { warnings: [deprecated] }), [])).toBe("warning");
    expect(dnssecVerdict(lookup("example.test.", RRType.MX, { status: "insecure" }), [])).toBe("warning");
    expect(dnssecVerdict(lookup("example.test.", RRType.MX, { status: "bogus" }), [lookup("mx.test.", RRType.A, { status: "insecure" })])).toBe("fail");
  });
});
