// The SQLite store's WAL checkpoints happen on a thread of their own (lib/store/sqlite.ts): a few
// hundred pages of committed writes, far below the main connection's own backstop, reach the
// database file within a second with nobody else checkpointing, and the store closes with that
// thread (its connection closed: the file can be opened exclusively afterwards).
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteStore, SQLITE_FILE_NAME } from "../../lib/store";
import { fillAndWaitForCheckpoint } from "./checkpoint-fill";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-sqlite-ckpt-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("SQLite checkpoints", () => {
  it("copy committed pages into the database file from the checkpoint thread, and stop with the store", async () => {
    const store = openSqliteStore(dir, "ckpt");
    const file = path.join(dir, SQLITE_FILE_NAME);
    expect(await fillAndWaitForCheckpoint(store, dir, `c${"k".repeat(23)}`)).toBe(true);
    await store.close();
    // Every connection is closed: a locking_mode=EXCLUSIVE write takes the file at once.
    const db = new Database(file, { timeout: 0 });
    db.pragma("locking_mode = EXCLUSIVE");
    expect(db.prepare("SELECT COUNT(*) AS n FROM run_events").get()).toEqual({ n: 400 });
    db.exec("BEGIN EXCLUSIVE; COMMIT");
    db.close();
  });
});
