// The engine as the server's engine workers and the CLI run it: lib/'s runTest and createZoneCache
// (and, for the bench's counted run, createRunTest and the transports it is built from) bundled by
// esbuild. Run through tsx instead, the same run costs more CPU: ×0.95 bundled in two processes
// run one after the other, ×0.87-0.91 interleaved in one process (one module lets V8 see every
// call as a local one, and tsx's per-file transform names every function it makes; neither
// measured apart). `npm run bench`'s in-process run rows, run-cpu.ts --bundled and ab-engine.ts
// run this bundle.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import type { EngineConfig, RunInput } from "../../lib/checks/engine";
import type { createRunTest } from "../../lib/checks/run";
import type { createCachingTransport } from "../../lib/dns/cache";
import type { createNetworkTransport } from "../../lib/dns/transport";
import type { ZoneCache, ZoneCacheOptions } from "../../lib/dnssec/zone-cache";
import type { RunEvent } from "../../lib/report/schema";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface EngineBundle {
  runTest(input: RunInput, config: EngineConfig): AsyncGenerator<RunEvent>;
  createZoneCache(options: ZoneCacheOptions): ZoneCache;
  /** A runTest over another transport (the bench's counted run: the engine's stack with a timeline under its cache). */
  createRunTest: typeof createRunTest;
  createCachingTransport: typeof createCachingTransport;
  createNetworkTransport: typeof createNetworkTransport;
}

/** Bundles `root`/lib's engine (EngineBundle's functions) into `dir` and loads the bundle. */
export async function bundleEngine(root: string, dir: string, label: string): Promise<EngineBundle> {
  const entry = path.join(dir, `${label}-entry.ts`);
  const outfile = path.join(dir, `${label}.mjs`);
  const lib = path.join(root, "lib");
  const from = (name: string, module: string) => `export { ${name} } from ${JSON.stringify(path.join(lib, module))};\n`;
  fs.writeFileSync(
    entry,
    from("runTest", "checks") +
      from("createZoneCache", "dnssec/zone-cache") +
      from("createRunTest", "checks/run") +
      from("createCachingTransport", "dns/cache") +
      from("createNetworkTransport", "dns/transport"),
  );
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20.9",
    nodePaths: [path.join(REPO_ROOT, "node_modules")],
    // CommonJS dependencies bundled into ESM call require: give them the repository's.
    banner: { js: `import { createRequire as createRequireForBundle } from "node:module"; const require = createRequireForBundle(${JSON.stringify(path.join(REPO_ROOT, "package.json"))});` },
    logLevel: "warning",
  });
  return (await import(pathToFileURL(outfile).href)) as EngineBundle;
}

let own: Promise<EngineBundle> | null = null;

/** This checkout's engine, bundled once per process into a temporary directory removed at exit. */
export function bundledEngine(): Promise<EngineBundle> {
  own ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-bench-engine-"));
    process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    return bundleEngine(REPO_ROOT, dir, "engine");
  })();
  return own;
}
