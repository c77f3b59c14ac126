// A small run as the engine would stream it: a top-level MX step, two children finishing out of
// reading order, then the result document.
import { SCHEMA_VERSION, type ResultDocument, type RunEvent, type Step } from "../../lib/report/schema";

export function step(id: string, status: Step["status"], title = `Attempting ${id}.`): Step {
  const text = (t: string) => ({ key: "legacy.text", params: { text: t } });
  return { id, title: text(title), status, summary: text(`${id} ${status}`), details: [`detail of ${id}`], elapsedMs: 12, children: [] };
}

export const RUN_ID = "AAAAAAAAAAAAAAAAAAAAAAAA";

export const partialEvents: RunEvent[] = [
  { type: "step", step: step("mx", "running"), parentId: null, index: 0 },
  { type: "step", step: step("mx/b", "running"), parentId: "mx", index: 1 },
  { type: "step", step: step("mx/a", "running"), parentId: "mx", index: 0 },
  { type: "step", step: step("mx/b", "error"), parentId: "mx", index: 1 },
];

export function resultDocument(id: string): ResultDocument {
  const children = [step("mx/a", "success"), step("mx/b", "error")];
  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    test: "dane",
    input: "example.test",
    domain: "example.test",
    startedAt: "2026-11-28T10:00:00.000Z",
    finishedAt: "2026-11-28T10:00:02.000Z",
    verdict: "fail",
    dnssec: "secure",
    exchangeOnline: { outcome: "defer", code: "4.7.323", reason: "no TLSA record matched" },
    mx: [],
    steps: [{ ...step("mx", "error"), children }],
  };
}
