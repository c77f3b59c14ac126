// The pure assessments of lib/checks (issue 10): records and lookup results in, decisions and
// findings out, pinned without any step or socket. The lab walks (lab-*.test.ts) check the same
// decisions end to end.
import { describe, expect, it } from "vitest";
import { assessAddresses, assessTlsa, decideDane } from "../../lib/checks/assess-host";
import { assessMx, MAX_MX_HOSTS } from "../../lib/checks/assess-mx";
import { Rcode, RRType } from "../../lib/dns/types";
import { finding } from "../../lib/report/findings";
import { lookup, rr } from "./lookups";

const mx = (host: string, preference: number) => rr("example.test.", RRType.MX, { kind: "MX", preference, exchange: host });
const expired = finding("DNSSEC_RRSIG_EXPIRED", { rrset: "example.test. MX", keyTag: 1, expiration: "2026-01-01T00:00:00Z", now: "2026-02-01T00:00:00Z" });

describe("assessMx (RFC 7672 §2.1, RFC 7505, RFC 5321 §5.1)", () => {
  it("orders the MX hosts by preference, each once at its best, and bounds them", () => {
    const answer = [mx("b.example.test.", 20), mx("a.example.test.", 10), mx("b.example.test.", 5), ...Array.from({ length: 12 }, (_, i) => mx(`h${i}.example.test.`, 50))];
    const a = assessMx("example.test", lookup("example.test.", RRType.MX, { answer }));
    expect(a).toMatchObject({ kind: "records", total: 14, findings: [] });
    expect(a.hosts.slice(0, 2)).toEqual([{ host: "b.example.test", preference: 5 }, { host: "a.example.test", preference: 10 }]);
    expect(a.hosts).toHaveLength(MAX_MX_HOSTS);
  });

  it("says an unsigned MX RRset switches DANE off for the domain", () => {
    const a = assessMx("example.test", lookup("example.test.", RRType.MX, { status: "insecure", answer: [mx("mx.example.test.", 10)] }));
    expect(a.findings).toEqual([finding("MX_INSECURE", { domain: "example.test" })]);
  });

  it("reads a null MX, an implicit MX and NXDOMAIN", () => {
    expect(assessMx("example.test", lookup("example.test.", RRType.MX, { answer: [mx(".", 0)] }))).toMatchObject({ kind: "null-mx", hosts: [], findings: [{ code: "MX_NULL" }] });
    expect(assessMx("example.test", lookup("example.test.", RRType.MX))).toMatchObject({ kind: "implicit", hosts: [{ host: "example.test", preference: 0 }], findings: [{ code: "MX_IMPLICIT" }] });
    expect(assessMx("example.test", lookup("example.test.", RRType.MX, { rcode: Rcode.NXDOMAIN }))).toMatchObject({ kind: "nxdomain", findings: [{ code: "DOMAIN_NXDOMAIN" }] });
  });

  it("gives no host from bogus MX data and names the validator's reason after its own finding", () => {
    const a = assessMx("example.test", lookup("example.test.", RRType.MX, { status: "bogus", reason: expired, answer: [mx("mx.example.test.", 10)] }));
    expect(a).toMatchObject({ kind: "records", hosts: [] });
    expect(a.findings).toEqual([finding("MX_BOGUS", { domain: "example.test" }), expired]);
  });

  it("treats no answer as a failed lookup, not as a verdict on the data", () => {
    const a = assessMx("example.test", lookup("example.test.", RRType.MX, { status: "indeterminate", unanswered: true }));
    expect(a).toMatchObject({ kind: "failed", dnssec: "indeterminate", findings: [{ code: "MX_LOOKUP_FAILED" }] });
  });
});

const host = "mx.example.test";
const a4 = (ip: string) => rr(`${host}.`, RRType.A, { kind: "A", address: ip });
const tlsaRr = (usage: number) => rr(`_25._tcp.${host}.`, RRType.TLSA, { kind: "TLSA", usage, selector: 1, matchingType: 1, data: new Uint8Array(32) });

