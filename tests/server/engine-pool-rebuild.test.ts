// A pool whose worker file went away under it (a tmp cleaner, another server's start removing a
// directory it took for a killed server's) must not stay broken until a restart: a worker that
// dies before it is ready costs the runs on it, and the next run builds the worker's code anew.
// A file that is there but throws before "ready" is not built again for each run: the same
// sources would build the same failure.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lib/lab";
import { bundleEngineWorker } from "../../lib/server/engine-bundle";
import { createEnginePool, type EnginePool } from "../../lib/server/engine-pool";
import { labEngineSettings } from "./lab-engine-settings";
import type { EngineOutput } from "../../lib/server/engine-protocol";

let lab: Lab;
const pools: EnginePool[] = [];

beforeAll(async () => {
  lab = await startLab();
}, 60_000);

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  await lab?.stop();
});

/** A one-worker pool whose n-th build (from 1) is `build(n)`. */
function poolOf(build: (n: number) => Promise<string>): EnginePool {
  let builds = 0;
  const pool = createEnginePool({ size: 1, settings: labEngineSettings(lab, 0), script: () => build(++builds) });
  pools.push(pool);
  return pool;
}

/** Runs one DANE test on the pool and returns how it ended. */
function run(pool: EnginePool, id: string, domain: string): Promise<EngineOutput[]> {
  return new Promise((resolve) => {
    const outs: EngineOutput[] = [];
    pool.start({ id, test: "dane", input: domain, sendTestMessage: false }, new AbortController().signal, (out) => {
      outs.push(out);
      if (out.kind !== "event") resolve(outs);
    });
  });
}

const finished = (outs: readonly EngineOutput[]) => outs.some((o) => o.kind === "event" && o.event.type === "done");

describe("an engine pool whose worker file is gone", () => {
  it("fails the run on the worker that could not load, then builds anew and runs the next", async () => {
    const built: number[] = [];
    const pool = poolOf(async (n) => {
      built.push(n);
      const file = await bundleEngineWorker(process.cwd());
      // The first build's file is gone before any worker loads it.
      if (n === 1) fs.rmSync(path.dirname(file), { recursive: true, force: true });
      return file;
    });
    const first = await run(pool, "rebuild-1", "dane-ee.test");
    expect(first.at(-1)?.kind).toBe("stopped");
    const second = await run(pool, "rebuild-2", "dane-ee.test");
    expect(finished(second), JSON.stringify(second.at(-1))).toBe(true);
    expect(built).toEqual([1, 2]);
  }, 60_000);
});

describe("an engine pool whose worker throws before it is ready", () => {
  it("keeps the file for the next runs instead of building it again, and builds anew once it is gone", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-broken-engine-"));
    const broken = path.join(dir, "engine-worker.cjs");
    fs.writeFileSync(broken, 'throw new Error("this engine bundle breaks at load");\n');
    const built: number[] = [];
    const pool = poolOf(async (n) => {
      built.push(n);
      return n === 1 ? broken : bundleEngineWorker(process.cwd());
    });
    try {
      for (const id of ["broken-1", "broken-2", "broken-3"]) {
        const outs = await run(pool, id, "dane-ee.test");
        expect(outs.at(-1)).toMatchObject({ kind: "stopped", cause: { kind: "threw" } });
      }
      expect(built).toEqual([1]);
      fs.rmSync(dir, { recursive: true, force: true });
      // The run that meets the file gone fails like the case above; the next one builds anew.
      expect((await run(pool, "broken-4", "dane-ee.test")).at(-1)?.kind).toBe("stopped");
      const next = await run(pool, "broken-5", "dane-ee.test");
      expect(finished(next), JSON.stringify(next.at(-1))).toBe(true);
      expect(built).toEqual([1, 2]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
