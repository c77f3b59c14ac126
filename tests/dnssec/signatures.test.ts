// Signature algorithms and RRset verification on third-party vectors (tests/vectors/<source>/PROVENANCE.md).
import { describe, expect, it } from "vitest";
import type { ResourceRecord } from "../../lib/dns/types";
import { signatureAlgorithm } from "../../lib/dnssec/algorithms";
import { parseRsaPublicKey } from "../../lib/dnssec/algorithms/rsa";
import { keyTag } from "../../lib/dnssec/keytag";
import { nsec3HashBase32 } from "../../lib/dnssec/nsec3";
import { MAX_SIGNATURE_CHECKS, verifyRrset, withAuthenticatedTtl, type RrsetVerdict } from "../../lib/dnssec/rrsig";
import { loadZone, readVector, rrsets, rrsigsOf, vectorTime } from "./vectors";

function verifyAll(rel: string, now?: Date): { owner: string; type: number; verdict: RrsetVerdict }[] {
  const records = loadZone(rel);
  const when = now ?? vectorTime(readVector(rel));
  const keys = records.filter((r) => r.type === 48);
  const sigs = rrsigsOf(records);
  return rrsets(records).map((set) => {
    const first = set[0] as ResourceRecord;
    const sig = sigs.find((s) => s.data.kind === "RRSIG" && s.data.typeCovered === first.type && s.name.toLowerCase() === first.name.toLowerCase());
    const zone = sig?.data.kind === "RRSIG" ? sig.data.signerName : first.name;
    return { owner: first.name, type: first.type, verdict: verifyRrset({ rrset: set, rrsigs: sigs, dnskeys: keys, zone, now: when }) };
  });
}

function signedSets(rel: string, now?: Date) {
  return verifyAll(rel, now).filter((r) => r.verdict.status !== "unsigned");
}

describe("RFC example signatures", () => {
  it.each([
    ["rfc5702 §6.1 RSA/SHA-256", "rfc-examples/rfc5702-6.1-rsasha256.zone", [9033]],
    ["rfc5702 §6.2 RSA/SHA-512", "rfc-examples/rfc5702-6.2-rsasha512.zone", [3740]],
    ["rfc6605 §6.1 P-256", "rfc-examples/rfc6605-6.1-ecdsap256.zone", [55648]],
    ["rfc6605 §6.2 P-384", "rfc-examples/rfc6605-6.2-ecdsap384.zone", [10771]],
    ["rfc8080 §6.1 Ed25519 (erratum 4935)", "rfc-examples/rfc8080-6.1-ed25519.zone", [3613, 35217]],
    ["rfc8080 §6.2 Ed448 (erratum 4935)", "rfc-examples/rfc8080-6.2-ed448.zone", [9713, 38353]],
  ])("%s verifies with its key tags", (_name, rel, tags) => {
    const keys = loadZone(rel).filter((r) => r.type === 48);
    expect(keys.map((k) => keyTag(k.rdata)).sort()).toEqual([...tags].sort());
    const sets = signedSets(rel);
    expect(sets.length).toBeGreaterThan(0);
    for (const s of sets) expect(s.verdict.status, `${s.owner} ${s.type}`).toBe("valid");
  });

  it("rfc8080 original (pre-erratum) RRSIGs are rejected by the labels rule, not by cryptography", () => {
    const sets = signedSets("rfc-examples/rfc8080-original-bad-rrsigs.zone");
    expect(sets.length).toBeGreaterThan(0);
    for (const s of sets) {
      expect(s.verdict.status).toBe("invalid");
      for (const c of s.verdict.checks) expect(c.problem).toBe("labels-invalid");
    }
  });

  it("rfc5702 §6.1 is flagged weak (512-bit RSA) but still validates", () => {
    const key = loadZone("rfc-examples/rfc5702-6.1-rsasha256.zone").find((r) => r.type === 48);
    if (key?.data.kind !== "DNSKEY") throw new Error("no key");
    const alg = signatureAlgorithm(8);
    expect(alg?.keyBits(key.data.publicKey)).toBe(512);
    expect((alg?.keyBits(key.data.publicKey) ?? 0) < (alg?.weakBelowBits ?? 0)).toBe(true);
  });

  it("rfc6605 §6.1 signature fails one second after expiration and before inception", () => {
    // Window 20100812100439 .. 20100909100439.
    expect(signedSets("rfc-examples/rfc6605-6.1-ecdsap256.zone", new Date(Date.UTC(2010, 8, 9, 10, 4, 40)))[0]?.verdict).toMatchObject({ status: "invalid", problem: "expired" });
    expect(signedSets("rfc-examples/rfc6605-6.1-ecdsap256.zone", new Date(Date.UTC(2010, 7, 12, 10, 4, 38)))[0]?.verdict).toMatchObject({ status: "invalid", problem: "not-yet-valid" });
    expect(signedSets("rfc-examples/rfc6605-6.1-ecdsap256.zone", new Date(Date.UTC(2010, 8, 9, 10, 4, 39)))[0]?.verdict.status).toBe("valid");
  });
});

