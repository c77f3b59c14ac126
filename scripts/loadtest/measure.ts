// What the load test measures: one run's fate through the HTTP API, the server's memory from
// /proc, and the summary figures.
import fs from "node:fs";

export interface RunOutcome {
  scenario: string;
  id: string | null;
  /** null when the run finished with the expected verdict; else what went wrong. */
  error: string | null;
  /** For a wrong verdict: the first failing step's summary, to tell load effects from bugs. */
  detail?: string;
  ms: number;
}

interface StepLike {
  status?: string;
  /** Text, or a message ({ key, params }) for the reader's language. */
  title?: unknown;
  summary?: unknown;
  children?: StepLike[];
}

function asText(value: unknown): string {
  return value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
}

function firstError(steps: readonly StepLike[]): StepLike | null {
  for (const step of steps) {
    const deeper = firstError(step.children ?? []);
    if (deeper) return deeper;
    if (step.status === "error") return step;
  }
  return null;
}

export interface Expectation {
  scenario: string;
  domain: string;
  verdict: string;
}

/** POSTs one DANE run and reads its NDJSON stream to the end (bounded by `timeoutMs`). */
export async function oneRun(baseUrl: string, target: Expectation, timeoutMs: number): Promise<RunOutcome> {
  const started = performance.now();
  const outcome = (id: string | null, error: string | null): RunOutcome => ({ scenario: target.scenario, id, error, ms: performance.now() - started });
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ test: "dane", input: target.domain }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    return outcome(null, `request failed: ${(err as Error).name}`);
  }
  const id = response.headers.get("x-run-id");
  if (response.status !== 200) return outcome(id, `HTTP ${response.status}`);
  let text: string;
  try {
    text = await response.text();
  } catch (err) {
    return outcome(id, `stream cut: ${(err as Error).name}`);
  }
  const last = text.trimEnd().split("\n").at(-1) ?? "";
  let event: { type?: string; result?: { verdict?: string; steps?: StepLike[] } };
  try {
    event = JSON.parse(last) as typeof event;
  } catch {
    return outcome(id, "stream ended mid-line");
  }
  if (event.type === "error") return outcome(id, "run error event");
  if (event.type !== "done") return outcome(id, "stream ended before done");
  if (event.result?.verdict !== target.verdict) {
    const failed = firstError(event.result?.steps ?? []);
    return { ...outcome(id, `verdict ${event.result?.verdict ?? "?"}, expected ${target.verdict}`), detail: `${asText(failed?.title) || "?"} ${asText(failed?.summary)}` };
  }
  return outcome(id, null);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** kB from a /proc/<pid>/status line such as "VmHWM:  123456 kB"; null once the process is gone. */
function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Processes in the server's process group (next start may run workers beside the main process). */
function groupMembers(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the ")" of the command name: state, ppid, pgrp, ...
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) pids.push(Number(entry));
    } catch {
      // The process left between listing and reading.
    }
  }
  return pids;
}

export interface MemorySampler {
  /** Peak of the group's summed VmRSS seen by sampling, and the largest per-process VmHWM, in MB. */
  stop(): { peakGroupRssMb: number; peakProcessHwmMb: number; processes: number };
}

export function sampleMemory(pgid: number, everyMs: number): MemorySampler {
  let peakSum = 0;
  const hwm = new Map<number, number>();
  const sample = (): void => {
    let sum = 0;
    for (const pid of groupMembers(pgid)) {
      sum += statusKb(pid, "VmRSS") ?? 0;
      const high = statusKb(pid, "VmHWM");
      if (high !== null) hwm.set(pid, Math.max(hwm.get(pid) ?? 0, high));
    }
    peakSum = Math.max(peakSum, sum);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      sample();
      clearInterval(timer);
      return { peakGroupRssMb: peakSum / 1024, peakProcessHwmMb: Math.max(0, ...hwm.values()) / 1024, processes: hwm.size };
    },
  };
}
