// The measuring loop shared by every benchmark: warm-up first (JIT, key-import caches, sockets),
// then timed samples with process.hrtime.bigint() until an iteration count or a time budget runs
// out, whichever comes first, so the whole suite stays bounded however slow a machine is.
import os from "node:os";
import type { RunEvent } from "../../lib/report/schema";

/** What a macro benchmark adds beyond timings. */
export interface MacroFigures {
  /** DNS questions the engine sent per run (its per-run cache's count). */
  queries?: number;
  /** Answers the per-run cache served without asking again, per run. */
  cacheHits?: number;
  /** Datagrams and TCP messages the lab's DNS server received per run (includes retries and TCP follow-ups). */
  serverQueries?: number;
  /**
   * Longest chain of DNS queries each sent after the previous was answered (with a lab delay only):
   * the DNS round trips on the critical path, whatever the CPU did meanwhile.
   */
  dnsRounds?: number;
  /** The queries of that one run with their times, ms from the first (with a lab delay only). */
  dnsTimeline?: { query: string; start: number; end: number }[];
  /** Highest resident set size sampled while this benchmark ran, in MiB. */
  peakRssMiB?: number;
  /** The lab's added delay per DNS answer, in ms. */
  dnsDelayMs?: number;
}

export interface BenchResult {
  group: string;
  name: string;
  /** Operations timed (warm-up excluded). */
  iterations: number;
  /** Operations per timed sample: fast operations are timed in batches so the clock's cost stays negligible. */
  batch: number;
  totalMs: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  /** Median CPU time per operation (this process: user + system), ms; on a shared machine it drifts less than wall time. */
  cpuP50Ms?: number;
  /** Whole-process benchmarks: the median of each run's ratio to `node -e 0` run beside it (wall, CPU). */
  vsNode?: { wall: number; cpu: number };
  opsPerSec: number;
  macro?: MacroFigures;
  /** Anything a reader must know to trust the figure (a wrong verdict, a skipped part). */
  notes: string[];
}

export interface Budget {
  warmup: number;
  /** Timed operations, at most. */
  iterations: number;
  /** Stop timing after this much measured time, even below `iterations` (at least `minIterations` run). */
  maxMs: number;
  minIterations: number;
}

/** The shape of one sync or async operation under test. */
export type Operation = () => unknown;

const NS_PER_MS = 1_000_000;
/** A batch should last at least this long, so hrtime's own cost (~100 ns) stays below 1 %. */
const MIN_SAMPLE_NS = 20_000;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Reads a run's events to the end; its verdict, or the key of the error that ended it. */
export async function drainVerdict(events: AsyncGenerator<RunEvent>): Promise<string> {
  let verdict = "none";
  for await (const e of events) {
    if (e.type === "done") verdict = e.result.verdict;
    if (e.type === "error") verdict = `error: ${e.failure.key}`;
  }
  return verdict;
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** The machine's 1, 5 and 15 minute load averages, for a figure's line: a busy machine reads slower. */
export function loadAverageText(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(" ");
}

/** CPU time (user + system) of this process since `since`, ms. */
export function cpuMsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Summarises per-operation sample times (ms) into the figures the report prints. */
export function summarise(group: string, name: string, perOpMs: readonly number[], batch: number, totalMs: number, cpuPerOpMs?: readonly number[]): BenchResult {
  const sorted = [...perOpMs].sort((a, b) => a - b);
  const cpu = cpuPerOpMs && cpuPerOpMs.length > 0 ? { cpuP50Ms: median(cpuPerOpMs) } : {};
  const iterations = perOpMs.length * batch;
  const meanMs = iterations === 0 ? 0 : totalMs / iterations;
  return {
    group,
    name,
    iterations,
    batch,
    totalMs,
    meanMs,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    ...cpu,
    opsPerSec: meanMs > 0 ? 1000 / meanMs : 0,
    notes: [],
  };
}

/** Times a synchronous operation, batching it when one call is too short to time on its own. */
export function measureSync(group: string, name: string, op: Operation, budget: Budget): BenchResult {
  let warmNs = 0n;
  for (let i = 0; i < budget.warmup; i++) {
    const t0 = process.hrtime.bigint();
    op();
    warmNs += process.hrtime.bigint() - t0;
  }
  const perWarm = budget.warmup > 0 ? Number(warmNs) / budget.warmup : 0;
  const batch = perWarm > 0 && perWarm < MIN_SAMPLE_NS ? Math.ceil(MIN_SAMPLE_NS / perWarm) : 1;
  const samples: number[] = [];
  const cpu: number[] = [];
  let totalNs = 0n;
  const maxNs = BigInt(Math.round(budget.maxMs * NS_PER_MS));
  while (samples.length * batch < budget.iterations) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < batch; k++) op();
    const dt = process.hrtime.bigint() - t0;
    cpu.push(cpuMsSince(c0) / batch);
    totalNs += dt;
    samples.push(Number(dt) / NS_PER_MS / batch);
    if (totalNs >= maxNs && samples.length * batch >= budget.minIterations) break;
  }
  return summarise(group, name, samples, batch, Number(totalNs) / NS_PER_MS, cpu);
}

/** One async benchmark: `prepare` (untimed) builds fresh state and returns the operation to time. */
export interface AsyncVariant {
  name: string;
  prepare: () => Promise<() => Promise<unknown>>;
}

/**
 * Times async operations one call at a time (they are network-bound: batching would hide the
 * spread), taking the variants in turn — A B, B A, A B … — so that load from other processes, which
 * drifts over seconds, weighs on every variant alike and their differences stay meaningful.
 * The budget applies to each variant.
 */
export async function measureInterleaved(group: string, variants: readonly AsyncVariant[], budget: Budget): Promise<BenchResult[]> {
  for (let i = 0; i < budget.warmup; i++) for (const v of variants) await (await v.prepare())();
  const samples = variants.map(() => [] as number[]);
  const cpu = variants.map(() => [] as number[]);
  const totals = variants.map(() => 0n);
  const maxNs = BigInt(Math.round(budget.maxMs * NS_PER_MS));
  const done = (i: number) =>
    (samples[i] as number[]).length >= budget.iterations || ((totals[i] as bigint) >= maxNs && (samples[i] as number[]).length >= budget.minIterations);
  for (let round = 0; !variants.every((_, i) => done(i)); round++) {
    const order = variants.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      if (done(i)) continue;
      const op = await (variants[i] as AsyncVariant).prepare();
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      await op();
      const dt = process.hrtime.bigint() - t0;
      (cpu[i] as number[]).push(cpuMsSince(c0));
      totals[i] = (totals[i] as bigint) + dt;
      (samples[i] as number[]).push(Number(dt) / NS_PER_MS);
    }
  }
  return variants.map((v, i) => summarise(group, v.name, samples[i] as number[], 1, Number(totals[i] as bigint) / NS_PER_MS, cpu[i]));
}

/**
 * Samples the resident set size while `work` runs. process.resourceUsage().maxRSS is the peak since
 * the process started, so it cannot tell one benchmark from the one before; sampling can.
 */
export async function withPeakRss<T>(work: () => Promise<T>, everyMs = 5): Promise<{ value: T; peakRssMiB: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, peakRssMiB: peak / (1024 * 1024) };
  } finally {
    clearInterval(timer);
  }
}
