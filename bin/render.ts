// The terminal rendering of a result: the banner, the Exchange Online forecast, then the step tree,
// in the reader's language (lib/report/i18n/render.ts renders every title, summary and finding).
// Status is always a bracketed token ([ OK ], [WARN], [FAIL]) in every language, so scripts and
// people can scan for it; colour, on a TTY only, repeats it.
import pc from "picocolors";
import type { CliKey } from "../lib/report/i18n/en/cli";
import { renderFinding, renderMessage, type Locale } from "../lib/report/i18n/render";
import type { Message, MessageParams } from "../lib/report/i18n/types";
import type { Detail, ResultDocument, RunFailure, Step, StepStatus } from "../lib/report/schema";

export interface RenderOptions {
  color: boolean;
  /** Show "Additional details" of every step, not only of those that warn or fail. */
  allDetails: boolean;
  /** The reader's language (default English). */
  locale?: Locale;
}

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

/** One of the terminal's own lines (lib/report/i18n/{en,pt-PT}/cli.ts). */
function line(locale: Locale, key: CliKey, params: MessageParams = {}): string {
  return renderMessage(locale, { key, params });
}

function detailText(locale: Locale, detail: Detail): string {
  return typeof detail === "string" ? detail : renderMessage(locale, detail);
}

function renderStep(step: Step, depth: number, options: RenderOptions, out: string[]): void {
  const locale = options.locale ?? "en";
  const indent = "  ".repeat(depth);
  const pad = `${indent}       `;
  out.push(`${indent}${paint(step.status, LABELS[step.status], options.color)} ${renderMessage(locale, step.title)}`);
  const summary = step.summary ? renderMessage(locale, step.summary) : "";
  if (summary) out.push(`${pad}${summary}`);
  const troubled = step.status === "warning" || step.status === "error";
  if (troubled) {
    for (const stored of step.findings ?? []) {
      const finding = renderFinding(locale, stored);
      if (finding.severity === "info") continue;
      // The summary often is the finding's message already; say it once.
      if (finding.message && finding.message !== summary) out.push(`${pad}${finding.message}`);
      if (finding.why) out.push(`${pad}${line(locale, "cli.why", { text: finding.why })}`);
      if (finding.remediation) out.push(`${pad}${line(locale, "cli.fix", { text: finding.remediation })}`);
      if (finding.references.length > 0) out.push(`${pad}${line(locale, "cli.see", { links: finding.references.map((r) => `${r.label} <${r.url}>`).join(", ") })}`);
    }
  }
  if ((troubled || options.allDetails) && step.details.length > 0) {
    out.push(`${pad}${line(locale, "cli.details", { ms: step.elapsedMs })}`);
    for (const detail of step.details) out.push(`${pad}  ${detailText(locale, detail)}`);
  }
  for (const child of step.children) renderStep(child, depth + 1, options, out);
}

export function renderResult(result: ResultDocument, options: RenderOptions): string {
  const locale = options.locale ?? "en";
  const status: StepStatus = result.verdict === "pass" ? "success" : result.verdict === "warning" ? "warning" : "error";
  const eo = result.exchangeOnline;
  const test = line(locale, `cli.test.${result.test}`);
  const verdict = result.test === "dnssec" ? line(locale, "cli.dnssecLine", { dnssec: result.dnssec }) : line(locale, "cli.verdictLine", { verdict: result.verdict, dnssec: result.dnssec });
  const out = [
    result.input !== result.domain ? line(locale, "cli.headingWithInput", { test, domain: result.domain, input: result.input }) : line(locale, "cli.heading", { test, domain: result.domain }),
    `${paint(status, `${LABELS[status]} ${line(locale, "cli.banner", { verdict: result.verdict })}`, options.color)} (${verdict})`,
    result.finishedAt ? line(locale, "cli.ranTo", { startedAt: result.startedAt, finishedAt: result.finishedAt }) : line(locale, "cli.ran", { startedAt: result.startedAt }),
  ];
  if (result.test !== "dnssec") {
    // The forecast step's finding says the reason in the reader's language (the UI reads it the
    // same way); eo.reason is the English sentence of the same, for documents without that step.
    const finding = result.steps.find((s) => s.id === "exchange")?.findings?.[0];
    const text = finding ? renderFinding(locale, finding) : null;
    const reason = (eo.outcome === "deliver" ? text?.message : text?.why || text?.message) || eo.reason;
    out.push(`${line(locale, "cli.exchange", { outcome: eo.outcome })}${eo.code ? ` ${eo.code}` : ""} — ${reason}`);
    if (eo.outcome === "defer") out.push(line(locale, "cli.retry"));
  }
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

/** The live progress line on a terminal: how many steps are done and the last one's title. */
export function progressLine(done: number, title: Message, locale: Locale): string {
  return line(locale, "cli.progress", { count: done, title: renderMessage(locale, title).slice(0, 60).padEnd(60) });
}

/** Why the test could not run (the error event's failure), as the line on stderr. */
export function failureLine(failure: RunFailure, locale: Locale): string {
  return line(locale, "cli.couldNotRun", { reason: renderMessage(locale, failure) });
}