describe("RRSIG TTLs (RFC 4034 §3.1.8.1, RFC 4035 §5.3.3)", () => {
  const zone = "rfc-examples/rfc6605-6.1-ecdsap256.zone";
  const records = loadZone(zone);
  const keys = records.filter((r) => r.type === 48);
  const sigs = rrsigsOf(records).filter((s) => s.data.kind === "RRSIG" && s.data.typeCovered === 1);
  const a = records.filter((r) => r.type === 1);
  const during = vectorTime(readVector(zone));

  it("rfc6605 §6.1: the signed data carries the Original TTL, so a changed TTL on the wire still verifies", () => {
    const stretched = a.map((r) => ({ ...r, ttl: 86400 }));
    expect(verifyRrset({ rrset: stretched, rrsigs: sigs, dnskeys: keys, zone: "example.net.", now: during }).status).toBe("valid");
  });

  it("rfc6605 §6.1: an authenticated RRset keeps no more TTL than the Original TTL and the time left to expiration", () => {
    const stretched = a.map((r) => ({ ...r, ttl: 86400 }));
    const verdict = verifyRrset({ rrset: stretched, rrsigs: sigs, dnskeys: keys, zone: "example.net.", now: during });
    if (verdict.status !== "valid") throw new Error(`expected a valid verdict, got ${verdict.status}`);
    expect(withAuthenticatedTtl(stretched, verdict.by, during).map((r) => r.ttl)).toEqual([3600]);
    // Expiration is 2010-09-09T10:04:39Z: 600 seconds before it, 600 seconds of trust remain.
    const late = new Date(Date.UTC(2010, 8, 9, 9, 54, 39));
    expect(withAuthenticatedTtl(stretched, verdict.by, late).map((r) => r.ttl)).toEqual([600]);
    const short = a.map((r) => ({ ...r, ttl: 60 }));
    expect(withAuthenticatedTtl(short, verdict.by, during).map((r) => r.ttl)).toEqual([60]);
  });
});

describe("KeyTrap bound (CVE-2023-50387)", () => {
  const zone = "rfc-examples/rfc6605-6.1-ecdsap256.zone";
  const records = loadZone(zone);
  const keys = records.filter((r) => r.type === 48);
  const real = rrsigsOf(records).find((s) => s.data.kind === "RRSIG" && s.data.typeCovered === 1) as ResourceRecord;
  const a = records.filter((r) => r.type === 1);
  const now = vectorTime(readVector(zone));
  // The same RRSIG with one signature octet flipped: same key tag, so each one costs a verification.
  const forged = (k: number): ResourceRecord => {
    if (real.data.kind !== "RRSIG") throw new Error("no RRSIG");
    const signature = Uint8Array.from(real.data.signature);
    signature[k % signature.length] = (signature[k % signature.length] ?? 0) ^ 0xff;
    const rdata = Uint8Array.from(real.rdata);
    rdata.set(signature, rdata.length - signature.length);
    return { ...real, rdata, data: { ...real.data, signature } };
  };

  it(`rfc6605 §6.1 with 40 forged RRSIGs of the key's tag: at most ${MAX_SIGNATURE_CHECKS} verifications, the rest not checked`, () => {
    const rrsigs = Array.from({ length: 40 }, (_, k) => forged(k));
    const verdict = verifyRrset({ rrset: a, rrsigs: [...rrsigs, real], dnskeys: keys, zone: "example.net.", now });
    expect(verdict).toMatchObject({ status: "invalid", problem: "bad-signature" });
    const problems = verdict.checks.map((c) => c.problem);
    expect(problems.filter((p) => p === "bad-signature")).toHaveLength(MAX_SIGNATURE_CHECKS);
    expect(problems.filter((p) => p === "not-checked")).toHaveLength(41 - MAX_SIGNATURE_CHECKS);
  });

  it("rfc6605 §6.1: a valid RRSIG within the budget still wins over forged ones", () => {
    const rrsigs = Array.from({ length: 40 }, (_, k) => forged(k));
    expect(verifyRrset({ rrset: a, rrsigs: [forged(99), real, ...rrsigs], dnskeys: keys, zone: "example.net.", now }).status).toBe("valid");
  });
});

