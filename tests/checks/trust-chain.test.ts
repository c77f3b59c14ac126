// The chain-of-trust picture data (lib/checks/trust-chain.ts), projected from what the real
// validator found walking the lab's signed zones: keys with their roles, DS links, and exactly the
// signature that breaks the chain marked, with the zones above it intact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trustChainZone } from "../../lib/checks/trust-chain";
import { createNetworkTransport } from "../../lib/dns/transport";
import { RRType } from "../../lib/dns/types";
import { parseTrustAnchors } from "../../lib/dnssec/anchors";
import { createValidator } from "../../lib/dnssec/validator";
import { startLab, type Lab } from "../../lib/lab";
import { TrustChainZone, type TrustChainZone as Zone } from "../../lib/report/trust-chain";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ withSmtp: false });
}, 60_000);
afterAll(async () => {
  await lab?.stop();
});

async function chainOf(name: string): Promise<Zone[]> {
  const transport = createNetworkTransport({ servers: [lab.resolver], timeoutMs: 2000, attempts: 2 });
  const validator = createValidator({ transport, anchors: parseTrustAnchors(lab.trustAnchorText), now: () => lab.now });
  const result = await validator.validate(name, RRType.MX);
  // Every zone satisfies the schema the result document is parsed with.
  return result.chain.map((evidence) => TrustChainZone.parse(trustChainZone(evidence)));
}

describe("trust chain projection over the lab", () => {
  it("a secure chain: the anchor and each DS designate a KSK, nothing breaks", async () => {
    const zones = await chainOf("dane-ee.test.");
    expect(zones.map((z) => z.name)).toEqual([".", "test.", "dane-ee.test."]);
    expect(zones[0]!.anchor).toBe(true);
    for (const zone of zones) {
      expect(zone.status).toBe("secure");
      expect(zone.ds.length).toBeGreaterThan(0);
      expect(zone.ds.every((ds) => ds.matched)).toBe(true);
      expect(zone.keys.some((k) => k.designated && (k.role === "KSK" || k.role === "CSK"))).toBe(true);
      expect(zone.signatures.some((s) => s.breaksChain)).toBe(false);
    }
    const leaf = zones[2]!;
    expect(leaf.signatures.some((s) => s.rrset.toLowerCase() === "dane-ee.test. mx" && s.valid)).toBe(true);
  });

  it("an expired RRSIG over the MX RRset: that signature alone breaks the chain", async () => {
    const zones = await chainOf("expired-rrsig.test.");
    const breaking = zones.flatMap((z) => z.signatures.filter((s) => s.breaksChain).map((s) => ({ zone: z.name, ...s })));
    expect(breaking).toHaveLength(1);
    expect(breaking[0]).toMatchObject({ zone: "expired-rrsig.test.", valid: false, expiration: "2021-01-01T00:00:00Z" });
    expect(breaking[0]!.rrset.toLowerCase()).toBe("expired-rrsig.test. mx");
    expect(zones.filter((z) => z.name !== "expired-rrsig.test.").every((z) => z.signatures.every((s) => s.valid))).toBe(true);
  });

  it("a DS that designates no key: the DS is unmatched and the zone bogus", async () => {
    const zones = await chainOf("bad-ds.test.");
    const zone = zones.find((z) => z.name === "bad-ds.test.");
    expect(zone?.status).toBe("bogus");
    expect(zone?.ds.length).toBeGreaterThan(0);
    expect(zone?.ds.every((ds) => !ds.matched)).toBe(true);
    expect(zone?.keys.every((k) => !k.designated)).toBe(true);
  });
});
