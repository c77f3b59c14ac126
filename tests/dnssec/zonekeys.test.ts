// Zone-key authentication on the RFC example zones: the deprecation and weak-key warnings, SHA-1
// DS, revoked keys, and a DNSKEY trust anchor (tests/vectors/rfc-examples, PROVENANCE.md).
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { said } from "../helpers/english";
import { namesEqual } from "../../lib/dns/name";
import type { ResourceRecord } from "../../lib/dns/types";
import { parseZoneFile } from "../../lib/dns/zonefile";
import { DNSKEY_FLAG_REVOKE } from "../../lib/dnssec/rrsig";
import { keyTag } from "../../lib/dnssec/keytag";
import { authenticateZoneKeys } from "../../lib/dnssec/zonekeys";
import { loadZone, readVector, vectorTime } from "./vectors";



function apex(rel: string, zone: string) {
  const records = loadZone(rel);
  const keys = records.filter((r) => r.type === 48 && namesEqual(r.name, zone));
  const rrsigs = records.filter((r) => r.data.kind === "RRSIG" && r.data.typeCovered === 48);
  return { keys, rrsigs, now: vectorTime(readVector(rel)) };
}

describe("authenticateZoneKeys", () => {
  it("rfc5155 Appendix A (RSASHA1-NSEC3-SHA1, 512-bit keys) from a DNSKEY anchor: secure, deprecated and weak", () => {
    const { keys, rrsigs, now } = apex("rfc-examples/rfc5155-appendix-A.zone", "example.");
    const ksk = keys.filter((k) => keyTag(k.rdata) === 12708);
    const out = authenticateZoneKeys({ zone: "example.", ds: [], anchorKeys: ksk, dnskeys: keys, rrsigs, now });
    expect(out.status).toBe("secure");
    expect(out.warnings.map((w) => w.code)).toEqual(["DNSSEC_DEPRECATED_ALGORITHM", "DNSSEC_WEAK_KEY", "DNSSEC_WEAK_KEY"]);
    expect(said(out.warnings[0])).toContain("RSASHA1-NSEC3-SHA1 (7)");
    expect(out.evidence.dnskeys.map((k) => `${k.role}${k.designated ? " designated" : ""}`).sort()).toEqual(["KSK designated", "ZSK"]);
  });

  it("rfc4035 Appendix A (RSASHA1) from a SHA-1 DS: secure, SHA-1 DS and RSASHA1 flagged", () => {
    const { keys, rrsigs, now } = apex("rfc-examples/rfc4035-appendix-A.zone", "example.");
    // The RFC 4035 A zone holds DS records for its children only; compute the apex DS the way a
    // parent would and present it as SHA-1, the digest the RFC era used.
    const ksk = keys.find((k) => keyTag(k.rdata) === 9465) as ResourceRecord;
    const digest = createHash("sha1").update(Buffer.from([7, ...Buffer.from("example"), 0])).update(ksk.rdata).digest("hex");
    const ds = parseZoneFile(`example. 3600 IN DS 9465 5 1 ${digest}`);
    const out = authenticateZoneKeys({ zone: "example.", ds, anchorKeys: [], dnskeys: keys, rrsigs, now });
    expect(out.status).toBe("secure");
    expect(out.warnings.map((w) => w.code).sort()).toEqual(["DNSSEC_DEPRECATED_ALGORITHM", "DNSSEC_DEPRECATED_DIGEST"]);
  });

  it("a SHA-1 DS is ignored when a SHA-256 DS for the same key exists (RFC 4509 §3)", () => {
    const { keys, rrsigs, now } = apex("rfc-examples/rfc5155-appendix-A.zone", "example.");
    const ksk = keys.find((k) => keyTag(k.rdata) === 12708) as ResourceRecord;
    const sha256 = createHash("sha256").update(Buffer.from([7, ...Buffer.from("example"), 0])).update(ksk.rdata).digest("hex");
    // The SHA-256 DS is right; the SHA-1 one is garbage but would "match" nothing anyway, so a
    // wrong SHA-256 plus a right SHA-1 is the case that shows the SHA-1 record is not used.
    const sha1 = createHash("sha1").update(Buffer.from([7, ...Buffer.from("example"), 0])).update(ksk.rdata).digest("hex");
    const good = parseZoneFile(`example. 3600 IN DS 12708 7 2 ${sha256}\nexample. 3600 IN DS 12708 7 1 ${"00".repeat(20)}`);
    expect(authenticateZoneKeys({ zone: "example.", ds: good, anchorKeys: [], dnskeys: keys, rrsigs, now }).status).toBe("secure");
    const downgraded = parseZoneFile(`example. 3600 IN DS 12708 7 2 ${"00".repeat(32)}\nexample. 3600 IN DS 12708 7 1 ${sha1}`);
    expect(authenticateZoneKeys({ zone: "example.", ds: downgraded, anchorKeys: [], dnskeys: keys, rrsigs, now })).toMatchObject({ status: "bogus", reason: { code: "DNSSEC_DS_MISMATCH" } });
    const sha1Only = parseZoneFile(`example. 3600 IN DS 12708 7 1 ${sha1}`);
    expect(authenticateZoneKeys({ zone: "example.", ds: sha1Only, anchorKeys: [], dnskeys: keys, rrsigs, now }).status).toBe("secure");
  });

  it("every SHA-1 DS is ignored when the set holds a SHA-256 DS, even one for another key (RFC 4509 §3)", () => {
    const { keys, rrsigs, now } = apex("rfc-examples/rfc5155-appendix-A.zone", "example.");
    const ksk = keys.find((k) => keyTag(k.rdata) === 12708) as ResourceRecord;
    const sha1 = createHash("sha1").update(Buffer.from([7, ...Buffer.from("example"), 0])).update(ksk.rdata).digest("hex");
    // The SHA-256 DS names a key the zone does not publish; only the SHA-1 DS matches a key.
    const mixed = parseZoneFile(`example. 3600 IN DS 4242 7 2 ${"11".repeat(32)}\nexample. 3600 IN DS 12708 7 1 ${sha1}`);
    expect(authenticateZoneKeys({ zone: "example.", ds: mixed, anchorKeys: [], dnskeys: keys, rrsigs, now })).toMatchObject({ status: "bogus", reason: { code: "DNSSEC_DS_MISMATCH" } });
  });

  it("a DNSKEY trust anchor of an algorithm mailsec cannot check makes the zone insecure, not bogus (RFC 4035 §5.2)", () => {
    const { keys, rrsigs, now } = apex("rfc-examples/rfc6605-6.1-ecdsap256.zone", "example.net.");
    const privateAlg = parseZoneFile(`example.net. 3600 IN DNSKEY 257 3 253 ${Buffer.from("a private-algorithm key").toString("base64")}`);
    expect(authenticateZoneKeys({ zone: "example.net.", ds: [], anchorKeys: privateAlg, dnskeys: keys, rrsigs, now })).toMatchObject({
      status: "insecure",
      reason: { code: "DNSSEC_UNSUPPORTED_ALGORITHM" },
    });
    // Next to a key it can check, the unusable anchor changes nothing (RFC 6840 §5.11: any one path).
    const signed = apex("rfc-examples/rfc5155-appendix-A.zone", "example.");
    const ksk = signed.keys.filter((k) => keyTag(k.rdata) === 12708);
    const mixed = [...parseZoneFile(`example. 3600 IN DNSKEY 257 3 253 ${Buffer.from("a private-algorithm key").toString("base64")}`), ...ksk];
    expect(authenticateZoneKeys({ zone: "example.", ds: [], anchorKeys: mixed, dnskeys: signed.keys, rrsigs: signed.rrsigs, now: signed.now }).status).toBe("secure");
  });

  it("a DS that designates a revoked key cannot start the chain (RFC 5011 §2.1)", () => {
    const { keys, rrsigs, now } = apex("rfc-examples/rfc6605-6.1-ecdsap256.zone", "example.net.");
    const revoked = keys.map((k) => {
      if (k.data.kind !== "DNSKEY") return k;
      const rdata = Uint8Array.from(k.rdata);
      rdata[1] = (rdata[1] ?? 0) | DNSKEY_FLAG_REVOKE;
      return { ...k, rdata, data: { ...k.data, flags: k.data.flags | DNSKEY_FLAG_REVOKE } };
    });
    const out = authenticateZoneKeys({ zone: "example.net.", ds: [], anchorKeys: revoked, dnskeys: revoked, rrsigs, now });
    expect(out).toMatchObject({ status: "bogus", reason: { code: "DNSSEC_DS_MISMATCH" } });
    expect(out.evidence.dnskeys[0]).toMatchObject({ role: "revoked", designated: true });
  });

  it("an unknown DS digest type only: insecure with EDE 2, keys never needed", () => {
    const ds = parseZoneFile("example.net. 3600 IN DS 55648 13 5 " + "ab".repeat(32));
    const out = authenticateZoneKeys({ zone: "example.net.", ds, anchorKeys: [], dnskeys: [], rrsigs: [], now: new Date() });
    expect(out).toMatchObject({ status: "insecure", reason: { code: "DNSSEC_UNSUPPORTED_DIGEST", ede: 2, params: { digest: "GOST R 34.11-2012 (5)" } } });
    // A number with no IANA name is shown as the number: the catalogue's words say "digest type".
    const unnamed = parseZoneFile("example.net. 3600 IN DS 55648 13 200 " + "ab".repeat(32));
    const bare = authenticateZoneKeys({ zone: "example.net.", ds: unnamed, anchorKeys: [], dnskeys: [], rrsigs: [], now: new Date() });
    expect(bare).toMatchObject({ reason: { code: "DNSSEC_UNSUPPORTED_DIGEST", params: { digest: "200" } } });
  });

  it("the DNSKEY RRset must be signed by the designated key, not just any zone key", () => {
    const { keys, rrsigs, now } = apex("rfc-examples/rfc5155-appendix-A.zone", "example.");
    const zsk = keys.filter((k) => keyTag(k.rdata) === 40430);
    const out = authenticateZoneKeys({ zone: "example.", ds: [], anchorKeys: zsk, dnskeys: keys, rrsigs, now });
    expect(out).toMatchObject({ status: "bogus", reason: { code: "DNSSEC_DNSKEY_MISSING" } });
  });
});

