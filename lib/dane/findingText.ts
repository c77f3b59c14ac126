// Turns a finding code and its parameters into the sentence a person reads, from the catalogue
// template, so lib/dane never spells a message of its own.
import { findingSpec } from "../report/findings";
import type { FindingParams, FindingSpec } from "../report/findings/types";
import { englishFindingMessage } from "../report/i18n/en/format";

export interface Observation {
  code: string;
  text: string;
  params: FindingParams;
}

export function observationFrom(catalogue: Readonly<Record<string, FindingSpec>>) {
  return (code: string, params: FindingParams): Observation => {
    // A missing definition is a programming error caught by the tests, not a runtime condition.
    if (!Object.hasOwn(catalogue, code) || !findingSpec(code)) throw new Error(`No finding definition for ${code}`);
    return { code, text: englishFindingMessage(code, params), params };
  };
}
