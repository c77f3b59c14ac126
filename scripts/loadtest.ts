// `npm run loadtest [-- --runs N --duration SECONDS | --rate R --seconds S] [--warmup N]`: DANE runs
// through POST /api/runs of the built app (`npm run build` first), started evenly over the duration
// against the lab (in a process of its own), each stream read to its end; then every run is read back
// by id and must be finished. Before that window, untimed warm-up runs (checked the same way) bring
// the server to the steady state of a long-lived one: V8 keeps optimising the engine workers' code
// over the first thousands of runs. Reports runs completed, errors by kind, throughput (and in --rate
// mode whether the rate was held), p50/p95 run time, the CPU per run of the server, the lab and the
// clients apart, beside what the engine, the store writes and the event serialisation cost alone
// (measured in this process), and the server's peak memory; with --cpu-prof, where the server's
// and the lab's CPU went, from V8 profiles of the load window. Not part of npm test. Everything
// stays on loopback on ephemeral ports, and is stopped by PID at the end.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { scenarios } from "../lib/lab";
import { appEnv, freePort, ROOT, startNext, stopNext, type NextServer } from "../tests/e2e/next-server";
import { loadClient, oneRun, percentile, sampleMemory, storedStatus, type Expectation, type LoadClient, type RunOutcome } from "./loadtest/measure";
import { groupCpuSeconds, measureOverhead, processCpuSeconds } from "./loadtest/overhead";
import { spawnLab } from "./loadtest/lab-process";
import { formatShares, summariseProfile } from "./loadtest/profile";
import { parseCliArgs } from "./cli-args";
import { parseServerEnv } from "../lib/server/env-parse";

// Warm-up: closed loop, this many runs in flight, so it goes at whatever rate the cold server manages.
const WARMUP_AT_ONCE = 16;
// After about this many runs a server's CPU per run has stopped falling (V8 has optimised the engine
// workers' code; scripts/bench/run-cpu.ts --warmup shows the same in one process).
const SUSTAINED_WARMUP = 2000;

const USAGE = `usage: npm run loadtest -- [--runs N] [--duration SECONDS] [--warmup N] [--hostile] [--cpu-prof DIR]
       npm run loadtest -- --rate RUNS_PER_SECOND --seconds S [--warmup N] [--cpu-prof DIR]
       npm run loadtest -- --batch [...]   (see scripts/loadtest/batch.ts: a batch over PostgreSQL and workers)
  --runs N            DANE runs to start (default 200)
  --duration SECONDS  spread the starts evenly over this many seconds (default 60)
  --rate R --seconds S  sustained mode: start R runs a second for S seconds (R × S runs) and say
                      whether the server kept up (completed ≥ 95 % of R a second, none failed);
                      --rate R1,R2,... measures one window per rate, in turn, on the same server
                      (each one after more runs than the one before: warmer)
  --warmup N          untimed runs before the window, ${WARMUP_AT_ONCE} at a time, each checked as the
                      window's are (verdict, stored), so that the window measures a server in steady
                      state; default ${SUSTAINED_WARMUP} with --rate, 0 otherwise. 0 measures a freshly
                      started server (after one run of each scenario, as always)
  --hostile           add the lab's hostile DNS and SMTP peers (10 MB banner, drip, floods...)
                      to the rotation, to watch the server's memory under them
  --cpu-prof DIR      write V8 CPU profiles of the server and the lab over the load window to DIR (one rate)
                      and print where the server's CPU went per run, by area, file and function
Needs a production build: run "npm run build" first.`;

// A run against the lab takes about a second; this only catches a run that never ends.
const RUN_TIMEOUT_MS = 120_000;
const RSS_SAMPLE_MS = 250;
const READ_BACK_AT_ONCE = 32;
// The warm-up's server CPU per run is reported over this many equal slices, to show where it levels off.
const WARMUP_SLICES = 8;
// Sustained mode: the rate counts as held when this share of it was completed.
const HELD_SHARE = 0.95;
const PROFILER = path.join(import.meta.dirname, "loadtest", "cpu-profiler.mjs");

/** One timed window of the load. */
interface Window {
  runs: number;
  durationS: number;
  /** Sustained mode's target, runs a second; null for --runs/--duration. */
  rate: number | null;
}

