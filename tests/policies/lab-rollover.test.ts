// DANE rollover readiness and the policy blocks in real runs of the DANE and Inbound tests against
// the lab (DNS over UDP/TCP, SMTP + STARTTLS on loopback): the catalog's rollover scenarios, a
// single record, a mismatch, an unsigned domain.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lib/lab";
import { runTest } from "../../lib/checks";
import { RunEvent } from "../../lib/report/schema";
import { codes, runOnLab, type LabRun } from "../checks/lab-run";
import { trustedConfig } from "./trusted-run";

let lab: Lab;
const runs = new Map<string, LabRun>();
const NAMES = ["rollover-ee-ee", "rollover-ee-ta", "dane-ee", "dane-ta-spki", "tlsa-mismatch", "unsigned"];

beforeAll(async () => {
  lab = await startLab();
  for (const name of NAMES) runs.set(name, await runOnLab(lab, "dane", `${name}.test`));
  runs.set("inbound:dane-ee", await runOnLab(lab, "inbound", "dane-ee.test"));
  // The same run with the lab root as an extra trusted CA (--ca-file): the certificate step trusts it.
  const events: RunEvent[] = [];
  for await (const e of runTest({ id: "ca-file", test: "inbound", input: "dane-ee.test", sendTestMessage: false }, trustedConfig(lab))) events.push(RunEvent.parse(e));
  const last = events.at(-1);
  runs.set("inbound-ca:dane-ee", { events, result: last?.type === "done" ? last.result : null, failure: null, error: null });
}, 120_000);
afterAll(async () => {
  await lab?.stop();
});

const result = (name: string) => runs.get(name)?.result;
const step = (name: string, id: string) => result(name)?.steps.find((s) => s.id === id);

describe("rollover readiness per MX host (RFC 7671 §8.1)", () => {
  it("3 1 1 current + 3 1 1 next key: ready, the next one reported as published for a future key", () => {
    expect(result("rollover-ee-ee")?.mx.map((m) => m.rollover)).toEqual(["ready"]);
    expect(step("rollover-ee-ee", "rollover")?.findings).toEqual([{ code: "DANE_ROLLOVER_FUTURE_RECORD", params: { host: "mx1.rollover-ee-ee.test", record: expect.stringMatching(/^3 1 1 [0-9a-f]{64}$/) } }]);
    expect(step("rollover-ee-ee", "rollover")?.status).toBe("success");
  });
  it("3 1 1 + 2 1 1 for the issuing CA: ready", () => {
    expect(result("rollover-ee-ta")?.mx.map((m) => m.rollover)).toEqual(["ready"]);
    expect(codes(step("rollover-ee-ta", "rollover"))).toEqual([]);
  });
  it("a single 3 1 1, or a single 2 1 1: single-record, info, the verdict unchanged", () => {
    for (const name of ["dane-ee", "dane-ta-spki"]) {
      expect(result(name)?.mx.map((m) => m.rollover)).toEqual(["single-record"]);
      expect(step(name, "rollover")?.status).toBe("info");
      expect(codes(step(name, "rollover"))).toEqual(["DANE_ROLLOVER_SINGLE"]);
      expect(result(name)?.verdict).toBe("pass");
    }
  });
  it("a record that matches nothing today, and a domain without DNSSEC: not-applicable", () => {
    expect(result("tlsa-mismatch")?.mx.map((m) => m.rollover)).toEqual(["not-applicable"]);
    expect(result("unsigned")?.mx.every((m) => m.rollover === "not-applicable")).toBe(true);
    expect(step("unsigned", "rollover")?.status).toBe("skipped");
  });
});

describe("the policy blocks without a policy published", () => {
  it("no _mta-sts and no _smtp._tls record: absent, none, pass; the steps are info", () => {
    for (const name of ["dane-ee", "inbound:dane-ee"]) {
      expect(result(name)?.mtaSts).toEqual({ record: "absent", id: null, policy: "not-fetched", mode: null, mx: null, maxAge: null, mxCovered: null, delivery: "none", verdict: "pass" });
      expect(result(name)?.tlsRpt).toEqual({ record: "absent", rua: [], verdict: "pass" });
      expect(codes(step(name, "mta-sts"))).toEqual(["MTASTS_RECORD_ABSENT"]);
      expect(step(name, "tls-rpt")?.status).toBe("info");
    }
    // Without MTA-STS the Inbound verdict is the mail flow's (a warning: the lab CA is no WebPKI root).
    expect(result("inbound:dane-ee")?.verdict).toBe("warning");
  });
  it("--ca-file: with the lab root trusted, the certificate step finds the MX certificate WebPKI-valid", () => {
    const untrusted = result("inbound:dane-ee");
    const trusted = result("inbound-ca:dane-ee");
    expect(untrusted?.mx[0]?.addresses[0]?.certificate?.webpkiTrusted).toBe(false);
    expect(trusted?.mx[0]?.addresses[0]?.certificate?.webpkiTrusted).toBe(true);
    expect(trusted?.verdict).toBe("pass");
  });
});
