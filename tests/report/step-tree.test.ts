// The tree a live page or a stopped CLI run shows is rebuilt from step events: reading order comes
// from `index`, whatever order the work finished in, and a step's last event is its state.
import { describe, expect, it } from "vitest";
import { buildStepTree, placeStep, type PlacedStep } from "../../lib/report/step-tree";
import type { RunEvent, Step, StepStatus } from "../../lib/report/schema";

const step = (id: string, status: StepStatus): Step => ({ id, title: { key: "legacy.text", params: { text: id } }, status, summary: null, details: [], elapsedMs: 0, children: [] });
const event = (id: string, status: StepStatus, parentId: string | null, index: number): Extract<RunEvent, { type: "step" }> => ({
  type: "step",
  step: step(id, status),
  parentId,
  index,
});

describe("step tree from events", () => {
  it("places steps by parent and index, keeping each step's latest event", () => {
    let placed: ReadonlyMap<string, PlacedStep> = new Map();
    for (const e of [
      event("mx", "running", null, 0),
      event("tlsa", "success", "mx", 1),
      event("a", "success", "mx", 0),
      event("eo", "error", null, 1),
      event("mx", "error", null, 0),
    ]) {
      placed = placeStep(placed, e);
    }
    const roots = buildStepTree(placed);
    expect(roots.map((s) => [s.id, s.status])).toEqual([
      ["mx", "error"],
      ["eo", "error"],
    ]);
    expect(roots[0]?.children.map((s) => s.id)).toEqual(["a", "tlsa"]);
  });

  it("keeps a step whose parent never arrived at the top level", () => {
    const placed = placeStep(new Map(), event("orphan", "success", "missing", 0));
    expect(buildStepTree(placed).map((s) => s.id)).toEqual(["orphan"]);
  });

  it("stays finite when a malformed stream makes a step its own ancestor", () => {
    let placed: ReadonlyMap<string, PlacedStep> = placeStep(new Map(), event("a", "success", "b", 0));
    placed = placeStep(placed, event("b", "success", "a", 0));
    placed = placeStep(placed, event("root", "success", null, 0));
    expect(buildStepTree(placed).map((s) => s.id)).toEqual(["root"]);
  });
});
