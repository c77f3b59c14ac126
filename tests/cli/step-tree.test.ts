// The tree a stopped run shows is rebuilt from step events: reading order comes from `index`,
// whatever order the work finished in, and a step's last event is its state.
import { describe, expect, it } from "vitest";
import { StepTree } from "../../bin/step-tree";
import type { Step, StepStatus } from "../../lib/report/schema";

const step = (id: string, status: StepStatus): Step => ({ id, title: id, status, summary: "", details: [], elapsedMs: 0, children: [] });

describe("StepTree", () => {
  it("places steps by parent and index, keeping each step's latest event", () => {
    const tree = new StepTree();
    tree.add({ type: "step", step: step("mx", "running"), parentId: null, index: 0 });
    tree.add({ type: "step", step: step("tlsa", "success"), parentId: "mx", index: 1 });
    tree.add({ type: "step", step: step("a", "success"), parentId: "mx", index: 0 });
    tree.add({ type: "step", step: step("eo", "error"), parentId: null, index: 1 });
    tree.add({ type: "step", step: step("mx", "error"), parentId: null, index: 0 });
    const roots = tree.roots();
    expect(roots.map((s) => [s.id, s.status])).toEqual([["mx", "error"], ["eo", "error"]]);
    expect(roots[0]?.children.map((s) => s.id)).toEqual(["a", "tlsa"]);
  });
});
