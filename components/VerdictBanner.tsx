// The summary on top: settles to the verdict when the run ends; says plainly when it cannot.
import type { Verdict } from "@/lib/report/schema";
import { StatusIcon, type DisplayStatus } from "./StatusIcon";
import { formatTime, type RunViewModel } from "./run-model";
import { testInfo } from "./test-catalog";

const VERDICT: Record<Verdict, { text: string; status: DisplayStatus; tone: string }> = {
  pass: { text: "Test successful", status: "success", tone: "border-green-600 bg-green-50" },
  warning: { text: "Test successful with warnings", status: "warning", tone: "border-amber-500 bg-amber-50" },
  fail: { text: "Test failed", status: "error", tone: "border-red-600 bg-red-50" },
};

function headline(run: RunViewModel): { text: string; status: DisplayStatus; tone: string } {
  if (run.result) return VERDICT[run.result.verdict];
  switch (run.status) {
    case "running":
      return { text: "Test in progress…", status: "running", tone: "border-blue-500 bg-blue-50" };
    case "interrupted":
      return { text: "Test interrupted: the server stopped before this run finished", status: "unfinished", tone: "border-slate-500 bg-slate-100" };
    default:
      return { text: "The test could not be completed", status: "error", tone: "border-red-600 bg-red-50" };
  }
}

export function VerdictBanner({ run }: { run: RunViewModel }) {
  const { text, status, tone } = headline(run);
  return (
    <section className={`rounded-md border-l-4 p-4 ${tone}`} aria-live="polite" data-testid="verdict" data-verdict={run.result?.verdict ?? run.status}>
      <div className="flex flex-wrap items-center gap-2">
        <StatusIcon status={status} />
        <h2 className="text-lg font-semibold">{text}</h2>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
        <dt className="text-slate-600">Target</dt>
        <dd className="break-all font-mono">{run.input}</dd>
        <dt className="text-slate-600">Test</dt>
        <dd>{testInfo(run.test).name}</dd>
        <dt className="text-slate-600">Started</dt>
        <dd>
          <time dateTime={run.startedAt}>{formatTime(run.startedAt)}</time>
        </dd>
        {run.finishedAt && (
          <>
            <dt className="text-slate-600">{run.status === "interrupted" ? "Marked interrupted" : "Finished"}</dt>
            <dd>
              <time dateTime={run.finishedAt}>{formatTime(run.finishedAt)}</time>
            </dd>
          </>
        )}
        {run.result && (
          <>
            <dt className="text-slate-600">DNSSEC (MX)</dt>
            <dd>{run.result.dnssec}</dd>
          </>
        )}
      </dl>
      {run.error && <p className="mt-2 text-sm">{run.error}</p>}
    </section>
  );
}
