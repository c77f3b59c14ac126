// The Exchange Online readiness test's own section: where the domain stands on Microsoft's move to
// inbound SMTP DANE with DNSSEC (the stage), the codes the cmdlets would give with their cause and
// action, the next step with its cmdlet and the wait after it, and the TTL advice. The facts are
// the result document's exchangeReadiness block; the sentences come from the readiness step's
// summary and findings, rendered by lib/report in the reader's language.
import { useLocale, useTranslations } from "next-intl";
import type { ResultDocument, Step, StepStatus } from "@/lib/report/schema";
import { toUiLocale } from "./i18n/use-ui-locale";
import { findingText, stepFindings, stepSummary } from "./report-text";
import { StatusIcon } from "./StatusIcon";
import { stepAnchor } from "./tree-model";

export const READINESS_STEP_ID = "exchange-readiness";

export function ExchangeReadiness({ result, step }: { result: ResultDocument; step: Step | undefined }) {
  const t = useTranslations("exchangeReadiness");
  const locale = toUiLocale(useLocale());
  const block = result.exchangeReadiness;
  if (!block) return null;
  const findings = (step ? stepFindings(step) : []).map((f) => findingText(locale, f)).filter((f) => f !== null);
  const status: StepStatus = step?.status ?? "info";
  const facts: [string, string][] = [
    [t("expectedMx"), block.expectedMx ?? t("none")],
    [t("newMx"), block.newMx ?? t("none")],
    [t("legacyMx"), block.legacyMx.length > 0 ? block.legacyMx.join(", ") : t("none")],
    [t("mxTtl"), block.mxTtl === null ? t("none") : t("seconds", { seconds: block.mxTtl })],
  ];
  return (
    <section aria-labelledby="readiness-heading" data-testid="exchange-readiness" data-stage={block.stage} className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="readiness-heading" className="text-lg font-semibold">
          <a href={stepAnchor(READINESS_STEP_ID)} className="hover:underline">
            {t("heading")}
          </a>
        </h2>
        <StatusIcon status={status} label={t("stages", { stage: block.stage.replaceAll("-", "_") })} />
      </div>
      <p data-testid="readiness-stage">
        <span className="font-semibold">{t("stage")}: </span>
        {t("stages", { stage: block.stage.replaceAll("-", "_") })}
      </p>
      {step && <p data-testid="readiness-summary">{stepSummary(locale, step)}</p>}
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd className="break-words font-mono [overflow-wrap:anywhere]">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="rounded border border-blue-200 bg-blue-50 p-3 text-sm" data-testid="readiness-next">
        <p className="font-semibold">{t("nextStep")}</p>
        {block.cmdlet && (
          <p className="mt-1">
            <span className="text-slate-600">{t("cmdlet")}: </span>
            <code data-testid="readiness-cmdlet" className="font-mono">
              {`${block.cmdlet} -DomainName ${result.domain}`}
            </code>
          </p>
        )}
        {block.waitSeconds !== null && block.waitSeconds !== undefined && (
          <p className="mt-1">
            <span className="text-slate-600">{t("wait")}: </span>
            {t("seconds", { seconds: block.waitSeconds })}
          </p>
        )}
        {block.ttlAdvice && (
          <p className="mt-1" data-testid="readiness-ttl">
            <span className="text-slate-600">{t("ttlAdvice")}: </span>
            {t("ttl", { advice: block.ttlAdvice.replaceAll("-", "_") })}
          </p>
        )}
        {block.gateway && <p className="mt-1">{t("gateway")}</p>}
      </div>
      <div>
        <p className="text-sm font-semibold">{t("codes")}</p>
        {block.codes.length === 0 ? (
          <p className="text-sm" data-testid="readiness-no-codes">
            {t("noCodes")}
          </p>
        ) : (
          <ul className="mt-1 flex flex-wrap gap-1" data-testid="readiness-codes">
            {block.codes.map((code) => (
              <li key={code} className="rounded border border-slate-400 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">
                {code}
              </li>
            ))}
          </ul>
        )}
      </div>
      {findings.length > 0 && (
        <ul className="space-y-2 text-sm" data-testid="readiness-findings">
          {findings.map((f, i) => (
            <li key={`${f.code}-${i}`} data-code={f.code} data-severity={f.severity} className="border-l-4 border-slate-300 pl-2 data-[severity=error]:border-red-500 data-[severity=warning]:border-amber-500">
              {f.message && <p>{f.message}</p>}
              {f.why && <p className="mt-0.5 text-slate-700">{f.why}</p>}
              {f.remediation && <p className="mt-0.5 font-medium">{f.remediation}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
