// A web run: choose its id, record it, drive the engine in the background and store each event
// as it happens, and stream the events to the browser as NDJSON. The run is driven by the server,
// not by the reader, so it finishes and is stored even if the browser disconnects.
import "server-only";
import crypto from "node:crypto";
import { runTest } from "../checks";
import { message } from "../report/i18n/message";
import { onTheWire } from "../report/run-failure-text";
import type { RunEvent } from "../report/schema";
import type { RunStore } from "../store";
import { engineConfig } from "./engine";
import { EventChannel } from "./event-channel";
import { runLimiter } from "./limits";
import type { Admission, RunLimiter } from "./rate-limit";
import type { CheckedRunRequest } from "./run-request";
import { runStore } from "./store";

/** 144 random bits, base64url: unguessable, so a result link is as private as the person keeps it. */
function newRunId(): string {
  return crypto.randomBytes(18).toString("base64url");
}

// The engine bounds itself by timeoutMs; this is the backstop should it ever not return.
const ABORT_GRACE_MS = 5_000;

/** Stores one event (`text`: its JSON); never rejects: a failed write is logged and the run goes on. */
async function record(store: RunStore, id: string, event: RunEvent, text: string): Promise<void> {
  try {
    if (event.type === "step") await store.appendEvent(id, event, text);
    else if (event.type === "done") await store.finishRun(id, { result: event.result }, new Date());
    else if (event.type === "error") await store.finishRun(id, { failure: event.failure }, new Date());
  } catch (err) {
    // The browser still gets the event; the stored copy misses it and the log says why.
    console.error(`mailsec: storing an event of run ${id} failed:`, err);
  }
}

async function drive(store: RunStore, limiter: RunLimiter, request: CheckedRunRequest, id: string, channel: EventChannel<string>): Promise<void> {
  const config = engineConfig();
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error("run timed out")), config.timeoutMs + ABORT_GRACE_MS);
  let settled = false;
  // The engine does not wait for the store: each write is asked for at once (the store applies a
  // run's writes in the order asked, and commits a turn's writes of every run together), and an
  // event reaches the stream only after its write, so a reader never sees a step a crash would lose.
  // Each event is serialised once, for the store and the stream (an error event with its English
  // `message` beside the failure key, for version 3 readers).
  let delivered = Promise.resolve();
  const emit = (event: RunEvent): void => {
    const text = JSON.stringify(onTheWire(event));
    const stored = record(store, id, event, text);
    delivered = delivered.then(() => stored).then(() => channel.push(`${text}\n`));
  };
  try {
    for await (const event of runTest({ ...request, id }, config, abort.signal)) {
      if (settled) break;
      emit(event);
      settled = event.type === "done" || event.type === "error";
    }
    if (!settled) emit({ type: "error", failure: message("run.noResult") });
  } catch (err) {
    console.error(`mailsec: run ${id} failed:`, err);
    if (!settled) emit({ type: "error", failure: message(abort.signal.aborted ? "run.tooLong" : "run.internal") });
  } finally {
    clearTimeout(timer);
    await delivered;
    channel.close();
    await limiter.release(id).catch(logFailure(`releasing the slot of run ${id}`));
  }
}

function logFailure(what: string): (err: unknown) => void {
  return (err) => console.error(`mailsec: ${what} failed:`, err);
}

export type StartedRun = { ok: true; id: string; body: ReadableStream<Uint8Array> } | Extract<Admission, { ok: false }>;

/**
 * Starts a run for `client` (its limiter key) and returns its id and its events as an NDJSON byte
 * stream, or the limiter's refusal (too many runs from that client, or the server is full).
 */
export async function startRun(request: CheckedRunRequest, client: string): Promise<StartedRun> {
  const store = await runStore();
  const limiter = await runLimiter();
  const id = newRunId();
  const admission = await limiter.admit(client, id, new Date());
  if (!admission.ok) return admission;
  try {
    await store.createRun({ id, test: request.test, input: request.input, startedAt: new Date() });
  } catch (err) {
    await limiter.release(id).catch(logFailure(`releasing the slot of run ${id}`));
    throw err;
  }
  const channel = new EventChannel<string>();
  void drive(store, limiter, request, id, channel);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await channel.next();
      if (next.done) {
        controller.close();
        return;
      }
      // Lines stored together leave together: one chunk, one socket write.
      let text = next.value;
      for (let more = channel.take(); more !== undefined; more = channel.take()) text += more;
      controller.enqueue(encoder.encode(text));
    },
    cancel() {
      channel.detach();
    },
  });
  return { ok: true, id, body };
}
