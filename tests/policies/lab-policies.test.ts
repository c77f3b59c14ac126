// Every MTA-STS and TLS-RPT lab scenario (lib/lab/policy-scenarios.ts) through the real engine:
// DNS over UDP/TCP to the lab's signed zones, SMTP + STARTTLS to the lab's MX hosts, HTTPS to the
// lab's policy hosts, with the lab root trusted as --ca-file would. Both tests run on each domain:
// the Inbound verdict follows a broken MTA-STS deployment, the DANE verdict stays RFC 7672's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lib/lab";
import { policyExpectations, policyScenarios } from "../../lib/lab/policy-scenarios";
import type { ResultDocument } from "../../lib/report/schema";
import { codes, pool } from "../checks/lab-run";
import { runTrusted } from "./trusted-run";

let lab: Lab;
const results = new Map<string, ResultDocument | null>();

beforeAll(async () => {
  lab = await startLab();
  const jobs = policyScenarios.flatMap((s) => (["inbound", "dane"] as const).map((test) => ({ test, name: s.name })));
  await pool(jobs, 4, async ({ test, name }) => results.set(`${test}:${name}`, await runTrusted(lab, test, `${name}.test`)));
}, 180_000);
afterAll(async () => {
  await lab?.stop();
});

describe.each(policyScenarios.map((s) => s.name))("%s", (name) => {
  const expected = policyExpectations[name]!;
  it("the mtaSts and tlsRpt blocks, in both tests", () => {
    for (const test of ["inbound", "dane"]) {
      const result = results.get(`${test}:${name}`);
      expect(result?.mtaSts).toMatchObject(expected.mtaSts);
      if (expected.tlsRpt) expect(result?.tlsRpt).toMatchObject(expected.tlsRpt);
    }
  });
  it("the Inbound verdict follows MTA-STS; the DANE verdict stays RFC 7672's", () => {
    expect(results.get(`inbound:${name}`)?.verdict).toBe(expected.inbound);
    expect(results.get(`dane:${name}`)?.verdict).toBe("pass");
  });
  it("the mta-sts step names the findings behind it", () => {
    const step = results.get(`inbound:${name}`)?.steps.find((s) => s.id === "mta-sts");
    for (const code of expected.findings ?? []) expect(codes(step)).toContain(code);
    if (results.get(`inbound:${name}`)?.mtaSts?.verdict === "fail") expect(step?.status).toBe("error");
    const dane = results.get(`dane:${name}`)?.steps.find((s) => s.id === "mta-sts");
    expect(dane?.status).not.toBe("error");
  });
});
