// What the run view shows, whether the events arrive live from POST /api/runs or the run is read
// back from the store for a shared link. The stored form (lib/store StoredRun) has this shape.
import { z } from "zod";
import { Message } from "@/lib/report/i18n/types";
import { LEGACY_TEXT_KEY, ResultDocument, Step, TestKind, type RunEvent } from "@/lib/report/schema";
import { buildStepTree, placeStep, type PlacedStep } from "@/lib/report/step-tree";

export const RunStatus = z.enum(["running", "done", "error", "interrupted"]);
export type RunStatus = z.infer<typeof RunStatus>;

export const RunViewModel = z
  .object({
    id: z.string(),
    test: TestKind,
    input: z.string(),
    status: RunStatus,
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    steps: z.array(Step),
    result: ResultDocument.nullable(),
    // Why the run ended without a result, as a key the page words in its language. The API also
    // sends `error`, the same in English; a server from before failures were keys sends only that.
    failure: Message.nullable().optional(),
    error: z.string().nullable().optional(),
  })
  .transform(({ failure, error, ...run }) => ({ ...run, failure: failure ?? (error ? { key: LEGACY_TEXT_KEY, params: { text: error } } : null) }));
export type RunViewModel = z.infer<typeof RunViewModel>;

export interface LiveRun {
  run: RunViewModel;
  placed: Map<string, PlacedStep>;
  /** When this page first saw each step running (ms since the epoch): how long it has waited. */
  since: ReadonlyMap<string, number>;
}

export function startLiveRun(test: TestKind, input: string, now: Date): LiveRun {
  return {
    run: { id: "", test, input, status: "running", startedAt: now.toISOString(), finishedAt: null, steps: [], result: null, failure: null },
    placed: new Map(),
    since: new Map(),
  };
}

/** Folds one streamed event into the live run. */
export function applyEvent(live: LiveRun, event: RunEvent, now: Date): LiveRun {
  switch (event.type) {
    case "run":
      return { ...live, run: { ...live.run, id: event.id } };
    case "step": {
      const placed = placeStep(live.placed, event);
      const since = live.since.has(event.step.id) ? live.since : new Map(live.since).set(event.step.id, now.getTime());
      return { placed, since, run: { ...live.run, steps: buildStepTree(placed) } };
    }
    case "done":
      return {
        ...live,
        run: { ...live.run, status: "done", result: event.result, steps: event.result.steps, finishedAt: event.result.finishedAt ?? now.toISOString() },
      };
    case "error":
      return { ...live, run: { ...live.run, status: "error", failure: event.failure, finishedAt: now.toISOString() } };
  }
}

