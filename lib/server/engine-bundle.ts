// The engine worker's code (engine-worker.ts and the lib/ modules it imports, node_modules
// included) bundled by esbuild into one CommonJS file when the pool first starts: Next's server
// bundle cannot hold a worker entry, and bundling from the sources at start means `next dev`,
// `next start` (the Docker image keeps the sources) and the Playwright server run the engine they
// were started with, never a stale prebuilt file. Takes ~0.3 s once per process. The file (and its
// source map, for stack traces and the load test's profiles) goes to a directory of this
// process's own under the system's temporary directory, created with mode 0700 and removed at
// exit; the name carries the pid, so a later start removes what a killed server left.
import { build } from "esbuild";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const ENGINE_WORKER_ENTRY = "lib/server/engine-worker.ts";

/** `root`: the project directory (where lib/ is). Returns the bundle's path. */
const PREFIX = "mailsec-engine-";

/** Directories of servers that are gone (killed before their exit handler ran). */
function removeLeftovers(tmp: string): void {
  for (const name of fs.readdirSync(tmp)) {
    const pid = new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || alive(Number(pid))) continue;
    try {
      const dir = path.join(tmp, name);
      if (fs.statSync(dir).uid === process.getuid?.()) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another server removed it first, or it is not ours to remove.
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function bundleEngineWorker(root: string): Promise<string> {
  const tmp = os.tmpdir();
  removeLeftovers(tmp);
  const dir = fs.mkdtempSync(path.join(tmp, `${PREFIX}${process.pid}-`));
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
