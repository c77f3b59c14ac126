// The one door from a stored run's data to the words a reader sees in their language: finding
// texts (what was seen, why it matters, what to change) and step titles, summaries and details,
// all rendered by lib/report/i18n. The UI never spells a finding or a step.
import { renderFinding, renderMessage } from "@/lib/report/i18n/render";
import type { Message, MessageParams } from "@/lib/report/i18n/types";
import { LEGACY_TEXT_KEY, type Detail, type Step } from "@/lib/report/schema";
import type { UiLocale } from "./i18n/locale";

export interface FindingRef {
  code: string;
  params: Readonly<MessageParams>;
}

export interface FindingText {
  code: string;
  severity: "error" | "warning" | "info";
  /** Empty when the sentence needs parameters the stored run does not carry (a version 1 run). */
  message: string;
  why: string;
  remediation: string;
  references: { label: string; url: string }[];
}

export function stepFindings(step: Step): FindingRef[] {
  return step.findings ?? [];
}

/** A rendered text that fell back (a gap in the catalogue, params missing) ends with " [key]". */
const fellBack = (text: string, key: string) => text.endsWith(`[${key}]`);

export function findingText(locale: UiLocale, finding: FindingRef): FindingText | null {
  const rendered = renderFinding(locale, finding, { strict: false });
  if (rendered.message === `[${finding.code}]`) return null;
  const clean = (text: string, field: string) => (fellBack(text, `${finding.code}.${field}`) ? text.slice(0, -(finding.code.length + field.length + 4)) : text);
  return {
    code: rendered.code,
    severity: rendered.severity,
    // Without its params (a run stored before findings carried them) the sentence cannot be filled.
    message: fellBack(rendered.message, `${finding.code}.message`) || /\{[A-Za-z0-9_]+\}/.test(rendered.message) ? "" : rendered.message,
    why: clean(rendered.why, "why"),
    remediation: clean(rendered.remediation, "remediation"),
    references: rendered.references,
  };
}

export function messageText(locale: UiLocale, message: Message): string {
  // A version 1 run's English sentence, kept as it was written.
  if (message.key === LEGACY_TEXT_KEY) return String(message.params.text ?? "");
  return renderMessage(locale, message, { strict: false });
}

export function stepTitle(locale: UiLocale, step: Step): string {
  return messageText(locale, step.title);
}

export function stepSummary(locale: UiLocale, step: Step): string {
  return step.summary ? messageText(locale, step.summary) : "";
}

export function detailText(locale: UiLocale, detail: Detail): string {
  return typeof detail === "string" ? detail : messageText(locale, detail);
}
