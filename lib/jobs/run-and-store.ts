// One run for a job: the same engine and the same store rows as a single run from the page, so
// the run's link (/r/<id>) works for every batch item and every watch run. Each step is stored as
// it happens; a run cut off by a killed worker stays "running" until the store marks it
// interrupted, and the job's retry makes a new run.
import crypto from "node:crypto";
import type { EngineConfig, RunInput, RunTest } from "../checks/engine";
import { message } from "../report/i18n/message";
import type { ResultDocument, RunFailure, RunRequest } from "../report/schema";
import type { RunStore } from "../store/types";

// The engine bounds itself by timeoutMs; this is the backstop should it ever not return.
const ABORT_GRACE_MS = 5_000;

/** `failure`: why the run ended without a result (a key of lib/report/i18n/en/run-errors.ts). */
export type StoredOutcome = { id: string; result: ResultDocument } | { id: string; failure: RunFailure };

export async function runAndStore(store: RunStore, runTest: RunTest, config: EngineConfig, request: RunRequest & Pick<RunInput, "rrType">): Promise<StoredOutcome> {
  const id = crypto.randomBytes(18).toString("base64url");
  await store.createRun({ id, test: request.test, input: request.input, startedAt: new Date() });
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error("run timed out")), config.timeoutMs + ABORT_GRACE_MS);
  let outcome: StoredOutcome | null = null;
  // The engine does not wait for each write: the store applies a run's writes in the order asked
  // (and SQLite commits a turn's writes together); the finish waits for them all.
  const writes: Promise<void>[] = [];
  let writeFailure: unknown = null;
  try {
    for await (const event of runTest({ ...request, id }, config, abort.signal)) {
      if (event.type === "step") {
        writes.push(
          store.appendEvent(id, event).catch((err: unknown) => {
            writeFailure ??= err;
          }),
        );
      } else if (event.type === "done") outcome = { id, result: event.result };
      else if (event.type === "error") outcome = { id, failure: event.failure };
      if (outcome) break;
    }
  } catch (err) {
    console.error(`mailsec: run ${id} failed:`, err);
    outcome = { id, failure: message(abort.signal.aborted ? "run.tooLong" : "run.internal") };
  } finally {
    clearTimeout(timer);
  }
  outcome ??= { id, failure: message("run.noResult") };
  await Promise.all(writes);
  if (writeFailure !== null) {
    console.error(`mailsec: storing a step of run ${id} failed:`, writeFailure);
    outcome = { id, failure: message("run.notStored") };
  }
  await store.finishRun(id, "result" in outcome ? { result: outcome.result } : { failure: outcome.failure }, new Date());
  return outcome;
}
