// A web run: choose its id, record it, drive the engine in the background (run-driver.ts: on the
// engine workers, or in this thread with MAILSEC_ENGINE_WORKERS=0) and store each event as it
// happens, and stream the events to the browser as NDJSON. The run is driven by the server, not by
// the reader, so it finishes and is stored even if the browser disconnects.
import "server-only";
import crypto from "node:crypto";
import { runEngine } from "./engine";
import { serverEnv } from "./env";
import { EventChannel } from "./event-channel";
import { runLimiter } from "./limits";
import type { Admission } from "./rate-limit";
import { driveRun } from "./run-driver";
import type { CheckedRunRequest } from "./run-request";
import { runStore } from "./store";

/** 144 random bits, base64url: unguessable, so a result link is as private as the person keeps it. */
function newRunId(): string {
  return crypto.randomBytes(18).toString("base64url");
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
    await limiter.release(id).catch((err: unknown) => console.error(`mailsec: releasing the slot of run ${id} failed:`, err));
    throw err;
  }
  const channel = new EventChannel<string>();
  const engine = runEngine();
  void driveRun(store, engine, { ...request, id }, serverEnv().runTimeoutMs, channel).then(() => limiter.release(id).catch((err: unknown) => console.error(`mailsec: releasing the slot of run ${id} failed:`, err)));
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
