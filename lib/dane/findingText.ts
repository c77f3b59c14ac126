// lib/dane reports what it sees as findings, `{ code, params }`, never as sentences: lib/report
// words them in the reader's language (lib/report/i18n). An observation is a finding whose code
// belongs to the area's catalogue (lib/report/findings/dane.ts, certificate.ts).
import type { FindingParams, FindingSpec } from "../report/findings/types";

export interface Observation {
  code: string;
  params: FindingParams;
}

export function observationFrom(catalogue: Readonly<Record<string, FindingSpec>>) {
  return (code: string, params: FindingParams): Observation => {
    // A code outside the area's catalogue is a programming error caught by the tests, not a runtime condition.
    if (!Object.hasOwn(catalogue, code)) throw new Error(`No finding definition for ${code}`);
    return { code, params };
  };
}
