"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { api, download, refusedOf, type ApiProblem } from "../api-client";
import { RefusedList, type Refused } from "../BatchForm";
import { BatchRows } from "./BatchRows";
import { TokenField } from "../TokenField";
import { useApiError } from "../use-api-error";

interface Progress {
  id: string;
  total: number;
  done: number;
  counts: { pass: number; warning: number; fail: number; error: number };
  /** An Exchange Online readiness batch: finished items per stage. */
  stages?: Record<string, number>;
}

// Polling backs off from 1 s to 10 s and stops when the batch is done or the page is hidden.
const FIRST_POLL_MS = 1000;
const MAX_POLL_MS = 10_000;

export function BatchProgress({ id }: { id: string }) {
  const t = useTranslations("batch.result");
  const format = useFormatter();
  const apiError = useApiError();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const refusedText = useSyncExternalStore(noSubscription, () => refusedOf(id), () => "[]");
  const refused = useMemo(() => parseRefused(refusedText), [refusedText]);

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = FIRST_POLL_MS;
    const poll = async (): Promise<void> => {
      if (document.hidden) {
        timer = setTimeout(() => void poll(), delay);
        return;
      }
      const answer = await api<Progress>(`/api/batches/${id}`, { signal: abort.signal }).catch(() => null);
      if (!answer) return;
      if (answer.ok) {
        setError(null);
        setProgress(answer.body);
        if (answer.body.done >= answer.body.total) return;
      } else {
        setError(answer.error);
        if (answer.status === 401 || answer.status === 403 || answer.status === 404) return;
      }
      delay = Math.min(MAX_POLL_MS, delay * 1.3);
      timer = setTimeout(() => void poll(), delay);
    };
    void poll();
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
  }, [id, attempt]);

  const ratio = progress && progress.total > 0 ? progress.done / progress.total : 0;
  const pct = Math.round(ratio * 100);
  return (
    <div className="space-y-4">
      {error && (
        <div role="alert" className="space-y-2 rounded border border-red-400 bg-red-50 p-3 text-sm">
          <p>{apiError(error)}</p>
          <TokenField />
          <button type="button" onClick={() => setAttempt((n) => n + 1)} className="rounded bg-blue-700 px-3 py-1 font-semibold text-white">
            {t("tryAgain")}
          </button>
        </div>
      )}
      {progress && (
        <section className="space-y-2 rounded-md border border-slate-300 bg-white p-4">
          <div className="flex justify-between text-sm">
            <span>{t("done", { done: progress.done, total: progress.total })}</span>
            <span>{format.number(ratio, { style: "percent", maximumFractionDigits: 0 })}</span>
          </div>
          <div role="progressbar" aria-label={t("progress")} aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done} className="h-3 overflow-hidden rounded bg-slate-200">
            <div className="h-full bg-blue-700 transition-all" style={{ width: `${pct}%` }} />
          </div>
          <dl className="grid grid-cols-4 gap-2 text-center text-sm" data-testid="batch-counts">
            <Count label={t("counts.pass")} value={progress.counts.pass} tone="text-green-800" />
            <Count label={t("counts.warning")} value={progress.counts.warning} tone="text-amber-800" />
            <Count label={t("counts.fail")} value={progress.counts.fail} tone="text-red-800" />
            <Count label={t("counts.error")} value={progress.counts.error} tone="text-slate-800" />
          </dl>
          {progress.stages && <StageCounts stages={progress.stages} />}
          <div className="flex gap-3">
            <DownloadButton path={`/api/batches/${id}/results.csv`} filename={`mailsec-batch-${id}.csv`} label={t("csv")} onError={setError} />
            <DownloadButton path={`/api/batches/${id}/results.json`} filename={`mailsec-batch-${id}.json`} label={t("json")} onError={setError} />
          </div>
        </section>
      )}
      <RefusedList refused={refused} />
      {progress && <BatchRows id={id} done={progress.done} total={progress.total} readiness={progress.stages !== undefined} onError={setError} />}
    </div>
  );
}

function noSubscription(): () => void {
  return () => undefined;
}

function parseRefused(text: string): Refused[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as Refused[]) : [];
  } catch {
    return [];
  }
}

/** The readiness stages of an Exchange Online batch, in the order a migration walks them. */
const STAGE_ORDER = ["not-exchange", "legacy-only", "new-mx-added", "new-mx-primary", "new-mx-only", "dane-enabled", "unsupported"];

function StageCounts({ stages }: { stages: Record<string, number> }) {
  const t = useTranslations("batch.result");
  const r = useTranslations("exchangeReadiness");
  const format = useFormatter();
  const rank = (stage: string) => (STAGE_ORDER.includes(stage) ? STAGE_ORDER.indexOf(stage) : STAGE_ORDER.length);
  const shown = Object.entries(stages).sort(([a], [b]) => rank(a) - rank(b));
  return (
    <section aria-label={t("stages")} data-testid="batch-stages" className="text-sm">
      <h2 className="font-medium">{t("stages")}</h2>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {shown.map(([stage, n]) => (
          <li key={stage} data-stage={stage}>
            {r("stages", { stage: stage.replaceAll("-", "_") })}: <span className="font-semibold tabular-nums">{format.number(n)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Count({ label, value, tone }: { label: string; value: number; tone: string }) {
  const format = useFormatter();
  return (
    <div className="rounded border border-slate-200 p-2">
      <dt className="text-slate-600">{label}</dt>
      <dd className={`text-lg font-semibold ${tone}`}>{format.number(value)}</dd>
    </div>
  );
}

function DownloadButton({ path, filename, label, onError }: { path: string; filename: string; label: string; onError: (e: ApiProblem | null) => void }) {
  return (
    <button type="button" onClick={() => void download(path, filename).then(onError)} className="rounded border border-blue-700 px-3 py-1 text-sm font-semibold text-blue-800 hover:bg-blue-50">
      {label}
    </button>
  );
}
