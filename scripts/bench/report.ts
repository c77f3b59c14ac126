// Prints the figures: a table a person reads, or JSON a script compares across commits.
import os from "node:os";
import type { BenchResult } from "./harness";

export interface BenchEnvironment {
  node: string;
  platform: string;
  cpus: string;
  cpuCount: number;
  mode: "default" | "quick";
  /** 1-minute load average at the start and the end: other work on the machine skews every figure. */
  loadAverage: { start: number; end: number };
  startedAt: string;
  wallMs: number;
}

export function environment(mode: BenchEnvironment["mode"], startedAt: Date, wallMs: number, loadAtStart: number): BenchEnvironment {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus[0]?.model.trim() ?? "unknown",
    cpuCount: cpus.length,
    mode,
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
    startedAt: startedAt.toISOString(),
    wallMs,
  };
}

/** Milliseconds with enough digits to compare a 2 µs operation with a 2 s one. */
function ms(v: number): string {
  if (v >= 100) return v.toFixed(0);
  if (v >= 1) return v.toFixed(2);
  if (v >= 0.01) return v.toFixed(4);
  return v.toExponential(2);
}

function ops(v: number): string {
  return v >= 100 ? Math.round(v).toLocaleString("en-US") : v.toFixed(1);
}

const optional = (v: number | undefined, digits = 0) => (v === undefined ? "" : v.toFixed(digits));

export function formatTable(results: readonly BenchResult[], env: BenchEnvironment): string {
  const header = ["group", "benchmark", "iter", "total ms", "mean ms", "p50 ms", "p95 ms", "cpu p50 ms", "× node -e 0", "ops/s", "queries", "hits", "wire", "rounds", "peak RSS MiB"];
  const floor = results.find((r) => r.group === "process" && r.vsNode?.wall === 1);
  const rows = results.map((r) => [
    r.group,
    r.name,
    String(r.iterations),
    r.totalMs.toFixed(0),
    ms(r.meanMs),
    ms(r.p50Ms),
    ms(r.p95Ms),
    r.cpuP50Ms === undefined ? "" : ms(r.cpuP50Ms),
    r.vsNode ? `${r.vsNode.wall.toFixed(2)} / ${r.vsNode.cpu.toFixed(2)}` : floor ? ratioToFloor(r, floor) : "",
    ops(r.opsPerSec),
    optional(r.macro?.queries),
    optional(r.macro?.cacheHits),
    optional(r.macro?.serverQueries),
    optional(r.macro?.dnsRounds),
    optional(r.macro?.peakRssMiB, 1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  // Text columns left-aligned, figures right-aligned.
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ").trimEnd();
  const out = [
    `mailsec benchmarks (${env.mode}) — Node ${env.node}, ${env.platform}, ${env.cpuCount} × ${env.cpus}`,
    `load average (1 min) ${env.loadAverage.start.toFixed(1)} at the start, ${env.loadAverage.end.toFixed(1)} at the end` +
      (Math.max(env.loadAverage.start, env.loadAverage.end) > env.cpuCount ? ": the machine was busy, expect inflated and noisy figures" : ""),
    floor ? `node -e 0 on this machine during this run: p50 ${ms(floor.p50Ms)} ms wall, ${ms(floor.cpuP50Ms ?? 0)} ms CPU (whole process)` : "node -e 0 was not measured (no process benchmarks)",
    "",
    line(header),
    line(widths.map((w) => "-".repeat(w))),
  ];
  for (const [i, row] of rows.entries()) {
    out.push(line(row));
    for (const note of results[i]?.notes ?? []) out.push(`${" ".repeat((widths[0] ?? 0) + 2)}  note: ${note}`);
  }
  out.push(
    "",
    "p50/p95 are per operation (for batched micro benchmarks, per operation within a batch). cpu p50: CPU time",
    "(user + system) per operation, of this process (in-process rows) or of the whole child (process rows).",
    "× node -e 0: process rows, the median of each run's ratio to a node -e 0 run beside it (wall / CPU); other",
    "rows, their median wall and CPU against node -e 0's. queries/hits: the",
    "run's DNS cache (questions sent, answers reused); wire: messages the lab's DNS server received (retries and",
    "TCP follow-ups included); rounds: the longest chain of DNS queries each sent after the previous was",
    "answered (delayed lab only) — the round trips a run waits through in turn. Counts come from one extra run.",
    "Peak RSS: process rows, the largest of the node process over its runs (GNU time); other rows, this",
    "process (the labs run in child processes), sampled every 5 ms while that benchmark ran.",
    `Total wall time ${(env.wallMs / 1000).toFixed(1)} s.`,
  );
  return out.join("\n");
}

/** An in-process figure as a fraction of node's own start-up (wall / CPU). */
function ratioToFloor(r: BenchResult, floor: BenchResult): string {
  const wall = r.p50Ms / floor.p50Ms;
  const cpu = r.cpuP50Ms !== undefined && floor.cpuP50Ms ? r.cpuP50Ms / floor.cpuP50Ms : null;
  const f = (v: number) => (v >= 0.01 ? v.toFixed(2) : v.toExponential(1));
  return cpu === null ? f(wall) : `${f(wall)} / ${f(cpu)}`;
}

export function formatJson(results: readonly BenchResult[], env: BenchEnvironment): string {
  return JSON.stringify({ environment: env, results }, null, 2);
}
