// Macro benchmarks against the lab on loopback: the whole DANE test as the CLI and the server run
// it (runTest, bundled by esbuild as the server's engine workers and the CLI run it:
// engine-bundled.ts), and the validator alone (lib/ through tsx) with a cold and a warm cache.
// With the lab's per-answer delay the figures show how many DNS round trips sit on a run's
// critical path, which is what parallel lookups save on a real network.
import type { EngineConfig } from "../../lib/checks";
import { createCachingTransport, type CacheStats, type CachingTransport } from "../../lib/dns/cache";
import { createNetworkTransport } from "../../lib/dns/transport";
import { RRType, type Question } from "../../lib/dns/types";
import { encodeMessage } from "../../lib/dns/wire";
import { parseTrustAnchors } from "../../lib/dnssec/anchors";
import type { ZoneCache } from "../../lib/dnssec/zone-cache";
import { createValidator, type Validator } from "../../lib/dnssec/validator";
import { findScenario } from "../../lib/lab/catalog";
import type { RunEvent, Verdict } from "../../lib/report/schema";
import { bundledEngine, type EngineBundle } from "./engine-bundled";
import { measureInterleaved, withPeakRss, type BenchResult, type Budget, type MacroFigures } from "./harness";
import type { BenchLab } from "./lab-process";
import type { WireSample } from "./micro";
import { relativeTimeline, sequentialRounds, timedTransport, type QuerySpan, type TimedTransport } from "./timeline";

/** The run's query budget in lib/checks/index.ts; the instrumented run uses the same. */
const MAX_QUERIES_PER_RUN = 400;
const RUN_TIMEOUT_MS = 30_000;

type Transports = Pick<EngineBundle, "createCachingTransport" | "createNetworkTransport">;

/** lib/ through tsx: what the validator's rows and the codec's samples use. */
const TSX_TRANSPORTS: Transports = { createCachingTransport, createNetworkTransport };

/** The engine's transport stack (lib/checks/index.ts) with the query timeline recorded under the cache. */
function countedTransport(servers: BenchLab["resolver"][], from: Transports = TSX_TRANSPORTS): { transport: CachingTransport; timeline: TimedTransport } {
  const timeline = timedTransport(from.createNetworkTransport({ servers, timeoutMs: 2000, attempts: 2 }));
  return { transport: from.createCachingTransport(timeline, { maxQueries: MAX_QUERIES_PER_RUN }), timeline };
}

function labTransport(lab: BenchLab): CachingTransport {
  return countedTransport([lab.resolver]).transport;
}

/** Rounds only mean something when the lab delays answers: instant answers overlap nothing. */
function roundsIf(dnsDelayMs: number, spans: readonly QuerySpan[]): Pick<MacroFigures, "dnsRounds" | "dnsTimeline"> {
  return dnsDelayMs > 0 ? { dnsRounds: sequentialRounds(spans), dnsTimeline: relativeTimeline(spans) } : {};
}

/** Responses as the lab sends them (same encoder, compression on), for the codec benchmarks. */
export async function captureWireSamples(lab: BenchLab): Promise<WireSample[]> {
  const transport = labTransport(lab);
  const wanted: { label: string; question: Question }[] = [
    { label: "MX answer + RRSIG", question: { name: "dane-ee.test.", type: RRType.MX, class: 1 } },
    { label: "DNSKEY answer + 2 RRSIGs", question: { name: "dane-ee.test.", type: RRType.DNSKEY, class: 1 } },
    { label: "TLSA NODATA + NSEC3 proof", question: { name: "_25._tcp.mx1.no-tlsa-nsec3.test.", type: RRType.TLSA, class: 1 } },
  ];
  const out: WireSample[] = [];
  for (const w of wanted) {
    const exchange = await transport.query(w.question);
    out.push({ label: w.label, bytes: encodeMessage(exchange.message, { compress: true }) });
  }
  return out;
}

function engineConfig(lab: BenchLab, zoneCache?: ZoneCache): EngineConfig {
  return { resolvers: [lab.resolver], trustAnchors: lab.trustAnchorText, smtpPort: lab.smtpPort, allowPrivate: true, now: () => lab.now, timeoutMs: RUN_TIMEOUT_MS, zoneCache };
}

