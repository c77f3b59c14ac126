// dnspython's DNSSEC test data (tests/vectors/dnspython, ISC licence; see PROVENANCE.md).
import { describe, expect, it } from "vitest";
import { fromHex } from "../../lib/dns/codec";
import type { ResourceRecord } from "../../lib/dns/types";
import { parseZoneFile } from "../../lib/dns/zonefile";
import { dsMatchesDnskey } from "../../lib/dnssec/ds";
import { nsec3HashBase32, nsec3HashFor } from "../../lib/dnssec/nsec3";
import { verifyRrset } from "../../lib/dnssec/rrsig";
import { readVector } from "./vectors";

interface RrsigCase {
  name: string;
  when: number;
  rrset: string[];
  rrsig: string[];
  keys: string[];
  expect: "valid" | "invalid";
  default_policy_expect?: "valid" | "invalid";
  origin?: string;
}

const rrsigCases = (JSON.parse(readVector("dnspython/rrsig-validate.json")) as { cases: RrsigCase[] }).cases;

function parse(lines: string[], origin?: string): ResourceRecord[] {
  return parseZoneFile(lines.join("\n"), origin ? { origin } : {});
}

describe("dnspython rrsig-validate.json", () => {
  it("holds all 37 cases", () => expect(rrsigCases).toHaveLength(37));

  // RSAMD5 (1) and DSA (3) verify cryptographically but RFC 8624 forbids validating them: we follow
  // dnspython's default policy there (default_policy_expect).
  it.each(rrsigCases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const rrset = parse(c.rrset, c.origin);
    const rrsigs = parse(c.rrsig, c.origin);
    const keys = parse(c.keys, c.origin);
    const sig = rrsigs[0];
    const zone = sig?.data.kind === "RRSIG" ? sig.data.signerName : ".";
    // The RRSIG owner may differ from the RRset owner in the owner-mismatch cases; the RRSIG data is
    // what dnspython validates, so it is re-homed on the RRset owner as a resolver would see it.
    const first = rrset[0] as ResourceRecord;
    const homed = rrsigs.map((s) => ({ ...s, name: first.name }));
    const verdict = verifyRrset({ rrset, rrsigs: homed, dnskeys: keys, zone, now: new Date(c.when * 1000) });
    const expected = c.default_policy_expect ?? c.expect;
    expect(verdict.status === "valid" ? "valid" : "invalid").toBe(expected);
  });

  it("time-expired names the expiry and time-not-yet-valid the inception", () => {
    for (const [name, problem] of [["time-expired", "expired"], ["time-not-yet-valid", "not-yet-valid"]] as const) {
      const c = rrsigCases.find((x) => x.name === name) as RrsigCase;
      const rrset = parse(c.rrset);
      const verdict = verifyRrset({ rrset, rrsigs: parse(c.rrsig), dnskeys: parse(c.keys), zone: (rrset[0] as ResourceRecord).name, now: new Date(c.when * 1000) });
      expect(verdict).toMatchObject({ status: "invalid", problem });
    }
  });

  it("wildcard-expanded-three-labels reports the wildcard it came from", () => {
    const c = rrsigCases.find((x) => x.name === "wildcard-expanded-three-labels") as RrsigCase;
    const rrset = parse(c.rrset);
    const sig = parse(c.rrsig)[0] as ResourceRecord;
    const zone = sig.data.kind === "RRSIG" ? sig.data.signerName : ".";
    const verdict = verifyRrset({ rrset, rrsigs: [{ ...sig, name: (rrset[0] as ResourceRecord).name }], dnskeys: parse(c.keys), zone, now: new Date(c.when * 1000) });
    expect(verdict.status).toBe("valid");
    if (verdict.status === "valid") expect(verdict.wildcard?.source.toLowerCase()).toBe(`*.${zone.toLowerCase()}`);
  });
});

interface DsCase {
  name: string;
  owner: string;
  dnskey: string;
  ds?: string;
  /** CDS (RFC 7344) has the DS RDATA format; it is checked as a DS. */
  cds?: string;
  expect: string;
}

describe("dnspython ds.json", () => {
  const data = JSON.parse(readVector("dnspython/ds.json")) as { digest_cases: DsCase[] };
  it.each(data.digest_cases.map((c) => [c.name, c] as const))("%s", (_n, c) => {
    const [key] = parseZoneFile(`${c.owner} 3600 IN DNSKEY ${c.dnskey}`);
    const [ds] = parseZoneFile(`${c.owner} 3600 IN DS ${c.ds ?? c.cds}`);
    expect(dsMatchesDnskey(ds as ResourceRecord, key as ResourceRecord)).toBe(c.expect === "match" ? "match" : "mismatch");
  });

  it("an unknown digest type (5) is unsupported, not a mismatch", () => {
    const c = data.digest_cases[0] as DsCase;
    const [key] = parseZoneFile(`${c.owner} 3600 IN DNSKEY ${c.dnskey}`);
    const [ds] = parseZoneFile(`${c.owner} 3600 IN DS 18673 3 5 71b71d4f3e11bbd71b4eff12cde69f7f9215bbe7`);
    expect(dsMatchesDnskey(ds as ResourceRecord, key as ResourceRecord)).toBe("unsupported-digest");
  });
});

interface HashCase {
  name: string;
  salt: string;
  iterations: number;
  algorithm: number;
  hash?: string;
}

describe("dnspython nsec3-hash.json", () => {
  const data = JSON.parse(readVector("dnspython/nsec3-hash.json")) as { cases: HashCase[]; error_cases: HashCase[] };
  it.each(data.cases.map((c) => [`${c.name} salt=${c.salt || "-"} iterations=${c.iterations}`, c] as const))("%s", (_n, c) => {
    expect(nsec3HashBase32(c.name, fromHex(c.salt), c.iterations)).toBe(c.hash?.toLowerCase());
  });
  it("rejects an odd-length salt and an unknown hash algorithm", () => {
    expect(() => fromHex("9F1AB450CF71D")).toThrow();
    expect(nsec3HashFor(10, "example.com.", new Uint8Array(), 0)).toBeNull();
    expect(nsec3HashFor(1, "example.com.", new Uint8Array(), 0)).not.toBeNull();
  });
});
