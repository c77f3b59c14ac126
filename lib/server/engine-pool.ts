// The engine on worker threads: a few workers (MAILSEC_ENGINE_WORKERS), each running many runs
// at once, their events posted back to the main thread, which stores and then streams them
// (run-driver.ts). A run goes to the worker with the fewest runs. A worker that dies (a crash, an
// exit, terminate()) ends each of its runs with a "stopped" output — the driver turns it into a
// clear error event after the steps it had stored — and a new worker takes its place. Pure of
// Next (lib/server/engine.ts wires it from the environment), so the tests drive it directly.
import fs from "node:fs";
import { Worker } from "node:worker_threads";
import type { RunInput } from "../checks/engine";
import type { Engine, EngineOutput, FromWorker, ToWorker, WorkerEngineSettings, WorkerStop } from "./engine-protocol";

export interface EnginePoolOptions {
  /** Workers, at least 1. */
  size: number;
  settings: WorkerEngineSettings;
  /** The path of the worker's code, one CommonJS file (engine-bundle.ts); asked once, when the pool warms or at its first run. */
  script: () => Promise<string>;
  /** The per-destination connection budget, kept in the main thread and asked by the workers. */
  admitConnection?: ((ip: string) => Promise<boolean>) | undefined;
}

export interface EnginePool extends Engine {
  /** Runs each worker has now (for tests and the load test's notes). */
  load(): number[];
  /** Terminates the worker running `runId` (a crash, on purpose: the tests' way to kill a worker mid-run); false when no worker has it. */
  terminateWorkerOf(runId: string): Promise<boolean>;
}

type Output = (out: EngineOutput) => void;

interface Slot {
  worker: Worker | null;
  runs: Map<string, Output>;
}

// A worker that dies before it said "ready" is not replaced at once (a broken bundle would loop):
// the next run that lands on its slot starts a new one. The code is built again only when its file
// is gone: a bundle that loads but throws before "ready" fails the same way each time it is built
// from the same sources, so rebuilding it would cost an esbuild build per run for nothing.
export function createEnginePool(options: EnginePoolOptions): EnginePool {
  if (!Number.isInteger(options.size) || options.size < 1) throw new Error(`an engine pool needs at least one worker, got ${options.size}`);
  let code: Promise<string> | null = null;
  let closing = false;
  const slots: Slot[] = Array.from({ length: options.size }, () => ({ worker: null, runs: new Map() }));

  const spawn = (slot: Slot, script: string): Worker => {
    const worker = new Worker(script, {
      workerData: { settings: options.settings, askAdmission: options.admitConnection !== undefined },
    });
    slot.worker = worker;
    let ready = false;
    let gone = false;
    const send = (message: ToWorker): void => worker.postMessage(message);
    worker.on("message", (message: FromWorker) => {
      if (message.type === "outputs") {
        for (const { id, out } of message.batch) {
          const sink = slot.runs.get(id);
          if (!sink) continue;
          if (out.kind !== "event") slot.runs.delete(id);
          sink(out);
        }
      } else if (message.type === "admit") {
        const admit = options.admitConnection ?? (() => Promise.resolve(true));
        admit(message.ip).then(
          (ok) => !gone && send({ type: "admitted", ask: message.ask, ok }),
          () => !gone && send({ type: "admitted", ask: message.ask, ok: true }),
        );
      } else {
        ready = true;
      }
    });
    const die = (cause: WorkerStop): void => {
      if (gone) return;
      gone = true;
      if (slot.worker === worker) slot.worker = null;
      const orphans = [...slot.runs.values()];
      slot.runs.clear();
      if (!closing) console.error(`mailsec: an engine worker stopped with ${orphans.length} run(s) on it:`, cause);
      for (const sink of orphans) sink({ kind: "stopped", cause });
      // A worker that could not even start because its file is gone (a tmp cleaner, a removal by
      // another server) is not respawned on the same file: the next run builds the code anew.
      if (ready) {
        if (!closing) void code?.then((s) => slot.worker === null && !closing && spawn(slot, s)).catch(() => undefined);
      } else if (!fs.existsSync(script)) code = null;
    };
    worker.on("error", (err) => die({ kind: "threw", error: String(err) }));
    worker.on("exit", (exitCode) => die({ kind: "exited", code: exitCode }));
    return worker;
  };

  const least = (): Slot => slots.reduce((best, slot) => (slot.runs.size < best.runs.size ? slot : best));

  return {
    start(input: RunInput, signal: AbortSignal, output: Output): void {
      const slot = least();
      slot.runs.set(input.id, output);
      code ??= options.script();
      code.then(
        (script) => {
          if (!slot.runs.has(input.id)) return;
          const worker = slot.worker ?? spawn(slot, script);
          worker.postMessage({ type: "start", input } satisfies ToWorker);
          signal.addEventListener("abort", () => slot.worker === worker && worker.postMessage({ type: "abort", id: input.id } satisfies ToWorker), { once: true });
        },
        (err: unknown) => {
          // No worker code (the sources are missing, esbuild failed): the run cannot start; the next may retry.
          code = null;
          if (slot.runs.delete(input.id)) output({ kind: "stopped", cause: { kind: "unbuilt", error: String(err) } });
        },
      );
    },
    async warm(): Promise<void> {
      try {
        code ??= options.script();
        const script = await code;
        for (const slot of slots) if (!slot.worker && !closing) spawn(slot, script);
      } catch (err) {
        code = null;
        console.error("mailsec: the engine worker could not be built; runs will retry it:", err);
      }
    },
    load: () => slots.map((slot) => slot.runs.size),
    async terminateWorkerOf(runId: string): Promise<boolean> {
      const slot = slots.find((s) => s.runs.has(runId));
      if (!slot?.worker) return false;
      await slot.worker.terminate();
      return true;
    },
    async close(): Promise<void> {
      closing = true;
      await Promise.all(slots.map((slot) => slot.worker?.terminate()));
    },
  };
}
