// The step-status rule (issue 9 §1, enforced by the presenter in lib/checks): a step's status says
// what it means for the verdict. Every warning or error step names at least one finding; a child
// step is an error only as a cause of its parent's failure, so never under a parent that did not
// fail. Shared by the lab walks of the DANE, Inbound and DNSSEC tests.
import { renderFinding, renderMessage } from "../../lib/report/i18n/render";
import type { Step } from "../../lib/report/schema";

export function stepRuleViolations(steps: readonly Step[], parent: Step | null = null): string[] {
  const out: string[] = [];
  for (const step of steps) {
    const troubled = step.status === "warning" || step.status === "error";
    if (troubled && (step.findings ?? []).length === 0) out.push(`${step.id}: ${step.status} without a finding`);
    if (parent && step.status === "error" && parent.status !== "error") out.push(`${step.id}: error under a parent that is ${parent.status}`);
    out.push(...stepRuleViolations(step.children, step));
  }
  return out;
}

/** Renders every text of the tree in English; under vitest a missing key or param throws. */
export function renderAll(steps: readonly Step[]): void {
  for (const step of steps) {
    renderMessage("en", step.title);
    if (step.summary) renderMessage("en", step.summary);
    for (const detail of step.details) if (typeof detail !== "string") renderMessage("en", detail);
    for (const f of step.findings ?? []) renderFinding("en", f);
    renderAll(step.children);
  }
}
