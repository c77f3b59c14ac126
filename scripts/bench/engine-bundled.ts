// The engine as the server's engine workers and the CLI run it: lib/'s runTest and createZoneCache
// bundled by esbuild. Run through tsx instead (as `npm run bench`'s in-process rows are), the
// same run costs more CPU: ×0.95 bundled in two processes run one after the other, ×0.87-0.91
// interleaved in one process (one module lets V8 see every call as a local one, and tsx's per-file
// transform names every function it makes; neither measured apart).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import type { EngineConfig, RunInput } from "../../lib/checks/engine";
import type { ZoneCache, ZoneCacheOptions } from "../../lib/dnssec/zone-cache";
import type { RunEvent } from "../../lib/report/schema";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface EngineBundle {
  runTest(input: RunInput, config: EngineConfig): AsyncGenerator<RunEvent>;
  createZoneCache(options: ZoneCacheOptions): ZoneCache;
}

/** Bundles `root`/lib's runTest and createZoneCache into `dir` and loads the bundle. */
export async function bundleEngine(root: string, dir: string, label: string): Promise<EngineBundle> {
  const entry = path.join(dir, `${label}-entry.ts`);
  const outfile = path.join(dir, `${label}.mjs`);
  const lib = path.join(root, "lib");
  fs.writeFileSync(entry, `export { runTest } from ${JSON.stringify(path.join(lib, "checks"))};\nexport { createZoneCache } from ${JSON.stringify(path.join(lib, "dnssec", "zone-cache"))};\n`);
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
