import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteStore, SQLITE_FILE_NAME } from "../../lib/store";
import { MIGRATIONS } from "../../lib/store/migrations";
import { runStoreContract } from "./contract";
import { partialEvents } from "./fixtures";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-sqlite-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

runStoreContract("SQLite", async (instanceId) => openSqliteStore(path.join(dir, "data"), instanceId));

describe("SQLite group commit", () => {
  it("commits the writes asked for in one turn together, and a bad one fails alone", async () => {
    const store = openSqliteStore(path.join(dir, "group"), "g");
    const ids = ["g1", "g2", "g3"].map((p) => `${p}${"y".repeat(22)}`);
    await store.createRun({ id: ids[0]!, test: "dane", input: "taken.test", startedAt: new Date() });
    const db = new Database(path.join(dir, "group", SQLITE_FILE_NAME), { readonly: true });
    const eventRows = db.prepare("SELECT COUNT(*) AS n FROM run_events");
    const writes = [
      store.createRun({ id: ids[1]!, test: "dane", input: "a.test", startedAt: new Date() }),
      // The same id again: a primary-key violation inside the turn's transaction.
      store.createRun({ id: ids[0]!, test: "dane", input: "again.test", startedAt: new Date() }),
      store.createRun({ id: ids[2]!, test: "dane", input: "b.test", startedAt: new Date() }),
      ...partialEvents.map((e) => store.appendEvent(ids[1]!, e)),
    ];
    // Asked for, not yet committed: nothing is written until the turn ends.
    expect((eventRows.get() as { n: number }).n).toBe(0);
    const settled = await Promise.allSettled(writes);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled", ...partialEvents.map(() => "fulfilled")]);
    expect((eventRows.get() as { n: number }).n).toBe(partialEvents.length);
    expect((await store.getRun(ids[0]!))?.input).toBe("taken.test");
    expect((await store.getRun(ids[2]!))?.input).toBe("b.test");
    db.close();
    await store.close();
  });

  it("commits what is still queued when it is closed", async () => {
    const dataDir = path.join(dir, "closing");
    const store = openSqliteStore(dataDir, "c");
    const id = `c1${"z".repeat(22)}`;
    void store.createRun({ id, test: "dane", input: "closing.test", startedAt: new Date() });
    void store.appendEvent(id, partialEvents[0]!);
    await store.close();
    const again = openSqliteStore(dataDir, "c2");
    expect((await again.getRun(id))?.steps.map((s) => s.id)).toEqual(["mx"]);
    await again.close();
  });
});

describe("SQLite file", () => {
  it("is created on first start in WAL mode with the migrations recorded once", async () => {
    const dataDir = path.join(dir, "fresh", "nested");
    await openSqliteStore(dataDir, "a").close();
    await openSqliteStore(dataDir, "b").close();
    const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.prepare("SELECT version FROM schema_migrations ORDER BY version").all()).toEqual(MIGRATIONS.map((_, i) => ({ version: i + 1 })));
    db.close();
  });
});

describe("SQLite rows written before failures were keys", () => {
  it("reads an old run's English error as that sentence, and a new one as its key", async () => {
    const dataDir = path.join(dir, "legacy-error");
    const store = openSqliteStore(dataDir, "l");
    const old = `l1${"w".repeat(22)}`;
    const fresh = `l2${"w".repeat(22)}`;
    await store.createRun({ id: old, test: "dane", input: "old.test", startedAt: new Date() });
    await store.createRun({ id: fresh, test: "dane", input: "new.test", startedAt: new Date() });
    await store.finishRun(fresh, { failure: { key: "run.timedOut", params: { seconds: 6 } } }, new Date());
    await store.close();
    // What a version before session 4 wrote: the sentence itself in the error column.
    const db = new Database(path.join(dataDir, SQLITE_FILE_NAME));
    db.prepare("UPDATE runs SET status = 'error', error = ?, finished_at = ? WHERE id = ?").run("The run failed inside mailsec.", new Date().toISOString(), old);
    expect(db.prepare("SELECT error FROM runs WHERE id = ?").get(fresh)).toEqual({ error: '{"key":"run.timedOut","params":{"seconds":6}}' });
    db.close();
    const again = openSqliteStore(dataDir, "l2");
    expect((await again.getRun(old))?.failure).toEqual({ key: "legacy.text", params: { text: "The run failed inside mailsec." } });
    expect((await again.getRun(fresh))?.failure).toEqual({ key: "run.timedOut", params: { seconds: 6 } });
    await again.close();
  });
});
