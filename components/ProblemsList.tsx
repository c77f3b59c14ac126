// "Problems found": every warning and error of the run once, worst first, with what was seen, the
// fix, and a link to the step. A clean run says so in one line.
import { useLocale, useTranslations } from "next-intl";
import type { Step } from "@/lib/report/schema";
import { StatusIcon } from "./StatusIcon";
import { toUiLocale } from "./i18n/use-ui-locale";
import { problemsOf } from "./problems-model";
import { stepAnchor } from "./tree-model";

export function ProblemsList({ steps }: { steps: readonly Step[] }) {
  const t = useTranslations("problems");
  const problems = problemsOf(toUiLocale(useLocale()), steps);
  return (
    <section aria-labelledby="problems-heading" className="rounded-md border border-slate-300 bg-white p-3" data-testid="problems">
      <h2 id="problems-heading" className="text-lg font-semibold">
        {t("heading", { count: problems.length })}
      </h2>
      {problems.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">{t("none")}</p>
      ) : (
        <ol className="mt-2 space-y-2">
          {problems.map((problem) => (
            <li key={`${problem.finding.code}-${problem.stepId}`} className="rounded border border-slate-200 p-2" data-testid="problem" data-finding={problem.finding.code}>
              <div className="flex flex-wrap items-start gap-2">
                <StatusIcon status={problem.finding.severity === "error" ? "error" : "warning"} />
                <p className="min-w-0 flex-1 break-words font-medium" data-testid="problem-seen">
                  {problem.seen}
                </p>
              </div>
              {problem.finding.remediation && (
                <p className="mt-1 break-words text-sm" data-testid="problem-fix">
                  <span className="font-semibold">{t("fix")} </span>
                  {problem.finding.remediation}
                </p>
              )}
              <p className="mt-1 text-xs text-slate-600">
                <a href={stepAnchor(problem.stepId)} className="text-blue-700 underline">
                  {t("step")}
                </a>
                {problem.occurrences > 1 && <> · {t("occurrences", { count: problem.occurrences })}</>}
                {problem.finding.references.map((link) => (
                  <a key={link.url} href={link.url} className="ml-2 text-blue-700 underline" rel="noreferrer noopener" target="_blank">
                    {link.label}
                  </a>
                ))}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
