// DS digests, key tags and trust anchors on RFC and IANA data (tests/vectors/rfc-examples and
// real-world, PROVENANCE.md in each).
import { describe, expect, it } from "vitest";
import type { ResourceRecord } from "../../lib/dns/types";
import { ianaRootAnchors, parseTrustAnchors, TrustAnchorError } from "../../lib/dnssec/anchors";
import { dsMatchesDnskey } from "../../lib/dnssec/ds";
import { keyTag } from "../../lib/dnssec/keytag";
import { loadZone, readVector } from "./vectors";

function dsAndKeys(rel: string): { ds: ResourceRecord[]; keys: ResourceRecord[] } {
  const records = loadZone(rel);
  return { ds: records.filter((r) => r.type === 43), keys: records.filter((r) => r.type === 48) };
}

describe("DS digests", () => {
  it("rfc4034 §5.4 SHA-1 DS and rfc4509 §2.3 SHA-256 DS match dskey.example.com. (tag 60485)", () => {
    const { ds, keys } = dsAndKeys("rfc-examples/rfc4034-5.4-ds.zone");
    expect(keys.map((k) => keyTag(k.rdata))).toEqual([60485]);
    expect(ds.map((d) => (d.data.kind === "DS" ? d.data.digestType : 0)).sort()).toEqual([1, 2]);
    for (const d of ds) expect(dsMatchesDnskey(d, keys[0] as ResourceRecord)).toBe("match");
  });

  it.each([["rfc6605 §6.1 P-256", "rfc-examples/rfc6605-6.1-ecdsap256.zone"], ["rfc6605 §6.2 P-384", "rfc-examples/rfc6605-6.2-ecdsap384.zone"]])(
    "%s DS matches its DNSKEY",
    (_n, rel) => {
      const { ds, keys } = dsAndKeys(rel);
      expect(ds.length).toBeGreaterThan(0);
      for (const d of ds) expect(dsMatchesDnskey(d, keys[0] as ResourceRecord)).toBe("match");
    },
  );

  it("rfc6605 §6.1 DS with the right digest but another key tag or algorithm does not match (RFC 4035 §5.2)", () => {
    const { ds, keys } = dsAndKeys("rfc-examples/rfc6605-6.1-ecdsap256.zone");
    const d = ds[0] as ResourceRecord;
    if (d.data.kind !== "DS") throw new Error("no DS");
    const key = keys[0] as ResourceRecord;
    expect(dsMatchesDnskey({ ...d, data: { ...d.data, keyTag: (d.data.keyTag + 1) & 0xffff } }, key)).toBe("mismatch");
    expect(dsMatchesDnskey({ ...d, data: { ...d.data, algorithm: 14 } }, key)).toBe("mismatch");
    expect(dsMatchesDnskey({ ...d, data: { ...d.data, digestType: 3 } }, key)).toBe("unsupported-digest");
  });

  it("rfc6605 DS records with one changed nibble do not match (unbound test_ds.sha384)", () => {
    const { ds, keys } = dsAndKeys("rfc-examples/rfc6605-ds-corrupted.zone");
    expect(ds.length).toBeGreaterThan(0);
    for (const d of ds) for (const k of keys) expect(dsMatchesDnskey(d, k)).toBe("mismatch");
  });
});

describe("trust anchors", () => {
  it("the built-in IANA root anchors are KSK-2017 (20326) and KSK-2024 (38696) and match the root KSKs", () => {
    const [root] = ianaRootAnchors();
    expect(root?.zone).toBe(".");
    expect(root?.ds.map((d) => (d.data.kind === "DS" ? d.data.keyTag : 0))).toEqual([20326, 38696]);
    const keys = loadZone("real-world/root-trust-anchors.zone").filter((r) => r.type === 48);
    const fileDs = loadZone("real-world/root-trust-anchors.zone").filter((r) => r.type === 43);
    expect(root?.ds.map((d) => Buffer.from(d.rdata).toString("hex"))).toEqual(fileDs.map((d) => Buffer.from(d.rdata).toString("hex")));
    for (const d of root?.ds ?? []) {
      const tag = d.data.kind === "DS" ? d.data.keyTag : -1;
      const key = keys.find((k) => keyTag(k.rdata) === tag);
      expect(key, `DNSKEY ${tag}`).toBeDefined();
      expect(dsMatchesDnskey(d, key as ResourceRecord)).toBe("match");
    }
  });

  it("parses the rfc9102 test anchor file and groups DS and DNSKEY lines per zone", () => {
    const anchors = parseTrustAnchors(readVector("rfc9102/trust-anchor.zone"));
    expect(anchors).toHaveLength(1);
    expect(anchors[0]?.ds.map((d) => (d.data.kind === "DS" ? d.data.keyTag : 0))).toEqual([47005]);
    const mixed = parseTrustAnchors("example. 3600 IN DS 1 13 2 " + "00".repeat(32) + "\nExample. 3600 IN DNSKEY 257 3 13 " + Buffer.alloc(64, 1).toString("base64") + "\n");
    expect(mixed).toHaveLength(1);
    expect([mixed[0]?.ds.length, mixed[0]?.dnskeys.length]).toEqual([1, 1]);
  });

  it("refuses anchor files with other record types or no records", () => {
    expect(() => parseTrustAnchors("example. 3600 IN A 192.0.2.1\n")).toThrow(TrustAnchorError);
    expect(() => parseTrustAnchors("; nothing here\n")).toThrow(TrustAnchorError);
    // A failed text is not kept: it fails again, the same way.
    expect(() => parseTrustAnchors("; nothing here\n")).toThrow(TrustAnchorError);
  });

  it("parses a text once and shares that set, frozen, with every later run", () => {
    const text = readVector("rfc9102/trust-anchor.zone");
    const first = parseTrustAnchors(text);
    expect(parseTrustAnchors(text)).toBe(first);
    expect(parseTrustAnchors(`${text}\n`)).not.toBe(first);
    expect(ianaRootAnchors()).toBe(ianaRootAnchors());
    expect(Object.isFrozen(first) && Object.isFrozen(first[0]) && Object.isFrozen(first[0]?.ds)).toBe(true);
    expect(() => (first[0]?.ds as ResourceRecord[]).push(first[0]!.ds[0]!)).toThrow(TypeError);
  });
});
