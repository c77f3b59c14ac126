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

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-sqlite-ckpt-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("SQLite checkpoints", () => {
  it("copy committed pages into the database file from the checkpoint thread, and stop with the store", async () => {
    const store = openSqliteStore(dir, "ckpt");
    const file = path.join(dir, SQLITE_FILE_NAME);
    // Let a checkpoint after the migrations pass, then measure from there.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const before = fs.statSync(file).size;
    const id = `c${"k".repeat(23)}`;
    await store.createRun({ id, test: "dane", input: "ckpt.test", startedAt: new Date() });
    const event = JSON.stringify({ type: "step", pad: "x".repeat(3000) });
    // About 300 pages: the main connection checkpoints only past thousands.
    await Promise.all(Array.from({ length: 400 }, () => store.appendEventText(id, event)));
    // Bounded by the thread's start and a loaded machine, not by the 250 ms period: wait for the
    // pages themselves (a checkpoint may copy them in more than one pass).
    const wanted = before + 300 * 3000;
    let after = before;
    for (let i = 0; i < 200 && after <= wanted; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = fs.statSync(file).size;
    }
    expect(after).toBeGreaterThan(wanted);
    await store.close();
    // Every connection is closed: a locking_mode=EXCLUSIVE write takes the file at once.
    const db = new Database(file, { timeout: 0 });
    db.pragma("locking_mode = EXCLUSIVE");
    expect(db.prepare("SELECT COUNT(*) AS n FROM run_events").get()).toEqual({ n: 400 });
    db.exec("BEGIN EXCLUSIVE; COMMIT");
    db.close();
  });
});
