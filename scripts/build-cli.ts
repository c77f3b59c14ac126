// `npm run build:cli` (and npm install's `prepare`): bundles the CLI (bin/mailsec.ts and what it
// imports, node_modules included) into plain JavaScript under dist/cli, which bin/mailsec.js runs.
// Compiling TypeScript at every start cost ~1 s (tsx); one bundle also spares node resolving and
// reading hundreds of files. Code split at each import(): a chunk loads only when the CLI asks for
// it, so `mailsec --help` reads the entry alone. dist/ is build output: never committed.
//
// Several builds may run at once in one work tree (tests rebuild before running the CLI): chunks
// are named by their content hash and written before the entry, which is replaced by rename, so a
// reader never sees half a build.
import { build, type BuildOptions } from "esbuild";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const CLI_DIST = path.join(ROOT, "dist", "cli");
export const CLI_ENTRY = path.join(CLI_DIST, "mailsec.js");

/** Chunks no build has written for this long are left-overs of older builds. */
const STALE_CHUNK_MS = 10 * 60_000;

/**
 * Left out of the bundle, loaded from node_modules at run time: native addons, and pg, which
 * require()s an optional native module by name.
 */
const EXTERNAL = ["better-sqlite3", "pg", "pg-native", "pg-boss"];

const OPTIONS: BuildOptions = {
  absWorkingDir: ROOT,
  entryPoints: { mailsec: "bin/mailsec.ts" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.9",
  external: EXTERNAL,
  outdir: "dist/cli",
  chunkNames: "chunk-[hash]",
  // CommonJS packages inside an ES module bundle still call require() for node built-ins.
  banner: { js: 'import { createRequire as __mailsecRequire } from "node:module";\nconst require = __mailsecRequire(import.meta.url);' },
  legalComments: "none",
  logLevel: "warning",
  write: false,
};

export async function buildCli(): Promise<{ files: number; bytes: number }> {
  const result = await build(OPTIONS);
  fs.mkdirSync(CLI_DIST, { recursive: true });
  const written = new Set<string>();
  let entry: Uint8Array | null = null;
  let bytes = 0;
  for (const file of result.outputFiles ?? []) {
    bytes += file.contents.length;
    written.add(path.basename(file.path));
    if (file.path === CLI_ENTRY) entry = file.contents;
    else writeAtomically(file.path, file.contents);
  }
  if (entry === null) throw new Error(`esbuild produced no ${CLI_ENTRY}`);
  writeAtomically(CLI_ENTRY, entry);
  pruneStaleChunks(written);
  return { files: written.size, bytes };
}

function writeAtomically(target: string, contents: Uint8Array): void {
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, target);
}

function pruneStaleChunks(current: ReadonlySet<string>): void {
  const now = Date.now();
  for (const name of fs.readdirSync(CLI_DIST)) {
    if (current.has(name)) continue;
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
    ({ files, bytes }) => console.error(`built ${path.relative(ROOT, CLI_ENTRY)} (${files} files, ${(bytes / 1024).toFixed(0)} KiB)`),
    (error: unknown) => {
      console.error(`build:cli failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
