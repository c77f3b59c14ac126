// The engine's RunTest port over an Engine (the worker pool), for the job runner of the web
// process: batch items and watch runs go to the engine workers too, not to the thread that answers
// HTTP. runAndStore keeps events as objects, so each line is parsed back here (the workers' own
// JSON: no schema check, it never left this process); a run whose worker died ends with the
// run.workerStopped error event, as a web run does.
import type { RunTest } from "../checks/engine";
import type { RunEvent } from "../report/schema";
import type { Engine, EngineOutput } from "./engine-protocol";

export function engineRunTest(engine: Engine): RunTest {
  return async function* runOnEngine(input, _config, signal) {
    const outputs: EngineOutput[] = [];
    let wake: (() => void) | null = null;
    engine.start(input, signal ?? new AbortController().signal, (out) => {
      outputs.push(out);
      wake?.();
      wake = null;
    });
    for (;;) {
      const out = outputs.shift() ?? (await new Promise<void>((resolve) => (wake = resolve)), outputs.shift());
      if (out === undefined) continue;
      if (out.kind === "event") yield JSON.parse(out.event.text) as RunEvent;
      else if (out.kind === "ended") return;
      else if (out.kind === "threw") throw new Error(`run ${input.id}: the engine threw (logged by its worker)`);
      else {
        console.error(`mailsec: run ${input.id} lost its engine worker:`, out.cause);
        yield { type: "error", failure: { key: "run.workerStopped", params: {} } };
        return;
      }
    }
  };
}
