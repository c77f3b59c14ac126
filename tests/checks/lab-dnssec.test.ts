// `dnssec` on every name/type the catalog gives a DNSSEC expectation for: status and RFC 8914 code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type DnssecExpectation, type Lab } from "../../lib/lab";
import { scenarios } from "../../lib/lab/catalog";
import { findingSpec } from "../../lib/report/findings";
import { codes, english, plain, pool, runOnLab, type LabRun } from "./lab-run";

const cases = scenarios.flatMap((s) => s.dnssecExpect.map((e) => ({ scenario: s.name, ...e })));
const key = (c: DnssecExpectation) => `${plain(c.name)} ${c.type}`;

let lab: Lab;
const runs = new Map<string, LabRun>();

beforeAll(async () => {
  lab = await startLab({ withSmtp: false });
  const done = await pool(cases, 12, async (c) => [key(c), await runOnLab(lab, "dnssec", plain(c.name), { rrType: c.type })] as const);
  for (const [k, run] of done) runs.set(k, run);
}, 120_000);

afterAll(async () => {
  await lab?.stop();
});

describe("dnssec on the catalog's DNSSEC expectations", () => {
  it("has cases for secure, insecure and bogus data", () => {
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(["secure", "insecure", "bogus", "indeterminate"]));
  });

  it.each(cases.map((c) => [`${c.scenario}: ${key(c)}`, c] as const))("%s", (_label, c) => {
    const run = runs.get(key(c));
    expect(run?.error ?? null).toBeNull();
    const result = run?.result;
    if (!result) throw new Error("no result");
    expect(result.dnssec).toBe(c.status);
    expect(result.verdict).toEqual(c.status === "secure" ? expect.stringMatching(/^(pass|warning)$/) : c.status === "insecure" ? "warning" : "fail");
    const answer = result.steps.find((s) => s.id === "answer");
    // The reason is the step's first finding; its RFC 8914 code is in the catalogue's spec.
    const reason = answer?.findings?.[0];
    const ede = reason ? (findingSpec(reason.code)?.ede ?? null) : null;
    if (c.ede === null) {
      if (c.status === "secure") expect(ede).toBeNull();
    } else {
      expect(c.ede).toContain(ede);
    }
    // The chain of trust is shown zone by zone, the root first.
    const chain = result.steps.find((s) => s.id === "dnssec");
    if (c.status !== "indeterminate") expect(english(chain?.children[0]?.title)).toBe("Checking the zone '.'.");
  });
});

describe("dnssec on an MX RRset", () => {
  it("also validates each MX host's addresses", () => {
    const secure = runs.get("dane-ee.test MX")?.result;
    expect(secure?.verdict).toBe("pass");
    expect(secure?.steps.find((s) => s.id === "hosts")?.children.map((c) => [c.id, c.status])).toEqual([["hosts/mx1.dane-ee.test", "success"]]);
  });

  it("warns when the MX records are secure but a host lies in an unsigned zone", async () => {
    const run = await runOnLab(lab, "dnssec", "nsec3-optout.test");
    expect(run.result).toMatchObject({ dnssec: "secure", verdict: "warning" });
    expect(run.result?.steps.find((s) => s.id === "hosts")?.children[0]?.status).toBe("warning");
  });

  it("explains each MX host's warning by the lookup that caused it, and a deprecated algorithm by its code", async () => {
    // The AAAA lookup alone meets the NSEC3 iteration limit; the host step used to show only the A lookup's reason.
    const iterations = await runOnLab(lab, "dnssec", "nsec3-iterations.test");
    const host = iterations.result?.steps.find((s) => s.id === "hosts")?.children[0];
    expect(host?.status).toBe("warning");
    expect(codes(host)).toContain("DNSSEC_NSEC3_ITERATIONS");
    const alg7 = await runOnLab(lab, "dnssec", "alg-7.test");
    const answer = alg7.result?.steps.find((s) => s.id === "answer");
    expect(answer?.status).toBe("warning");
    expect(codes(answer)).toContain("DNSSEC_DEPRECATED_ALGORITHM");
  });
});
