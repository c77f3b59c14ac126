// A pool whose worker file went away under it (a tmp cleaner, another server's start removing a
// directory it took for a killed server's) must not stay broken until a restart: a worker that
// dies before it is ready costs the runs on it, and the next run builds the worker's code anew.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lib/lab";
import { bundleEngineWorker } from "../../lib/server/engine-bundle";
import { createEnginePool, type EnginePool } from "../../lib/server/engine-pool";
import { labEngineSettings } from "./lab-engine-settings";
import type { EngineOutput } from "../../lib/server/engine-protocol";

let lab: Lab;
let pool: EnginePool;
let builds = 0;

beforeAll(async () => {
  lab = await startLab();
  pool = createEnginePool({
    size: 1,
    settings: labEngineSettings(lab, 0),
    script: async () => {
      const file = await bundleEngineWorker(process.cwd());
      // The first build's file is gone before any worker loads it.
      if (++builds === 1) fs.rmSync(path.dirname(file), { recursive: true, force: true });
      return file;
    },
  });
}, 60_000);

afterAll(async () => {
  await pool?.close();
  await lab?.stop();
});

/** Runs one DANE test on the pool and returns how it ended. */
function run(id: string, domain: string): Promise<EngineOutput[]> {
  return new Promise((resolve) => {
    const outs: EngineOutput[] = [];
    pool.start({ id, test: "dane", input: domain, sendTestMessage: false }, new AbortController().signal, (out) => {
      outs.push(out);
      if (out.kind !== "event") resolve(outs);
    });
  });
}

describe("an engine pool whose worker file is gone", () => {
  it("fails the run on the worker that could not load, then builds anew and runs the next", async () => {
    const first = await run("rebuild-1", "dane-ee.test");
    expect(first.at(-1)?.kind).toBe("stopped");
    const second = await run("rebuild-2", "dane-ee.test");
    const done = second.find((o) => o.kind === "event" && o.event.type === "done");
    expect(done, JSON.stringify(second.at(-1))).toBeDefined();
    expect(builds).toBe(2);
  }, 60_000);
});
