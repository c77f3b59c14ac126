// The engine's RunTest port over an Engine (the worker pool), for the job runner of the web
// process: batch items and watch runs go to the engine workers too, not to the thread that answers
// HTTP. runAndStore keeps events as objects, so each line is parsed back here (the workers' own
// JSON: no schema check, it never left this process); a run whose worker died ends with the
// run.workerStopped error event, as a web run does.
import type { RunTest } from "../checks/engine";
import type { RunEvent } from "../report/schema";
import type { Engine, EngineOutput } from "./engine-protocol";

// A run told to stop that has not ended this long after is ended here (a wedged worker, a lost
// message), as run-driver.ts does for web runs: runAndStore then stores run.tooLong.
const ABORT_GRACE_MS = 5_000;

export function engineRunTest(engine: Engine): RunTest {
  return async function* runOnEngine(input, _config, signal) {
    const outputs: EngineOutput[] = [];
    let wake: (() => void) | null = null;
    const push = (out: EngineOutput): void => {
      outputs.push(out);
      wake?.();
      wake = null;
    };
    const stop = signal ?? new AbortController().signal;
    let backstop: NodeJS.Timeout | undefined;
    const arm = (): void => {
      backstop = setTimeout(() => push({ kind: "threw", aborted: true }), ABORT_GRACE_MS);
    };
    stop.addEventListener("abort", arm, { once: true });
    engine.start(input, stop, push);
    try {
      yield* outputsOf(input.id, outputs, () => new Promise<void>((resolve) => (wake = resolve)));
    } finally {
      stop.removeEventListener("abort", arm);
      clearTimeout(backstop);
    }
  };
}

/** The run's outputs as events, in order, until its end; `next` waits for more. */
async function* outputsOf(id: string, outputs: EngineOutput[], next: () => Promise<void>): AsyncGenerator<RunEvent> {
  for (;;) {
    const out = outputs.shift() ?? (await next(), outputs.shift());
    if (out === undefined) continue;
    if (out.kind === "event") yield JSON.parse(out.event.text) as RunEvent;
    else if (out.kind === "ended") return;
    else if (out.kind === "threw") throw new Error(`run ${id}: the engine threw or did not stop (logged by its worker)`);
    else {
      console.error(`mailsec: run ${id} lost its engine worker:`, out.cause);
      yield { type: "error", failure: { key: "run.workerStopped", params: {} } };
      return;
    }
  }
}
