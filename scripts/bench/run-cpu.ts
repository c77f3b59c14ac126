// CPU per in-process DANE run, cold (no zone cache) and warm (the server's zone cache primed), as
// the median of many runs against the lab in a child process (its CPU stays out of the figure).
// `node --import tsx scripts/bench/run-cpu.ts [runs] [scenario] [--warmup N] [--bundled] [--promises] [--profile FILE]`:
// --warmup runs N warm runs first (default 3): V8 keeps optimising the engine's code for a few
// thousand runs, so a short warm-up measures a young process (what the CLI and `npm run bench`
// see) and a long one (e.g. 2000) what a long-lived server pays per run; process CPU includes
// V8's compiler and GC threads either way. --promises counts the async resources (promises by far
// the most) a warm run creates, by type; --profile writes a CPU profile (node:inspector) of warm
// runs only, after the timed ones, so start-up, module loading and cold runs stay out of it.
// --bundled runs the engine bundled by esbuild, as the server's engine workers and the CLI run it
// (engine-bundled.ts), instead of lib/'s TypeScript through tsx.
// Speed is reported, never asserted.
import { createHook } from "node:async_hooks";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { runTest as runTestTsx, type EngineConfig } from "../../lib/checks";
import { createZoneCache as createZoneCacheTsx, type ZoneCache } from "../../lib/dnssec/zone-cache";
import { findScenario } from "../../lib/lab/catalog";
import { bundledEngine } from "./engine-bundled";
import { parseCliCommand, wholeNumber } from "../cli-args";
import { cpuMsSince, drainVerdict, loadAverageText, median } from "./harness";
import { withLabProcess, type BenchLab } from "./lab-process";

function config(lab: BenchLab, zoneCache?: ZoneCache): EngineConfig {
  return { resolvers: [lab.resolver], trustAnchors: lab.trustAnchorText, smtpPort: lab.smtpPort, allowPrivate: true, now: () => lab.now, timeoutMs: 30_000, zoneCache };
}

/** Async resources created while `work` runs, by type (counted only in this bench: hooks cost). */
async function countAsyncResources(work: () => Promise<unknown>): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const hook = createHook({ init: (_id, type) => void counts.set(type, (counts.get(type) ?? 0) + 1) });
  hook.enable();
  try {
    await work();
  } finally {
    hook.disable();
  }
  return counts;
}

const USAGE = "usage: run-cpu.ts [runs] [scenario] [--warmup N] [--bundled] [--promises] [--profile FILE]";

async function main(): Promise<number> {
  const args = parseCliCommand({ warmup: { type: "string" }, bundled: { type: "boolean" }, promises: { type: "boolean" }, profile: { type: "string" } }, USAGE, 2);
  if (typeof args === "number") return args;
  const { values, positionals } = args;
  const warmup = wholeNumber(values.warmup, 3, "--warmup");
  const runs = wholeNumber(positionals[0], 60, "runs");
  const name = positionals[1] ?? "dane-ee";
  const scenario = findScenario(name);
  if (!scenario) throw new Error(`no scenario ${name}`);
  const input = scenario.domain.replace(/\.$/, "");
  const bundled = values.bundled === true;
  const { runTest, createZoneCache } = bundled ? await bundledEngine() : { runTest: runTestTsx, createZoneCache: createZoneCacheTsx };
  await withLabProcess(0, async (lab) => {
    const warmCache = createZoneCache({ maxSeconds: 3600 });
    const shapes = [
      { label: "cold", cache: undefined as ZoneCache | undefined },
      { label: "warm", cache: warmCache },
    ];
    const one = (label: string, i: number, cache: ZoneCache | undefined) => drainVerdict(runTest({ id: `r-${label}-${i}`, test: "dane", input, sendTestMessage: false }, config(lab, cache)));
    for (const s of shapes) for (let i = 0; i < 3; i++) await one(`w-${s.label}`, i, s.cache);
    for (let i = 3; i < warmup; i++) await one("w-warm", i, warmCache);
    const cpu: Record<string, number[]> = { cold: [], warm: [] };
    const verdicts = new Set<string>();
    for (let i = 0; i < runs; i++) {
      for (const s of i % 2 ? [...shapes].reverse() : shapes) {
        const before = process.cpuUsage();
        verdicts.add(await one(s.label, i, s.cache));
        cpu[s.label]?.push(cpuMsSince(before));
      }
    }
    const fmt = (xs: number[]) => `p50 ${median(xs).toFixed(2)} ms CPU (n=${xs.length})`;
    console.log(`${input}${bundled ? " (engine bundled)" : ""} after ${Math.max(3, warmup)} warm-up runs: cold ${fmt(cpu.cold ?? [])}, warm ${fmt(cpu.warm ?? [])}; verdicts ${[...verdicts].join(",")}; load average ${loadAverageText()}`);

    if (values.promises) {
      const samples: Map<string, number>[] = [];
      for (let i = 0; i < 5; i++) samples.push(await countAsyncResources(() => one("p-warm", i, warmCache)));
      const types = new Set(samples.flatMap((m) => [...m.keys()]));
      const row = [...types].map((t) => `${t} ${median(samples.map((m) => m.get(t) ?? 0))}`).join(", ");
      console.log(`async resources per warm run (p50 of 5): ${row}`);
    }
    const profileFile = values.profile;
    if (profileFile !== undefined) {
      const session = new Session();
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.setSamplingInterval", { interval: 100 });
      await session.post("Profiler.start");
      for (let i = 0; i < runs; i++) await one("prof-warm", i, warmCache);
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(profileFile, JSON.stringify(profile));
      session.disconnect();
      console.log(`profile of ${runs} warm runs: ${profileFile}`);
    }
  });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
