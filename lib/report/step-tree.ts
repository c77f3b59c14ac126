// Places streamed "step" events into the tree a person reads. The engine sends each step
// without its children plus its parent and its position among its siblings, so the tree is
// rebuilt from those facts, whatever order the work finished in. Shared by the store (rebuilding
// an unfinished run from its events) and the browser (the live run).
import type { RunEvent, Step } from "./schema";

export type StepEvent = Extract<RunEvent, { type: "step" }>;

export interface PlacedStep {
  step: Step;
  parentId: string | null;
  index: number;
}

/** Records a step event; a later event for the same id replaces the earlier one (a step settles). */
export function placeStep(placed: ReadonlyMap<string, PlacedStep>, event: StepEvent): Map<string, PlacedStep> {
  const next = new Map(placed);
  next.set(event.step.id, { step: { ...event.step, children: [] }, parentId: event.parentId, index: event.index });
  return next;
}

/**
 * The nested tree in reading order. A step whose parent never arrived (a run cut short between
 * events) is kept at the top level rather than lost.
 */
export function buildStepTree(placed: ReadonlyMap<string, PlacedStep>): Step[] {
  const childrenOf = new Map<string | null, PlacedStep[]>();
  for (const entry of placed.values()) {
    const parent = entry.parentId !== null && placed.has(entry.parentId) ? entry.parentId : null;
    const siblings = childrenOf.get(parent) ?? [];
    siblings.push(entry);
    childrenOf.set(parent, siblings);
  }
  const build = (parentId: string | null, seen: Set<string>): Step[] =>
    (childrenOf.get(parentId) ?? [])
      .slice()
      .sort((a, b) => a.index - b.index)
      .filter((entry) => !seen.has(entry.step.id))
      .map((entry) => {
        // A malformed stream could make a step its own ancestor; the guard keeps rendering finite.
        const path = new Set(seen).add(entry.step.id);
        return { ...entry.step, children: build(entry.step.id, path) };
      });
  return build(null, new Set());
}
