// What the server's main thread and its engine workers (engine-worker.ts) say to each other, and
// what any engine (a worker pool, or the engine in the main thread) hands the run driver
// (run-driver.ts). Plain data: every message crosses a worker_threads port by structured clone.
// An event crosses as the JSON text the store keeps and the stream sends: it is serialised once,
// in the thread that ran the engine, and the main thread never parses or re-serialises it.
import type { RunInput } from "../checks/engine";
import type { RunFailure } from "../report/schema";

/** The engine's settings a worker needs: EngineConfig without its functions (those stay in the main thread). */
export interface WorkerEngineSettings {
  resolvers: { host: string; port: number }[];
  trustAnchors: string | null;
  smtpPort: number;
  httpsPort: number;
  caPem: string | null;
  allowPrivate: boolean;
  timeoutMs: number;
  /** Each worker keeps a zone cache of its own for this long at most (0: none). */
  zoneCacheSeconds: number;
}

/** One event of a run, serialised, with what the store keeps of a done or error event. */
export type SerialisedEvent =
  /** `text`: the event as one NDJSON line, without the newline. */
  | { type: "run" | "step"; text: string }
  /** `result`: the result document's JSON; `text` is `{"type":"done","result":<result>}`. */
  | { type: "done"; text: string; result: string }
  | { type: "error"; text: string; failure: RunFailure };

/**
 * What an engine reports for one run, in order: events, then exactly one end: "ended" (the
 * engine's generator returned, after its done or error event, or without one), "threw" (the
 * engine threw; logged where it happened), or "stopped" (the worker running it died).
 */
export type EngineOutput =
  | { kind: "event"; event: SerialisedEvent }
  | { kind: "ended" }
  | { kind: "threw"; aborted: boolean }
  | { kind: "stopped"; cause: WorkerStop };

/** Why a worker went away under its runs (logged by the pool; the run's error event says only that it stopped). */
export type WorkerStop = { kind: "threw"; error: string } | { kind: "exited"; code: number } | { kind: "unbuilt"; error: string };

/** An engine the run driver can start runs on: a worker pool or the main thread's own. */
export interface Engine {
  /**
   * Starts `input`; `output` is called for each of its outputs, in order, the last one an end.
   * Aborting `signal` asks the engine to stop the run (it then ends it with its own error event).
   */
  start(input: RunInput, signal: AbortSignal, output: (out: EngineOutput) => void): void;
  /** Gets ready before the first run (the pool bundles its code and starts its workers); never rejects. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/** Main thread -> worker. */
export type ToWorker =
  | { type: "start"; input: RunInput }
  | { type: "abort"; id: string }
  /** The answer to an "admit" question (the per-destination connection budget lives in the main thread). */
  | { type: "admitted"; ask: number; ok: boolean };

/** Worker -> main thread: a turn's outputs of all its runs in one message. */
export type FromWorker =
  | { type: "ready" }
  | { type: "outputs"; batch: { id: string; out: EngineOutput }[] }
  | { type: "admit"; ask: number; ip: string };
