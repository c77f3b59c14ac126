// The terminal rendering of a result: the banner, the Exchange Online forecast, then the step tree.
// Status is always a word ([ OK ], [WARN], [FAIL]); colour, on a TTY only, repeats it.
import pc from "picocolors";
import { renderEnglishFinding } from "../lib/report/findings";
import { formatEnglish } from "../lib/report/i18n/en/format";
import type { ResultDocument, Step, StepStatus } from "../lib/report/schema";

export interface RenderOptions {
  color: boolean;
  /** Show "Additional details" of every step, not only of those that warn or fail. */
  allDetails: boolean;
}

const TEST_NAMES: Record<ResultDocument["test"], string> = {
  dane: "DANE Validation (including DNSSEC)",
  inbound: "Inbound SMTP Email",
  dnssec: "DNSSEC Validation",
};

const LABELS: Record<StepStatus, string> = { success: "[ OK ]", warning: "[WARN]", error: "[FAIL]", info: "[INFO]", skipped: "[SKIP]", running: "[....]" };

function paint(status: StepStatus, text: string, color: boolean): string {
  if (!color) return text;
  const c = pc.createColors(true);
  switch (status) {
    case "success":
      return c.green(text);
    case "warning":
      return c.yellow(text);
    case "error":
      return c.red(text);
    case "skipped":
      return c.dim(text);
    default:
      return c.cyan(text);
  }
}

function renderStep(step: Step, depth: number, options: RenderOptions, out: string[]): void {
  const indent = "  ".repeat(depth);
  const pad = `${indent}       `;
  out.push(`${indent}${paint(step.status, LABELS[step.status], options.color)} ${step.title}`);
  if (step.summary) out.push(`${pad}${step.summary}`);
  const troubled = step.status === "warning" || step.status === "error";
  if (troubled) {
    for (const code of step.findings ?? []) {
      const finding = renderEnglishFinding({ code, params: {} }, formatEnglish);
      if (finding.severity === "info" || finding.message.startsWith("Unknown finding")) continue;
      if (finding.why) out.push(`${pad}Why: ${finding.why}`);
      if (finding.remediation) out.push(`${pad}Fix: ${finding.remediation}`);
      if (finding.references.length > 0) out.push(`${pad}See: ${finding.references.map((r) => `${r.label} <${r.url}>`).join(", ")}`);
    }
  }
  if ((troubled || options.allDetails) && step.details.length > 0) {
    out.push(`${pad}Additional details (${step.elapsedMs} ms):`);
    for (const line of step.details) out.push(`${pad}  ${line}`);
  }
  for (const child of step.children) renderStep(child, depth + 1, options, out);
}

export function renderResult(result: ResultDocument, options: RenderOptions): string {
  const banner = result.verdict === "pass" ? "Test successful" : result.verdict === "warning" ? "Test successful with warnings" : "Test failed";
  const status: StepStatus = result.verdict === "pass" ? "success" : result.verdict === "warning" ? "warning" : "error";
  const eo = result.exchangeOnline;
  const out = [
    `${TEST_NAMES[result.test]} — ${result.domain}${result.input !== result.domain ? ` (input: ${result.input})` : ""}`,
    `${paint(status, `${LABELS[status]} ${banner}`, options.color)} (${result.test === "dnssec" ? "DNSSEC status" : "RFC 7672 verdict"}: ${result.test === "dnssec" ? result.dnssec : `${result.verdict}; DNSSEC of the MX records: ${result.dnssec}`})`,
    `Ran ${result.startedAt}${result.finishedAt ? ` to ${result.finishedAt}` : ""}`,
  ];
  if (result.test !== "dnssec") out.push(`Exchange Online: ${eo.outcome}${eo.code ? ` ${eo.code}` : ""} — ${eo.reason}`);
  out.push("");
  for (const step of result.steps) renderStep(step, 0, options, out);
  return `${out.join("\n")}\n`;
}

/** The step tree alone: what a run that stopped before its result document got done. */
export function renderSteps(steps: Step[], options: RenderOptions): string {
  const out: string[] = [];
  for (const step of steps) renderStep(step, 0, options, out);
  return out.length > 0 ? `${out.join("\n")}\n` : "";
}
