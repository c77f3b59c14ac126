// The entry of an engine worker (a worker_threads thread of the web server, engine-pool.ts): it
// runs the runs the main thread hands it, several at once, and posts their events back as JSON
// text, a turn's worth in one message. It loads only lib/ engine code (no Next.js, no store):
// engine-bundle.ts bundles it with esbuild when the pool starts, so it runs the same under
// `next dev`, `next start` and the tests. Off the main thread a run's promises pay none of Next's
// AsyncLocalStorage hooks, and its garbage is collected on the worker's own heap.
import { parentPort, workerData } from "node:worker_threads";
import { runTest, type EngineConfig } from "../checks";
import { createZoneCache } from "../dnssec/zone-cache";
import { driveEngine } from "./engine-events";
import type { EngineOutput, FromWorker, ToWorker, WorkerEngineSettings } from "./engine-protocol";

interface WorkerData {
  settings: WorkerEngineSettings;
  /** Whether the main thread keeps a per-destination connection budget to ask before each SMTP connection. */
  askAdmission: boolean;
}

const port = parentPort;
if (!port) throw new Error("engine-worker.ts runs as a worker thread only");
const { settings, askAdmission } = workerData as WorkerData;

const asks = new Map<number, (ok: boolean) => void>();
let nextAsk = 1;
const post = (message: FromWorker): void => port.postMessage(message);

const { zoneCacheSeconds, ...engineSettings } = settings;
const config: EngineConfig = {
  ...engineSettings,
  // A worker's own, for its lifetime: the root's and the TLDs' keys validated once per TTL per worker.
  zoneCache: zoneCacheSeconds > 0 ? createZoneCache({ maxSeconds: zoneCacheSeconds }) : undefined,
  admitConnection: askAdmission
    ? (ip) =>
        new Promise<boolean>((resolve) => {
          const ask = nextAsk++;
          asks.set(ask, resolve);
          post({ type: "admit", ask, ip });
        })
    : undefined,
};

// The outputs of one turn, of every run, leave in one message at the next setImmediate.
let batch: { id: string; out: EngineOutput }[] = [];
const flush = (): void => {
  const outputs = batch;
  batch = [];
  post({ type: "outputs", batch: outputs });
};
const output = (id: string) => (out: EngineOutput): void => {
  if (batch.length === 0) setImmediate(flush);
  batch.push({ id, out });
};

const running = new Map<string, AbortController>();

port.on("message", (message: ToWorker) => {
  if (message.type === "start") {
    const { input } = message;
    const abort = new AbortController();
    running.set(input.id, abort);
    void driveEngine(runTest, input, config, abort.signal, output(input.id)).finally(() => running.delete(input.id));
  } else if (message.type === "abort") {
    running.get(message.id)?.abort(new Error("run timed out"));
  } else {
    const resolve = asks.get(message.ask);
    asks.delete(message.ask);
    resolve?.(message.ok);
  }
});
post({ type: "ready" });
