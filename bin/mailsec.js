#!/usr/bin/env node
// `npx mailsec` starts here: the CLI as compiled JavaScript (dist/cli, built from bin/mailsec.ts by
// `npm run build:cli`, which npm install runs through `prepare`). Running the TypeScript itself is
// for development: `npm run mailsec -- ...` (tsx).
//
// The bundle runs as a vm.Script with V8's code cache: compiling it took ~30 % of a `mailsec dane`
// run's CPU. The cache of each kind of command (a test, the job queue's commands, anything else)
// is written beside the bundle after the first run that had none, or whose cache V8 refused (a
// new node), and holds the functions that run compiled. It is named after the bundle, whose name
// carries its content hash, so a cache never meets other code; V8 checks its own version and flags.
// A read-only install runs the same, without a cache.
import fs from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const dist = fileURLToPath(new URL("../dist/cli/", import.meta.url));
let bundle = null;
try {
  const pointer = JSON.parse(fs.readFileSync(path.join(dist, "mailsec.json"), "utf8"));
  if (typeof pointer.bundle === "string" && /^mailsec-[0-9a-f]{16}\.cjs$/.test(pointer.bundle)) bundle = path.join(dist, pointer.bundle);
} catch {
  // No build yet: said below.
}
let source = null;
try {
  if (bundle !== null) source = fs.readFileSync(bundle, "utf8");
} catch {
  // A pointer to a bundle that is gone: said below.
}

if (bundle === null || source === null) {
  process.stderr.write("mailsec: the compiled CLI (dist/cli) is missing: run `npm run build:cli` (npm install runs it)\n");
  process.exitCode = 2;
} else {
  const command = process.argv[2];
  const kind = ["dane", "inbound", "dnssec", "exchange"].includes(command) ? "test" : ["batch", "worker"].includes(command) ? "jobs" : "other";
  const cacheFile = `${bundle}.${kind}.cache`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // After the run, so the cache holds every function it compiled, not just the top level; only
    // after one that ran (exit 0 or 1), not a usage error that compiled little.
    process.once("beforeExit", () => {
      if (process.exitCode !== undefined && process.exitCode !== 0 && process.exitCode !== 1) return;
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(temporary, script.createCachedData());
        fs.renameSync(temporary, cacheFile);
      } catch {
        fs.rmSync(temporary, { force: true });
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
}
