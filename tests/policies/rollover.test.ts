// DANE rollover readiness (RFC 7671 §8.1, RFC 7672 §3.1.3), the cases the issue names.
import { describe, expect, it } from "vitest";
import { assessRollover, type RolloverRecord } from "../../lib/policies/rollover";

const r = (text: string, matchedDepth: number | null, usable = true): RolloverRecord => ({ text, usage: Number(text[0]), usable, matchedDepth });

describe("rollover readiness", () => {
  it("a single 3 1 1 that matches: single-record (info)", () => {
    expect(assessRollover("mx.example.", [r("3 1 1 aa", 0)])).toEqual({ rollover: "single-record", findings: [{ code: "DANE_ROLLOVER_SINGLE", params: { host: "mx.example.", count: 1 } }] });
  });
  it("3 1 1 and 3 0 1 of the same certificate: still single-record (both name today's key)", () => {
    expect(assessRollover("mx.example.", [r("3 1 1 aa", 0), r("3 0 1 bb", 0)]).rollover).toBe("single-record");
  });
  it("3 1 1 current + 3 1 1 next: ready, the next one published for a future key", () => {
    expect(assessRollover("mx.example.", [r("3 1 1 aa", 0), r("3 1 1 cc", null)])).toEqual({
      rollover: "ready",
      findings: [{ code: "DANE_ROLLOVER_FUTURE_RECORD", params: { host: "mx.example.", record: "3 1 1 cc" } }],
    });
  });
  it("3 1 1 + 2 1 1 for the issuing CA: ready", () => {
    expect(assessRollover("mx.example.", [r("3 1 1 aa", 0), r("2 1 1 dd", 1)])).toEqual({ rollover: "ready", findings: [] });
  });
  it("a single 2 1 1 for an intermediate: single-record (a new intermediate breaks it)", () => {
    expect(assessRollover("mx.example.", [r("2 1 1 dd", 1)]).rollover).toBe("single-record");
  });
  it("nothing usable, or nothing matching: not-applicable", () => {
    expect(assessRollover("mx.example.", [r("1 1 1 aa", null, false)])).toEqual({ rollover: "not-applicable", findings: [] });
    expect(assessRollover("mx.example.", [r("3 1 1 aa", null), r("3 1 1 bb", null)])).toEqual({ rollover: "not-applicable", findings: [] });
  });
});
