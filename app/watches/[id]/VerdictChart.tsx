// Verdicts over time, one mark per run, oldest at the left: a glance at how long a domain has been
// failing. Plain SVG; the table below the chart carries the same data as text.
import { useFormatter, useTranslations } from "next-intl";
import { isJobVerdict, JOB_VERDICTS } from "../../batches/verdicts";

const LEVEL: Record<string, number> = { pass: 0, warning: 1, fail: 2, error: 3 };
const COLOUR: Record<string, string> = { pass: "#15803d", warning: "#b45309", fail: "#b91c1c", error: "#475569" };
const ROWS = JOB_VERDICTS.filter((v) => v !== "pending");

export function VerdictChart({ runs }: { runs: { at: string; verdict: string }[] }) {
  const t = useTranslations("watch.view");
  const verdicts = useTranslations("jobs.verdict");
  const format = useFormatter();
  if (runs.length === 0) return <p className="text-sm text-slate-600">{t("noRun")}</p>;
  const width = 600;
  const rowH = 22;
  const left = 90;
  const step = runs.length > 1 ? (width - left - 10) / (runs.length - 1) : 0;
  const x = (i: number) => left + (runs.length > 1 ? i * step : (width - left) / 2);
  const y = (v: string) => 12 + (LEVEL[v] ?? 3) * rowH;
  const points = runs.map((r, i) => `${x(i)},${y(r.verdict)}`).join(" ");
  const word = (v: string) => (isJobVerdict(v) ? verdicts(v) : v);
  return (
    <svg viewBox={`0 0 ${width} ${12 + ROWS.length * rowH}`} role="img" aria-label={t("chart")} className="w-full max-w-2xl">
      {ROWS.map((row) => (
        <g key={row}>
          <text x={0} y={y(row) + 4} fontSize={12} fill="#334155">
            {verdicts(row)}
          </text>
          <line x1={left} x2={width} y1={y(row)} y2={y(row)} stroke="#e2e8f0" />
        </g>
      ))}
      <polyline points={points} fill="none" stroke="#94a3b8" strokeWidth={1.5} />
      {runs.map((r, i) => (
        <circle key={`${r.at}-${i}`} cx={x(i)} cy={y(r.verdict)} r={4} fill={COLOUR[r.verdict] ?? COLOUR.error}>
          <title>{`${format.dateTime(new Date(r.at), { dateStyle: "medium", timeStyle: "short" })}: ${word(r.verdict)}`}</title>
        </circle>
      ))}
    </svg>
  );
}
