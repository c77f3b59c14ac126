// The summary on top: settles to the verdict when the run ends; says plainly when it cannot; names
// the first problem, so a failing domain's cause is on the first screen.
import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { Verdict } from "@/lib/report/schema";
import { StatusIcon, type DisplayStatus } from "./StatusIcon";
import { toUiLocale } from "./i18n/use-ui-locale";
import { problemsOf } from "./problems-model";
import { messageText } from "./report-text";
import type { RunViewModel } from "./run-model";
import { stepAnchor } from "./tree-model";

const VERDICT: Record<Verdict, { status: DisplayStatus; tone: string }> = {
  pass: { status: "success", tone: "border-green-600 bg-green-50" },
  warning: { status: "warning", tone: "border-amber-500 bg-amber-50" },
  fail: { status: "error", tone: "border-red-600 bg-red-50" },
};

type Headline = "pass" | "warning" | "fail" | "running" | "interrupted" | "error";

function headline(run: RunViewModel): { key: Headline; status: DisplayStatus; tone: string } {
  if (run.result) return { key: run.result.verdict, ...VERDICT[run.result.verdict] };
  switch (run.status) {
    case "running":
      return { key: "running", status: "running", tone: "border-blue-500 bg-blue-50" };
    case "interrupted":
      return { key: "interrupted", status: "unfinished", tone: "border-slate-500 bg-slate-100" };
    default:
      return { key: "error", status: "error", tone: "border-red-600 bg-red-50" };
  }
}

export function VerdictBanner({ run }: { run: RunViewModel }) {
  const t = useTranslations("verdict");
  const tests = useTranslations("tests");
  const format = useFormatter();
  const locale = toUiLocale(useLocale());
  const { key, status, tone } = headline(run);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
  const main = run.result && run.result.verdict !== "pass" ? problemsOf(locale, run.steps)[0] : undefined;
  return (
    <section className={`rounded-md border-l-4 p-3 ${tone}`} aria-live="polite" data-testid="verdict" data-verdict={run.result?.verdict ?? run.status}>
      <div className="flex flex-wrap items-center gap-2">
        <StatusIcon status={status} />
        <h2 className="text-lg font-semibold">{t(key)}</h2>
      </div>
      {main && (
        <p className="mt-1 break-words text-sm" data-testid="main-problem">
          <span className="font-semibold">{t("cause")} </span>
          <a href={stepAnchor(main.stepId)} className="underline underline-offset-2">
            {main.seen}
          </a>
        </p>
      )}
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
        <dt className="text-slate-700">{t("target")}</dt>
        <dd className="font-mono [overflow-wrap:anywhere]">{run.input}</dd>
        <dt className="text-slate-700">{t("test")}</dt>
        <dd>{tests(`${run.test}.name`)}</dd>
        <dt className="text-slate-700">{t("started")}</dt>
        <dd>
          <time dateTime={run.startedAt}>{when(run.startedAt)}</time>
        </dd>
        {run.finishedAt && (
          <>
            <dt className="text-slate-700">{run.status === "interrupted" ? t("markedInterrupted") : t("finished")}</dt>
            <dd>
              <time dateTime={run.finishedAt}>{when(run.finishedAt)}</time>
            </dd>
          </>
        )}
        {run.result && (
          <>
            <dt className="text-slate-700">{run.test === "dnssec" ? t("dnssecAnswer") : t("dnssecMx")}</dt>
            <dd>{t(`dnssec.${run.result.dnssec}`)}</dd>
          </>
        )}
      </dl>
      {run.failure && (
        <p className="mt-2 break-words text-sm" data-testid="run-failure">
          {messageText(locale, run.failure)}
        </p>
      )}
    </section>
  );
}
