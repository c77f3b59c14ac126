// TEMPORARY bridge while lib/dnssec and lib/dane still carry an English `text` beside their
// findings: it goes when they return bare findings (issue 10). Everything else renders through
// lib/report/i18n/render.ts.
import { IntlMessageFormat } from "intl-messageformat";
import { isFindingCode } from "../../findings";
import type { FindingParams } from "../../findings/types";
import { enFindings } from "./findings";

export function englishFindingMessage(code: string, params: FindingParams): string {
  if (!isFindingCode(code)) return code;
  return formatEnglish(enFindings[code].message, params);
}

export function formatEnglish(source: string, params: FindingParams): string {
  return String(new IntlMessageFormat(source, "en", undefined, { ignoreTag: true }).format(params));
}
