// Web runs on the engine worker pool (lib/server/engine-pool.ts, the worker bundled from the
// sources by engine-bundle.ts) against the lab, driven by the server's run driver into a real
// SQLite store: every event reaches the stream only after it is stored, in the engine's order,
// and every run is stored finished; a worker terminated mid-run ends its run with a clear error
// after the steps it had stored, and the pool starts a new worker for the next run.
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lib/lab";
import { scenarios } from "../../lib/lab/catalog";
import { bundleEngineWorker } from "../../lib/server/engine-bundle";
import { runAndStore } from "../../lib/jobs/run-and-store";
import { createEnginePool, type EnginePool } from "../../lib/server/engine-pool";
import { labEngineSettings } from "./lab-engine-settings";
import { engineRunTest } from "../../lib/server/engine-run-test";
import { EventChannel } from "../../lib/server/event-channel";
import { driveRun } from "../../lib/server/run-driver";
import { openSqliteStore, SQLITE_FILE_NAME, type RunStore } from "../../lib/store";

let lab: Lab;
let pool: EnginePool;
let store: RunStore;
let reader: Database.Database;
let dir: string;

beforeAll(async () => {
  lab = await startLab();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-pool-"));
  store = openSqliteStore(dir, "pool-test");
  reader = new Database(path.join(dir, SQLITE_FILE_NAME), { readonly: true });
  let admissions = 0;
  pool = createEnginePool({
    size: 2,
    settings: labEngineSettings(lab, 3600),
    script: () => bundleEngineWorker(process.cwd()),
    admitConnection: () => Promise.resolve(++admissions > 0),
  });
}, 60_000);

