// The DNS critical path of a whole DANE run (issue 13: "keep the critical path"): against a lab that
// delays every answer, a 1-MX run waits through two rounds of DNS — the MX question, then
// everything its answer names (the chain of trust, the host's A/AAAA/TLSA, beside the policy
// questions sent at the start) — cold as well as with the zone cache warm. Rounds are counted
// from when each question went out and came back, not from milliseconds of wall time: a question
// sent after another was answered is one round deeper than it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunTest } from "../../lib/checks/run";
import { createCachingTransport } from "../../lib/dns/cache";
import { createNetworkTransport } from "../../lib/dns/transport";
import { createZoneCache, type ZoneCache } from "../../lib/dnssec/zone-cache";
import { startLab, type Lab } from "../../lib/lab";
import type { Verdict } from "../../lib/report/schema";
import { sequentialRounds, timedTransport, type QuerySpan, type TimedTransport } from "../../scripts/bench/timeline";

/** Long beside the scheduling jitter of a busy machine, so overlapping questions cannot look sequential. */
const DELAY_MS = 80;

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ dnsDelayMs: DELAY_MS });
}, 60_000);
afterAll(async () => {
  await lab?.stop();
});

async function timedRun(domain: string, zoneCache?: ZoneCache): Promise<{ spans: QuerySpan[]; verdict: Verdict | null }> {
  let timed: TimedTransport | null = null;
  // The engine's stack (lib/checks: the per-run cache over the network) with the timeline under the cache, as the bench records it.
  const runTest = createRunTest((config) => {
    const made = timedTransport(createNetworkTransport({ servers: config.resolvers, timeoutMs: 2000, attempts: 2 }));
    timed = made;
    return createCachingTransport(made, { maxQueries: 400 });
  });
  const config = { resolvers: [lab.resolver], trustAnchors: lab.trustAnchorText, smtpPort: lab.smtpPort, allowPrivate: true, timeoutMs: 30_000, zoneCache };
  let verdict: Verdict | null = null;
  for await (const event of runTest({ id: `path-${domain}`, test: "dane", input: domain, sendTestMessage: false }, config)) {
    if (event.type === "done") verdict = event.result.verdict;
  }
  return { spans: (timed as TimedTransport | null)?.spans() ?? [], verdict };
}

const asked = (spans: readonly QuerySpan[]) => spans.map((s) => s.query.toLowerCase());

describe("DNS rounds on a 1-MX DANE run's critical path", () => {
  it("two rounds cold: the MX question, then the chain of trust and the host's records together", async () => {
    const { spans, verdict } = await timedRun("dane-ee.test");
    expect(verdict).toBe("pass");
    // Every question of the chain from the root down was asked, and still only two rounds.
    for (const q of [". dnskey", "test. ds", "test. dnskey", "dane-ee.test. ds", "dane-ee.test. dnskey", "_25._tcp.mx1.dane-ee.test. tlsa"]) {
      expect(asked(spans)).toContain(q);
    }
    expect(sequentialRounds(spans)).toBe(2);
  });

  it("two rounds with the zone cache warm (fewer questions, not fewer rounds)", async () => {
    const cache = createZoneCache({ maxSeconds: 3600 });
    await timedRun("dane-ee.test", cache);
    const { spans, verdict } = await timedRun("dane-ee.test", cache);
    expect(verdict).toBe("pass");
    expect(asked(spans)).not.toContain(". dnskey");
    expect(sequentialRounds(spans)).toBe(2);
  });
});