interface Plan {
  /** One, or with --rate R1,R2,... one per rate, in that order, on the same server. */
  windows: Window[];
  /** Untimed runs before the first window. */
  warmup: number;
}

function plan(args: { runs: string; duration: string; rate?: string | undefined; seconds?: string | undefined; warmup?: string | undefined }): Plan | string {
  const sustained = args.rate !== undefined || args.seconds !== undefined;
  const warmup = Number(args.warmup ?? (sustained ? SUSTAINED_WARMUP : 0));
  if (!Number.isInteger(warmup) || warmup < 0 || warmup > 100_000) return "--warmup must be a whole number from 0 to 100000";
  if (sustained) {
    const rates = (args.rate ?? "").split(",").map(Number);
    const seconds = Number(args.seconds ?? "20");
    if (rates.some((rate) => !Number.isFinite(rate) || rate <= 0 || rate > 10_000) || !Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) return "--rate must be 0 to 10000 runs a second (or a list of such, comma-separated) and --seconds 0 to 3600";
    const windows = rates.map((rate) => ({ runs: Math.round(rate * seconds), durationS: seconds, rate }));
    if (windows.some((w) => w.runs < 2 || w.runs > 100_000)) return "--rate × --seconds must come to 2 to 100000 runs";
    return { windows, warmup };
  }
  const runs = Number(args.runs);
  const durationS = Number(args.duration);
  if (!Number.isInteger(runs) || runs < 1 || runs > 100_000 || !Number.isFinite(durationS) || durationS < 0 || durationS > 3600) {
    return "--runs must be a whole number from 1 to 100000 and --duration 0 to 3600 seconds";
  }
  return { windows: [{ runs, durationS, rate: null }], warmup };
}

interface WarmUp {
  outcomes: RunOutcome[];
  wallS: number;
  /** The server's CPU ms per run over each slice of the warm-up, in order. */
  sliceCpuMs: number[];
}

/** `total` runs through the scenarios in turn, `WARMUP_AT_ONCE` in flight, in slices whose server CPU per run is read from /proc. */
async function warmUp(client: LoadClient, targets: readonly Expectation[], total: number, pid: number): Promise<WarmUp> {
  const outcomes: RunOutcome[] = [];
  const sliceCpuMs: number[] = [];
  const t0 = performance.now();
  const sliceSize = Math.ceil(total / WARMUP_SLICES);
  for (let start = 0; start < total; start += sliceSize) {
    const end = Math.min(total, start + sliceSize);
    const cpuBefore = groupCpuSeconds(pid);
    let next = start;
    const lane = async (): Promise<void> => {
      for (let i = next++; i < end; i = next++) outcomes.push(await oneRun(client, targets[i % targets.length]!, RUN_TIMEOUT_MS));
    };
    await Promise.all(Array.from({ length: Math.min(WARMUP_AT_ONCE, end - start) }, lane));
    sliceCpuMs.push(((groupCpuSeconds(pid) - cpuBefore) * 1000) / (end - start));
    console.error(`… warm-up ${end}/${total}: server ${sliceCpuMs.at(-1)!.toFixed(1)} ms CPU per run over the last ${end - start}`);
  }
  return { outcomes, wallS: (performance.now() - t0) / 1000, sliceCpuMs };
}

/** "kind ×n; kind ×n" of the outcomes' errors, or "none". */
function errorKinds(outcomes: readonly RunOutcome[]): string {
  const errors = new Map<string, number>();
  for (const o of outcomes) if (o.error) errors.set(o.error, (errors.get(o.error) ?? 0) + 1);
  return errors.size === 0 ? "none" : [...errors].map(([k, n]) => `${k} ×${n}`).join("; ");
}