/** Drains a run and returns its verdict, or the error that ended it. */
async function drain(events: AsyncGenerator<RunEvent>): Promise<{ verdict: Verdict | null; error: string | null }> {
  let verdict: Verdict | null = null;
  let error: string | null = null;
  for await (const e of events) {
    if (e.type === "done") verdict = e.result.verdict;
    if (e.type === "error") error = e.failure.key;
  }
  return { verdict, error };
}

/**
 * One DANE run through the same path as runTest but with the per-run cache kept, for its counts;
 * the lab's own counter adds what reached the wire (UDP retries, TCP follow-ups).
 */
async function instrumentedRun(
  engine: EngineBundle,
  lab: BenchLab,
  input: string,
  zoneCache?: ZoneCache,
): Promise<{ stats: CacheStats | null; timeline: TimedTransport | null; wire: number; verdict: Verdict | null; error: string | null }> {
  let made: ReturnType<typeof countedTransport> | null = null;
  const counted = engine.createRunTest((config) => {
    made = countedTransport(config.resolvers, engine);
    return made.transport;
  });
  const before = await lab.serverQueries();
  const outcome = await drain(counted({ id: `bench-count-${input}`, test: "dane", input, sendTestMessage: false }, engineConfig(lab, zoneCache)));
  const kept = made as ReturnType<typeof countedTransport> | null;
  return { stats: kept?.transport.stats() ?? null, timeline: kept?.timeline ?? null, wire: (await lab.serverQueries()) - before, ...outcome };
}

export const DANE_SCENARIOS = ["dane-ee", "one-mx-fails"] as const;

const delayLabel = (ms: number) => `DNS +${ms} ms`;

/** Said in every in-process run row's name (before its DNS delay, which roundTripNotes pairs on). */
const BUNDLED = "engine bundled by esbuild as server and CLI run it";

/** Each scenario's whole DANE test, on every lab in turn (interleaved, see measureInterleaved). */
export async function daneRunBenchmarks(labs: readonly BenchLab[], budget: Budget): Promise<BenchResult[]> {
  const engine = await bundledEngine();
  const { runTest, createZoneCache } = engine;
  const out: BenchResult[] = [];
  for (const name of DANE_SCENARIOS) {
    const scenario = findScenario(name);
    if (!scenario) throw new Error(`the lab catalog has no scenario ${name}`);
    const input = scenario.domain.replace(/\.$/, "");
    let runs = 0;
    // Each lab cold (a run validates from the trust anchor down, as the CLI does) and with the
    // server's zone cache warm (the root and test. validated by an earlier run).
    const shapes = labs.flatMap((lab) => [null, createZoneCache({ maxSeconds: 3600 })].map((zoneCache) => ({ lab, zoneCache })));
    for (const { lab, zoneCache } of shapes) if (zoneCache) await drain(runTest({ id: `bench-prime-${name}`, test: "dane", input, sendTestMessage: false }, engineConfig(lab, zoneCache)));
    const { value: results, peakRssMiB } = await withPeakRss(() =>
      measureInterleaved(
        "dane run",
        shapes.map(({ lab, zoneCache }) => {
          const { dnsDelayMs } = lab;
          const config = engineConfig(lab, zoneCache ?? undefined);
          return {
            name: `runTest dane ${input} (${scenario.mx.length} MX), ${BUNDLED}, ${zoneCache ? "zone cache warm" : "cold"}, ${delayLabel(dnsDelayMs)}`,
            prepare: async () => {
              const id = `bench-${name}-${dnsDelayMs}-${runs++}`;
              return () => drain(runTest({ id, test: "dane", input, sendTestMessage: false }, config));
            },
          };
        }),
        budget,
      ),
    );
    for (const [i, { lab, zoneCache }] of shapes.entries()) {
      const { dnsDelayMs } = lab;
      const result = results[i] as BenchResult;
      const counted = await instrumentedRun(engine, lab, input, zoneCache ?? undefined);
      result.macro = {
        ...(counted.stats ? { queries: counted.stats.queries, cacheHits: counted.stats.cacheHits } : {}),
        serverQueries: counted.wire,
        ...(counted.timeline ? roundsIf(dnsDelayMs, counted.timeline.spans()) : {}),
        peakRssMiB,
        dnsDelayMs,
      };
      if (counted.error) result.notes.push(`run ended with an error: ${counted.error}`);
      else if (counted.verdict !== scenario.expect.verdict) result.notes.push(`verdict ${counted.verdict}, the catalog expects ${scenario.expect.verdict}`);
      out.push(result);
    }
  }
  return out;
}

