// CPU per in-process DANE run, cold (no zone cache) and warm (the server's zone cache primed), as
// the median of many runs against the lab in a child process (its CPU stays out of the figure).
// For profiling the validator and the DNS transport: `node --import tsx --cpu-prof
// scripts/bench/run-cpu.ts [runs] [scenario]`. Speed is reported, never asserted.
import { runTest, type EngineConfig } from "../../lib/checks";
import { createZoneCache, type ZoneCache } from "../../lib/dnssec/zone-cache";
import { findScenario } from "../../lib/lab/catalog";
import type { RunEvent } from "../../lib/report/schema";
import { cpuMsSince, median } from "./harness";
import { withLabProcess, type BenchLab } from "./lab-process";

async function drain(events: AsyncGenerator<RunEvent>): Promise<string> {
  let verdict = "none";
  for await (const e of events) {
    if (e.type === "done") verdict = e.result.verdict;
    if (e.type === "error") verdict = `error: ${e.message}`;
  }
  return verdict;
}

function config(lab: BenchLab, zoneCache?: ZoneCache): EngineConfig {
  return { resolvers: [lab.resolver], trustAnchors: lab.trustAnchorText, smtpPort: lab.smtpPort, allowPrivate: true, now: () => lab.now, timeoutMs: 30_000, zoneCache };
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 60);
  const name = process.argv[3] ?? "dane-ee";
  const scenario = findScenario(name);
  if (!scenario) throw new Error(`no scenario ${name}`);
  const input = scenario.domain.replace(/\.$/, "");
  await withLabProcess(0, async (lab) => {
    const warmCache = createZoneCache({ maxSeconds: 3600 });
    const shapes = [
      { label: "cold", cache: undefined as ZoneCache | undefined },
      { label: "warm", cache: warmCache },
    ];
    for (const s of shapes) for (let i = 0; i < 3; i++) await drain(runTest({ id: `w-${s.label}-${i}`, test: "dane", input, sendTestMessage: false }, config(lab, s.cache)));
    const cpu: Record<string, number[]> = { cold: [], warm: [] };
    const verdicts = new Set<string>();
    for (let i = 0; i < runs; i++) {
      for (const s of i % 2 ? [...shapes].reverse() : shapes) {
        const before = process.cpuUsage();
        verdicts.add(await drain(runTest({ id: `r-${s.label}-${i}`, test: "dane", input, sendTestMessage: false }, config(lab, s.cache))));
        cpu[s.label]?.push(cpuMsSince(before));
      }
    }
    const fmt = (xs: number[]) => `p50 ${median(xs).toFixed(2)} ms CPU (n=${xs.length})`;
    console.log(`${input}: cold ${fmt(cpu.cold ?? [])}, warm ${fmt(cpu.warm ?? [])}; verdicts ${[...verdicts].join(",")}`);
  });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
