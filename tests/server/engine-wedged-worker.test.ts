// An engine worker that took a run and then says nothing more (its thread wedged in a loop, or a
// message that never came) must not hold the run past its bound: a web run's driver ends it with
// run.tooLong after its grace, and so must a job's run (batch items, watch runs) through
// engineRunTest, else the batch never finishes and its slot of the job runner is gone for good.
// The worker here is a real worker thread that says "ready" and then answers nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAndStore } from "../../lib/jobs/run-and-store";
import { createEnginePool, type EnginePool } from "../../lib/server/engine-pool";
import { engineRunTest } from "../../lib/server/engine-run-test";
import { EventChannel } from "../../lib/server/event-channel";
import { driveRun } from "../../lib/server/run-driver";
import { openSqliteStore, type RunStore } from "../../lib/store";

let dir: string;
let pool: EnginePool;
let store: RunStore;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-wedged-"));
  const script = path.join(dir, "silent-worker.cjs");
  fs.writeFileSync(script, `require("node:worker_threads").parentPort.postMessage({ type: "ready" });\nrequire("node:worker_threads").parentPort.on("message", () => undefined);\n`);
  store = openSqliteStore(dir, "wedged-test");
  pool = createEnginePool({
    size: 1,
    settings: { resolvers: [{ host: "127.0.0.1", port: 9 }], trustAnchors: null, smtpPort: 25, httpsPort: 443, caPem: null, allowPrivate: true, timeoutMs: 100, zoneCacheSeconds: 0 },
    script: () => Promise.resolve(script),
  });
});

afterAll(async () => {
  await pool?.close();
  await store?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("a worker that never answers a run", () => {
  it("a web run ends with run.tooLong after its grace", async () => {
    const id = "wedged-web";
    await store.createRun({ id, test: "dane", input: "example.test", startedAt: new Date() });
    const channel = new EventChannel<string>();
    await driveRun(store, pool, { id, test: "dane", input: "example.test", sendTestMessage: false }, 100, channel);
    expect((await store.getRun(id))?.failure?.key).toBe("run.tooLong");
  }, 30_000);

  it("a job's run ends with run.tooLong after its grace", async () => {
    const config = { resolvers: [{ host: "127.0.0.1", port: 9 }], trustAnchors: null, smtpPort: 25, allowPrivate: true, timeoutMs: 100 };
    const outcome = await runAndStore(store, engineRunTest(pool), config, { test: "dane", input: "example.test", sendTestMessage: false });
    expect("failure" in outcome && outcome.failure.key).toBe("run.tooLong");
    expect((await store.getRun(outcome.id))?.status).toBe("error");
  }, 30_000);
});