/** Issue 13's target for an in-process 1-MX DANE run (dane-ee, lab DNS +0 ms) in a long-lived process. */
export const STEADY_RUN_TARGET_CPU_MS = 5;

/**
 * The 1-MX DANE run in a long-lived process, as a server's engine worker runs it (the same bundle):
 * `warmupRuns` runs first (cold and zone cache warm in turn), so V8 has optimised the engine's code
 * and its compiler threads no longer count in the CPU; then cold and warm interleaved. The
 * young-process rows above are what a CLI pays; this is what a server pays per run, the figure
 * issue 13's target is about.
 */
export async function daneSteadyStateBenchmarks(lab: BenchLab, budget: Budget, warmupRuns: number): Promise<BenchResult[]> {
  const { runTest, createZoneCache } = await bundledEngine();
  const name = DANE_SCENARIOS[0];
  const scenario = findScenario(name);
  if (!scenario) throw new Error(`the lab catalog has no scenario ${name}`);
  const input = scenario.domain.replace(/\.$/, "");
  const zoneCache = createZoneCache({ maxSeconds: 3600 });
  const configs = [engineConfig(lab), engineConfig(lab, zoneCache)];
  let runs = 0;
  const once = (config: EngineConfig) => drain(runTest({ id: `bench-steady-${runs++}`, test: "dane", input, sendTestMessage: false }, config));
  for (let i = 0; i < warmupRuns; i++) await once(configs[i % 2] as EngineConfig);
  const results = await measureInterleaved(
    "dane run",
    configs.map((config, i) => ({
      name: `runTest dane ${input} (${scenario.mx.length} MX), ${BUNDLED}, after ${warmupRuns} runs, ${i === 0 ? "cold" : "zone cache warm"}, ${delayLabel(lab.dnsDelayMs)}`,
      prepare: async () => () => once(config),
    })),
    budget,
  );
  const check = await drain(runTest({ id: "bench-steady-check", test: "dane", input, sendTestMessage: false }, configs[1] as EngineConfig));
  for (const result of results) {
    if (check.error) result.notes.push(`run ended with an error: ${check.error}`);
    else if (check.verdict !== scenario.expect.verdict) result.notes.push(`verdict ${check.verdict}, the catalog expects ${scenario.expect.verdict}`);
    const cpu = result.cpuP50Ms;
    if (cpu !== undefined) result.notes.push(`issue 13's target, ≤ ${STEADY_RUN_TARGET_CPU_MS} ms CPU a run: cpu p50 ${cpu.toFixed(2)} ms, ${cpu <= STEADY_RUN_TARGET_CPU_MS ? "met" : "not met"}`);
  }
  return results;
}

interface ValidatorState {
  validator: Validator;
  transport: CachingTransport;
  timeline: TimedTransport;
}

const VALIDATED = "dane-ee.test.";
const SIBLING = "dane-ta-spki.test.";

