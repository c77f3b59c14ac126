// The "Additional details" of one step: its raw facts as one copyable block (monospace; words wrap
// at spaces, only a long hex or base64 string breaks anywhere), then the rule and the fix behind
// its findings.
import { useLocale, useTranslations } from "next-intl";
import type { Step } from "@/lib/report/schema";
import { CopyButton } from "./CopyButton";
import { toUiLocale } from "./i18n/use-ui-locale";
import { detailText, findingText, stepFindings, type FindingRef } from "./report-text";

function FindingExplanation({ finding }: { finding: FindingRef }) {
  const t = useTranslations("finding");
  const text = findingText(toUiLocale(useLocale()), finding);
  if (!text) return <p className="text-sm">{t("unknown", { code: finding.code })}</p>;
  return (
    <div className="rounded border border-slate-200 bg-white p-2 text-sm" data-finding={finding.code}>
      <p>
        <span className="font-mono text-xs text-slate-600">{finding.code}</span>
      </p>
      {text.message && <p className="mt-1 break-words">{text.message}</p>}
      {text.why && (
        <p className="mt-1 break-words">
          <span className="font-semibold">{t("why")} </span>
          {text.why}{" "}
          {text.references.map((link) => (
            <a key={link.url} href={link.url} className="mr-2 text-blue-700 underline" rel="noreferrer noopener" target="_blank">
              {link.label}
            </a>
          ))}
        </p>
      )}
      {text.remediation && (
        <p className="mt-1 break-words" data-testid="finding-fix">
          <span className="font-semibold">{t("fix")} </span>
          {text.remediation}
        </p>
      )}
    </div>
  );
}

/** Whether a step has anything for "Additional details" to show. */
export function hasDetails(step: Step): boolean {
  return step.details.length > 0 || stepFindings(step).length > 0;
}

export function StepDetails({ step, id, open }: { step: Step; id: string; open: boolean }) {
  const locale = toUiLocale(useLocale());
  const block = step.details.map((detail) => detailText(locale, detail)).join("\n");
  return (
    <div id={id} className={`${open ? "block" : "hidden"} print-details mt-1 space-y-2 rounded bg-slate-50 p-2`} data-testid="step-details">
      {step.details.length > 0 && (
        <div className="flex items-start gap-2">
          <pre className="details-text min-w-0 flex-1 font-mono text-xs text-slate-800">{block}</pre>
          <CopyButton text={block} />
        </div>
      )}
      {stepFindings(step).map((finding, i) => (
        <FindingExplanation key={`${finding.code}-${i}`} finding={finding} />
      ))}
    </div>
  );
}
