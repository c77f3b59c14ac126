// "Problems found": every warning or error finding of the run once, the worst first, each with the
// step it was seen at (the first, in reading order) and how many steps saw it.
import type { Step } from "@/lib/report/schema";
import type { UiLocale } from "./i18n/locale";
import { findingText, stepFindings, stepSummary, type FindingText } from "./report-text";

export interface Problem {
  finding: FindingText;
  /** What was seen: the finding's sentence, else the summary of the step that saw it. */
  seen: string;
  stepId: string;
  occurrences: number;
}

// The Exchange Online forecast has its own panel; its findings restate the problems below it.
const SUMMARY_STEPS = new Set(["exchange"]);

export function problemsOf(locale: UiLocale, steps: readonly Step[]): Problem[] {
  const byKey = new Map<string, Problem>();
  const order: string[] = [];
  const walk = (list: readonly Step[]) => {
    for (const step of list) {
      if (!SUMMARY_STEPS.has(step.id)) {
        for (const ref of stepFindings(step)) {
          const finding = findingText(locale, ref);
          if (!finding || finding.severity === "info") continue;
          const key = `${ref.code}\u0000${JSON.stringify(ref.params)}`;
          const seen = byKey.get(key);
          if (seen) seen.occurrences++;
          else {
            byKey.set(key, { finding, seen: finding.message || stepSummary(locale, step), stepId: step.id, occurrences: 1 });
            order.push(key);
          }
        }
      }
      walk(step.children);
    }
  };
  walk(steps);
  const rank = (p: Problem) => (p.finding.severity === "error" ? 0 : 1);
  return order.map((key) => byKey.get(key)!).sort((a, b) => rank(a) - rank(b));
}
