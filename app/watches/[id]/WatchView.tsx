"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { api } from "../../batches/api-client";
import { TokenField } from "../../batches/TokenField";
import { VerdictChart } from "./VerdictChart";

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

const CHANGE_TEXT: Record<string, string> = {
  "verdict-changed": "verdict changed",
  "finding-appeared": "finding appeared",
  "finding-cleared": "finding cleared",
  "alert-raised": "alert raised",
  "alert-cleared": "alert cleared",
};

const REFRESH_MS = 15_000;

export function WatchView({ id }: { id: string }) {
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
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
    setNote(answer.ok ? "A run is queued; this page refreshes on its own." : answer.error);
    setTimeout(() => setReload((n) => n + 1), 3000);
  }

  if (error && !view) {
    return (
      <div role="alert" className="space-y-2 rounded border border-red-400 bg-red-50 p-3 text-sm">
        <p>{error}</p>
        <TokenField />
        <button type="button" onClick={() => setReload((n) => n + 1)} className="rounded bg-blue-700 px-3 py-1 font-semibold text-white">
          Try again
        </button>
      </div>
    );
  }
  if (!view) return <p className="text-sm text-slate-600">Loading…</p>;
  const latest = [...view.history].reverse();
  return (
    <div className="space-y-4">
      <section className="rounded-md border border-slate-300 bg-white p-4 text-sm">
        <p>
          <span className="font-mono font-semibold">{view.input}</span> · {view.test === "dane" ? "DANE Validation" : "Inbound SMTP Email"} · every{" "}
          {view.intervalSeconds / 3600} h · next run {view.nextRunAt}
        </p>
        <p className="text-slate-600">
          Alerts: certificate within {view.certDays} days, signatures within {view.rrsigDays} days · webhook {view.webhookUrl ?? "none"}
        </p>
        <button type="button" onClick={() => void checkNow()} className="mt-2 rounded border border-blue-700 px-3 py-1 font-semibold text-blue-800 hover:bg-blue-50">
          Check now
        </button>
        {note && (
          <p role="status" className="mt-1">
            {note}
          </p>
        )}
      </section>
      <section className="rounded-md border border-slate-300 bg-white p-4">
        <h2 className="mb-2 font-semibold">Verdicts over time</h2>
        <VerdictChart runs={view.history} />
      </section>
      <section className="rounded-md border border-slate-300 bg-white p-4 text-sm">
        <h2 className="mb-2 font-semibold">Runs and changes</h2>
        <table className="w-full text-left">
          <thead>
            <tr className="border-b border-slate-200">
              <th className="py-1">When</th>
              <th>Verdict</th>
              <th>Changes</th>
            </tr>
          </thead>
          <tbody>
            {latest.map((run) => (
              <tr key={run.dueAt} className="border-b border-slate-100 align-top">
                <td className="py-1">
                  <Link href={`/r/${run.runId}`} className="text-blue-800 underline">
                    {run.at}
                  </Link>
                </td>
                <td>{run.verdict}</td>
                <td>
                  {run.changes.length === 0
                    ? "none"
                    : run.changes.map((c) => (
                        <span key={`${c.kind}-${c.subject}`} className="mr-2 inline-block">
                          {CHANGE_TEXT[c.kind] ?? c.kind}: <span className="font-mono">{c.subject}</span>
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
          <h2 className="mb-2 font-semibold">Webhook deliveries</h2>
          <ul>
            {view.deliveries.map((d) => (
              <li key={d.id}>
                {d.createdAt}: {d.state} after {d.attempts} attempt(s){d.lastError ? ` (last error: ${d.lastError})` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
