// The SQLite checkpoint thread (lib/store/sqlite-checkpointer.ts) of a process started outside the
// repository: its eval'd require() of better-sqlite3 once resolved from the working directory, so
// there the thread died at start and only the main connection's backstop checkpointed. Run in a
// child process whose working directory holds no node_modules: the thread starts, copies the
// committed pages into the database file, and says nothing on stderr.
import { execFile } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-ckpt-cwd-"));
afterAll(() => fs.rmSync(elsewhere, { recursive: true, force: true }));

// The same measure as sqlite-checkpoint.test.ts (checkpoint-fill.ts), in the child.
const CHILD = `
const { openSqliteStore } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, "lib/store/index.ts")).href)});
const { fillAndWaitForCheckpoint } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, "tests/store/checkpoint-fill.ts")).href)});
const dir = ${JSON.stringify(path.join(elsewhere, "data"))};
const store = openSqliteStore(dir, "cwd");
const copied = await fillAndWaitForCheckpoint(store, dir, "c" + "w".repeat(23));
await store.close();
console.log(JSON.stringify({ copied }));
`;

describe("the SQLite checkpoint thread", () => {
  it("starts and checkpoints in a process whose working directory is outside the repository", async () => {
    const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
      // A file, not -e with --input-type=module: the eval'd thread inherits the flag and would be an ES module.
      const script = path.join(elsewhere, "child.mjs");
      fs.writeFileSync(script, CHILD);
      execFile(process.execPath, ["--import", TSX, script], { cwd: elsewhere, timeout: 60_000 }, (error, out, err) => {
        if (error && error.killed) reject(error);
        else resolve({ stdout: out, stderr: err, code: error ? (typeof error.code === "number" ? error.code : null) : 0 });
      });
    });
    expect(stderr).not.toMatch(/checkpoint thread/);
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim())).toEqual({ copied: true });
  }, 90_000);
});