describe("authenticateZoneKeys with the KeyTrap bound (RFC 4035 §5.3, CVE-2023-50387)", () => {
  // default. from scripts/vectors/make-bind-styles.sh: DNSKEY signed by the KSK and the ZSK.
  const records = loadZone("signers/styles/default.zone", "default.");
  const keys = records.filter((r) => r.type === 48);
  const rrsigs = records.filter((r) => r.data.kind === "RRSIG" && r.data.typeCovered === 48);
  const ds = kskDs(keys);
  const now = new Date("2026-06-01T00:00:00Z");

  it("signatures naming a designated key are verified first, so a flood of others cannot spend the budget", () => {
    const ksk = keys.find((k) => k.data.kind === "DNSKEY" && k.data.flags === 257) as ResourceRecord;
    const zskSig = rrsigs.find((s) => s.data.kind === "RRSIG" && s.data.keyTag !== keyTag(ksk.rdata)) as ResourceRecord;
    // Nine copies of the ZSK's signature, each a full verification, ahead of the KSK's in the answer.
    const flood = [...Array.from({ length: 9 }, () => zskSig), ...rrsigs];
    const out = authenticateZoneKeys({ zone: "default.", ds, anchorKeys: [], dnskeys: keys, rrsigs: flood, now });
    expect(out.status).toBe("secure");
    const classes = out.evidence.signatures.map((s) => s.class);
    expect(classes.filter((c) => c === "chain")).toHaveLength(1);
    expect(classes).toContain("unchecked");
    expect(out.evidence.signatures.find((s) => s.class === "unchecked")).toMatchObject({ breaksChain: false, finding: { code: "DNSSEC_RRSIG_NOT_CHECKED" } });
  });
});

/** The SHA-256 DS of the zone's KSK, as its parent publishes it (RFC 4034 §5.1.4). */
function kskDs(keys: ResourceRecord[]): ResourceRecord[] {
  const ksk = keys.find((k) => k.data.kind === "DNSKEY" && k.data.flags === 257) as ResourceRecord;
  const owner = Buffer.from([7, ...Buffer.from("default"), 0]);
  const digest = createHash("sha256").update(owner).update(ksk.rdata).digest("hex");
  return parseZoneFile(`default. 3600 IN DS ${keyTag(ksk.rdata)} 13 2 ${digest}`);
}
