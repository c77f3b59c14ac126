// Schema version 2 (issue 10): steps carry messages and findings with params; a version 1 run
// stored before still parses, into the current shape, and renders as it was written.
// Schema version 3 (session 3) adds optional blocks only: a stored version 2 run parses and
// renders unchanged.
import { describe, expect, it } from "vitest";
import { renderResult } from "../../bin/render";
import { enFindings } from "../../lib/report/i18n/en/findings";
import { renderFinding, renderMessage } from "../../lib/report/i18n/render";
import { ResultDocument, RunEvent, SCHEMA_VERSION } from "../../lib/report/schema";
import { resultDocument, RUN_ID } from "../store/fixtures";

const v1Step = {
  id: "mx",
  title: "Attempting to retrieve DNS MX records for domain 'example.test'.",
  status: "error",
  summary: "The MX records failed DNSSEC validation: RRSIG expired.",
  details: ["Query: example.test. MX"],
  elapsedMs: 12,
  children: [{ id: "mx/a", title: "Child", status: "running", summary: "", details: [], elapsedMs: 0, children: [] }],
  findings: ["MX_BOGUS"],
};

// A stored version 1 run: the store fixture's document, with version 1 steps.
const v1Document = { ...resultDocument(RUN_ID), schemaVersion: 1, steps: [v1Step] };

describe("result document schema", () => {
  it("is version 3", () => {
    expect(SCHEMA_VERSION).toBe(3);
  });

  it("reads a version 1 run as the current version: strings become legacy messages, codes findings without params", () => {
    const doc = ResultDocument.parse(v1Document);
    expect(doc.schemaVersion).toBe(3);
    const step = doc.steps[0]!;
    expect(step.title).toEqual({ key: "legacy.text", params: { text: v1Step.title } });
    expect(step.findings).toEqual([{ code: "MX_BOGUS", params: {} }]);
    expect(step.children[0]?.summary).toBeNull();
    // Rendered as it was written, in every language, and the finding's why/fix still show.
    expect(renderMessage("en", step.title)).toBe(v1Step.title);
    expect(renderMessage("pt-PT", step.summary!)).toBe(v1Step.summary);
    // A version 1 finding has no params: its message cannot be filled, its why and fix can.
    expect(enFindings.MX_BOGUS.remediation).not.toBe("");
  });

  it("reads a version 1 step event", () => {
    const event = RunEvent.parse({ type: "step", step: { ...v1Step, children: [] }, parentId: null, index: 0 });
    expect(event.type === "step" && event.step.title.key).toBe("legacy.text");
  });

  it("keeps a version 2 step as it is", () => {
    const step = { id: "s", title: { key: "mx.title", params: { domain: "example.test" } }, status: "success", summary: null, details: ["x", { key: "detail.unanswered", params: {} }], elapsedMs: 1, children: [], findings: [{ code: "MX_INSECURE", params: { domain: "example.test" } }] };
    const doc = ResultDocument.parse({ ...v1Document, schemaVersion: 2, steps: [step] });
    expect(doc.schemaVersion).toBe(3);
    expect(doc.steps[0]).toEqual(step);
  });

  it("renders a stored version 1 and version 2 run in both languages, as a reader sees it", () => {
    const v2Step = { id: "mx", title: { key: "legacy.text", params: { text: "MX lookup" } }, status: "error", summary: null, details: [], elapsedMs: 1, children: [], findings: [{ code: "MX_BOGUS", params: { domain: "example.test" } }] };
    const v2Document = { ...v1Document, schemaVersion: 2, steps: [v2Step] };
    // Tests render strictly (a gap throws); a reader's renderer falls back, and a version 1
    // finding has no params to fill, so this renders as the app and CLI do.
    const vitest = process.env.VITEST;
    delete process.env.VITEST;
    try {
      for (const raw of [v1Document, v2Document]) {
        const doc = ResultDocument.parse(JSON.parse(JSON.stringify(raw)));
        for (const locale of ["en", "pt-PT"] as const) {
          const out = renderResult(doc, { color: false, allDetails: true, locale });
          expect(out).toContain(renderMessage(locale, doc.steps[0]!.title));
          expect(out).toContain(renderFinding(locale, { code: "MX_BOGUS", params: raw === v2Document ? { domain: "example.test" } : {} }).why);
        }
      }
      expect(renderResult(ResultDocument.parse(v2Document), { color: false, allDetails: true, locale: "pt-PT" })).toContain(renderFinding("pt-PT", v2Step.findings[0]!).message);
    } finally {
      if (vitest !== undefined) process.env.VITEST = vitest;
    }
  });

  it("refuses a version it does not know", () => {
    expect(ResultDocument.safeParse({ ...v1Document, schemaVersion: 4 }).success).toBe(false);
  });
});
