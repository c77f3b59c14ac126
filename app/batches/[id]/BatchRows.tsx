"use client";
// The batch's results on its page: one row per input, in the order given, each with its verdict
// and a link to its run, as the CSV and JSON downloads have them. A helpdesk with hundreds of
// domains looks for the failed ones first, so the rows can be narrowed to one verdict, and they are
// shown a hundred at a time. The rows are fetched again as items finish, less often the larger the batch.
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { ResultRow } from "@/lib/jobs/batches";
import { DnssecStatus } from "@/lib/report/schema";
import { isJobVerdict } from "../verdicts";
import { api, type ApiProblem } from "../api-client";

const PAGE_ROWS = 100;
/**
 * The least time between two fetches of the rows while the batch runs, by its size: a few rows come
 * at once, 10,000 (~2 MB of JSON) every 20 s at most; the last fetch, when every item is done, waits for nothing.
 */
const refreshGapMs = (total: number) => Math.min(20_000, total * 2);
/** Findings named in a row before "+N more": the run's own page has them all. */
const ROW_FINDINGS = 3;
/** The narrowing choices, the worst first: what a reader of a large batch looks for. */
const FILTERS = ["all", "fail", "warning", "error", "pending", "pass"] as const;
type Filter = (typeof FILTERS)[number];

const VERDICT_TONE: Record<string, string> = {
  pass: "bg-green-100 text-green-900",
  warning: "bg-amber-100 text-amber-900",
  fail: "bg-red-100 text-red-900",
  error: "bg-slate-200 text-slate-900",
  pending: "bg-slate-100 text-slate-700",
};

