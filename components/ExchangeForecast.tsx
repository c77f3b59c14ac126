// What Exchange Online would do with mail to this domain, beside the RFC 7672 verdict.
import { useLocale, useTranslations } from "next-intl";
import { exchangeFindingCode } from "@/lib/report/exchange";
import type { ExchangeOutcome } from "@/lib/report/schema";
import { toUiLocale } from "./i18n/use-ui-locale";
import { findingText, type FindingRef } from "./report-text";

/** `finding`: the forecast step's finding, whose sentence says the reason in the reader's language. */
export function ExchangeForecast({ outcome, finding }: { outcome: ExchangeOutcome | null; finding?: FindingRef | undefined }) {
  const t = useTranslations("exchange");
  const locale = toUiLocale(useLocale());
  if (!outcome) {
    return (
      <section className="rounded-md border border-slate-300 bg-white p-3" aria-label={t("heading")}>
        <h2 className="font-semibold">{t("heading")}</h2>
        <p className="mt-1 text-sm text-slate-700">{t("pending")}</p>
      </section>
    );
  }
  const text = findingText(locale, finding ?? { code: exchangeFindingCode(outcome), params: {} });
  const remediation = text?.remediation ?? "";
  // Deliveries say through which host; deferrals why (the code and schedule are shown apart). The
  // document's own `reason` is a token (an English sentence in runs stored before issue 10): shown
  // only when no finding text exists.
  const localized = outcome.outcome === "deliver" ? text?.message : text?.why || text?.message;
  const reason = localized || outcome.reason;
  return (
    <section className="rounded-md border border-slate-300 bg-white p-3" aria-label={t("heading")} data-testid="exchange">
      <h2 className="font-semibold">{t("heading")}</h2>
      <p className="mt-1 text-base font-medium" data-outcome={outcome.outcome}>
        {t(`outcome.${outcome.outcome}`)}
        {outcome.code && (
          <>
            {" "}
            {t("with")} <span className="font-mono" data-testid="exchange-code">{outcome.code}</span>
          </>
        )}
      </p>
      {reason && <p className="mt-1 break-words text-sm">{reason}</p>}
      {outcome.outcome === "defer" && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer font-semibold">{t("retry.heading")}</summary>
          <ol className="ml-5 list-decimal">
            <li>{t("retry.first")}</li>
            <li>{t("retry.second")}</li>
            <li>{t("retry.hourly")}</li>
            <li>{t("retry.giveUp")}</li>
          </ol>
        </details>
      )}
      {remediation && (
        <p className="mt-2 break-words text-sm">
          <span className="font-semibold">{t("fix")} </span>
          {remediation}
        </p>
      )}
    </section>
  );
}
