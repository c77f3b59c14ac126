// The lab's throttling and tarpitting MX hosts through a whole DANE run (issue 15 §6): a 421 at
// the banner or after EHLO, or a reset right after connect, is "throttled" (inconclusive, with
// the server's words), never a STARTTLS failure or 4.7.321; a 10 s greeting delay is measured
// and reported as information while the host passes (RFC 5321 §4.5.3.2.1 allows 5 minutes).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lib/lab";
import { findingDefinition } from "../../lib/report/findings";
import type { ResultDocument } from "../../lib/report/schema";
import { allSteps, resultOnLab } from "../checks/lab-run";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
}, 60_000);
afterAll(() => lab?.stop());

const findingsOf = (result: ResultDocument) => allSteps(result.steps).flatMap((s) => s.findings ?? []);

describe("RFC 5321 §4.2.5 / §3.8: a 421 or a reset is throttling, not a verdict", () => {
  for (const [name, stage] of [
    ["throttle-banner-421.test", "banner"],
    ["throttle-ehlo-421.test", "ehlo"],
    ["throttle-reset.test", null],
  ] as const) {
    it(name, async () => {
      const result = await resultOnLab(lab, "dane", name, { timeoutMs: 45_000 });
      expect(result.verdict).toBe("warning");
      expect(result.exchangeOnline).toMatchObject({ outcome: "inconclusive", code: null });
      const throttled = findingsOf(result).filter((f) => f.code === "SMTP_THROTTLED");
      expect(throttled.length).toBeGreaterThan(0);
      if (stage !== null) expect(throttled.map((f) => f.params.stage)).toContain(stage);
      const codes = findingsOf(result).map((f) => f.code);
      expect(codes).not.toContain("SMTP_STARTTLS_NOT_OFFERED");
      expect(codes).not.toContain("EXO_4_7_321");
      expect(result.mx[0]?.addresses[0]?.dane).toBe("not-applicable");
    }, 60_000);
  }
});

describe("RFC 5321 §4.5.3.2.1: a tarpitting server is measured, not failed", () => {
  it("tarpit-10s.test: pass, with SMTP_GREETING_DELAY as information", async () => {
    const result = await resultOnLab(lab, "dane", "tarpit-10s.test", { timeoutMs: 45_000 });
    expect(result.verdict).toBe("pass");
    expect(result.exchangeOnline.outcome).toBe("deliver");
    const delay = findingsOf(result).find((f) => f.code === "SMTP_GREETING_DELAY");
    expect(delay).toBeDefined();
    expect(Number(delay?.params.ms)).toBeGreaterThanOrEqual(10_000);
    expect(findingDefinition("SMTP_GREETING_DELAY")?.severity).toBe("info");
    expect(result.mx[0]?.addresses[0]?.dane).toBe("pass");
  }, 60_000);
});
