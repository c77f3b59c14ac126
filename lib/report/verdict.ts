// The overall verdict of a run, read off its step tree: the tree is the product, so the banner on
// top must never disagree with the steps under it.
import type { Step, StepStatus, Verdict } from "./schema";

function worstStatus(steps: readonly Step[]): StepStatus | null {
  let worst: StepStatus | null = null;
  for (const step of steps) {
    const status = step.children.length > 0 ? worse(step.status, worstStatus(step.children)) : step.status;
    worst = worse(worst, status);
  }
  return worst;
}

const rank: Record<StepStatus, number> = { skipped: 0, info: 1, success: 2, running: 3, warning: 4, error: 5 };

function worse(a: StepStatus | null, b: StepStatus | null): StepStatus | null {
  if (a === null) return b;
  if (b === null) return a;
  return rank[b] > rank[a] ? b : a;
}

/**
 * fail if any step failed, warning if any warned, else pass. A step still "running" when the
 * verdict is asked for never finished, which is a failure of the run.
 */
export function verdictFromSteps(steps: readonly Step[]): Verdict {
  const worst = worstStatus(steps);
  if (worst === "error" || worst === "running") return "fail";
  if (worst === "warning") return "warning";
  return "pass";
}

/** CLI exit status per docs/ARCHITECTURE.md: 0 pass or warning, 1 fail. (2, could not run, is decided before a verdict exists.) */
export function exitCodeForVerdict(verdict: Verdict): 0 | 1 {
  return verdict === "fail" ? 1 : 0;
}