/** One line per scenario and wrong verdict, with the first failing step of one such run: load effects told from bugs. */
function wrongVerdicts(outcomes: readonly RunOutcome[]): string[] {
  const counts = new Map<string, number>();
  const samples = new Map<string, string>();
  for (const o of outcomes) {
    if (!o.error?.startsWith("verdict")) continue;
    const key = `${o.scenario}: ${o.error}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (o.detail && !samples.has(key)) samples.set(key, o.detail);
  }
  return [...counts].map(([k, n]) => `                     ${k} ×${n}; e.g. ${samples.get(k) ?? "?"}`);
}

/** "status ×n; ..." of the stored statuses and how many were not finished. */
function storedKinds(stored: readonly string[]): { text: string; notFinished: number } {
  const statuses = new Map<string, number>();
  for (const s of stored) statuses.set(s, (statuses.get(s) ?? 0) + 1);
  const notFinished = stored.filter((s) => s !== "done" && s !== "error").length;
  return { text: `${[...statuses].map(([k, n]) => `${k} ×${n}`).join("; ") || "none"} (not finished: ${notFinished})`, notFinished };
}

/** What one window measured. */
interface WindowResult {
  window: Window;
  outcomes: RunOutcome[];
  wallS: number;
  lastStartS: number;
  lateStarts: number;
  /** CPU ms per run over the window: the server's process group, the lab's process, this process (the clients). */
  serverCpuMs: number;
  labCpuMs: number;
  clientCpuMs: number;
}

/** The window's runs started evenly over its duration, each stream read to its end; CPU read before and after. */
async function loadWindow(client: LoadClient, targets: readonly Expectation[], w: Window, pid: number, labPid: number): Promise<WindowResult> {
  const cpuBefore = groupCpuSeconds(pid);
  const labCpuBefore = processCpuSeconds(labPid);
  const clientCpu = process.cpuUsage();
  const t0 = performance.now();
  const gapMs = w.runs > 1 ? (w.durationS * 1000) / (w.runs - 1) : 0;
  const pending: Promise<RunOutcome>[] = [];
  let lateStarts = 0;
  for (let i = 0; i < w.runs; i += 1) {
    const wait = t0 + i * gapMs - performance.now();
    if (wait > 0) await sleep(wait);
    else if (wait < -50) lateStarts += 1;
    pending.push(oneRun(client, targets[i % targets.length]!, RUN_TIMEOUT_MS));
  }
  const lastStartS = (performance.now() - t0) / 1000;
  const outcomes = await Promise.all(pending);
  const wallS = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(clientCpu);
  return {
    window: w,
    outcomes,
    wallS,
    lastStartS,
    lateStarts,
    serverCpuMs: ((groupCpuSeconds(pid) - cpuBefore) * 1000) / w.runs,
    labCpuMs: ((processCpuSeconds(labPid) - labCpuBefore) * 1000) / w.runs,
    clientCpuMs: (used.user + used.system) / 1000 / w.runs,
  };
}

const completedRuns = (r: WindowResult): number => r.outcomes.filter((o) => o.error === null).length;
const throughputOf = (r: WindowResult): number => completedRuns(r) / r.wallS;
/** Sustained mode: whether the rate was held; null without a rate. */
const held = (r: WindowResult): boolean | null =>
  r.window.rate === null ? null : throughputOf(r) >= HELD_SHARE * r.window.rate && completedRuns(r) === r.window.runs;

function windowLines(r: WindowResult, stored: readonly string[], cores: number, title: string | null): string[] {
  const { runs, durationS, rate } = r.window;
  const times = r.outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const throughput = throughputOf(r);
  const total = r.serverCpuMs + r.labCpuMs + r.clientCpuMs;
  return [
    ...(title === null ? [] : [`${title}:${" ".repeat(Math.max(1, 20 - title.length))}--rate ${rate ?? "?"} --seconds ${durationS}`]),
    `runs started:        ${runs} over ${durationS} s (last start at ${r.lastStartS.toFixed(1)} s${r.lateStarts > 0 ? `, ${r.lateStarts} started over 50 ms late: the client was short of CPU` : ""}; wall time ${r.wallS.toFixed(1)} s)`,
    `runs completed:      ${completedRuns(r)} with the expected verdict`,
    `errors by kind:      ${errorKinds(r.outcomes)}`,
    ...wrongVerdicts(r.outcomes),
    `stored afterwards:   ${storedKinds(stored).text}`,
    `throughput:          ${throughput.toFixed(1)} runs/s completed (first start to last stream end)`,
    ...(rate === null
      ? []
      : [`sustained rate:      ${held(r) ? "HELD" : "NOT HELD"}: ${rate} runs/s asked for ${durationS} s, ${throughput.toFixed(1)} runs/s completed (held: ≥ ${(HELD_SHARE * 100).toFixed(0)} % of it, every run completed)`]),
    `run time:            p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, max ${(times.at(-1) ?? 0).toFixed(0)} ms`,
    `CPU per run:         server ${r.serverCpuMs.toFixed(1)} ms + lab ${r.labCpuMs.toFixed(1)} ms + clients ${r.clientCpuMs.toFixed(1)} ms = ${total.toFixed(1)} ms (/proc and process.cpuUsage, over the load window);`,
    `                     ${cores} cores give ${((cores * 1000) / total).toFixed(0)} runs/s at that cost, ${((cores * 1000) / r.serverCpuMs).toFixed(0)} runs/s were the server alone on them`,
  ];
}

/** A process's profile: its main thread's, and its worker threads' (the server's engine workers). */
interface ProcessProfiles {
  main: string;
  workers: string[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends SIGUSR2 to each profiled process and, when `finish`, waits for its profiles to be written. */
async function toggleProfiles(dir: string | null, pids: readonly number[], finish: boolean): Promise<ProcessProfiles[]> {
  if (!dir) return [];
  for (const pid of pids) process.kill(pid, "SIGUSR2");
  if (!finish) return [];
  const profiles: ProcessProfiles[] = [];
  const profileOf = (done: string): string => path.join(dir, done.replace(/\.done$/, ".cpuprofile"));
  for (const pid of pids) {
    const deadline = Date.now() + 60_000;
    const find = (): string | undefined => fs.readdirSync(dir).find((f) => f.endsWith(`-${pid}.done`));
    let name = find();
    while (!name && Date.now() < deadline) {
      await sleep(200);
      name = find();
    }
    if (!name) continue;
    // The workers write theirs when the main thread's message reaches them: wait until no more appear for a second.
    const workers = (): string[] => fs.readdirSync(dir).filter((f) => new RegExp(`-${pid}-w\\d+\\.done$`).test(f));
    let seen = workers();
    for (let quiet = 0; quiet < 5 && Date.now() < deadline; ) {
      await sleep(200);
      const now = workers();
      quiet = now.length === seen.length ? quiet + 1 : 0;
      seen = now;
    }
    profiles.push({ main: profileOf(name), workers: seen.map(profileOf) });
  }
  return profiles;
}

async function main(): Promise<number> {
  // The batch mode is its own script: the job queue's topology (PostgreSQL, workers) over the lab.
  if (process.argv.includes("--batch")) return (await import("./loadtest/batch")).batchLoadtest();
  const args = parseCliArgs(
    {
      runs: { type: "string", default: "200" },
      duration: { type: "string", default: "60" },
      rate: { type: "string" },
      seconds: { type: "string" },
      warmup: { type: "string" },
      hostile: { type: "boolean" },
      "cpu-prof": { type: "string" },
    },
    USAGE,
  );
  if (typeof args === "number") return args;
  const p = plan(args);
  if (typeof p === "string") {
    console.error(`${p}\n${USAGE}`);
    return 2;
  }
  if (args["cpu-prof"] && p.windows.length > 1) {
    console.error(`--cpu-prof profiles one window: give one --rate\n${USAGE}`);
    return 2;
  }
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.error('No production build in .next: run "npm run build" first.');
    return 2;
  }
  const profileDir = args["cpu-prof"] ? path.resolve(args["cpu-prof"]) : null;
  if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
  const profiled = (name: string): { nodeArgs: string[]; env: Record<string, string> } =>
    profileDir
      ? { nodeArgs: ["--import", PROFILER], env: { MAILSEC_LOADTEST_PROFILE_DIR: profileDir, MAILSEC_LOADTEST_PROFILE_NAME: name } }
      : { nodeArgs: [], env: {} };

  // The lab in its own process: its CPU is read apart from this one's (the HTTP clients).
  const labProfile = profiled("lab");
  const lab = await spawnLab(labProfile.nodeArgs, { ...process.env, ...labProfile.env });
  const labPid = lab.child.pid;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-loadtest-"));
  let server: NextServer | null = null;
  try {
    if (labPid === undefined) throw new Error("the lab has no pid");
    const settings = { resolver: lab.settings.resolverString, trustAnchorFile: lab.settings.trustAnchorFile, smtpPort: lab.settings.smtpPort };
    const serverProfile = profiled("server");
    const env = { ...appEnv(settings, path.join(work, "data")), ...serverProfile.env, MAILSEC_RATE_LIMIT: "off", MAILSEC_MAX_CONCURRENT_RUNS: String(Math.max(100, ...p.windows.map((w) => w.runs))),
      // Every run connects to the same few lab addresses: the per-destination budget would refuse most.
      MAILSEC_SMTP_CONNECTIONS_PER_MINUTE: "10000" };
    server = await startNext(await freePort(), env, path.join(work, "next.log"), serverProfile.nodeArgs);
    const pid = server.process.pid;
    if (pid === undefined) throw new Error("next start has no pid");
    // Every DANE (and with --hostile every hostile) scenario of the lab, in turn, each with the verdict its catalog entry promises.
    const targets: Expectation[] = scenarios
      .filter((s) => s.category === "dane" || (args.hostile === true && s.category === "hostile"))
      .map((s) => ({ scenario: s.name, domain: s.domain.replace(/\.$/, ""), verdict: s.expect.verdict }));
    console.error(`… ${p.warmup} warm-up runs, then ${p.windows.map((w) => `${w.runs} DANE runs over ${w.durationS} s`).join(", then ")} against ${server.url} (pid ${pid}), ${targets.length} lab scenarios in turn`);
    const client = loadClient(server.url);

    // Where a run's CPU goes when nothing else runs: the engine, the store, the serialisation.
    const overhead = await measureOverhead(lab.settings, "dane-ee.test", 20, targets.map((t) => t.domain));
    // One run of each scenario first, even with --warmup 0: the server's routes are loaded and its zone caches filled.
    const memory = sampleMemory(pid, RSS_SAMPLE_MS);
    const firstPass = await Promise.all(targets.map((t) => oneRun(client, t, RUN_TIMEOUT_MS)));
    console.error(`… one run of each scenario done; ${p.warmup} warm-up runs`);
    const warm = await warmUp(client, targets, p.warmup, pid);
    const untimed = [...firstPass, ...warm.outcomes];
    const results: WindowResult[] = [];
    let profiles: ProcessProfiles[] = [];
    for (const w of p.windows) {
      await toggleProfiles(profileDir, [pid, labPid], false);
      results.push(await loadWindow(client, targets, w, pid, labPid));
      profiles = await toggleProfiles(profileDir, [pid, labPid], true);
    }

    // Read every run back, the untimed ones too: none lost, none left "running".
    // A few at a time: thousands of reads at once would measure the read-back, not the runs.
    const readBack = async (all: readonly RunOutcome[]): Promise<string[]> => {
      const statuses: string[] = [];
      for (let i = 0; i < all.length; i += READ_BACK_AT_ONCE) statuses.push(...(await Promise.all(all.slice(i, i + READ_BACK_AT_ONCE).map((o) => storedStatus(client, o.id, 30_000)))));
      return statuses;
    };
    const stored: string[][] = [];
    for (const r of results) stored.push(await readBack(r.outcomes));
    const storedUntimed = await readBack(untimed);
    const mem = memory.stop();

    const storedBefore = storedKinds(storedUntimed);
    const untimedCompleted = untimed.filter((o) => o.error === null).length;
    const cores = os.cpus().length;
    const engineWorkers = parseServerEnv({ MAILSEC_ENGINE_WORKERS: process.env.MAILSEC_ENGINE_WORKERS }, () => "").engineWorkers;
    const own = overhead.storeMs + overhead.serialiseMs;

    const lines = [
      p.warmup === 0
        ? `warm-up:             none (--warmup 0): the window is a freshly started server's (after one run of each of the ${targets.length} scenarios), V8 still optimising its code`
        : `warm-up:             ${p.warmup} untimed runs before the window (after one run of each of the ${targets.length} scenarios), ${WARMUP_AT_ONCE} at a time: ${warm.wallS.toFixed(1)} s, ${(p.warmup / warm.wallS).toFixed(1)} runs/s;`,
      ...(p.warmup === 0 ? [] : [`                     server CPU per run over its ${warm.sliceCpuMs.length} slices: ${warm.sliceCpuMs.map((ms) => ms.toFixed(1)).join(", ")} ms`]),
      `untimed runs:        ${untimedCompleted}/${untimed.length} with the expected verdict; errors ${errorKinds(untimed)}; stored afterwards: ${storedBefore.text}`,
      ...wrongVerdicts(untimed),
      ...results.flatMap((r, k) => windowLines(r, stored[k]!, cores, results.length > 1 ? `window ${k + 1} of ${results.length}` : null)),
      `measured apart:      the engine alone in this process: dane-ee.test ${overhead.engineMs.toFixed(1)} ms, zone cache warm ${overhead.engineWarmMs.toFixed(1)} ms; the load's mix of ${targets.length} scenarios, warm: ${overhead.engineMixMs.toFixed(1)} ms;`,
      `                     the server's own work on dane-ee.test: store writes ${overhead.storeMs.toFixed(2)} ms (${overhead.events} events), stream serialisation ${overhead.serialiseMs.toFixed(2)} ms (${own.toFixed(2)} ms together);`,
      // The engine figures are a young process's (a few dozen runs): beside a warmed server's CPU they would read as a negative overhead.
      p.warmup === 0
        ? `                     the server's CPU beyond the engine's mix and that (${(results.at(-1)!.serverCpuMs - overhead.engineMixMs - own).toFixed(1)} ms in the ${results.length > 1 ? "last " : ""}window) is Next.js, HTTP, async hooks and GC under concurrency (--cpu-prof splits it)`
        : `                     (a young process's engine, after a few dozen runs: not to be taken from the warmed server's CPU; --cpu-prof splits the server's main thread from its engine workers)`,
      `server memory:       peak RSS ${mem.peakGroupRssMb.toFixed(0)} MB (process group, sampled every ${RSS_SAMPLE_MS} ms over the warm-up and the windows); VmHWM ${mem.peakProcessHwmMb.toFixed(0)} MB (largest process of ${mem.processes})`,
      `machine:             ${cores} CPUs, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (the lab and this client share it)`,
      `engine:              ${engineWorkers === 0 ? "in the server's main thread (MAILSEC_ENGINE_WORKERS=0)" : `${engineWorkers} worker thread(s) (MAILSEC_ENGINE_WORKERS${process.env.MAILSEC_ENGINE_WORKERS ? "" : " unset: the default"})`}`,
    ];
    const runs = results.at(-1)!.window.runs;
    for (const profile of profiles) {
      const who = path.basename(profile.main).startsWith("lab-") ? "lab" : "server";
      const files = [profile.main, ...profile.workers];
      const summary = summariseProfile(files, runs, 20, who === "lab" ? results.at(-1)!.labCpuMs : results.at(-1)!.serverCpuMs);
      // The main thread's share is the server's own work (HTTP, Next.js, the store, the stream); the workers' is the engine.
      const mainShare = profile.workers.length === 0 ? 1 : summariseProfile([profile.main], runs, 1).sampledMs / summary.sampledMs;
      lines.push(
        `${who} CPU profile:  ${files.join(", ")} — ${summary.sampledMs.toFixed(1)} ms of samples per run, scaled to its ${summary.busyMs.toFixed(1)} ms of CPU; by area:`,
        ...(profile.workers.length === 0
          ? []
          : [`  main thread ${(mainShare * summary.busyMs).toFixed(1)} ms (the server's own work: HTTP, Next.js, store, streams), ${profile.workers.length} engine worker thread(s) ${((1 - mainShare) * summary.busyMs).toFixed(1)} ms`]),
        formatShares(summary.byArea, summary.busyMs, "    "),
        `  top ${who} functions (self time per run):`,
        formatShares(summary.byFunction, summary.busyMs, "    "),
      );
    }
    console.log(lines.join("\n"));
    const ok = results.every((r, k) => held(r) !== false && storedKinds(stored[k]!).notFinished === 0);
    return ok && storedBefore.notFinished === 0 ? 0 : 1;
  } finally {
    if (server) await stopNext(server);
    await lab.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(2);
  },
);
