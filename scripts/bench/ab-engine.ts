// A/B of the engine's CPU per run, interleaved in one process: the lib/ of a git ref (A) and of
// the working tree (B), each bundled by esbuild (as the server's engine workers and the CLI run
// it), run in turn against one lab in a child process. Interleaving in one process makes the
// machine's drifting load weigh on both alike; a change of a few per cent is lost between two
// separate processes on a busy machine. Each bundle has its own module state (memos, zone cache).
// `node --import tsx scripts/bench/ab-engine.ts <git-ref> [--warmup N] [--pairs N] [--cold] [--scenario NAME]`
// --warmup: runs of each before the timed ones (default 1500: a long-lived process; 2 for a young
// one); --pairs: timed runs of each (default 400); --cold: no zone cache. Speed is reported,
// never asserted.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findScenario } from "../../lib/lab/catalog";
import { bundleEngine, type EngineBundle } from "./engine-bundled";
import { parseCliCommand, wholeNumber } from "../cli-args";
import { cpuMsSince, drainVerdict, loadAverageText, median } from "./harness";
import { withLabProcess } from "./lab-process";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const USAGE = "usage: ab-engine.ts <git-ref> [--warmup N] [--pairs N] [--cold] [--scenario NAME]";

async function main(): Promise<number> {
  const args = parseCliCommand({ warmup: { type: "string" }, pairs: { type: "string" }, cold: { type: "boolean" }, scenario: { type: "string" } }, USAGE, 1);
  if (typeof args === "number") return args;
  const ref = args.positionals[0];
  if (ref === undefined) {
    console.error(USAGE);
    return 2;
  }
  const warmup = wholeNumber(args.values.warmup, 1500, "--warmup");
  const pairs = wholeNumber(args.values.pairs, 400, "--pairs");
  const cold = args.values.cold === true;
  const name = args.values.scenario ?? "dane-ee";
  const scenario = findScenario(name);
  if (!scenario) throw new Error(`no scenario ${name}`);
  const input = scenario.domain.replace(/\.$/, "");

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-ab-"));
  try {
    const old = path.join(dir, "a-tree");
    fs.mkdirSync(old);
    const archive = execFileSync("git", ["archive", ref, "lib"], { cwd: REPO_ROOT, maxBuffer: 256 * 1024 * 1024 });
    execFileSync("tar", ["-x", "-C", old], { input: archive });
    const engines = [await bundleEngine(old, dir, "a"), await bundleEngine(REPO_ROOT, dir, "b")];
    await withLabProcess(0, async (lab) => {
      const caches = engines.map((e) => (cold ? undefined : e.createZoneCache({ maxSeconds: 3600 })));
      let runs = 0;
      const one = (k: number) =>
        drainVerdict((engines[k] as EngineBundle).runTest({ id: `ab-${runs++}`, test: "dane", input, sendTestMessage: false }, { resolvers: [lab.resolver], trustAnchors: lab.trustAnchorText, smtpPort: lab.smtpPort, allowPrivate: true, now: () => lab.now, timeoutMs: 30_000, zoneCache: caches[k] }));
      for (let i = 0; i < warmup; i++) for (const k of [0, 1]) await one(k);
      const cpu = { a: [] as number[], b: [] as number[] };
      const verdicts = [new Set<string>(), new Set<string>()];
      for (let i = 0; i < pairs; i++) {
        for (const k of i % 2 ? [1, 0] : [0, 1]) {
          const before = process.cpuUsage();
          verdicts[k]?.add(await one(k));
          (k === 0 ? cpu.a : cpu.b).push(cpuMsSince(before));
        }
      }
      const ratios = cpu.b.map((b, i) => b / (cpu.a[i] as number));
      console.log(
        `${input}, ${cold ? "cold" : "zone cache warm"}, after ${warmup} runs of each: A (${ref}) p50 ${median(cpu.a).toFixed(2)} ms CPU, B (working tree) ${median(cpu.b).toFixed(2)} ms; ` +
          `B/A p50 of ${pairs} pairs ×${median(ratios).toFixed(3)}; verdicts A ${[...(verdicts[0] ?? [])].join(",")}, B ${[...(verdicts[1] ?? [])].join(",")}; load average ${loadAverageText()}`,
      );
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
