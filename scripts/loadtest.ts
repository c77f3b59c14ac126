// `npm run loadtest [-- --runs N --duration SECONDS]`: N DANE runs through POST /api/runs of the
// built app (`npm run build` first), started evenly over the duration against the lab, each
// stream read to its end; then every run is read back by id and must be finished. Reports runs
// completed, errors by kind, throughput, p50/p95 run time, the server's CPU per run beside what the
// engine, the store writes and the event serialisation cost alone (measured in this process), and
// the server's peak memory. Not part of npm test. `--runs 900 --duration 5` is the throughput test.
// Everything stays on loopback on ephemeral ports, and is stopped by PID at the end.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startLab } from "../lib/lab";
import { appEnv, freePort, ROOT, startNext, stopNext, type NextServer } from "../tests/e2e/next-server";
import { oneRun, percentile, sampleMemory, type Expectation, type RunOutcome } from "./loadtest/measure";
import { groupCpuSeconds, measureOverhead } from "./loadtest/overhead";
import { parseCliArgs } from "./cli-args";

const USAGE = `usage: npm run loadtest -- [--runs N] [--duration SECONDS] [--hostile]
       npm run loadtest -- --batch [...]   (see scripts/loadtest/batch.ts: a batch over PostgreSQL and workers)
  --runs N            DANE runs to start (default 200)
  --duration SECONDS  spread the starts evenly over this many seconds (default 60)
  --hostile           add the lab's hostile DNS and SMTP peers (10 MB banner, drip, floods...)
                      to the rotation, to watch the server's memory under them
Needs a production build: run "npm run build" first.`;

// A run against the lab takes about a second; this only catches a run that never ends.
const RUN_TIMEOUT_MS = 120_000;
const RSS_SAMPLE_MS = 250;
const READ_BACK_AT_ONCE = 16;

