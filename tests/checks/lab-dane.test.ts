// `dane` on every scenario of the lab catalog, compared with the catalog's expectation: verdict,
// DNSSEC status of the MX RRset, Exchange Online outcome and code, and per MX host the TLSA status
// and per address the DANE outcome.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lib/lab";
import { scenarios } from "../../lib/lab/catalog";
import { parseFinding } from "../../lib/report/findings";
import type { Step } from "../../lib/report/schema";
import { codes, english, plain, pool, runOnLab, type LabRun } from "./lab-run";
import { renderAll, stepRuleViolations } from "./step-rules";

let lab: Lab;
const runs = new Map<string, LabRun>();

beforeAll(async () => {
  lab = await startLab();
  const done = await pool(lab.catalog, 12, async (s) => [s.name, await runOnLab(lab, "dane", plain(s.domain))] as const);
  for (const [name, run] of done) runs.set(name, run);
}, 120_000);

afterAll(async () => {
  await lab?.stop();
});

describe("dane on every lab scenario", () => {
  it("covers the whole catalog", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(30);
    expect(runs.size).toBe(scenarios.length);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))("%s", (name, scenario) => {
    const run = runs.get(name);
    expect(run?.error ?? null).toBeNull();
    const result = run?.result;
    if (!result) throw new Error(`no result for ${name}`);
    const want = scenario.expect;
    const got = {
      verdict: result.verdict,
      dnssec: result.dnssec,
      exchangeOnline: { outcome: result.exchangeOnline.outcome, code: result.exchangeOnline.code },
      mx: result.mx.map((m) => ({ host: m.host, tlsa: m.tlsa.status, addresses: m.addresses.map((a) => ({ ip: a.ip, dane: a.dane })) })),
    };
    expect(got).toEqual({
      verdict: want.verdict,
      dnssec: want.dnssec,
      exchangeOnline: want.exchangeOnline,
      mx: want.mx.map((m) => ({ host: plain(m.host), tlsa: m.tlsa, addresses: m.addresses })),
    });
  });
});

describe("the run's event stream", () => {
  it("only names findings the catalogue defines, with the params their code declares", () => {
    const unknown = new Set<string>();
    const visit = (steps: readonly Step[]) => {
      for (const step of steps) {
        for (const f of step.findings ?? []) if (parseFinding(f) === null) unknown.add(`${f.code} ${JSON.stringify(f.params)}`);
        visit(step.children);
      }
    };
    for (const run of runs.values()) visit(run.result?.steps ?? []);
    expect([...unknown]).toEqual([]);
  });

  // Issue 9 §1: a step's status says what it means for the verdict.
  it("names a finding on every warning or error step and has no error step under a parent that did not fail", () => {
    const violations = [...runs].flatMap(([name, run]) => stepRuleViolations(run.result?.steps ?? []).map((v) => `${name}: ${v}`));
    expect(violations).toEqual([]);
  });

  it("renders every step and finding in English without a missing key or param", () => {
    for (const run of runs.values()) expect(() => renderAll(run.result?.steps ?? [])).not.toThrow();
  });

  it("says TLS is mandatory, not that DANE is off, for a host whose TLSA records are all unusable", () => {
    const host = runs.get("tlsa-unusable")?.result?.steps.find((s) => s.id.startsWith("mx-host:"));
    expect(english(host?.summary)).toContain("TLS is mandatory");
    expect(english(host?.summary)).not.toContain("not in force");
  });

  it("names a bogus zone in a sentence", () => {
    const zone = runs.get("bad-ds")?.result?.steps[0]?.children.find((s) => s.id === "dnssec/bad-ds.test.");
    expect(english(zone?.summary)).toMatch(/^The zone 'bad-ds\.test\.' is signed, but fails DNSSEC validation/);
  });

  it("starts with run, settles every step it started, and ends with done", () => {
    const run = runs.get("one-mx-fails");
    if (!run) throw new Error("missing run");
    expect(run.events[0]?.type).toBe("run");
    expect(run.events.at(-1)?.type).toBe("done");
    const started = new Set<string>();
    const settled = new Set<string>();
    for (const event of run.events) {
      if (event.type !== "step") continue;
      (event.step.status === "running" ? started : settled).add(event.step.id);
    }
    expect([...started].filter((id) => !settled.has(id))).toEqual([]);
    expect(settled).toContain("mx-host:mx1.one-mx-fails.test/127.0.1.33/starttls");
  });

  it("keeps the MX hosts in preference order in the tree, each a top-level step after the MX lookup", () => {
    const result = runs.get("one-mx-fails")?.result;
    expect(result?.steps.map((s) => s.id)).toEqual(["dnssec", "mx", ...(result?.mx.map((m) => `mx-host:${m.host}`) ?? []), "exchange", "rollover", "mta-sts", "tls-rpt"]);
    expect(result?.mx.map((m) => m.preference)).toEqual([...(result?.mx.map((m) => m.preference) ?? [])].sort((a, b) => a - b));
  });

  it("shows the TLSA records in presentation form and a remediation for a mismatch", () => {
    const result = runs.get("tlsa-mismatch")?.result;
    const tlsa = result?.mx[0]?.tlsa;
    expect(tlsa?.records[0]).toMatch(/^3 1 1 [0-9a-f]{64}$/);
    const dane = result?.steps.find((s) => s.id.startsWith("mx-host:"))?.children.find((c) => c.id.endsWith("/127.0.1.6"))?.children.find((c) => c.id.endsWith("/dane"));
    expect(dane?.status).toBe("error");
    expect(codes(dane)).toContain("DANE_TLSA_MISMATCH");
  });
});

describe("bounds", () => {
  function unsettled(run: LabRun): string[] {
    const open = new Set<string>();
    for (const event of run.events) {
      if (event.type !== "step") continue;
      if (event.step.status === "running") open.add(event.step.id);
      else open.delete(event.step.id);
    }
    return [...open];
  }

  it("stops a run at its timeout with an error event and no step left running", async () => {
    const started = Date.now();
    // slow-banner waits 1.5 s before its greeting: a 1 s budget cannot be met.
    const run = await runOnLab(lab, "dane", "slow-banner.test", { timeoutMs: 1000 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.result).toBeNull();
    expect(run.error).toContain("did not finish within 1 s");
    expect(unsettled(run)).toEqual([]);
  });

  it("stops a run when the caller aborts", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const run = await runOnLab(lab, "inbound", "slow-banner.test", { signal: controller.signal });
    expect(run.error).toBe("The run was cancelled.");
    expect(unsettled(run)).toEqual([]);
  });
});