/** The validator alone, cold and warm, on every lab in turn. */
export async function validatorBenchmarks(labs: readonly BenchLab[], budget: Budget): Promise<BenchResult[]> {
  const statuses = new Set<string>();
  const validate = async (s: ValidatorState, n: string) => statuses.add((await s.validator.validate(n, RRType.MX)).status);
  const perLab = await Promise.all(
    labs.map(async (lab) => {
      const { dnsDelayMs } = lab;
      const anchors = parseTrustAnchors(lab.trustAnchorText);
      const fresh = (): ValidatorState => {
        const { transport, timeline } = countedTransport([lab.resolver]);
        return { transport, timeline, validator: createValidator({ transport, anchors, now: () => lab.now }) };
      };
      const primed = async (): Promise<ValidatorState> => {
        const s = fresh();
        await validate(s, VALIDATED);
        return s;
      };
      // Counts per validation, from one untimed pass of each shape; `warm` is reused by its variant.
      const warm = await primed();
      const sibling = await primed();
      const before = sibling.transport.stats().queries;
      const siblingSpans = sibling.timeline.spans().length;
      await validate(sibling, SIBLING);
      const coldRounds = roundsIf(dnsDelayMs, warm.timeline.spans());
      const siblingRounds = roundsIf(dnsDelayMs, sibling.timeline.spans().slice(siblingSpans));
      const suffix = delayLabel(dnsDelayMs);
      return [
        { name: `validate cold cache: new validator, ${VALIDATED} MX, ${suffix}`, figures: { queries: warm.transport.stats().queries, ...coldRounds }, state: async () => fresh(), target: VALIDATED },
        { name: `validate root + test. cached, new zone ${SIBLING} MX, ${suffix}`, figures: { queries: sibling.transport.stats().queries - before, ...siblingRounds }, state: primed, target: SIBLING },
        { name: `validate warm cache: same validator, ${VALIDATED} MX again, ${suffix}`, figures: { queries: 0 }, state: async () => warm, target: VALIDATED },
      ].map((shape) => ({ ...shape, dnsDelayMs }));
    }),
  );
  const out: BenchResult[] = [];
  // One interleaved measurement per shape, across the labs.
  for (let k = 0; k < (perLab[0]?.length ?? 0); k++) {
    const shapes = perLab.map((shapesOfLab) => shapesOfLab[k] as NonNullable<(typeof shapesOfLab)[number]>);
    const { value: results, peakRssMiB } = await withPeakRss(() =>
      measureInterleaved(
        "validator",
        shapes.map((shape) => ({
          name: shape.name,
          prepare: async () => {
            const s = await shape.state();
            return () => validate(s, shape.target);
          },
        })),
        budget,
      ),
    );
    for (const [i, shape] of shapes.entries()) {
      const result = results[i] as BenchResult;
      result.macro = { ...shape.figures, peakRssMiB, dnsDelayMs: shape.dnsDelayMs };
      out.push(result);
    }
  }
  const notSecure = [...statuses].filter((s) => s !== "secure");
  if (notSecure.length > 0) for (const r of out) r.notes.push(`validation status ${notSecure.join(", ")} seen, expected secure`);
  return out;
}

/**
 * For each benchmark measured both without and with the lab's delay: what the delay added to its
 * median wall time, and its DNS critical path against the queries it sent. As many rounds as
 * queries means strictly serial lookups; fewer is what parallel lookups buy.
 */
export function roundTripNotes(results: readonly BenchResult[]): void {
  const key = (r: BenchResult) => `${r.group}|${r.name.replace(/, DNS \+\d+ ms$/, "")}`;
  const base = new Map<string, BenchResult>();
  for (const r of results) if (r.macro?.dnsDelayMs === 0) base.set(key(r), r);
  for (const r of results) {
    const delay = r.macro?.dnsDelayMs ?? 0;
    const b = base.get(key(r));
    if (delay <= 0 || !b) continue;
    if (r.macro?.queries === 0) {
      r.notes.push("no DNS query: every answer came from the validator's cache");
      continue;
    }
    // Medians: a few runs stalled by other processes move the mean, not the median.
    const added = r.p50Ms - b.p50Ms;
    const queries = r.macro?.serverQueries ?? r.macro?.queries;
    const rounds = r.macro?.dnsRounds;
    r.notes.push(
      `median +${added.toFixed(0)} ms over +0 ms (${(added / delay).toFixed(1)} × ${delay} ms)` +
        (rounds !== undefined ? `; DNS critical path ${rounds} round${rounds === 1 ? "" : "s"}` : "") +
        (queries !== undefined ? ` for ${queries} queries (one at a time: ${queries} rounds, +${queries * delay} ms)` : ""),
    );
  }
}
