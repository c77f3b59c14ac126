import { describe, expect, it } from "vitest";
import { renderResult } from "../../bin/render";
import type { ResultDocument, Step } from "../../lib/report/schema";

const step = (over: Partial<Step>): Step => ({ id: "s", title: "Attempting to do it.", status: "success", summary: "Done.", details: [], elapsedMs: 3, children: [], ...over });

const result: ResultDocument = {
  schemaVersion: 1,
  id: "r",
  test: "dane",
  input: "postmaster@example.test",
  domain: "example.test",
  startedAt: "2026-11-28T00:00:00.000Z",
  finishedAt: "2026-11-28T00:00:01.000Z",
  verdict: "fail",
  dnssec: "secure",
  exchangeOnline: { outcome: "defer", code: "4.7.323", reason: "No MX host can be used." },
  mx: [],
  steps: [
    step({ id: "ok", details: ["quiet detail"] }),
    step({ id: "bad", status: "error", summary: "DANE failed.", details: ["loud detail"], findings: ["DANE_TLSA_MISMATCH"], children: [step({ id: "bad/child", status: "skipped", summary: "Not attempted." })] }),
  ],
};

describe("terminal rendering", () => {
  it("says the status in words, with the forecast and the failing step's why, fix and RFC link", () => {
    const text = renderResult(result, { color: false, allDetails: false });
    expect(text).toContain("[FAIL] Test failed");
    expect(text).toContain("Exchange Online: defer 4.7.323 — No MX host can be used.");
    expect(text).toContain("[ OK ] Attempting to do it.");
    expect(text).toContain("  [SKIP] Attempting to do it.");
    expect(text).toMatch(/Why: .+/);
    expect(text).toMatch(/Fix: .+/);
    expect(text).toContain("<https://www.rfc-editor.org/rfc/rfc7672#section-3.1>");
    expect(text).toContain("loud detail");
    expect(text).not.toContain("quiet detail");
    expect(text).not.toContain("\u001b[");
  });

  it("shows every detail when asked, and colours only when told to", () => {
    expect(renderResult(result, { color: false, allDetails: true })).toContain("quiet detail");
    expect(renderResult(result, { color: true, allDetails: false })).toContain("\u001b[31m[FAIL]");
  });
});
