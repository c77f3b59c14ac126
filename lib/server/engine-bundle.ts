// The engine worker's code (engine-worker.ts and the lib/ modules it imports, node_modules
// included) bundled by esbuild into one CommonJS file when the pool first starts: Next's server
// bundle cannot hold a worker entry, and bundling from the sources at start means `next dev`,
// `next start` (the Docker image keeps the sources) and the Playwright server run the engine they
// were started with, never a stale prebuilt file. Takes ~0.3 s once per process. The file (and its
// source map, for stack traces and the load test's profiles) goes to a directory of this
// process's own under the system's temporary directory, created with mode 0700 and removed at exit.
import { build } from "esbuild";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const ENGINE_WORKER_ENTRY = "lib/server/engine-worker.ts";

/** `root`: the project directory (where lib/ is). Returns the bundle's path. */
export async function bundleEngineWorker(root: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-engine-"));
  process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  const outfile = path.join(dir, "engine-worker.cjs");
  await build({
    absWorkingDir: path.resolve(root),
    entryPoints: [ENGINE_WORKER_ENTRY],
    outfile,
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20.9",
    sourcemap: "linked",
    sourcesContent: false,
    legalComments: "none",
    logLevel: "silent",
  });
  return outfile;
}
