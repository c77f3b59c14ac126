import { describe, expect, it } from "vitest";
import { mergeZones } from "../../lib/checks/assess-chain";
import { lookupFromValidation, zoneReports } from "../../lib/checks/lookup";
import { english } from "../helpers/english";
import { encodeRdata } from "../../lib/dns/rdata";
import { RRType, type ResourceRecord } from "../../lib/dns/types";
import type { ValidationResult } from "../../lib/dnssec/validator";
import { makeReason } from "../../lib/dnssec/reasons";
import { DnssecCode } from "../../lib/report/findings/dnssec";

const mx: ResourceRecord = {
  name: "example.test.",
  type: RRType.MX,
  class: 1,
  ttl: 300,
  rdata: encodeRdata({ kind: "MX", preference: 10, exchange: "mx1.example.test." }),
  data: { kind: "MX", preference: 10, exchange: "mx1.example.test." },
};

const base: ValidationResult = { status: "secure", reason: null, warnings: [], rcode: 0, answer: [mx], cnameChain: [], denial: null, chain: [] };

describe("validator result as a lookup", () => {
  it("keeps the status, shows the records in presentation form and the name as the alias chain", () => {
    const lookup = lookupFromValidation("example.test.", RRType.MX, base);
    expect(lookup).toMatchObject({ status: "secure", unanswered: false, cnameChain: ["example.test."] });
    expect(lookup.records).toEqual(["example.test. 300 IN MX 10 mx1.example.test."]);
  });

  it("marks a transport failure as operational, apart from DNSSEC verdicts", () => {
    const lookup = lookupFromValidation("example.test.", RRType.MX, {
      ...base,
      status: "indeterminate",
      answer: [],
      rcode: -1,
      reason: makeReason(DnssecCode.NETWORK_FAILURE, { name: "example.test.", type: "MX", problem: "No answer from 127.0.0.1:53" }),
    });
    expect(lookup.unanswered).toBe(true);
    // The reason is the finding itself, params and all: lib/report words it.
    expect(lookup.reason).toEqual({ code: "DNSSEC_NETWORK_FAILURE", params: { name: "example.test.", type: "MX", problem: "No answer from 127.0.0.1:53" } });
    const expired = { rrset: "example.test. MX", keyTag: 1, expiration: "2026-01-01T00:00:00Z", now: "2026-02-01T00:00:00Z" };
    const bogus = lookupFromValidation("example.test.", RRType.MX, { ...base, status: "bogus", reason: makeReason(DnssecCode.RRSIG_EXPIRED, expired) });
    expect(bogus.unanswered).toBe(false);
    expect(bogus.reason).toEqual({ code: "DNSSEC_RRSIG_EXPIRED", params: expired });
  });

  it("says how non-existence was proven", () => {
    const lookup = lookupFromValidation("_25._tcp.mx1.example.test.", RRType.TLSA, { ...base, answer: [], rcode: 3, denial: { kind: "nxdomain", proof: "nsec3", optOut: true } });
    expect(lookup.denial).toEqual({ kind: "nxdomain", proof: "nsec3", optOut: true });
  });

  it("words each signature's class and problem in the reader's language, from tokens", () => {
    const sig = { covers: "example.test. DNSKEY", keyTag: 1, algorithm: 13, inception: "2026-01-01T00:00:00Z", expiration: "2026-02-01T00:00:00Z" };
    const [report] = zoneReports([
      {
        zone: "example.test.",
        status: "secure",
        ds: [],
        dnskeys: [],
        signatures: [
          { ...sig, valid: false, problem: "expired", class: "invalid", breaksChain: false },
          { ...sig, keyTag: 2, valid: true, class: "off-chain", breaksChain: false },
        ],
      },
    ]);
    const lines = (report?.lines ?? []).map(english);
    expect(lines[0]).toContain("— INVALID: expired (ignored: another signature validates the records)");
    expect(lines[1]).toContain("— valid, by a key no DS designates");
  });

  it("merges the zones walked by several lookups, once each, keeping the worst status and bad signatures", () => {
    const zone = (name: string, status: ValidationResult["status"], invalidSignatures = 0) => ({ zone: name, status, lines: [`${name} line`], invalidSignatures, signatureFindings: [] });
    const a = { ...lookupFromValidation("a.", 1, base), zones: [zone(".", "secure"), zone("test.", "secure")] };
    const b = { ...lookupFromValidation("b.", 1, base), zones: [zone(".", "secure"), zone("test.", "bogus", 1), zone("x.test.", "insecure")] };
    expect(mergeZones([a, b]).map((z) => [z.zone, z.status, z.invalidSignatures])).toEqual([
      [".", "secure", 0],
      ["test.", "bogus", 1],
      ["x.test.", "insecure", 0],
    ]);
  });

  it("projects a zone's evidence once: lookups that walked it share one frozen report, merged as one", () => {
    const sig = { covers: "test. DNSKEY", keyTag: 7, algorithm: 13, inception: "2026-01-01T00:00:00Z", expiration: "2026-02-01T00:00:00Z", valid: true, class: "chain" as const, breaksChain: false };
    const root = { zone: ".", status: "secure" as const, ds: [". IN DS 1 13 2 AA"], dnskeys: [], signatures: [] };
    const tld = { zone: "test.", status: "secure" as const, ds: [], dnskeys: [], signatures: [sig] };
    const a = lookupFromValidation("a.test.", RRType.MX, { ...base, chain: [root, tld] });
    // The last zone of another lookup is the validator's copy with that answer's signatures added.
    const b = lookupFromValidation("b.test.", RRType.MX, { ...base, chain: [root, { ...tld, signatures: [sig, { ...sig, covers: "b.test. MX" }] }] });
    expect(b.zones[0]).toBe(a.zones[0]);
    expect(b.zones[1]).not.toBe(a.zones[1]);
    expect(Object.isFrozen(a.zones[0]) && Object.isFrozen(a.zones[0]?.lines)).toBe(true);
    const merged = mergeZones([a, b, a]);
    expect(merged.map((z) => [z.zone, z.lines.length])).toEqual([
      [".", 1],
      ["test.", 2],
    ]);
  });
});
