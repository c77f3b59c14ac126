// The "Additional details" of one step: the raw facts (each copyable, in monospace), the rule and
// the fix behind its findings, and its elapsed time.
import { findingDefinition, referenceLink } from "@/lib/report/findings";
import type { Step } from "@/lib/report/schema";
import { CopyButton } from "./CopyButton";
import { formatElapsed } from "./run-model";

function FindingExplanation({ code }: { code: string }) {
  const definition = findingDefinition(code);
  if (!definition) return <p className="text-sm">Finding {code}</p>;
  return (
    <div className="rounded border border-slate-200 bg-white p-2 text-sm" data-finding={code}>
      <p>
        <span className="font-mono text-xs text-slate-500">{code}</span>
      </p>
      {definition.why && (
        <p className="mt-1">
          <span className="font-semibold">Why it matters: </span>
          {definition.why}{" "}
          {definition.references.map((reference) => {
            const link = referenceLink(reference);
            return (
              <a key={link.url} href={link.url} className="mr-2 text-blue-700 underline" rel="noreferrer noopener" target="_blank">
                {link.label}
              </a>
            );
          })}
        </p>
      )}
      {definition.remediation && (
        <p className="mt-1">
          <span className="font-semibold">What to change: </span>
          {definition.remediation}
        </p>
      )}
    </div>
  );
}

export function StepDetails({ step, id, open }: { step: Step; id: string; open: boolean }) {
  return (
    <div id={id} className={`${open ? "block" : "hidden"} print-details mt-1 space-y-2 rounded bg-slate-50 p-2`} data-testid="step-details">
      {step.details.length > 0 && (
        <ul className="space-y-1">
          {step.details.map((line, i) => (
            <li key={i} className="flex items-start gap-2">
              <code className="min-w-0 flex-1 whitespace-pre-wrap break-all font-mono text-xs text-slate-800">{line}</code>
              <CopyButton text={line} />
            </li>
          ))}
        </ul>
      )}
      {(step.findings ?? []).map((code) => (
        <FindingExplanation key={code} code={code} />
      ))}
      <p className="text-xs text-slate-600">Elapsed time: {formatElapsed(step.elapsedMs)}</p>
    </div>
  );
}
