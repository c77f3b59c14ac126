// The Exchange Online readiness test on the lab, over real sockets: DNS over UDP/TCP to the lab's
// signed world (microsoft., mx.microsoft., outlook.com., onmicrosoft.com.), SMTP + STARTTLS to its
// shared Exchange endpoints, HTTPS to the MTA-STS policy hosts. Every scenario that carries an
// `exchangeReadiness` expectation is run with its `exchangeExpectedMx`, and its stage, codes and
// next step are pinned; together they produce every stage and code (checked below).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scenarios, startLab, type Lab, type Scenario } from "../../lib/lab";
import { READINESS_CODES, READINESS_STAGES } from "../../lib/report/exchange-readiness-block";
import { findingSpec } from "../../lib/report/findings";
import type { ResultDocument } from "../../lib/report/schema";
import { renderFinding } from "../../lib/report/i18n/render";
import { pool } from "../checks/lab-run";
import { renderAll, stepRuleViolations } from "../checks/step-rules";
import { runTrusted } from "../policies/trusted-run";

let lab: Lab;
const results = new Map<string, ResultDocument | null>();
/** The finding that explains each readiness code (the seed's codes are EXR_<code>). */
const FINDING_OF: Record<string, string> = { DomainNotSupported: "EXR_DOMAIN_NOT_SUPPORTED", DnsNxDomain: "EXR_DNS_NXDOMAIN", DnsQueryFailed: "EXR_DNS_QUERY_FAILED" };
const pinned = (s: Scenario) => s.expect.exchangeReadiness !== undefined;

function run(scenario: Scenario): Promise<ResultDocument | null> {
  const expectedMx = scenario.exchangeExpectedMx;
  return runTrusted(lab, "exchange", scenario.domain.replace(/\.$/, ""), expectedMx !== undefined ? { expectedMx } : {});
}

beforeAll(async () => {
  lab = await startLab();
  await pool(lab.catalog.filter(pinned), 4, async (s) => results.set(s.name, await run(s)));
}, 240_000);
afterAll(async () => {
  await lab?.stop();
});

describe("the lab pins every stage and every code", () => {
  it("some scenario expects each stage", () => {
    const stages = new Set(scenarios.flatMap((s) => (s.expect.exchangeReadiness ? [s.expect.exchangeReadiness.stage] : [])));
    expect([...stages].sort()).toEqual([...READINESS_STAGES].sort());
  });
  it("some scenario expects each code", () => {
    const codes = new Set(scenarios.flatMap((s) => s.expect.exchangeReadiness?.codes ?? []));
    expect([...codes].sort()).toEqual([...READINESS_CODES].sort());
  });
});

describe.each(scenarios.filter(pinned).map((s) => [s.name, s] as const))("%s", (name, scenario) => {
  const expected = scenario.expect.exchangeReadiness!;
  it("reads the stage, the codes and the next step", () => {
    const block = results.get(name)?.exchangeReadiness;
    expect(block, "no result document").toBeDefined();
    expect({ stage: block?.stage, codes: block?.codes }).toEqual({ stage: expected.stage, codes: expected.codes });
    if (expected.nextStep) expect(block?.nextStep).toBe(expected.nextStep);
  });
  it("the readiness step names a finding with cause and action for each code, in both languages", () => {
    const result = results.get(name)!;
    const step = result.steps.find((s) => s.id === "exchange-readiness");
    expect(step).toBeDefined();
    const codes = (step?.findings ?? []).map((f) => f.code);
    for (const code of expected.codes) expect(codes).toContain(FINDING_OF[code] ?? `EXR_${code}`);
    for (const f of step?.findings ?? []) {
      expect(findingSpec(f.code), f.code).toBeDefined();
      for (const locale of ["en", "pt-PT"] as const) {
        const text = renderFinding(locale, f);
        expect(text.message).not.toMatch(/\{\w+\}/);
        if (findingSpec(f.code)?.severity !== "info") expect(text.remediation.length).toBeGreaterThan(0);
      }
    }
  });
  it("keeps the step-status rule and renders every text of the tree", () => {
    const result = results.get(name)!;
    expect(stepRuleViolations(result.steps)).toEqual([]);
    renderAll(result.steps);
  });
});

describe("verdicts along the procedure", () => {
  const of = (name: string) => results.get(name);
  it("DANE working through the new MX passes", () => {
    expect(of("exodane")?.verdict).toBe("pass");
    expect(of("exodane")?.exchangeReadiness?.newMx).toBe("exodane-test.o-v1.mx.microsoft");
  });
  it("TLSA records that match nothing fail, and name the rollback cmdlet", () => {
    expect(of("exodanefail")?.verdict).toBe("fail");
    expect(of("exodanefail")?.exchangeReadiness).toMatchObject({ nextStep: "disable-dane", cmdlet: "Disable-SmtpDaneInbound" });
  });
  it("a migration in progress is a warning, not a failure", () => {
    for (const name of ["exoadded", "exoprimary"]) expect(of(name)?.verdict, name).toBe("warning");
  });
  it("a gateway in front of Exchange Online is explained, not failed", () => {
    expect(of("exogateway")?.verdict).not.toBe("fail");
    expect(of("exogateway")?.exchangeReadiness).toMatchObject({ gateway: true, nextStep: "gateway-smarthost", cmdlet: "Enable-DnssecForVerifiedDomain" });
  });
  it("reads the MX TTL the zone sets: the RRSIG's Original TTL when the MX RRset is signed", () => {
    const ttlOf = (name: string) => results.get(name)?.exchangeReadiness;
    const configured = (name: string) => lab.catalog.find((s) => s.name === name)?.mxTtl;
    expect(configured("exoadded")).toBe(30);
    expect(ttlOf("exoadded")).toMatchObject({ mxTtl: 30, mxTtlSource: "rrsig" });
    expect(ttlOf("exoonly")?.mxTtlSource).toBe("rrsig");
    expect(ttlOf("exoonly")?.mxTtl).toBeGreaterThan(3000);
    const step = of("exoadded")?.steps.find((s) => s.id === "exchange-readiness");
    expect(step?.details).toContainEqual({ key: "exchangeReadiness.ttl", params: { ttl: 30, source: "rrsig" } });
  });
  it("an unsigned MX RRset has only the answer's TTL, and says so", () => {
    // exotenant.onmicrosoft.com: onmicrosoft.com. is unsigned (its DS denial is secure at com.).
    expect(of("exotenant")?.dnssec).toBe("insecure");
    expect(of("exotenant")?.exchangeReadiness?.mxTtlSource).toBe("answer");
    expect(of("exotenant")?.exchangeReadiness?.mxTtl).toBeGreaterThan(0);
  });
});
