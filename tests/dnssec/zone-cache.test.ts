// The zone states shared across runs (lib/dnssec/zone-cache.ts) against the lab: a second run
// reuses the root and test. (and asks only for its own zone and data), says so in its details, never
// reuses the domain's own zone, keeps a bogus root for 30 s at most, and never hands a state to a
// validation time its signatures do not cover.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunTest } from "../../lib/checks/run";
import { createCachingTransport, type CachingTransport } from "../../lib/dns/cache";
import { rrTypeName } from "../../lib/dns/rrtypes";
import { createNetworkTransport } from "../../lib/dns/transport";
import { RRType } from "../../lib/dns/types";
import { ianaRootAnchors, parseTrustAnchors } from "../../lib/dnssec/anchors";
import { createValidator } from "../../lib/dnssec/validator";
import { createZoneCache, type ZoneCache } from "../../lib/dnssec/zone-cache";
import { startLab, type Lab } from "../../lib/lab";
import type { ResultDocument, Step } from "../../lib/report/schema";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
}, 60_000);
afterAll(async () => {
  await lab?.stop();
});

function transport(asked: string[]): CachingTransport {
  const network = createNetworkTransport({ servers: [lab.resolver], timeoutMs: 2000, attempts: 2 });
  return createCachingTransport(
    {
      query: (question, options) => {
        asked.push(`${question.name.toLowerCase().replace(/\.?$/, ".")} ${rrTypeName(question.type)}`);
        return network.query(question, options);
      },
    },
    { maxQueries: 400 },
  );
}

async function daneRun(domain: string, zoneCache: ZoneCache): Promise<{ asked: string[]; result: ResultDocument | null }> {
  const asked: string[] = [];
  const run = createRunTest(() => transport(asked));
  let result: ResultDocument | null = null;
  const config = { resolvers: [lab.resolver], trustAnchors: lab.trustAnchorText, smtpPort: lab.smtpPort, allowPrivate: true, timeoutMs: 30_000, zoneCache };
  for await (const event of run({ id: `zc-${domain}-${asked.length}`, test: "dane", input: domain, sendTestMessage: false }, config)) {
    if (event.type === "done") result = event.result;
  }
  return { asked, result };
}

function allDetails(steps: readonly Step[]): string[] {
  return steps.flatMap((s) => [...s.details.map(String), ...allDetails(s.children)]);
}

describe("zone states shared across runs", () => {
  it("reuses the zones above the domain in the next run, and says so", async () => {
    const cache = createZoneCache({ maxSeconds: 3600 });
    const cold = await daneRun("dane-ee.test", cache);
    const warm = await daneRun("dane-ee.test", cache);
    expect(cold.result?.verdict).toBe("pass");
    expect(warm.result?.verdict).toBe("pass");
    for (const q of [". DNSKEY", "test. DS", "test. DNSKEY"]) {
      expect(cold.asked).toContain(q);
      expect(warm.asked).not.toContain(q);
    }
    // The domain's own zone is what the person tests: always asked again.
    expect(warm.asked).toEqual(expect.arrayContaining(["dane-ee.test. DS", "dane-ee.test. DNSKEY", "dane-ee.test. MX"]));
    expect(warm.asked.length).toBe(cold.asked.length - 3);
    expect(allDetails(warm.result?.steps ?? []).some((line) => /validated by an earlier run \d+ s ago \(shared zone cache\)/.test(line))).toBe(true);
    expect(allDetails(cold.result?.steps ?? []).some((line) => line.includes("shared zone cache"))).toBe(false);
  });

  it("keeps a bogus state 30 seconds at most, and a secure one no longer than its settings allow", async () => {
    let clock = 1_000_000;
    const cache = createZoneCache({ maxSeconds: 600, clock: () => clock });
    const validate = async (anchorsText: string | null) => {
      const asked: string[] = [];
      const anchors = anchorsText === null ? ianaRootAnchors() : parseTrustAnchors(anchorsText);
      const validator = createValidator({ transport: transport(asked), anchors, now: () => lab.now, zoneCache: cache.forRun("dane-ee.test.") });
      return { status: (await validator.validate("dane-ee.test.", RRType.MX)).status, asked };
    };
    // The IANA anchors do not match the lab's root: the root is bogus.
    expect((await validate(null)).status).toBe("bogus");
    clock += 29_000;
    expect((await validate(null)).asked).not.toContain(". DNSKEY");
    clock += 2_000;
    expect((await validate(null)).asked).toContain(". DNSKEY");
    // Secure, under the lab's anchor: reused within maxSeconds, asked again after it.
    expect((await validate(lab.trustAnchorText)).status).toBe("secure");
    clock += 599_000;
    expect((await validate(lab.trustAnchorText)).asked).not.toContain(". DNSKEY");
    clock += 2_000;
    expect((await validate(lab.trustAnchorText)).asked).toContain(". DNSKEY");
  });

  it("does not hand a state to a validation time its signatures do not cover", async () => {
    const cache = createZoneCache({ maxSeconds: 3600 });
    const at = (now: Date) => {
      const asked: string[] = [];
      const validator = createValidator({ transport: transport(asked), anchors: parseTrustAnchors(lab.trustAnchorText), now: () => now, zoneCache: cache.forRun("dane-ee.test.") });
      return validator.validate("dane-ee.test.", RRType.MX).then((r) => ({ status: r.status, asked }));
    };
    expect((await at(lab.now)).status).toBe("secure");
    const later = await at(new Date("2099-01-01T00:00:00Z"));
    expect(later.asked).toContain(". DNSKEY");
    expect(later.status).toBe("bogus");
    expect(cache.stats().entries).toBeGreaterThan(0);
  });

  it("keeps nothing when its maximum is 0", async () => {
    const cache = createZoneCache({ maxSeconds: 0 });
    await daneRun("dane-ee.test", cache);
    expect(cache.stats()).toMatchObject({ entries: 0, hits: 0 });
  });
});