afterAll(async () => {
  await pool?.close();
  reader?.close();
  await store?.close();
  await lab?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const storedEvents = (id: string): string[] => (reader.prepare("SELECT event FROM run_events WHERE run_id = ? ORDER BY seq").all(id) as { event: string }[]).map((r) => r.event);

interface Streamed {
  id: string;
  lines: string[];
  /** For each step line, how many of the run's step events the store held when the line was read. */
  storedWhenRead: number[];
}

/** Starts a DANE run of `domain` on the pool and returns its id, its channel and a reader of its stream. */
async function startDane(domain: string): Promise<{ id: string; read: (until?: (lines: string[]) => boolean) => Promise<Streamed> }> {
  const id = crypto.randomBytes(18).toString("base64url");
  await store.createRun({ id, test: "dane", input: domain, startedAt: new Date() });
  const channel = new EventChannel<string>();
  void driveRun(store, pool, { id, test: "dane", input: domain, sendTestMessage: false }, 30_000, channel);
  const lines: string[] = [];
  const storedWhenRead: number[] = [];
  // Read as the run door reads (run-door.ts): woken by whenReady, then everything buffered at once.
  const read = async (until: (lines: string[]) => boolean = () => false): Promise<Streamed> => {
    while (!until(lines) && !channel.ended) {
      const taken = await new Promise<string[]>((resolve) => channel.whenReady(() => resolve(channel.takeAll())));
      for (const text of taken) {
        const line = text.trimEnd();
        if (line.includes('"type":"step"')) storedWhenRead.push(storedEvents(id).length);
        lines.push(line);
      }
    }
    return { id, lines, storedWhenRead };
  };
  return { id, read };
}

const type = (line: string): string => (JSON.parse(line) as { type: string }).type;

describe("runs on the engine worker pool", () => {
  it("streams every event after storing it, in order, and stores every run finished", async () => {
    const picked = scenarios.filter((s) => s.category === "dane").slice(0, 16);
    expect(picked.length).toBeGreaterThanOrEqual(8);
    const runs = await Promise.all(picked.map(async (s) => ({ scenario: s, streamed: await (await startDane(s.domain.replace(/\.$/, ""))).read() })));
    for (const { scenario, streamed } of runs) {
      const { id, lines, storedWhenRead } = streamed;
      expect(type(lines[0]!), scenario.name).toBe("run");
      const last = JSON.parse(lines.at(-1)!) as { type: string; result?: { verdict: string } };
      expect(last.type, scenario.name).toBe("done");
      expect(last.result?.verdict, scenario.name).toBe(scenario.expect.verdict);
      // The stored step events are the streamed step lines, byte for byte and in the same order.
      const steps = lines.filter((l) => type(l) === "step");
      expect(steps.length).toBeGreaterThan(3);
      expect(storedEvents(id)).toEqual(steps);
      // When the n-th step line reached the reader, at least n step events were stored.
      storedWhenRead.forEach((count, n) => expect(count, `${scenario.name} step ${n}`).toBeGreaterThanOrEqual(n + 1));
      const run = await store.getRun(id);
      expect(run?.status).toBe("done");
      expect(run?.result?.verdict).toBe(scenario.expect.verdict);
    }
    // Every run has left its worker.
    expect(pool.load()).toEqual([0, 0]);
  }, 120_000);

  it("ends a run whose worker was terminated with a clear error after its stored steps, and carries on", async () => {
    // tlsa-timeout waits seconds on one lookup: the worker dies while steps are still running.
    const run = await startDane("tlsa-timeout.test");
    const before = await run.read((lines) => lines.filter((l) => type(l) === "step").length >= 4);
    expect(before.lines.some((l) => type(l) === "done")).toBe(false);
    expect(await pool.terminateWorkerOf(run.id)).toBe(true);
    const after = await run.read();
    const last = JSON.parse(after.lines.at(-1)!) as { type: string; failure?: { key: string }; message?: string };
    expect(last.type).toBe("error");
    expect(last.failure?.key).toBe("run.workerStopped");
    expect(last.message).toMatch(/worker/);
    const steps = after.lines.filter((l) => type(l) === "step");
    expect(storedEvents(run.id)).toEqual(steps);
    const stored = await store.getRun(run.id);
    expect(stored?.status).toBe("error");
    expect(stored?.failure?.key).toBe("run.workerStopped");
    // The stored tree holds the steps the run had streamed.
    const ids = new Set<string>();
    const walk = (s: { id: string; children: unknown[] }): void => {
      ids.add(s.id);
      for (const c of s.children as { id: string; children: unknown[] }[]) walk(c);
    };
    for (const s of stored?.steps ?? []) walk(s);
    for (const line of steps) expect(ids.has((JSON.parse(line) as { step: { id: string } }).step.id)).toBe(true);

    // A new worker took the dead one's place: a run after it passes.
    const next = await (await startDane("dane-ee.test")).read();
    expect(JSON.parse(next.lines.at(-1)!)).toMatchObject({ type: "done", result: { verdict: "pass" } });
  }, 120_000);

  it("runs a job's run (runAndStore) on the pool: stored with its steps and its verdict", async () => {
    const config = { resolvers: [lab.resolver], trustAnchors: lab.trustAnchorText, smtpPort: lab.smtpPort, allowPrivate: true, timeoutMs: 30_000 };
    const outcome = await runAndStore(store, engineRunTest(pool), config, { test: "dane", input: "dane-ta-spki.test", sendTestMessage: false });
    expect("result" in outcome && outcome.result.verdict).toBe("pass");
    const stored = await store.getRun(outcome.id);
    expect(stored).toMatchObject({ status: "done", result: { verdict: "pass" } });
    expect(storedEvents(outcome.id).length).toBeGreaterThan(3);
  }, 60_000);

  it("removes the bundle directory a killed server left, and keeps a live one's", async () => {
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
    const left = fs.mkdtempSync(path.join(os.tmpdir(), `mailsec-engine-${gone}-`));
    const live = fs.mkdtempSync(path.join(os.tmpdir(), `mailsec-engine-${process.ppid}-`));
    try {
      const bundle = await bundleEngineWorker(process.cwd());
      expect(fs.existsSync(left)).toBe(false);
      expect(fs.existsSync(live)).toBe(true);
      expect(path.basename(path.dirname(bundle))).toMatch(new RegExp(`^mailsec-engine-${process.pid}-`));
    } finally {
      fs.rmSync(left, { recursive: true, force: true });
      fs.rmSync(live, { recursive: true, force: true });
    }
  }, 60_000);
});
