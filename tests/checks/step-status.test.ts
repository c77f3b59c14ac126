// Issue 9 §1, the step-status rule, on every lab scenario for the Inbound SMTP Email and the DNSSEC
// Validation tests (the DANE test's walk is in lab-dane.test.ts, which runs every scenario
// already): every warning or error step names a finding, no error step sits under a parent that
// did not fail, and every text renders in English without a missing key or param.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lib/lab";
import { parseRunRequest } from "../../lib/server/run-request";
import { plain, pool, runOnLab, type LabRun } from "./lab-run";
import { renderAll, stepRuleViolations } from "./step-rules";

let lab: Lab;
const runs = new Map<string, LabRun>();

beforeAll(async () => {
  lab = await startLab();
  const jobs = lab.catalog.flatMap((s) => [
    { key: `inbound ${s.name}`, test: "inbound" as const, input: plain(s.domain) },
    { key: `dnssec ${s.name}`, test: "dnssec" as const, input: plain(s.domain) },
  ]);
  jobs.push({ key: "inbound postmaster@dane-ee", test: "inbound", input: "postmaster@dane-ee.test" });
  const done = await pool(jobs, 12, async (job) => [job.key, await runOnLab(lab, job.test, job.input)] as const);
  for (const [key, run] of done) runs.set(key, run);
}, 180_000);

afterAll(async () => {
  await lab?.stop();
});

describe("one parse at the door", () => {
  // The API parses the input once (lib/server/run-request.ts) and the engine takes the parsed
  // target as it is: a text the engine would refuse shows it is not parsed a second time.
  it("runs the target the door parsed, not the text again", async () => {
    const checked = parseRunRequest(JSON.stringify({ test: "dane", input: "dane-ee.test" }));
    if (!checked.ok) throw new Error(checked.message);
    const run = await runOnLab(lab, "dane", "two@at@signs", { target: checked.request.target });
    expect(run.error).toBeNull();
    expect(run.result?.domain).toBe("dane-ee.test");
  });
});

describe("the step-status rule on every lab scenario", () => {
  it("ran inbound and dnssec on the whole catalog", () => {
    expect(runs.size).toBe(lab.catalog.length * 2 + 1);
  });

  it("names a finding on every warning or error step, and no error step under a parent that did not fail", () => {
    const violations = [...runs].flatMap(([key, run]) => stepRuleViolations(run.result?.steps ?? []).map((v) => `${key}: ${v}`));
    expect(violations).toEqual([]);
  });

  it("renders every step and finding in English", () => {
    for (const [key, run] of runs) expect(() => renderAll(run.result?.steps ?? []), key).not.toThrow();
  });
});
