// `npm run fuzz [-- --seed N] [-- --iterations N] [-- --seconds S] [-- --target NAME] [-- --save]`:
// seeded, bounded fuzzing of the parsers of untrusted input (scripts/fuzz/targets.ts). Prints
// per target how many inputs ran, how many were accepted, refused cleanly, or crashed; with
// --save each distinct crash is written to tests/vectors/fuzz/<target>/<id>.bin, where the smoke
// test in `npm test` replays it forever after. Exit status 1 when anything crashed.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseCliArgs, wholeNumber } from "./cli-args";
import { fuzz, type TargetReport } from "./fuzz/engine";
import { TARGETS } from "./fuzz/targets";

const USAGE = `usage: npm run fuzz -- [--seed N] [--iterations N] [--seconds S] [--target NAME] [--save]
  --seed N        the PRNG seed (default 1); the same seed gives the same inputs
  --iterations N  inputs per target at most (default 100000)
  --seconds S     wall time per target at most (default 20)
  --target NAME   one of: ${TARGETS.map((t) => t.name).join(", ")}
  --save          write each distinct crash to tests/vectors/fuzz/<target>/`;

const VECTOR_DIR = join(import.meta.dirname, "..", "tests", "vectors", "fuzz");

function main(): number {
  const args = parseCliArgs(
    { seed: { type: "string" }, iterations: { type: "string" }, seconds: { type: "string" }, target: { type: "string" }, save: { type: "boolean" } },
    USAGE,
  );
  if (typeof args === "number") return args;
  const seed = wholeNumber(args.seed, 1, "--seed");
  const iterations = wholeNumber(args.iterations, 100_000, "--iterations");
  const maxMs = wholeNumber(args.seconds, 20, "--seconds") * 1000;
  const targets = args.target === undefined ? TARGETS : TARGETS.filter((t) => t.name === args.target);
  if (targets.length === 0) {
    console.error(`--target: '${args.target}' is not one of ${TARGETS.map((t) => t.name).join(", ")}`);
    return 2;
  }
  const reports: TargetReport[] = [];
  console.log(`seed ${seed}, at most ${iterations} inputs and ${maxMs / 1000} s per target`);
  console.log(["target".padEnd(20), "inputs".padStart(9), "accepted".padStart(9), "refused".padStart(9), "crashes".padStart(8), "distinct".padStart(9), "time".padStart(8)].join(" "));
  for (const target of targets) {
    const report = fuzz(target, { seed, iterations, maxMs });
    reports.push(report);
    console.log(
      [target.name.padEnd(20), String(report.iterations).padStart(9), String(report.ok).padStart(9), String(report.rejected).padStart(9), String(report.crashes).padStart(8), String(report.distinctCrashes.length).padStart(9), `${(report.elapsedMs / 1000).toFixed(1)} s`.padStart(8)].join(" "),
    );
    for (const crash of report.distinctCrashes) {
      console.log(`  crash ${crash.id}: ${crash.error}`);
      if (args.save) {
        const dir = join(VECTOR_DIR, target.name);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, `${crash.id}.bin`), crash.input);
      }
    }
  }
  const total = reports.reduce((n, r) => n + r.iterations, 0);
  const crashes = reports.reduce((n, r) => n + r.crashes, 0);
  console.log(`${total} inputs, ${crashes} crashes`);
  return crashes > 0 ? 1 : 0;
}

process.exitCode = main();
