// Retention of the batch and watch tables (MAILSEC_RETENTION_DAYS, swept hourly by the server
// beside the runs): finished batches, old watch runs (never a watch's latest, the next run is
// compared with it), delivered or failed webhooks, and local jobs that failed for good go; a batch
// in progress, a pending delivery, a watch and anything newer stay. On the SQLite default, whose
// file the statements share with PostgreSQL (lib/store/sql-db.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJobSettings } from "../../lib/jobs/settings";
import { openJobSystem, type JobSystem } from "../../lib/jobs/system";
import { openSqliteStore, SQLITE_FILE_NAME } from "../../lib/store";
import type { ItemOutcome } from "../../lib/store/batches";
import type { WatchRun } from "../../lib/store/watches";

let dir: string;
let system: JobSystem;

const OLD = "2026-01-01T00:00:00.000Z";
const NEW = "2026-11-30T00:00:00.000Z";
const CUTOFF = new Date("2026-06-01T00:00:00.000Z");
const outcome: ItemOutcome = { runId: null, verdict: "pass", dnssec: "secure", exchangeCode: null, mxCount: 1, findings: [], error: null };

function watchRun(watchId: string, dueAt: string): WatchRun {
  return { watchId, dueAt, runId: `run-${dueAt}`, at: dueAt, verdict: "pass", signals: { verdict: "pass", findings: [], alerts: [] }, changes: [] };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-retention-"));
  system = await openJobSystem({ runs: openSqliteStore(dir, "retention"), databaseUrl: null, dataDir: dir, settings: parseJobSettings({}) });
});

afterAll(async () => {
  await system?.close();
  await system?.runs.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("retention of batches, watches and local jobs", () => {
  it("deletes what is finished and older than the cutoff, and keeps what is still needed", async () => {
    const batch = (id: string, createdAt: string) => system.batches.create({ id, test: "dane", options: {}, total: 2, createdAt }, ["a.test", "b.test"]);
    await batch("old-done", OLD);
    await batch("old-running", OLD);
    await batch("new-done", NEW);
    for (const id of ["old-done", "new-done"]) for (const idx of [0, 1]) await system.batches.record(id, idx, outcome, new Date(OLD));
    await system.batches.record("old-running", 0, outcome, new Date(OLD));

    await system.watches.create({ id: "w", test: "dane", input: "w.test", intervalSeconds: 86_400 * 90, webhookUrl: null, secret: "s", certDays: 21, rrsigDays: 3, createdAt: OLD, nextRunAt: NEW });
    const delivery = (id: string, createdAt: string) => ({ id, payload: "{}", createdAt });
    await system.watches.recordRun(watchRun("w", "2026-01-01T00:00:00.000Z"), delivery("d-delivered", OLD));
    await system.watches.recordRun(watchRun("w", "2026-02-01T00:00:00.000Z"), delivery("d-pending", OLD));
    // The latest run is older than the cutoff too (a 90-day watch): it stays, the next run needs it.
    await system.watches.recordRun(watchRun("w", "2026-03-01T00:00:00.000Z"), null);
    await system.watches.noteAttempt("d-delivered", { delivered: true, at: new Date(OLD) });

    const db = new Database(path.join(dir, SQLITE_FILE_NAME));
    const job = db.prepare("INSERT INTO local_jobs (id, name, data, state, run_after, retry_limit, retry_delay_seconds) VALUES (?, 'webhook', '{}', ?, ?, 1, 30)");
    job.run("failed-old", "failed", OLD);
    job.run("failed-new", "failed", NEW);
    job.run("waiting-old", "created", OLD);

    const deleted = await system.expire(CUTOFF);
    expect(await system.batches.get("old-done")).toBeNull();
    expect(await system.batches.items("old-done")).toEqual([]);
    expect(await system.batches.get("old-running")).not.toBeNull();
    expect(await system.batches.items("old-running")).toHaveLength(2);
    expect(await system.batches.get("new-done")).not.toBeNull();
    expect(await system.watches.get("w")).not.toBeNull();
    expect((await system.watches.history("w", 10)).map((r) => r.dueAt)).toEqual(["2026-03-01T00:00:00.000Z"]);
    expect((await system.watches.deliveries("w", 10)).map((d) => d.id)).toEqual(["d-pending"]);
    const jobs = db.prepare("SELECT id FROM local_jobs ORDER BY id").all() as { id: string }[];
    expect(jobs.map((j) => j.id)).toEqual(["failed-new", "waiting-old"]);
    // A batch, two watch runs, a delivery and a job.
    expect(deleted).toBe(1 + 2 + 1 + 1);
    db.close();
  });
});
