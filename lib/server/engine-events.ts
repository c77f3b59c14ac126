// One run of the engine as the run driver wants it, wherever it runs (an engine worker, or the
// main thread when MAILSEC_ENGINE_WORKERS=0): each event serialised once, here, then one end.
// Pure of Next, so engine-worker.ts can load it.
import type { EngineConfig, RunInput, RunTest } from "../checks/engine";
import { onTheWire } from "../report/run-failure-text";
import type { RunEvent } from "../report/schema";
import type { EngineOutput, SerialisedEvent } from "./engine-protocol";

/** The event's NDJSON line (an error event with its English `message`), and what the store keeps of a done or error event. */
export function serialiseEvent(event: RunEvent): SerialisedEvent {
  if (event.type === "done") {
    // The result's JSON is the stored row and the tail of the event's line: one stringify for both.
    const result = JSON.stringify(event.result);
    return { type: "done", text: `{"type":"done","result":${result}}`, result };
  }
  if (event.type === "error") return { type: "error", text: JSON.stringify(onTheWire(event)), failure: event.failure };
  return { type: event.type, text: JSON.stringify(event) };
}

/**
 * Runs `input` to its end, handing `output` each event (up to the first done or error) and then
 * one end. Never rejects.
 */
export async function driveEngine(runTest: RunTest, input: RunInput, config: EngineConfig, signal: AbortSignal, output: (out: EngineOutput) => void): Promise<void> {
  try {
    for await (const event of runTest(input, config, signal)) {
      output({ kind: "event", event: serialiseEvent(event) });
      // Leaving the loop closes the generator: nothing the engine does after its verdict is kept.
      if (event.type === "done" || event.type === "error") break;
    }
    output({ kind: "ended" });
  } catch (err) {
    console.error(`mailsec: run ${input.id} failed:`, err);
    output({ kind: "threw", aborted: signal.aborted });
  }
}
