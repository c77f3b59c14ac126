// Drives one web run on an engine (the worker pool, or the main thread's own): stores each event
// as it happens and only then hands it to the stream, so a reader never sees a step a crash
// would lose, and a run whose server or worker died shows every step it had done. The engine
// does not wait for the store: each write is asked for at once (the store applies a run's writes
// in the order asked, and commits a turn's writes of every run together). Pure of Next: the
// tests drive it with a real store and the real pool.
import type { RunInput } from "../checks/engine";
import type { RunErrorKey } from "../report/i18n/en/run-errors";
import type { RunStore } from "../store";
import { serialiseEvent } from "./engine-events";
import type { Engine, SerialisedEvent } from "./engine-protocol";
import type { EventChannel } from "./event-channel";

// The engine bounds itself by timeoutMs; this is the backstop should it ever not return. A run
// still not ended this long after it was told to stop is ended here.
const ABORT_GRACE_MS = 5_000;

/** Stores one event; `stored` is called once the write settled, also when it failed (logged: the run goes on). */
function record(store: RunStore, id: string, event: SerialisedEvent, stored: () => void): void {
  let write: Promise<unknown> | null;
  try {
    write =
      event.type === "step" ? store.appendEventText(id, event.text)
      : event.type === "done" ? store.finishRunText(id, event.result, new Date())
      : event.type === "error" ? store.finishRun(id, { failure: event.failure }, new Date())
      : null;
  } catch (err) {
    // A store that throws instead of rejecting must not leave the line unstreamed (and its run's stream open).
    write = Promise.reject(err);
  }
  if (!write) return stored();
  write.then(stored, (err: unknown) => {
    // The browser still gets the event; the stored copy misses it and the log says why.
    console.error(`mailsec: storing an event of run ${id} failed:`, err);
    stored();
  });
}

const failure = (key: RunErrorKey): SerialisedEvent => serialiseEvent({ type: "error", failure: { key, params: {} } });

/** Runs `input` on `engine` until its done or error event is stored and streamed; never rejects. */
export function driveRun(store: RunStore, engine: Engine, input: RunInput, timeoutMs: number, channel: EventChannel<string>): Promise<void> {
  const { id } = input;
  const abort = new AbortController();
  let settled = false;
  let ended = false;
  // The lines in the order the engine gave them; each goes to the channel once its write and
  // every earlier one settled (one callback a write, not a promise chain an event).
  const lines: { line: string; stored: boolean }[] = [];
  let closeWhenDelivered: (() => void) | null = null;
  const deliver = (): void => {
    while (lines[0]?.stored) channel.push((lines.shift() as { line: string }).line);
    if (lines.length === 0 && closeWhenDelivered) closeWhenDelivered();
  };
  const emit = (event: SerialisedEvent): void => {
    const entry = { line: `${event.text}\n`, stored: false };
    lines.push(entry);
    record(store, id, event, () => {
      entry.stored = true;
      deliver();
    });
  };
  return new Promise<void>((resolve) => {
    let backstop: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      abort.abort(new Error("run timed out"));
      backstop = setTimeout(() => end("run.tooLong"), ABORT_GRACE_MS);
    }, timeoutMs + ABORT_GRACE_MS);
    const end = (why: RunErrorKey): void => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      clearTimeout(backstop);
      if (!settled) emit(failure(why));
      settled = true;
      closeWhenDelivered = () => {
        closeWhenDelivered = null;
        channel.close();
        resolve();
      };
      deliver();
    };
    engine.start(input, abort.signal, (out) => {
      if (ended) return;
      if (out.kind === "event") {
        if (settled) return;
        emit(out.event);
        settled = out.event.type === "done" || out.event.type === "error";
      } else if (out.kind === "ended") end("run.noResult");
      else if (out.kind === "threw") end(out.aborted ? "run.tooLong" : "run.internal");
      else {
        console.error(`mailsec: run ${id} lost its engine worker:`, out.cause);
        end("run.workerStopped");
      }
    });
  });
}
