// The single-machine default: no DATABASE_URL, so the batch's jobs run in this process over the
// SQLite file (the embedded runner), against the lab, with nothing else started. Each input's row
// matches the lab catalog's expectation, its run is a normal stored run, and an input the single-run
// door refuses is listed with the door's reason and never becomes a job.
import { describe, expect, it } from "vitest";
import type { EngineConfig } from "../../lib/checks/engine";
import { createBatch, resultRows, resultsCsv } from "../../lib/jobs/batches";
import { findScenario, type Lab } from "../../lib/lab";
import { sqliteJobsOnLab, startSqliteJobs } from "./sqlite-jobs";
import { waitFor } from "./wait";

/** The lab without its TEST root trusted, as the catalog's verdicts assume. */
const labEngine = (lab: Lab, extra: Partial<EngineConfig> = {}): EngineConfig => ({ resolvers: [lab.resolver], trustAnchors: lab.trustAnchorText, smtpPort: lab.smtpPort, allowPrivate: true, timeoutMs: 20_000, ...extra });

const jobs = sqliteJobsOnLab((lab) => labEngine(lab));

const INPUTS = ["dane-ee.test", "tlsa-mismatch.test", "not a domain!", "no-starttls.test", "expired-rrsig.test", "dane-ee.test"];

describe("a batch on the SQLite default", () => {
  it("runs every accepted input once, stores a normal run for each and refuses the bad one by the single-run door", async () => {
    const created = await createBatch(jobs.system, { test: "dane", inputs: INPUTS, options: {} });
    if (!created.ok) throw new Error("batch refused");
    expect(created.total).toBe(5);
    expect(created.refused).toHaveLength(1);
    expect(created.refused[0]).toMatchObject({ index: 2, input: "not a domain!" });
    expect(created.refused[0]?.reason).toMatch(/^input: /);

    await waitFor(async () => (await jobs.system.batches.progress(created.id))?.done === 5, 40_000);
    const progress = await jobs.system.batches.progress(created.id);
    const rows = resultRows(await jobs.system.batches.items(created.id));
    const expected = INPUTS.filter((i) => i !== "not a domain!").map((input) => {
      const scenario = findScenario(input.replace(/\.test$/, ""));
      if (!scenario) throw new Error(`no lab scenario for ${input}`);
      return { input, verdict: scenario.expect.verdict, dnssec: scenario.expect.dnssec, exchangeCode: scenario.expect.exchangeOnline.code ?? "" };
    });
    expect(rows.map((r) => ({ input: r.input, verdict: r.verdict, dnssec: r.dnssec, exchangeCode: r.exchangeCode }))).toEqual(expected);
    const counts = { pass: 0, warning: 0, fail: 0, error: 0 };
    for (const e of expected) counts[e.verdict] += 1;
    expect(progress).toEqual({ id: created.id, total: 5, done: 5, counts });

    // A failing row names the finding codes behind it; every row links to a stored, finished run.
    const mismatch = rows[1];
    expect(mismatch?.findings).toContain("DANE_TLSA_MISMATCH");
    for (const row of rows) {
      const runId = row.link.replace(/^\/r\//, "");
      const run = await jobs.system.runs.getRun(runId);
      expect(run?.status).toBe("done");
      expect(run?.input).toBe(row.input);
      expect(run?.result?.verdict).toBe(row.verdict);
    }
    const csv = resultsCsv(rows).split("\r\n");
    expect(csv[0]).toBe("input,verdict,dnssec,exchange_code,mx_count,findings,link,error,readiness_stage,readiness_codes");
    expect(csv).toHaveLength(7);
  }, 60_000);

  // The engine reports a connection the budget refused as SMTP_CONNECTION_BUDGET with an
  // inconclusive Exchange forecast; the batch must try again rather than report it.
  it("tries a throttled input again later instead of reporting it, and keeps the later result", async () => {
    // A destination budget spent by other runs, for this input's first try only.
    let refusals = 1;
    const admitConnection = async () => refusals-- <= 0;
    const throttledJobs = await startSqliteJobs(labEngine(jobs.lab, { admitConnection }), { env: { MAILSEC_THROTTLE_RETRY_SECONDS: "1" }, concurrency: 1 });
    const throttled = throttledJobs.system;
    try {
      const created = await createBatch(throttled, { test: "dane", inputs: ["dane-ee.test"], options: {} });
      if (!created.ok) throw new Error("batch refused");
      await waitFor(async () => (await throttled.batches.progress(created.id))?.done === 1, 20_000, "the throttled item to finish");
      const [item] = await throttled.batches.items(created.id);
      expect(item).toMatchObject({ state: "done", verdict: "pass", throttled: 1 });
    } finally {
      await throttledJobs.close();
    }
  }, 40_000);
});
