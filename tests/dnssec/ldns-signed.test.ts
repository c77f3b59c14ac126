// Zones signed by an external signer (ldns-signzone 1.8.3, scripts/vectors/make-ldns-signed.sh):
// our verifier must accept what another implementation signed, and reject what it should.
import { describe, expect, it } from "vitest";
import { fromBase32Hex } from "../../lib/dns/codec";
import { nameLabels, namesEqual } from "../../lib/dns/name";
import type { ResourceRecord } from "../../lib/dns/types";
import { parseTrustAnchors } from "../../lib/dnssec/anchors";
import { dsMatchesDnskey } from "../../lib/dnssec/ds";
import { nsec3Hash } from "../../lib/dnssec/nsec3";
import { verifyRrset } from "../../lib/dnssec/rrsig";
import { loadZone, readVector, rrsets, rrsigsOf } from "./vectors";

const DIR = "ldns-signed/";
const manifest = JSON.parse(readVector(DIR + "manifest.json")) as { origin: string; file: string; signed: boolean }[];
const NOW = new Date("2026-06-01T00:00:00Z");

function zone(origin: string): ResourceRecord[] {
  const entry = manifest.find((m) => m.origin === origin);
  if (!entry) throw new Error(`no zone ${origin}`);
  return loadZone(DIR + entry.file, origin);
}

function verdicts(origin: string, keysFrom: string = origin) {
  const records = zone(origin);
  const keys = zone(keysFrom).filter((r) => r.type === 48 && namesEqual(r.name, keysFrom));
  const sigs = rrsigsOf(records);
  return rrsets(records).map((set) => {
    const first = set[0] as ResourceRecord;
    return { label: `${first.name} ${first.type}`, verdict: verifyRrset({ rrset: set, rrsigs: sigs, dnskeys: keys, zone: origin, now: NOW }) };
  });
}

describe("ldns-signed hierarchy (ldns-signzone 1.8.3)", () => {
  it.each([".", "example.", "nsec3.example.", "n3.example.", "ed.example.", "badds.example.", "iter.example."])("%s: every authoritative RRset verifies", (origin) => {
    const results = verdicts(origin);
    const signed = results.filter((r) => r.verdict.status !== "unsigned");
    expect(signed.length).toBeGreaterThan(3);
    for (const r of signed) expect(r.verdict.status, r.label).toBe("valid");
    // Unsigned sets are exactly the delegation NS sets and glue (RFC 4035 §2.2).
    for (const r of results.filter((x) => x.verdict.status === "unsigned")) expect(r.label).toMatch(/ (2|1)$/);
  });

  it("expired.example.: the www A signature is expired, the rest verifies", () => {
    const results = verdicts("expired.example.");
    expect(results.find((r) => r.label === "www.expired.example. 1")?.verdict).toMatchObject({ status: "invalid", problem: "expired" });
    expect(results.filter((r) => r.verdict.status === "invalid")).toHaveLength(1);
  });

  it("future.example.: the www A signature is not yet valid", () => {
    expect(verdicts("future.example.").find((r) => r.label === "www.future.example. 1")?.verdict).toMatchObject({ status: "invalid", problem: "not-yet-valid" });
  });

  it("unsupported.example.: RSAMD5 signatures are never accepted", () => {
    const signed = verdicts("unsupported.example.").filter((r) => r.verdict.status !== "unsigned");
    expect(signed.length).toBeGreaterThan(0);
    for (const r of signed) expect(r.verdict).toMatchObject({ status: "invalid", problem: "unsupported-algorithm" });
  });

  it("nokey.example. is served without its DNSKEY RRset", () => {
    expect(zone("nokey.example.").some((r) => r.type === 48)).toBe(false);
  });

  it("the DS records in the parents match the child KSKs, except badds.example.", () => {
    const anchor = parseTrustAnchors(readVector(DIR + "trust-anchor.zone"))[0];
    const rootKeys = zone(".").filter((r) => r.type === 48);
    expect(anchor?.ds.some((d) => rootKeys.some((k) => dsMatchesDnskey(d, k) === "match"))).toBe(true);
    const parentDs = [...zone("."), ...zone("example.")].filter((r) => r.type === 43);
    for (const child of ["example.", "nsec3.example.", "n3.example.", "ed.example.", "expired.example.", "future.example.", "unsupported.example.", "iter.example."]) {
      const keys = zone(child).filter((r) => r.type === 48);
      const ds = parentDs.filter((d) => namesEqual(d.name, child));
      expect(ds.some((d) => keys.some((k) => dsMatchesDnskey(d, k) === "match")), child).toBe(true);
    }
    const badKeys = zone("badds.example.").filter((r) => r.type === 48);
    const badDs = parentDs.filter((d) => namesEqual(d.name, "badds.example."));
    expect(badDs).toHaveLength(1);
    expect(badKeys.some((k) => dsMatchesDnskey(badDs[0] as ResourceRecord, k) === "match")).toBe(false);
  });

  it("nsec3.example. (dnssec-signzone -A): NSEC3 owners hash the zone's names but not the opt-out delegation; chain closed", () => {
    const records = zone("nsec3.example.");
    const nsec3 = records.filter((r) => r.type === 50);
    const names = new Set(records.filter((r) => r.type !== 50 && r.type !== 46).map((r) => r.name.toLowerCase()));
    names.add("w.nsec3.example."); // the empty non-terminal above *.w
    const hashes = new Set([...names].filter((n) => !n.startsWith("optout.") && n !== "ns.example.").map((n) => Buffer.from(nsec3Hash(n, new Uint8Array(), 0)).toString("hex")));
    const owners = nsec3.map((r) => Buffer.from(fromBase32Hex(nameLabels(r.name)[0] ?? "")).toString("hex"));
    expect(new Set(owners)).toEqual(hashes);
    for (const r of nsec3) expect(r.data.kind === "NSEC3" && r.data.flags & 1).toBe(1);
    const nexts = new Set(nsec3.map((r) => (r.data.kind === "NSEC3" ? Buffer.from(r.data.nextHashed).toString("hex") : "")));
    expect(nexts).toEqual(new Set(owners));
  });
});
