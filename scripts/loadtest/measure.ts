// What the load test measures: one run's fate through the HTTP API (its client), the server's
// memory from /proc, and the summary figures.
import fs from "node:fs";
import http from "node:http";

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

/**
 * The load's HTTP client: node:http over one keep-alive agent, about half the CPU per run of fetch
 * (undici's Request and web streams, the whole stream decoded as text): CPU that shares the two
 * cores with the server and the lab, so it is kept small.
 */
export interface LoadClient {
  host: string;
  port: number;
  agent: http.Agent;
}

const IDLE_SOCKET_MS = 2_000;

export function loadClient(baseUrl: string): LoadClient {
  const url = new URL(baseUrl);
  // LIFO hands the most recently freed socket to the next run: a few warm sockets instead of one per
  // run in flight. An idle socket is closed here after 2 s, before the server's keep-alive timeout
  // (node's 5 s) can close it under a request being sent on it (ECONNRESET, seen between phases).
  return { host: url.hostname, port: Number(url.port), agent: new http.Agent({ keepAlive: true, scheduling: "lifo", timeout: IDLE_SOCKET_MS }) };
}

interface Reply {
  status: number;
  id: string | null;
  /** The body's last line (its trailing newlines dropped): the whole body when it has one line. */
  last: string;
}

const NEWLINE = 0x0a;

/**
 * Keeps the last line of a body read chunk by chunk: the lines before it are read to their end
 * and dropped as soon as a later line starts, so a run's ~40 kB stream is never held whole.
 */
class LastLine {
  private parts: Buffer[] = [];
  /** Whether the bytes kept so far end with a newline: then the next byte starts a new line. */
  private ended = false;

  push(chunk: Buffer): void {
    let end = chunk.length;
    while (end > 0 && chunk[end - 1] === NEWLINE) end -= 1;
    if (end === 0) {
      if (chunk.length > 0) this.ended = true;
      return;
    }
    const start = chunk.lastIndexOf(NEWLINE, end - 1) + 1;
    if (start > 0 || this.ended) this.parts = [];
    this.parts.push(start === 0 && end === chunk.length ? chunk : chunk.subarray(start, end));
    this.ended = end < chunk.length;
  }

  text(): string {
    return Buffer.concat(this.parts).toString("utf8");
  }
}

/** One request, its whole body read (bounded by `timeoutMs`); what failed when it failed or was cut. */
function request(client: LoadClient, method: "GET" | "POST", path: string, body: string | null, timeoutMs: number): Promise<Reply | { failed: string; id: string | null }> {
  return new Promise((resolve) => {
    let id: string | null = null;
    let settled = false;
    const settle = (value: Reply | { failed: string; id: string | null }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const headers: http.OutgoingHttpHeaders = body === null ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(body) };
    const req = http.request({ host: client.host, port: client.port, path, method, agent: client.agent, headers }, (res) => {
      const header = res.headers["x-run-id"];
      id = typeof header === "string" ? header : null;
      const last = new LastLine();
      res.on("data", (chunk: Buffer) => last.push(chunk));
      res.on("end", () => settle({ status: res.statusCode ?? 0, id, last: last.text() }));
      // A socket closed before the last chunk: "close" without "end", res.complete false.
      res.on("close", () => {
        if (!res.complete) settle({ failed: "stream cut", id });
      });
      res.on("error", () => settle({ failed: "stream cut", id }));
    });
    const timer = setTimeout(() => {
      settle({ failed: `no end within ${timeoutMs} ms`, id });
      req.destroy();
    }, timeoutMs);
    req.on("error", (err: NodeJS.ErrnoException) => settle({ failed: id === null ? `request failed: ${err.code ?? err.message}` : "stream cut", id }));
    req.end(body ?? undefined);
  });
}

/**
 * POSTs one DANE run and reads its NDJSON stream to the end (bounded by `timeoutMs`); parses its last
 * line, the run's done (or error) event, and checks the verdict there: the lines before carry none.
 */
export async function oneRun(client: LoadClient, target: Expectation, timeoutMs: number): Promise<RunOutcome> {
  const started = performance.now();
  const outcome = (id: string | null, error: string | null): RunOutcome => ({ scenario: target.scenario, id, error, ms: performance.now() - started });
  const reply = await request(client, "POST", "/api/runs", JSON.stringify({ test: "dane", input: target.domain }), timeoutMs);
  if ("failed" in reply) return outcome(reply.id, reply.failed);
  if (reply.status !== 200) return outcome(reply.id, `HTTP ${reply.status}`);
  let event: { type?: string; result?: { verdict?: string; steps?: StepLike[] } };
  try {
    event = JSON.parse(reply.last) as typeof event;
  } catch {
    return outcome(reply.id, "stream ended mid-line");
  }
  if (event.type === "error") return outcome(reply.id, "run error event");
  if (event.type !== "done") return outcome(reply.id, "stream ended before done");
  if (event.result?.verdict !== target.verdict) {
    const failed = firstError(event.result?.steps ?? []);
    return { ...outcome(reply.id, `verdict ${event.result?.verdict ?? "?"}, expected ${target.verdict}`), detail: `${asText(failed?.title) || "?"} ${asText(failed?.summary)}` };
  }
  return outcome(reply.id, null);
}

/** GET /api/runs/<id>: the stored run's status ("done", "error", "running", ...), or what went wrong. */
export async function storedStatus(client: LoadClient, id: string | null, timeoutMs: number): Promise<string> {
  if (!id) return "no id";
  const reply = await request(client, "GET", `/api/runs/${encodeURIComponent(id)}`, null, timeoutMs);
  if ("failed" in reply) return `GET failed: ${reply.failed}`;
  if (reply.status !== 200) return `GET ${reply.status}`;
  try {
    return String((JSON.parse(reply.last) as { status?: unknown }).status);
  } catch {
    return "GET: not JSON";
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** VmRSS and VmHWM in kB from /proc/<pid>/status (one read for both); null once the process is gone. */
function memoryKb(pid: number): { rss: number; hwm: number } | null {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return null;
  }
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
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

// Listing the group means reading every process's stat on the machine (~2 ms with ~100 processes):
// done every this many samples only, since the sampler's CPU counts in the clients' figure.
const MEMBERS_EVERY = 8;

export function sampleMemory(pgid: number, everyMs: number): MemorySampler {
  let peakSum = 0;
  const hwm = new Map<number, number>();
  let members: number[] = [];
  let samples = 0;
  const sample = (): void => {
    if (samples++ % MEMBERS_EVERY === 0) members = groupMembers(pgid);
    let sum = 0;
    for (const pid of members) {
      const kb = memoryKb(pid);
      if (!kb) continue;
      sum += kb.rss;
      hwm.set(pid, Math.max(hwm.get(pid) ?? 0, kb.hwm));
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
