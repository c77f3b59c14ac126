// The summary under the verdict: one row per MX address, each cell a status icon with the fact it
// stands for, linking to the step that established it. A table on wide screens; on a phone each
// row is a card of labelled cells (one DOM, so screen readers meet one table).
import { useFormatter, useTranslations } from "next-intl";
import type { ResultDocument, Step } from "@/lib/report/schema";
import { StatusIcon } from "./StatusIcon";
import { matrixRows, type Cell, type MatrixRow } from "./summary-model";
import { stepAnchor } from "./tree-model";

type Column = Exclude<keyof MatrixRow, "key" | "host" | "preference" | "hostStepId">;

const GROUPS: { group: "address" | "dnssec" | "tls" | "certificate" | "tlsa"; columns: Column[] }[] = [
  { group: "address", columns: ["ip"] },
  { group: "dnssec", columns: ["dnssecMx", "dnssecAddress", "dnssecTlsa"] },
  { group: "tls", columns: ["starttls", "tlsVersion"] },
  { group: "certificate", columns: ["dane", "webpki", "dates"] },
  { group: "tlsa", columns: ["matched"] },
];
const COLUMNS = GROUPS.flatMap((g) => g.columns);

// A TLSA record is one long token: it may break anywhere, in a column wide enough to read it.
const CELL_EXTRA: Partial<Record<Column, string>> = { matched: "[overflow-wrap:anywhere] md:min-w-44 md:max-w-64", dates: "md:min-w-24" };

function CellView({ cell }: { cell: Cell }) {
  const t = useTranslations("summary.value");
  const format = useFormatter();
  const params = Object.fromEntries(
    Object.entries(cell.params ?? {}).map(([k, v]) => [k, v instanceof Date ? format.dateTime(v, { dateStyle: "medium" }) : v]),
  );
  const text = t(cell.value, params);
  const icon = <StatusIcon status={cell.status} label={text} />;
  return cell.stepId ? (
    <a href={stepAnchor(cell.stepId)} className="inline-block max-w-full rounded hover:underline focus-visible:outline-2 focus-visible:outline-blue-600">
      {icon}
    </a>
  ) : (
    icon
  );
}

export function SummaryMatrix({ result, steps }: { result: ResultDocument; steps: ReadonlyMap<string, Step> }) {
  const t = useTranslations("summary");
  const rows = matrixRows(result, steps);
  if (rows.length === 0) return null;
  const cellClass = "px-1.5 py-1.5 align-top max-md:flex max-md:items-start max-md:justify-between max-md:gap-3 max-md:px-0 max-md:py-0.5 max-md:before:shrink-0 max-md:before:text-xs max-md:before:text-slate-600 max-md:before:content-[attr(data-label)]";
  return (
    <section aria-labelledby="summary-heading" className="rounded-md border border-slate-300 bg-white p-3" data-testid="summary">
      <h2 id="summary-heading" className="mb-2 text-lg font-semibold">
        {t("heading")}
      </h2>
      <div className="md:overflow-x-auto">
        <table className="w-full border-collapse text-sm max-md:block">
          <thead className="max-md:sr-only">
            <tr className="border-b border-slate-300 text-left text-xs text-slate-600">
              <th scope="col" rowSpan={2} className="px-2 py-1 align-bottom">
                {t("col.host")}
              </th>
              {GROUPS.map((g) => (
                <th key={g.group} scope="colgroup" colSpan={g.columns.length} className="px-2 pt-1 font-semibold">
                  {t(`group.${g.group}`)}
                </th>
              ))}
            </tr>
            <tr className="border-b border-slate-300 text-left text-xs text-slate-600">
              {COLUMNS.map((c) => (
                <th key={c} scope="col" className="px-2 pb-1 font-normal">
                  {t(`col.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="max-md:block max-md:space-y-2">
            {rows.map((row) => (
              <tr key={row.key} className="border-b border-slate-200 last:border-0 max-md:block max-md:rounded max-md:border max-md:p-2" data-testid="summary-row" data-host={row.host}>
                <th scope="row" className="px-2 py-1.5 text-left align-top font-normal max-md:block max-md:px-0 md:min-w-40">
                  {row.hostStepId ? (
                    <a href={stepAnchor(row.hostStepId)} className="font-mono text-blue-800 underline-offset-2 hover:underline [overflow-wrap:anywhere]">
                      {row.host}
                    </a>
                  ) : (
                    <span className="font-mono [overflow-wrap:anywhere]">{row.host}</span>
                  )}
                  <span className="block text-xs text-slate-600">{t("preference", { preference: row.preference })}</span>
                </th>
                {COLUMNS.map((c) => (
                  <td key={c} className={`${cellClass} ${CELL_EXTRA[c] ?? ""}`} data-label={t(`col.${c}`)} data-cell={c} data-status={row[c].status}>
                    <CellView cell={row[c]} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