describe("assessAddresses (RFC 7672 §2.2.2)", () => {
  it("keeps at most eight addresses and counts the rest", () => {
    const answer = Array.from({ length: 10 }, (_, i) => a4(`192.0.2.${i + 1}`));
    const a = assessAddresses(host, lookup(`${host}.`, RRType.A, { answer }), lookup(`${host}.`, RRType.AAAA), "secure");
    expect(a).toMatchObject({ found: 10, dnssec: "secure", findings: [] });
    expect(a.addresses).toHaveLength(8);
  });

  it("makes a host with bogus address records unusable, with the reason", () => {
    const a = assessAddresses(host, lookup(`${host}.`, RRType.A, { status: "bogus", reason: expired, answer: [a4("192.0.2.1")] }), lookup(`${host}.`, RRType.AAAA), "secure");
    expect(a.findings).toEqual([finding("HOST_ADDRESS_BOGUS", { host }), expired]);
  });

  it("warns that DANE does not apply to unsigned addresses only under a secure MX RRset", () => {
    const insecure = lookup(`${host}.`, RRType.A, { status: "insecure", answer: [a4("192.0.2.1")] });
    const aaaa = lookup(`${host}.`, RRType.AAAA, { status: "insecure" });
    expect(assessAddresses(host, insecure, aaaa, "secure").findings).toEqual([finding("HOST_ADDRESS_INSECURE", { host })]);
    expect(assessAddresses(host, insecure, aaaa, "insecure").findings).toEqual([]);
  });

  it("says so when a host has no address at all", () => {
    expect(assessAddresses(host, lookup(`${host}.`, RRType.A), lookup(`${host}.`, RRType.AAAA), "secure").findings).toEqual([finding("HOST_NO_ADDRESS", { host })]);
  });
});

describe("assessTlsa and decideDane (RFC 7672 §2.2)", () => {
  const secureTlsa = (usage: number) => lookup(`_25._tcp.${host}.`, RRType.TLSA, { answer: [tlsaRr(usage)] });

  it("makes DANE mandatory for secure, usable TLSA under secure MX and addresses", () => {
    const t = assessTlsa(host, secureTlsa(3), null, undefined, "secure", "secure");
    expect(t).toMatchObject({ status: "secure", usable: 1, findings: [{ code: "TLSA_LOOKUP_SECURE", params: { count: 1, usable: 1 } }] });
    expect(decideDane("secure", "secure", t)).toBe(true);
  });

  it("does not use TLSA records under an unsigned MX RRset or unsigned addresses", () => {
    const underMx = assessTlsa(host, secureTlsa(3), null, undefined, "insecure", "secure");
    expect(underMx).toMatchObject({ status: "insecure", records: [], unusedBecause: "mx-insecure" });
    expect(decideDane("insecure", "secure", underMx)).toBe(false);
    expect(assessTlsa(host, secureTlsa(3), null, undefined, "secure", "insecure")).toMatchObject({ status: "insecure", unusedBecause: "addresses-insecure" });
  });

  it("keeps TLS mandatory but DANE off when every record is unusable (usage 0/1)", () => {
    const t = assessTlsa(host, secureTlsa(1), null, undefined, "secure", "secure");
    expect(t).toMatchObject({ status: "secure", usable: 0, findings: [{ code: "DANE_TLSA_NONE_USABLE", params: { count: 1 } }] });
    expect(decideDane("secure", "secure", t)).toBe(false);
  });

  it("treats a failed TLSA lookup as a failure of the host, not as absence", () => {
    const t = assessTlsa(host, lookup(`_25._tcp.${host}.`, RRType.TLSA, { status: "indeterminate", rcode: Rcode.SERVFAIL }), null, undefined, "secure", "secure");
    expect(t.status).toBe("servfail");
    expect(t.findings?.[0]).toEqual(finding("TLSA_LOOKUP_SERVFAIL", { name: `_25._tcp.${host}` }));
  });
});
