// When the DANE test asks what: against a lab that delays every DNS answer, the MX hosts' A, AAAA
// and TLSA questions go out as soon as the MX answer names the hosts, beside the chain-of-trust
// questions for that answer, not after them; and a host is only reported once the MX RRset has
// validated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunTest } from "../../lib/checks/run";
import { createCachingTransport } from "../../lib/dns/cache";
import { createNetworkTransport } from "../../lib/dns/transport";
import { startLab, type Lab } from "../../lib/lab";
import { RunEvent, type ResultDocument } from "../../lib/report/schema";
import { timedTransport, type QuerySpan, type TimedTransport } from "../../scripts/bench/timeline";

/** Long beside the scheduling jitter of a busy machine, so "sent before answered" cannot be luck. */
const DELAY_MS = 60;

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ dnsDelayMs: DELAY_MS });
}, 60_000);

afterAll(async () => {
  await lab?.stop();
});

/** A DANE run whose questions to the lab are timed under the run's cache, as the bench does. */
async function timedRun(domain: string): Promise<{ spans: QuerySpan[]; events: RunEvent[]; result: ResultDocument | null }> {
  let timed: TimedTransport | null = null;
  const runTest = createRunTest((config) => {
    timed = timedTransport(createNetworkTransport({ servers: config.resolvers, timeoutMs: 2000, attempts: 2 }));
    return createCachingTransport(timed, { maxQueries: 400 });
  });
  const config = { resolvers: [lab.resolver], trustAnchors: lab.trustAnchorText, smtpPort: lab.smtpPort, allowPrivate: true, timeoutMs: 30_000 };
  const events: RunEvent[] = [];
  for await (const event of runTest({ id: `rounds-${domain}`, test: "dane", input: domain, sendTestMessage: false }, config)) events.push(RunEvent.parse(event));
  const last = events.at(-1);
  return { spans: (timed as TimedTransport | null)?.spans() ?? [], events, result: last?.type === "done" ? last.result : null };
}

/** Names compare case-insensitively (a resolver may ask with the case its input had). */
const same = (s: QuerySpan, question: string) => s.query.toLowerCase() === question.toLowerCase();
const span = (spans: readonly QuerySpan[], question: string): QuerySpan => {
  const found = spans.find((s) => same(s, question));
  if (!found) throw new Error(`${question} was never asked; asked: ${spans.map((s) => s.query).join(", ")}`);
  return found;
};

describe("DNS rounds of the DANE test", () => {
  it("asks for the MX hosts' A, AAAA and TLSA while the MX answer's chain of trust is still being fetched", async () => {
    const { spans, result } = await timedRun("one-mx-fails.test");
    expect(result?.dnssec).toBe("secure");
    const mx = span(spans, "one-mx-fails.test. MX");
    const chain = spans.filter((s) => / (DS|DNSKEY)$/.test(s.query));
    expect(chain.length).toBeGreaterThan(0);
    const firstChainAnswer = Math.min(...chain.map((s) => s.end));
    for (const host of ["mx1.one-mx-fails.test.", "mx2.one-mx-fails.test."]) {
      for (const question of [`${host} A`, `${host} AAAA`, `_25._tcp.${host} TLSA`]) {
        const s = span(spans, question);
        // The names come from the MX answer, so not before it; and not after the chain's answers.
        expect(s.start).toBeGreaterThanOrEqual(mx.end);
        expect(s.start).toBeLessThan(firstChainAnswer);
      }
    }
    // One question a name and type: the early MX read and the validation shared one query.
    expect(spans.filter((s) => same(s, "one-mx-fails.test. MX"))).toHaveLength(1);
  });

  it("reports no MX host of a bogus MX RRset, whatever names its answer carried", async () => {
    const { events, result } = await timedRun("expired-rrsig.test");
    expect(result?.dnssec).toBe("bogus");
    expect(result?.mx).toEqual([]);
    const hostSteps = events.filter((e) => e.type === "step" && e.step.id.startsWith("mx/"));
    expect(hostSteps).toEqual([]);
  });
});
