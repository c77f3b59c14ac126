// The tree as a person reads it: every MX host its own top-level section (as the Remote
// Connectivity Analyzer shows it), failed branches open and successful ones folded.
import type { Step, StepStatus } from "@/lib/report/schema";
import { findingText, stepFindings } from "./report-text";

const MX_STEP = "mx";

/** The MX lookup step judged on its own findings, once its hosts stand beside it. */
function lookupStatus(step: Step): StepStatus {
  if (step.status === "running") return "running";
  const severities = stepFindings(step).map((f) => findingText("en", f)?.severity);
  if (severities.includes("error")) return "error";
  if (severities.includes("warning")) return "warning";
  return step.status === "error" || step.status === "warning" ? "success" : step.status;
}

/**
 * Lifts the MX hosts (`mx/<host>`) out of the MX lookup step to the top level, right after it.
 * A tree whose engine already puts them there passes through unchanged.
 */
export function readingTree(steps: readonly Step[]): Step[] {
  return steps.flatMap((step) => {
    if (step.id !== MX_STEP || step.children.length === 0) return [step];
    const hosts = step.children.filter((child) => child.id.startsWith(`${MX_STEP}/`) && child.children.length > 0);
    if (hosts.length === 0) return [step];
    const rest = step.children.filter((child) => !hosts.includes(child));
    return [{ ...step, children: rest, status: lookupStatus({ ...step, children: rest }) }, ...hosts];
  });
}

/** Steps folded when the page opens: branches that succeeded; whatever failed or runs stays open. */
export function foldedByDefault(step: Step): boolean {
  return step.children.length > 0 && (step.status === "success" || step.status === "info" || step.status === "skipped");
}

export function indexSteps(steps: readonly Step[], into = new Map<string, Step>()): Map<string, Step> {
  for (const step of steps) {
    into.set(step.id, step);
    indexSteps(step.children, into);
  }
  return into;
}

/** DOM ids from step ids, which may hold any character. */
export function domId(prefix: string, stepId: string): string {
  return `${prefix}-${Array.from(stepId, (c) => (/[A-Za-z0-9_-]/.test(c) ? c : `_${c.codePointAt(0)}`)).join("")}`;
}

/** The anchor a summary cell or a problem links to. */
export function stepAnchor(stepId: string): string {
  return `#${domId("step", stepId)}`;
}
