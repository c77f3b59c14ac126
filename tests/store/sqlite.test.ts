import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteStore, SQLITE_FILE_NAME } from "../../lib/store";
import { MIGRATIONS } from "../../lib/store/migrations";
import { runStoreContract } from "./contract";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-sqlite-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

runStoreContract("SQLite", async (instanceId) => openSqliteStore(path.join(dir, "data"), instanceId));

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
