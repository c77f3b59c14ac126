// A web run: choose its id, admit it past the limiter, record it, and drive the engine in the
// background (run-driver.ts: on the engine workers, or in this thread with
// MAILSEC_ENGINE_WORKERS=0), storing each event as it happens; its events come out of an
// EventChannel the run door streams to the client. The run is driven by the server, not by the
// reader, so it finishes and is stored even if the client disconnects. Pure of Next: the run
// door's tests hand it a real store, limiter and engine; startup.ts hands it the server's own.
import crypto from "node:crypto";
import type { RunStore } from "../store";
import type { Engine } from "./engine-protocol";
import { EventChannel } from "./event-channel";
import type { Admission, RunLimiter } from "./rate-limit";
import { driveRun } from "./run-driver";
import type { CheckedRunRequest } from "./run-request";

/** What a run needs from the server; the store and the limiter are asked for at each run (a database that was down may be up now). */
export interface RunServices {
  store(): Promise<RunStore>;
  limiter(): Promise<RunLimiter>;
  engine(): Engine;
  runTimeoutMs: number;
}

/** 144 random bits, base64url: unguessable, so a result link is as private as the person keeps it. */
function newRunId(): string {
  return crypto.randomBytes(18).toString("base64url");
}

/** `events`: the run's NDJSON lines (each ending in a newline), in order, each one already stored. */
export type StartedRun = { ok: true; id: string; events: EventChannel<string> } | Extract<Admission, { ok: false }>;

/**
 * Starts a run for `client` (its limiter key) and returns its id and its events, or the limiter's
 * refusal (too many runs from that client, or the server is full). Rejects when the store or the
 * limiter cannot be reached.
 */
export async function startRun(services: RunServices, request: CheckedRunRequest, client: string): Promise<StartedRun> {
  const store = await services.store();
  const limiter = await services.limiter();
  const id = newRunId();
  const admission = await limiter.admit(client, id, new Date());
  if (!admission.ok) return admission;
  const release = (): Promise<void> => limiter.release(id).catch((err: unknown) => console.error(`mailsec: releasing the slot of run ${id} failed:`, err));
  try {
    await store.createRun({ id, test: request.test, input: request.input, startedAt: new Date() });
  } catch (err) {
    await release();
    throw err;
  }
  const events = new EventChannel<string>();
  void driveRun(store, services.engine(), { ...request, id }, services.runTimeoutMs, events).then(release);
  return { ok: true, id, events };
}
