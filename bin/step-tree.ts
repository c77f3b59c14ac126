// The step tree rebuilt from a run's step events. A run that stops early (timeout, cancel) ends
// with an error event and no result document; the steps that did finish are only in the events.
import type { RunEvent, Step } from "../lib/report/schema";

type StepEvent = Extract<RunEvent, { type: "step" }>;

export class StepTree {
  // The latest event of each step wins: a step is published when it starts and again when it ends.
  private readonly latest = new Map<string, StepEvent>();

  add(event: StepEvent): void {
    this.latest.set(event.step.id, event);
  }

  /** The top-level steps in reading order, each with its children (steps are copied, not shared). */
  roots(): Step[] {
    const byParent = new Map<string | null, StepEvent[]>();
    for (const event of this.latest.values()) {
      const siblings = byParent.get(event.parentId) ?? [];
      siblings.push(event);
      byParent.set(event.parentId, siblings);
    }
    const build = (parentId: string | null): Step[] =>
      (byParent.get(parentId) ?? []).sort((a, b) => a.index - b.index).map((event) => ({ ...event.step, children: build(event.step.id) }));
    return build(null);
  }
}
