// `npm run bench [-- --quick] [-- --json]`: bounded micro and macro benchmarks. Speed is measured
// here, never asserted in timed tests. All traffic stays on loopback: the lab is started on
// ephemeral ports and stopped before the figures are printed.
import os from "node:os";
import type { BenchResult, Budget } from "./bench/harness";
import { withLabProcess } from "./bench/lab-process";
import { captureWireSamples, daneRunBenchmarks, daneSteadyStateBenchmarks, roundTripNotes, validatorBenchmarks } from "./bench/macro";
import { daneBenchmarks, nsec3Benchmarks, peerChainBenchmark, rrsigBenchmarks, wireBenchmarks } from "./bench/micro";
import { processBenchmarks, type ProcessBudget } from "./bench/process";
import { environment, formatJson, formatTable } from "./bench/report";
import { replyReaderBenchmarks } from "./bench/smtp";
import { parseCliArgs } from "./cli-args";

interface Profile {
  micro: Budget;
  run: Budget;
  validator: Budget;
  /** Whole-process runs of the CLI, each beside a node -e 0. */
  process: ProcessBudget;
  /** Added to every lab DNS answer in the second pass, modelling a network round trip. */
  delayMs: number;
  /** Runs a long-lived process has made before its steady-state run is timed. */
  steadyWarmupRuns: number;
}

// About 2.5 minutes in all by default: 23 micro × ≤1.5 s, 6 whole-run variants × ≤8 s (2 after
// 1500 untimed runs, ~15 s on an idle machine), 6 validator variants × ≤4 s, plus warm-up and the
// lab start. The budgets hold per benchmark or variant.
const PROFILES: Record<"default" | "quick", Profile> = {
  default: {
    micro: { warmup: 200, iterations: 50_000, maxMs: 1500, minIterations: 50 },
    run: { warmup: 2, iterations: 40, maxMs: 8000, minIterations: 3 },
    validator: { warmup: 3, iterations: 200, maxMs: 4000, minIterations: 3 },
    process: { warmup: 1, runs: 9 },
    delayMs: 20,
    steadyWarmupRuns: 1500,
  },
  quick: {
    micro: { warmup: 20, iterations: 2000, maxMs: 150, minIterations: 10 },
    run: { warmup: 1, iterations: 5, maxMs: 1500, minIterations: 2 },
    validator: { warmup: 1, iterations: 20, maxMs: 500, minIterations: 2 },
    process: { warmup: 1, runs: 3 },
    delayMs: 20,
    steadyWarmupRuns: 50,
  },
};

/** Past this the process is still held by a handle someone forgot to close: say which, then leave. */
const EXIT_GRACE_MS = 3000;

const USAGE = `usage: npm run bench -- [--quick] [--json]
  --quick  a short run (a few seconds), for a smoke check
  --json   print machine-readable figures instead of the table (use "npm run -s bench -- --json"
           so npm's own banner stays out of the JSON)`;

async function main(): Promise<number> {
  const args = parseCliArgs({ quick: { type: "boolean" }, json: { type: "boolean" } }, USAGE);
  if (typeof args === "number") return args;
  const mode = args.quick ? "quick" : "default";
  const profile = PROFILES[mode];
  const progress = (what: string) => {
    if (!args.json) process.stderr.write(`… ${what}\n`);
  };
  const started = new Date();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const t0 = process.hrtime.bigint();
  const results: BenchResult[] = [];

  progress("starting two labs in child processes (DNS answers +0 ms and +" + profile.delayMs + " ms)");
  await withLabProcess(0, async (lab) => {
    await withLabProcess(profile.delayMs, async (delayed) => {
      const labs = [lab, delayed];
      progress("whole process: the CLI (rebuilt first) beside node -e 0");
      results.push(...(await processBenchmarks(lab, profile.process)));
      progress("capturing lab responses for the codec benchmarks");
      const samples = await captureWireSamples(lab);
      progress("micro: DNS wire codec");
      results.push(...wireBenchmarks(samples, profile.micro));
      progress("micro: RRSIG verification");
      results.push(...rrsigBenchmarks(profile.micro));
      progress("micro: NSEC3 hashing");
      results.push(...nsec3Benchmarks(profile.micro));
      progress("micro: DANE matching");
      results.push(...daneBenchmarks(profile.micro));
      results.push(await peerChainBenchmark(profile.micro));
      progress("micro: SMTP reply reader, 1 MiB in 1- and 7-byte chunks");
      results.push(...replyReaderBenchmarks(profile.micro));
      progress(`macro: the DANE test against the lab, DNS answers +0 and +${profile.delayMs} ms, interleaved`);
      results.push(...(await daneRunBenchmarks(labs, profile.run)));
      progress(`macro: the same in a long-lived process, after ${profile.steadyWarmupRuns} runs, DNS answers +0 ms`);
      results.push(...(await daneSteadyStateBenchmarks(lab, profile.run, profile.steadyWarmupRuns)));
      progress(`macro: the validator, cold and warm, DNS answers +0 and +${profile.delayMs} ms, interleaved`);
      results.push(...(await validatorBenchmarks(labs, profile.validator)));
    });
  });
  roundTripNotes(results);

  const env = environment(mode, started, Number(process.hrtime.bigint() - t0) / 1e6, loadAtStart);
  console.log(args.json ? formatJson(results, env) : formatTable(results, env));
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    setTimeout(() => {
      console.error(`bench: still running ${EXIT_GRACE_MS} ms after the last benchmark; open handles: ${process.getActiveResourcesInfo().join(", ")}`);
      process.exit(code === 0 ? 1 : code);
    }, EXIT_GRACE_MS).unref();
  },
  (err: unknown) => {
    console.error("bench failed:", err);
    process.exit(1);
  },
);