export function BatchRows({ id, done, total, readiness, onError }: { id: string; done: number; total: number; readiness: boolean; onError: (e: ApiProblem) => void }) {
  const t = useTranslations("batch.result.rows");
  const verdicts = useTranslations("jobs.verdict");
  const dnssec = useTranslations("verdict.dnssec");
  const stages = useTranslations("exchangeReadiness");
  const locale = useLocale();
  const [rows, setRows] = useState<ResultRow[] | null>(null);
  const [filter, setFilter] = useState<Filter>("all");
  const [shown, setShown] = useState(PAGE_ROWS);

  // What the progress poll last said, and a way to tell the fetch loop below that it moved.
  const progress = useRef({ done, total });
  const moved = useRef<(() => void) | null>(null);

  // One fetch at a time, never cut short by the next progress answer (a large batch's rows take a
  // while to arrive): when it lands, the loop fetches again if items finished in the meantime.
  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let busy = false;
    let fetchedAt = 0;
    let fetchedFor = -1;
    const maybeFetch = (): void => {
      if (busy || abort.signal.aborted) return;
      const now = progress.current;
      if (now.done === fetchedFor) return;
      const wait = now.done >= now.total ? 0 : fetchedAt + refreshGapMs(now.total) - Date.now();
      clearTimeout(timer);
      if (wait > 0) {
        timer = setTimeout(maybeFetch, wait);
        return;
      }
      busy = true;
      fetchedAt = Date.now();
      fetchedFor = now.done;
      // The error column in the page's language, not the browser's.
      api<ResultRow[]>(`/api/batches/${id}/results.json`, { signal: abort.signal, headers: { "accept-language": locale } })
        .then((answer) => {
          if (answer.ok && Array.isArray(answer.body)) setRows(answer.body);
          else if (!answer.ok) onError(answer.error);
        })
        .catch(() => undefined)
        .finally(() => {
          busy = false;
          maybeFetch();
        });
    };
    moved.current = maybeFetch;
    maybeFetch();
    return () => {
      moved.current = null;
      clearTimeout(timer);
      abort.abort();
    };
  }, [id, locale, onError]);

  useEffect(() => {
    progress.current = { done, total };
    moved.current?.();
  }, [done, total]);

  if (rows === null) return <p className="text-sm text-slate-600">{t("loading")}</p>;
  const tally = new Map<string, number>();
  for (const r of rows) tally.set(r.verdict, (tally.get(r.verdict) ?? 0) + 1);
  const count = (f: Filter) => (f === "all" ? rows.length : (tally.get(f) ?? 0));
  const matching = filter === "all" ? rows : rows.filter((r) => r.verdict === filter);
  const visible = matching.slice(0, shown);
  const word = (v: string) => (isJobVerdict(v) ? verdicts(v) : v);
  const dnssecWord = (status: string) => {
    const known = DnssecStatus.safeParse(status);
    return known.success ? dnssec(known.data) : status;
  };

  return (
    <section aria-labelledby="batch-rows-heading" className="space-y-2 rounded-md border border-slate-300 bg-white p-4 text-sm">
      <h2 id="batch-rows-heading" className="font-semibold">
        {t("heading")}
      </h2>
      <div role="group" aria-label={t("filter")} className="flex flex-wrap gap-2">
        {FILTERS.filter((f) => f === "all" || f === filter || count(f) > 0).map((f) => (
          <button
            key={f}
            type="button"
            aria-pressed={filter === f}
            onClick={() => {
              setFilter(f);
              setShown(PAGE_ROWS);
            }}
            className={`rounded border px-2 py-0.5 ${filter === f ? "border-blue-800 bg-blue-800 text-white" : "border-slate-400 text-slate-800 hover:bg-slate-50"}`}
          >
            {t("option", { label: f === "all" ? t("all") : word(f), count: count(f) })}
          </button>
        ))}
      </div>
      {matching.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left" data-testid="batch-rows">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-1 pr-3">
                  {t("input")}
                </th>
                <th scope="col" className="pr-3">
                  {t("verdict")}
                </th>
                <th scope="col" className="pr-3">
                  {t("dnssec")}
                </th>
                <th scope="col" className="pr-3">
                  {readiness ? t("stage") : t("exchange")}
                </th>
                <th scope="col" className="pr-3">
                  {t("findings")}
                </th>
                <th scope="col">{t("run")}</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((row, i) => (
                <tr key={`${i}-${row.input}`} data-verdict={row.verdict} className="border-b border-slate-100 align-top">
                  <th scope="row" className="py-1 pr-3 font-mono font-normal whitespace-nowrap">
                    {row.input}
                  </th>
                  <td className="py-1 pr-3">
                    <span className={`rounded px-1.5 py-0.5 ${VERDICT_TONE[row.verdict] ?? ""}`}>{word(row.verdict)}</span>
                  </td>
                  <td className="py-1 pr-3">{dnssecWord(row.dnssec)}</td>
                  <td className="py-1 pr-3">
                    {readiness ? (
                      <>
                        {row.readinessStage === "" ? "" : stages("stages", { stage: row.readinessStage.replaceAll("-", "_") })}
                        {row.readinessCodes.length > 0 && <span className="ml-1 font-mono">{row.readinessCodes.join(" ")}</span>}
                      </>
                    ) : (
                      <span className="font-mono">{row.exchangeCode}</span>
                    )}
                  </td>
                  <td className="py-1 pr-3 font-mono [overflow-wrap:anywhere]">
                    {row.findings.slice(0, ROW_FINDINGS).join(" ")}
                    {row.findings.length > ROW_FINDINGS && <span className="ml-1 font-sans text-slate-600">{t("moreFindings", { count: row.findings.length - ROW_FINDINGS })}</span>}
                  </td>
                  <td className="py-1">
                    {row.link !== "" ? (
                      <Link href={row.link} className="whitespace-nowrap text-blue-800 underline">
                        {t("open")}
                      </Link>
                    ) : null}
                    {row.error !== "" && <p className="text-slate-700">{row.error}</p>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {matching.length > visible.length && (
        <div className="flex items-center gap-3">
          <span className="text-slate-600">{t("shownOf", { shown: visible.length, total: matching.length })}</span>
          <button type="button" onClick={() => setShown((n) => n + PAGE_ROWS)} className="rounded border border-blue-700 px-3 py-1 font-semibold text-blue-800 hover:bg-blue-50">
            {t("more", { count: Math.min(PAGE_ROWS, matching.length - visible.length) })}
          </button>
        </div>
      )}
    </section>
  );
}