describe("RFC signed example zones (Appendix A)", () => {
  it.each([
    ["rfc4035 Appendix A (RSASHA1, NSEC)", "rfc-examples/rfc4035-appendix-A.zone", 27],
    ["rfc5155 Appendix A (RSASHA1-NSEC3-SHA1, NSEC3 opt-out)", "rfc-examples/rfc5155-appendix-A.zone", 30],
  ])("%s: all %i RRSIGs verify at the vector's clock", (_n, rel, count) => {
    const records = loadZone(rel);
    expect(rrsigsOf(records)).toHaveLength(count);
    const sets = signedSets(rel);
    const checked = sets.reduce((n, s) => n + s.verdict.checks.length, 0);
    expect(checked).toBe(count);
    for (const s of sets) expect(s.verdict.status, `${s.owner} ${s.type}`).toBe("valid");
  });

  it("rfc5155 Appendix A: every NSEC3 owner is H(name) of a name in the zone (12 iterations, salt AABBCCDD)", () => {
    const records = loadZone("rfc-examples/rfc5155-appendix-A.zone");
    const nsec3 = records.filter((r) => r.type === 50);
    const salt = Uint8Array.from([0xaa, 0xbb, 0xcc, 0xdd]);
    const names = [...new Set(records.filter((r) => r.type !== 50 && r.type !== 46).map((r) => r.name.toLowerCase()))];
    // Empty non-terminals of the RFC zone also get NSEC3 records (RFC 5155 §7.1).
    const hashed = new Set([...names, "w.example.", "y.w.example."].map((n) => nsec3HashBase32(n, salt, 12)));
    for (const r of nsec3) expect(hashed.has(r.name.split(".")[0]?.toLowerCase() ?? ""), r.name).toBe(true);
    expect(nsec3.length).toBeGreaterThan(8);
  });
});

describe("real-world keys", () => {
  it("isc.org 2018 DNSKEY RRset with a 4-byte RSA exponent verifies (miekg/dns TestRsaExponentUnpack)", () => {
    const rel = "real-world/isc.org-rsa-4byte-exponent.zone";
    const keys = loadZone(rel).filter((r) => r.type === 48);
    const ksk = keys.find((k) => keyTag(k.rdata) === 12892);
    if (ksk?.data.kind !== "DNSKEY") throw new Error("KSK 12892 missing");
    const parts = parseRsaPublicKey(ksk.data.publicKey);
    expect(Buffer.from(parts?.exponent ?? []).toString("hex")).toBe("40000003");
    const sets = signedSets(rel);
    expect(sets.map((s) => s.verdict.status)).toEqual(["valid"]);
    const verdict = sets[0]?.verdict;
    if (verdict?.status !== "valid") throw new Error("not valid");
    // Both RRSIGs (12892 with the 4-byte exponent, and 19923) must verify on their own.
    expect(verdict.checks.map((c) => [c.keyTag, c.problem])).toEqual(expect.arrayContaining([[12892, null], [19923, null]]));
  });

  it("the 2024 root DNSKEY RRset verifies against KSK-2017 (20326) (dnssec-prover capture)", () => {
    const sets = signedSets("real-world/dnssec-prover/root-dnskey.zone");
    expect(sets).toHaveLength(1);
    const v = sets[0]?.verdict;
    expect(v?.status).toBe("valid");
    if (v?.status === "valid") expect(v.by.keyTag).toBe(20326);
  });

  it.each([
    "real-world/nlnetlabs-domain/root-dnskey-2019.zone",
    "real-world/nlnetlabs-domain/net-dnskey-2021.zone",
    "real-world/nlnetlabs-domain/cloudflare.com-dnskey-2019.zone",
    "real-world/nlnetlabs-domain/ed25519.nl-dnskey-2019.zone",
  ])("NLnetLabs domain capture %s verifies", (rel) => {
    const sets = signedSets(rel);
    expect(sets.length).toBeGreaterThan(0);
    for (const s of sets) expect(s.verdict.status).toBe("valid");
  });
});

describe("algorithm registry", () => {
  it.each([1, 3, 6, 12, 100, 253])("algorithm %i is unsupported", (n) => {
    expect(signatureAlgorithm(n)).toBeNull();
  });
  it.each([[5, "deprecated"], [7, "deprecated"], [8, "recommended"], [10, "recommended"], [13, "recommended"], [14, "recommended"], [15, "recommended"], [16, "recommended"]])(
    "algorithm %i is %s",
    (n, status) => {
      expect(signatureAlgorithm(n as number)?.status).toBe(status);
    },
  );
});