async function main(): Promise<number> {
  // The batch mode is its own script: the job queue's topology (PostgreSQL, workers) over the lab.
  if (process.argv.includes("--batch")) return (await import("./loadtest/batch")).batchLoadtest();
  const args = parseCliArgs({ runs: { type: "string", default: "200" }, duration: { type: "string", default: "60" }, hostile: { type: "boolean" } }, USAGE);
  if (typeof args === "number") return args;
  const runs = Number(args.runs);
  const durationS = Number(args.duration);
  if (!Number.isInteger(runs) || runs < 1 || runs > 100_000 || !Number.isFinite(durationS) || durationS < 0 || durationS > 3600) {
    console.error(`--runs must be a whole number from 1 to 100000 and --duration 0 to 3600 seconds\n${USAGE}`);
    return 2;
  }
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.error('No production build in .next: run "npm run build" first.');
    return 2;
  }

  const lab = await startLab();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-loadtest-"));
  let server: NextServer | null = null;
  try {
    const settings = { resolver: lab.resolverString, trustAnchorFile: lab.trustAnchorFile, smtpPort: lab.smtpPort };
    const env = { ...appEnv(settings, path.join(work, "data")), MAILSEC_RATE_LIMIT: "off", MAILSEC_MAX_CONCURRENT_RUNS: String(runs),
      // Every run connects to the same few lab addresses: the per-destination budget would refuse most.
      MAILSEC_SMTP_CONNECTIONS_PER_MINUTE: "10000" };
    server = await startNext(await freePort(), env, path.join(work, "next.log"));
    const pid = server.process.pid;
    if (pid === undefined) throw new Error("next start has no pid");
    // Every DANE (and with --hostile every hostile) scenario of the lab, in turn, each with the verdict its catalog entry promises.
    const targets: Expectation[] = lab.catalog
      .filter((s) => s.category === "dane" || (args.hostile === true && s.category === "hostile"))
      .map((s) => ({ scenario: s.name, domain: s.domain.replace(/\.$/, ""), verdict: s.expect.verdict }));
    console.error(`… ${runs} DANE runs over ${durationS} s against ${server.url} (pid ${pid}), ${targets.length} lab scenarios in turn`);

    // Where a run's CPU goes when nothing else runs: the engine, the store, the serialisation.
    const overhead = await measureOverhead(lab, "dane-ee.test", 20);
    const memory = sampleMemory(pid, RSS_SAMPLE_MS);
    const cpuBefore = groupCpuSeconds(pid);
    const clientCpu = process.cpuUsage();
    const t0 = performance.now();
    const gapMs = runs > 1 ? (durationS * 1000) / (runs - 1) : 0;
    const pending: Promise<RunOutcome>[] = [];
    for (let i = 0; i < runs; i += 1) {
      const due = t0 + i * gapMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(oneRun(server.url, targets[i % targets.length]!, RUN_TIMEOUT_MS));
    }
    const outcomes = await Promise.all(pending);
    const wallS = (performance.now() - t0) / 1000;
    const serverCpuMsPerRun = ((groupCpuSeconds(pid) - cpuBefore) * 1000) / runs;
    const used = process.cpuUsage(clientCpu);
    const clientCpuMsPerRun = (used.user + used.system) / 1000 / runs;

    // Read every run back: none lost, none left "running".
    // A few at a time: 600 reads at once would measure the read-back, not the runs.
    const readBack = async (o: RunOutcome): Promise<string> => {
      if (!o.id) return "no id";
      try {
        const response = await fetch(`${server!.url}/api/runs/${o.id}`, { signal: AbortSignal.timeout(30_000) });
        if (response.status !== 200) return `GET ${response.status}`;
        return ((await response.json()) as { status: string }).status;
      } catch (err) {
        return `GET failed: ${(err as Error).name}`;
      }
    };
    const stored: string[] = [];
    for (let i = 0; i < outcomes.length; i += READ_BACK_AT_ONCE) stored.push(...(await Promise.all(outcomes.slice(i, i + READ_BACK_AT_ONCE).map(readBack))));
    const mem = memory.stop();

    const errors = new Map<string, number>();
    for (const o of outcomes) if (o.error) errors.set(o.error, (errors.get(o.error) ?? 0) + 1);
    const wrongScenarios = new Map<string, number>();
    const samples = new Map<string, string>();
    for (const o of outcomes) {
      if (!o.error?.startsWith("verdict")) continue;
      const key = `${o.scenario}: ${o.error}`;
      wrongScenarios.set(key, (wrongScenarios.get(key) ?? 0) + 1);
      if (o.detail && !samples.has(key)) samples.set(key, o.detail);
    }
    const statuses = new Map<string, number>();
    for (const s of stored) statuses.set(s, (statuses.get(s) ?? 0) + 1);
    const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
    const completed = outcomes.filter((o) => o.error === null).length;
    const notFinished = stored.filter((s) => s !== "done" && s !== "error").length;

    const lines = [
      `runs started:        ${runs} over ${durationS} s (wall time ${wallS.toFixed(1)} s)`,
      `runs completed:      ${completed} with the expected verdict`,
      `errors by kind:      ${errors.size === 0 ? "none" : [...errors].map(([k, n]) => `${k} ×${n}`).join("; ")}`,
      ...[...wrongScenarios].map(([k, n]) => `                     ${k} ×${n}; e.g. ${samples.get(k) ?? "?"}`),
      `stored afterwards:   ${[...statuses].map(([k, n]) => `${k} ×${n}`).join("; ")} (not finished: ${notFinished})`,
      `throughput:          ${(completed / wallS).toFixed(1)} runs/s completed (first start to last stream end)`,
      `run time:            p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, max ${(times.at(-1) ?? 0).toFixed(0)} ms`,
      `server CPU per run:  ${serverCpuMsPerRun.toFixed(1)} ms (process group, /proc), of which, measured apart in this process on dane-ee.test:`,
      `                     engine ${overhead.engineMs.toFixed(1)} ms, store writes ${overhead.storeMs.toFixed(2)} ms (${overhead.events} events), stream serialisation ${overhead.serialiseMs.toFixed(2)} ms;`,
      `                     the rest (${Math.max(0, serverCpuMsPerRun - overhead.engineMs - overhead.storeMs - overhead.serialiseMs).toFixed(1)} ms) is Next.js, HTTP, the stream and the lab scenarios' mix`,
      `client CPU per run:  ${clientCpuMsPerRun.toFixed(1)} ms (this process: the lab's DNS and SMTP servers and the HTTP clients)`,
      `server memory:       peak RSS ${mem.peakGroupRssMb.toFixed(0)} MB (process group, sampled every ${RSS_SAMPLE_MS} ms); VmHWM ${mem.peakProcessHwmMb.toFixed(0)} MB (largest process of ${mem.processes})`,
      `machine:             ${os.cpus().length} CPUs, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (the lab and this client share it)`,
    ];
    console.log(lines.join("\n"));
    return notFinished === 0 && stored.length === runs ? 0 : 1;
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
