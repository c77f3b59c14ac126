// Whole processes, timed as a user waits for them: `mailsec --help` and `mailsec dane` against the
// lab, each beside `node -e 0` (node's own floor on this machine) run in turn, A B A B …, so drifting
// load weighs on both alike; the ratio is taken pair by pair and its median reported. The CLI runs
// as `npx mailsec` runs it (bin/mailsec.js, the bundle in dist/cli, rebuilt first).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildCli } from "../build-cli";
import { median, summarise, type BenchResult } from "./harness";
import type { BenchLab } from "./lab-process";

const CLI = fileURLToPath(new URL("../../bin/mailsec.js", import.meta.url));
const RUN_TIMEOUT_MS = 30_000;

export interface ProcessBudget {
  warmup: number;
  runs: number;
}

interface Sample {
  wallMs: number;
  cpuMs: number;
  /** Peak resident set size of the node process (GNU time's %M), MiB; null without /usr/bin/time. */
  rssMiB: number | null;
  code: number | null;
}

const GNU_TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
let runCount = 0;

// bash's `times` prints the CPU its children used ("0m0.123s 0m0.020s" on the second line):
// the kernel's own accounting of the finished node process, with no instrumentation inside it.
const TIMES = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/;

function runOnce(args: readonly string[]): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    // GNU time writes node's peak RSS (KiB) to a file of ours (our stdout is a socket, which
    // /dev/fd cannot reopen); bash's `times` then counts both.
    const rssFile = path.join(os.tmpdir(), `mailsec-bench-rss-${process.pid}-${runCount++}`);
    const run = GNU_TIME ? `${GNU_TIME} -f "rss %M" -o "$RSS_FILE" node "$@" >/dev/null 2>&1` : 'node "$@" >/dev/null 2>&1';
    const child = spawn("bash", ["-c", `${run}; code=$?; times; exit $code`, "bash", ...args], { stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, RSS_FILE: rssFile } });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const lines = out.trim().split("\n");
      let rss: RegExpExecArray | null = null;
      try {
        rss = /^rss (\d+)$/m.exec(fs.readFileSync(rssFile, "utf8"));
        fs.rmSync(rssFile, { force: true });
      } catch {
        // No GNU time, or it could not write: the row goes without RSS.
      }
      const children = TIMES.exec(lines[lines.length - 1] ?? "");
      if (!children) return reject(new Error(`no CPU figures from bash times for node ${args.join(" ")}`));
      const [, um, us, sm, ss] = children.map(Number) as [number, number, number, number, number];
      resolve({ wallMs, cpuMs: (um * 60 + us + sm * 60 + ss) * 1000, rssMiB: rss ? Number(rss[1]) / 1024 : null, code });
    });
  });
}

interface Variant {
  name: string;
  args: string[];
  /** The exit status the run should end with (0 pass or warning, 1 fail). */
  expectCode: number;
}

async function measureAgainstNode(variant: Variant, budget: ProcessBudget): Promise<{ result: BenchResult; floor: Sample[] }> {
  const floorArgs = ["-e", "0"];
  for (let i = 0; i < budget.warmup; i++) {
    await runOnce(variant.args);
    await runOnce(floorArgs);
  }
  const runs: Sample[] = [];
  const floor: Sample[] = [];
  for (let i = 0; i < budget.runs; i++) {
    // Alternate which goes first, as measureInterleaved does.
    if (i % 2 === 0) {
      runs.push(await runOnce(variant.args));
      floor.push(await runOnce(floorArgs));
    } else {
      floor.push(await runOnce(floorArgs));
      runs.push(await runOnce(variant.args));
    }
  }
  const result = summarise("process", variant.name, runs.map((r) => r.wallMs), 1, runs.reduce((a, r) => a + r.wallMs, 0), runs.map((r) => r.cpuMs));
  result.vsNode = {
    wall: median(runs.map((r, i) => r.wallMs / (floor[i] as Sample).wallMs)),
    cpu: median(runs.map((r, i) => r.cpuMs / Math.max((floor[i] as Sample).cpuMs, 0.001))),
  };
  const rss = runs.flatMap((r) => (r.rssMiB === null ? [] : [r.rssMiB]));
  if (rss.length > 0) result.macro = { peakRssMiB: Math.max(...rss) };
  const wrong = runs.filter((r) => r.code !== variant.expectCode).length;
  if (wrong > 0) result.notes.push(`${wrong} run(s) exited other than ${variant.expectCode}: the figure is not of a working run`);
  return { result, floor };
}

/** `node -e 0`, `mailsec --help`, and `mailsec dane` on a 1-MX and a 2-MX lab domain, each against node's floor. */
export async function processBenchmarks(lab: BenchLab, budget: ProcessBudget): Promise<BenchResult[]> {
  await buildCli();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-bench-"));
  try {
    const anchorFile = path.join(work, "trust-anchor.zone");
    fs.writeFileSync(anchorFile, lab.trustAnchorText);
    const labArgs = ["--resolver", `${lab.resolver.host}:${lab.resolver.port}`, "--trust-anchor", anchorFile, "--smtp-port", String(lab.smtpPort), "--allow-private"];
    const variants: Variant[] = [
      { name: "mailsec --help", args: [CLI, "--help"], expectCode: 0 },
      { name: "mailsec dane dane-ee.test (1 MX), lab DNS +0 ms", args: [CLI, "dane", "dane-ee.test", ...labArgs], expectCode: 0 },
      // one-mx-fails: the backup host fails DANE, mail still flows: a warning, exit 0.
      { name: "mailsec dane one-mx-fails.test (2 MX), lab DNS +0 ms", args: [CLI, "dane", "one-mx-fails.test", ...labArgs], expectCode: 0 },
    ];
    const out: BenchResult[] = [];
    const floors: Sample[] = [];
    for (const variant of variants) {
      const { result, floor } = await measureAgainstNode(variant, budget);
      out.push(result);
      floors.push(...floor);
    }
    const floor = summarise("process", "node -e 0 (the machine's floor, run beside each of the above)", floors.map((f) => f.wallMs), 1, floors.reduce((a, f) => a + f.wallMs, 0), floors.map((f) => f.cpuMs));
    floor.vsNode = { wall: 1, cpu: 1 };
    const floorRss = floors.flatMap((f) => (f.rssMiB === null ? [] : [f.rssMiB]));
    if (floorRss.length > 0) floor.macro = { peakRssMiB: Math.max(...floorRss) };
    return [floor, ...out];
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
