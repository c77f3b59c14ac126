// What Exchange Online would do with mail to this domain, beside the RFC 7672 verdict.
import { EXCHANGE_RETRY_TEXT, exchangeFindingCode } from "@/lib/report/exchange";
import { findingDefinition } from "@/lib/report/findings";
import type { ExchangeOutcome } from "@/lib/report/schema";

const OUTCOME_TEXT: Record<ExchangeOutcome["outcome"], string> = {
  deliver: "Would deliver",
  defer: "Would defer",
  "no-mail": "Would not deliver",
};

export function ExchangeForecast({ outcome }: { outcome: ExchangeOutcome | null }) {
  if (!outcome) {
    return (
      <section className="rounded-md border border-slate-300 p-4" aria-label="Exchange Online forecast">
        <h2 className="font-semibold">Exchange Online</h2>
        <p className="mt-1 text-sm text-slate-600">The forecast appears when the run ends.</p>
      </section>
    );
  }
  const remediation = findingDefinition(exchangeFindingCode(outcome))?.remediation ?? "";
  // The reason ends with the retry sentence for deferrals; the schedule is listed on its own below.
  const reason = outcome.reason.replace(EXCHANGE_RETRY_TEXT, "").trim();
  return (
    <section className="rounded-md border border-slate-300 p-4" aria-label="Exchange Online forecast" data-testid="exchange">
      <h2 className="font-semibold">Exchange Online</h2>
      <p className="mt-1 text-base font-medium" data-outcome={outcome.outcome}>
        {OUTCOME_TEXT[outcome.outcome]}
        {outcome.code && (
          <>
            {" "}
            with <span className="font-mono" data-testid="exchange-code">{outcome.code}</span>
          </>
        )}
      </p>
      {reason && <p className="mt-1 text-sm">{reason}</p>}
      {outcome.outcome === "defer" && (
        <div className="mt-2 text-sm">
          <p className="font-semibold">Retry schedule</p>
          <ol className="ml-5 list-decimal">
            <li>after 15 minutes</li>
            <li>15 minutes later</li>
            <li>then every hour</li>
            <li>after 24 hours: a non-delivery report to the sender</li>
          </ol>
        </div>
      )}
      {remediation && (
        <p className="mt-2 text-sm">
          <span className="font-semibold">What to fix: </span>
          {remediation}
        </p>
      )}
    </section>
  );
}
