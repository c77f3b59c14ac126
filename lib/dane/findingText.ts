// Turns a finding code and its parameters into the sentence a person reads, from the catalogue
// template, so lib/dane never spells a message of its own.
import { fillTemplate } from "../report/findings";
import type { FindingDefinition, FindingParams } from "../report/findings/types";

export interface Observation {
  code: string;
  text: string;
  params: FindingParams;
}

export function observationFrom(catalogue: readonly FindingDefinition[]) {
  const byCode = new Map(catalogue.map((d) => [d.code, d]));
  return (code: string, params: FindingParams): Observation => {
    const definition = byCode.get(code);
    // A missing definition is a programming error caught by the tests, not a runtime condition.
    if (!definition) throw new Error(`No finding definition for ${code}`);
    return { code, text: fillTemplate(definition.message, params), params };
  };
}
