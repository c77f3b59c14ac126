// `npm run build:cli` (and npm install's `prepare`): bundles the CLI (bin/mailsec.ts and what it
// imports, node_modules included) into one CommonJS file under dist/cli, which bin/mailsec.js runs.
// Compiling TypeScript at every start cost ~1 s (tsx); one bundle also spares node resolving and
// reading hundreds of files. CommonJS, not ES modules, because node 20 can only hand V8 a code
// cache for a script (vm.Script cachedData): bin/mailsec.js keeps the bytecode of each run's
// compiled functions beside the bundle, and later runs skip most compiling (~30 % of a `mailsec
// dane` run's CPU). Modules reached by import() are still initialised only when the CLI asks for
// them (esbuild wraps them), so `mailsec --help` runs none of the engine.
//
// Several builds may run at once in one work tree (tests rebuild before running the CLI): the
// bundle is named by its content hash and written before the pointer to it (mailsec.json), which
// is replaced by rename, so a reader never sees half a build and a code cache never meets a
// bundle it was not made from (its name carries the bundle's).
import { build, type BuildOptions } from "esbuild";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const CLI_DIST = path.join(ROOT, "dist", "cli");
/** Names the current bundle: `{ "bundle": "mailsec-<hash>.cjs" }` (bin/mailsec.js reads it). */
export const CLI_POINTER = path.join(CLI_DIST, "mailsec.json");

/** Bundles and caches no build has written for this long are left-overs of older builds. */
const STALE_CHUNK_MS = 10 * 60_000;

/**
 * Left out of the bundle, loaded from node_modules at run time: native addons, and pg, which
 * require()s an optional native module by name.
 */
const EXTERNAL = ["better-sqlite3", "pg", "pg-native", "pg-boss"];

const OPTIONS: BuildOptions = {
  absWorkingDir: ROOT,
  entryPoints: ["bin/mailsec.ts"],
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20.9",
  external: EXTERNAL,
  legalComments: "none",
  logLevel: "warning",
  write: false,
};

export async function buildCli(): Promise<{ files: number; bytes: number }> {
  const result = await build(OPTIONS);
  const [output] = result.outputFiles ?? [];
  if (output === undefined) throw new Error("esbuild produced no bundle");
  fs.mkdirSync(CLI_DIST, { recursive: true });
  const bundle = `mailsec-${createHash("sha256").update(output.contents).digest("hex").slice(0, 16)}.cjs`;
  const target = path.join(CLI_DIST, bundle);
  if (!fs.existsSync(target)) writeAtomically(target, output.contents);
  else fs.utimesSync(target, new Date(), new Date());
  writeAtomically(CLI_POINTER, new TextEncoder().encode(`${JSON.stringify({ bundle })}\n`));
  pruneStale(bundle);
  return { files: 1, bytes: output.contents.length };
}

function writeAtomically(target: string, contents: Uint8Array): void {
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, target);
}

/** Older bundles and their code caches (`<bundle>.<kind>.cache`), and the chunks of older builds. */
function pruneStale(current: string): void {
  const now = Date.now();
  for (const name of fs.readdirSync(CLI_DIST)) {
    if (name === "mailsec.json" || name === current || name.startsWith(`${current}.`)) continue;
    const file = path.join(CLI_DIST, name);
    try {
      if (now - fs.statSync(file).mtimeMs > STALE_CHUNK_MS) fs.rmSync(file, { force: true });
    } catch {
      // Another build removed it first.
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildCli().then(
    ({ files, bytes }) => console.error(`built ${path.relative(ROOT, CLI_DIST)} (${files} file, ${(bytes / 1024).toFixed(0)} KiB)`),
    (error: unknown) => {
      console.error(`build:cli failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
