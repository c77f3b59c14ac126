import { describe, expect, it } from "vitest";
import type { Step, StepStatus } from "../../lib/report/schema";
import { exitCodeForVerdict, verdictFromSteps } from "../../lib/report/verdict";

function step(status: StepStatus, children: Step[] = []): Step {
  return { id: `s-${status}`, title: "", status, summary: "", details: [], elapsedMs: 0, children };
}

describe("verdict from steps", () => {
  it("passes when every step succeeded or informed", () => {
    expect(verdictFromSteps([step("success"), step("info", [step("skipped")])])).toBe("pass");
  });
  it("warns when a nested step warned", () => {
    expect(verdictFromSteps([step("success", [step("success", [step("warning")])])])).toBe("warning");
  });
  it("fails when any step failed, however deep", () => {
    expect(verdictFromSteps([step("warning"), step("success", [step("info", [step("error")])])])).toBe("fail");
  });
  it("fails when a step never finished", () => {
    expect(verdictFromSteps([step("running")])).toBe("fail");
  });
  it("maps verdicts to exit codes", () => {
    expect([exitCodeForVerdict("pass"), exitCodeForVerdict("warning"), exitCodeForVerdict("fail")]).toEqual([0, 0, 1]);
  });
});
