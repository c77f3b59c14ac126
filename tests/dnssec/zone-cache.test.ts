// The zone states shared across runs (lib/dnssec/zone-cache.ts) against the lab: a second run
// reuses the root and test. (and asks only for its own zone and data), says so in its details, never
// reuses the domain's own zone, keeps a bogus root for 30 s at most and an unanswered zone not at all, a secure or proven-insecure
// state for its validated TTL at most (the lab's zone files: DNSKEY and DS 3600 s, NSEC 300 s),
// and never hands a state to a validation time its signatures do not cover.
import { createSocket } from "node:dgram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunTest } from "../../lib/checks/run";
import { createCachingTransport, type CachingTransport } from "../../lib/dns/cache";
import { rrTypeName } from "../../lib/dns/rrtypes";
import { namesEqual } from "../../lib/dns/name";
import { createNetworkTransport } from "../../lib/dns/transport";
import type { DnsTransport } from "../../lib/dns/types";
import { RRType } from "../../lib/dns/types";
import { ianaRootAnchors, parseTrustAnchors } from "../../lib/dnssec/anchors";
import { createValidator } from "../../lib/dnssec/validator";
import { createZoneCache, type ZoneCache } from "../../lib/dnssec/zone-cache";
import { startLab, type Lab } from "../../lib/lab";
import type { Detail, ResultDocument, Step } from "../../lib/report/schema";

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

/** One validation of `name` MX under the lab's anchor, through `cache`'s view for a run testing `domain`. */
async function validateThrough(cache: ZoneCache, domain: string, name: string): Promise<{ status: string; asked: string[] }> {
  const asked: string[] = [];
  const validator = createValidator({ transport: transport(asked), anchors: parseTrustAnchors(lab.trustAnchorText), now: () => lab.now, zoneCache: cache.forRun(domain) });
  return { status: (await validator.validate(name, RRType.MX)).status, asked };
}

function allDetails(steps: readonly Step[]): Detail[] {
  return steps.flatMap((s) => [...s.details, ...allDetails(s.children)]);
}

/** The ages the run's details give for zones reused from the cache. */
function cacheAges(result: ResultDocument | null): unknown[] {
  return allDetails(result?.steps ?? []).flatMap((d) => (typeof d !== "string" && d.key === "detail.zoneCache" ? [d.params.ageSeconds] : []));
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
    // Both zones above the domain say where they came from, and how old they are.
    const ages = cacheAges(warm.result);
    expect(ages.length).toBeGreaterThanOrEqual(2);
    for (const age of ages) expect(age).toBeTypeOf("number");
    expect(cacheAges(cold.result)).toEqual([]);
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

  it("never keeps an indeterminate state: one run's lost answer does not fail the next run", async () => {
    // The question for test.'s DS goes to a resolver that takes it and never answers (a real socket
    // on loopback); every other question goes to the lab. So the root validates and test. is
    // indeterminate: what a single dropped packet does to a run.
    const silent = createSocket("udp4");
    await new Promise<void>((resolve) => silent.bind(0, "127.0.0.1", resolve));
    try {
      const cache = createZoneCache({ maxSeconds: 3600 });
      const dead = createNetworkTransport({ servers: [{ host: "127.0.0.1", port: silent.address().port }], timeoutMs: 150, attempts: 1 });
      const asked: string[] = [];
      const live = transport(asked);
      const losing: DnsTransport = {
        query: (question, options) =>
          question.type === RRType.DS && namesEqual(question.name, "test.") ? dead.query(question, options) : live.query(question, options),
      };
      const lost = createValidator({ transport: losing, anchors: parseTrustAnchors(lab.trustAnchorText), now: () => lab.now, zoneCache: cache.forRun("dane-ee.test.") });
      expect((await lost.validate("dane-ee.test.", RRType.MX)).status).toBe("indeterminate");
      const next = await validateThrough(cache, "dane-ee.test.", "dane-ee.test.");
      expect(next.status).toBe("secure");
      expect(next.asked).toContain("test. DS");
      // The root, which did validate, is reused.
      expect(next.asked).not.toContain(". DNSKEY");
    } finally {
      silent.close();
    }
  });

  it("keeps a secure state no longer than its validated TTL, however long the setting allows", async () => {
    let clock = 5_000_000;
    const cache = createZoneCache({ maxSeconds: 1_000_000, clock: () => clock });
    const validate = () => validateThrough(cache, "dane-ee.test.", "dane-ee.test.");
    expect((await validate()).status).toBe("secure");
    clock += 3_599_000;
    const within = await validate();
    expect(within.asked).not.toContain(". DNSKEY");
    expect(within.asked).not.toContain("test. DNSKEY");
    clock += 2_000;
    const past = await validate();
    expect(past.asked).toEqual(expect.arrayContaining([". DNSKEY", "test. DS", "test. DNSKEY"]));
  });

  it("keeps an insecure delegation for the TTL of the NSEC that proves it (300 s), not the 30 s of a failure", async () => {
    let clock = 9_000_000;
    const cache = createZoneCache({ maxSeconds: 3600, clock: () => clock });
    // A domain below unsigned.test.: the delegation is a zone above it.
    const validate = () => validateThrough(cache, "www.unsigned.test.", "unsigned.test.");
    const first = await validate();
    expect(first.status).toBe("insecure");
    expect(first.asked).toContain("unsigned.test. DS");
    clock += 299_000;
    const within = await validate();
    expect(within.status).toBe("insecure");
    expect(within.asked).not.toContain("unsigned.test. DS");
    clock += 2_000;
    const past = await validate();
    expect(past.asked).toContain("unsigned.test. DS");
    // The root and test. rest on 3600 s records: still reused.
    expect(past.asked).not.toContain(". DNSKEY");
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
