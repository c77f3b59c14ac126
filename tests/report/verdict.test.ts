import { describe, expect, it } from "vitest";
import type { Step, StepStatus } from "../../lib/report/schema";
import { exitCodeForVerdict, mailVerdict, verdictFromSteps, type MailVerdictInput } from "../../lib/report/verdict";

function step(status: StepStatus, children: Step[] = []): Step {
  return { id: `s-${status}`, title: { key: "legacy.text", params: { text: "" } }, status, summary: null, details: [], elapsedMs: 0, children };
}

describe("verdict from steps", () => {
  it("passes when every step succeeded or informed", () => {
    expect(verdictFromSteps([step("success"), step("info", [step("skipped")])])).toBe("pass");
  });
  it("warns when a nested step warned", () => {
    expect(verdictFromSteps([step("success", [step("success", [step("warning")])])])).toBe("warning");
  });
  it("fails when any step failed, however deep", () => {
    expect(verdictFromSteps([step("warning"), step("success", [step("info", [step("error")])])])).toBe("fail");
  });
  it("fails when a step never finished", () => {
    expect(verdictFromSteps([step("running")])).toBe("fail");
  });
  it("maps verdicts to exit codes", () => {
    expect([exitCodeForVerdict("pass"), exitCodeForVerdict("warning"), exitCodeForVerdict("fail")]).toEqual([0, 0, 1]);
  });
});

describe("mail verdict (RFC 7672, the lab's expectation rules)", () => {
  const deliver = { outcome: "deliver", code: null, reason: "" } as const;
  const base: MailVerdictInput = { mxKind: "records", mxDnssec: "secure", exchange: deliver, hosts: [["pass"]], flagged: false };

  it("passes when every address of every host passes DANE and nothing is flagged", () => {
    expect(mailVerdict({ ...base, hosts: [["pass", "pass"], ["pass"]] })).toBe("pass");
  });
  it("warns when something is flagged though DANE passes (expired DANE-EE leaf, deprecated algorithm)", () => {
    expect(mailVerdict({ ...base, flagged: true })).toBe("warning");
  });
  it("warns when a host has no DANE or a backup fails while mail still flows", () => {
    expect(mailVerdict({ ...base, hosts: [["fail"], ["pass"]], flagged: true })).toBe("warning");
    expect(mailVerdict({ ...base, hosts: [["not-applicable"]] })).toBe("warning");
    expect(mailVerdict({ ...base, hosts: [["unusable"]] })).toBe("warning");
  });
  it("fails when Exchange Online would defer (every host fails)", () => {
    expect(mailVerdict({ ...base, hosts: [["fail"]], exchange: { outcome: "defer", code: "4.7.323", reason: "" } })).toBe("fail");
  });
  it("fails for bogus or unanswerable MX data and for a domain that does not exist", () => {
    expect(mailVerdict({ ...base, mxDnssec: "bogus", hosts: [] })).toBe("fail");
    expect(mailVerdict({ ...base, mxKind: "failed", mxDnssec: "indeterminate", hosts: [] })).toBe("fail");
    expect(mailVerdict({ ...base, mxKind: "nxdomain", hosts: [], exchange: { outcome: "no-mail", code: null, reason: "" } })).toBe("fail");
  });
  it("fails for a domain with neither MX nor address records: it receives no mail (RFC 5321 §5.1)", () => {
    expect(mailVerdict({ ...base, mxKind: "implicit", hosts: [[]], exchange: { outcome: "no-mail", code: null, reason: "" } })).toBe("fail");
  });
  it("warns for a null MX: nothing is wrong, but the domain takes no mail", () => {
    expect(mailVerdict({ ...base, mxKind: "null-mx", hosts: [], exchange: { outcome: "no-mail", code: null, reason: "" } })).toBe("warning");
  });
});
