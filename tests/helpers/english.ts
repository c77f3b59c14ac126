// How an English reader sees the core's data (issue 10): the engine stores findings and messages,
// lib/report/i18n/render.ts words them; tests that read a sentence read it through here.
// Strict under vitest: a missing key or param throws.
import { renderFinding, renderMessage } from "../../lib/report/i18n/render";
import type { Message, MessageParams } from "../../lib/report/i18n/types";

type Loose = { code: string; params: Readonly<MessageParams> };

/** A finding's message in English ("" for none). */
export function said(finding: Loose | null | undefined): string {
  return finding ? renderFinding("en", finding).message : "";
}

/** A step text or detail line in English: raw evidence as it is, a message rendered. */
export function english(text: string | Message | null | undefined): string {
  if (text === null || text === undefined) return "";
  return typeof text === "string" ? text : renderMessage("en", text);
}
