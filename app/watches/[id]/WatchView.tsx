"use client";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useEffect, useState } from "react";
import { api, type ApiProblem } from "../../batches/api-client";
import { TokenField } from "../../batches/TokenField";
import { useApiError } from "../../batches/use-api-error";
import { VerdictChart } from "./VerdictChart";
import { isChangeKind, isDeliveryState, isJobVerdict } from "../../batches/verdicts";

interface Change {
  kind: string;
  subject: string;
}

interface View {
  id: string;
  test: string;
  input: string;
  intervalSeconds: number;
  webhookUrl: string | null;
  certDays: number;
  rrsigDays: number;
  nextRunAt: string;
  history: { dueAt: string; runId: string; at: string; verdict: string; changes: Change[] }[];
  deliveries: { id: string; state: string; attempts: number; lastError: string | null; createdAt: string; deliveredAt: string | null }[];
}

const REFRESH_MS = 15_000;

/** A note under "Check now": the run was queued, or why not. */
type Note = { queued: true } | { queued: false; problem: ApiProblem };

export function WatchView({ id }: { id: string }) {
  const t = useTranslations("watch.view");
  const tests = useTranslations("tests");
  const verdicts = useTranslations("jobs.verdict");
  const format = useFormatter();
  const apiError = useApiError();
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<ApiProblem | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    const load = async (): Promise<void> => {
      const answer = await api<View>(`/api/watches/${id}`, { signal: abort.signal }).catch(() => null);
      if (!answer) return;
      if (answer.ok) {
        setView(answer.body);
        setError(null);
      } else setError(answer.error);
    };
    void load();
    const timer = setInterval(() => {
      if (!document.hidden) void load();
    }, REFRESH_MS);
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, [id, reload]);

  async function checkNow(): Promise<void> {
    const answer = await api(`/api/watches/${id}/run`, { method: "POST" });
    setNote(answer.ok ? { queued: true } : { queued: false, problem: answer.error });
    setTimeout(() => setReload((n) => n + 1), 3000);
  }

  if (error && !view) {
    return (
      <div role="alert" className="space-y-2 rounded border border-red-400 bg-red-50 p-3 text-sm">
        <p>{apiError(error)}</p>
        <TokenField />
        <button type="button" onClick={() => setReload((n) => n + 1)} className="rounded bg-blue-700 px-3 py-1 font-semibold text-white">
          {t("tryAgain")}
        </button>
      </div>
    );
  }
  if (!view) return <p className="text-sm text-slate-600">{t("loading")}</p>;
  const latest = [...view.history].reverse();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const testName = view.test === "dane" || view.test === "inbound" ? tests(`${view.test}.name`) : view.test;
  return (
    <div className="space-y-4">
      <section className="rounded-md border border-slate-300 bg-white p-4 text-sm">
        <p>
          <span className="font-mono font-semibold">{view.input}</span> · {t("schedule", { test: testName, hours: view.intervalSeconds / 3600, next: when(view.nextRunAt) })}
        </p>
        <p className="text-slate-600">{t("alerts", { certDays: view.certDays, rrsigDays: view.rrsigDays, webhook: view.webhookUrl ?? t("noWebhook") })}</p>
        <button type="button" onClick={() => void checkNow()} className="mt-2 rounded border border-blue-700 px-3 py-1 font-semibold text-blue-800 hover:bg-blue-50">
          {t("checkNow")}
        </button>
        {note && (
          <p role="status" className="mt-1">
            {note.queued ? t("queued") : apiError(note.problem)}
          </p>
        )}
      </section>
      <section className="rounded-md border border-slate-300 bg-white p-4">
        <h2 className="mb-2 font-semibold">{t("chart")}</h2>
        <VerdictChart runs={view.history} />
      </section>
      <section className="rounded-md border border-slate-300 bg-white p-4 text-sm">
        <h2 className="mb-2 font-semibold">{t("runs")}</h2>
        <table className="w-full text-left">
          <thead>
            <tr className="border-b border-slate-200">
              <th className="py-1">{t("when")}</th>
              <th>{t("verdict")}</th>
              <th>{t("changes")}</th>
            </tr>
          </thead>
          <tbody>
            {latest.map((run) => (
              <tr key={run.dueAt} className="border-b border-slate-100 align-top">
                <td className="py-1">
                  <Link href={`/r/${run.runId}`} className="text-blue-800 underline">
                    {when(run.at)}
                  </Link>
                </td>
                <td>{isJobVerdict(run.verdict) ? verdicts(run.verdict) : run.verdict}</td>
                <td>
                  {run.changes.length === 0
                    ? t("noChanges")
                    : run.changes.map((c) => (
                        <span key={`${c.kind}-${c.subject}`} className="mr-2 inline-block">
                          {isChangeKind(c.kind) ? t(`change.${c.kind}`) : c.kind}: <span className="font-mono">{c.subject}</span>
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {view.deliveries.length > 0 && (
        <section className="rounded-md border border-slate-300 bg-white p-4 text-sm">
          <h2 className="mb-2 font-semibold">{t("deliveries")}</h2>
          <ul>
            {view.deliveries.map((d) => (
              <li key={d.id}>
                {t("delivery", { at: when(d.createdAt), state: isDeliveryState(d.state) ? t(`deliveryState.${d.state}`) : d.state, attempts: d.attempts })}
                {d.lastError ? ` ${t("lastError", { error: d.lastError })}` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
