// An Exchange Online readiness batch through the real job runner (embedded, SQLite) against the
// lab's exo* scenarios: each row carries the readiness stage and the cmdlet codes the single run
// gives (lib/lab/exchange-scenarios.ts), in results.json's rows and results.csv's last columns.
// A batch gives no expected MX (one DnssecMxValue per domain; the rows are plain inputs), so the
// scenarios here are ones whose outcome does not hang on it: the new MX is known by its shape.
import { describe, expect, it } from "vitest";
import { BatchRequest, createBatch, resultRows, resultsCsv } from "../../lib/jobs/batches";
import { findScenario } from "../../lib/lab";
import { trustedConfig } from "../policies/trusted-run";
import { sqliteJobsOnLab } from "./sqlite-jobs";
import { waitFor } from "./wait";

const jobs = sqliteJobsOnLab(trustedConfig);

const NAMES = ["exolegacy", "exodane", "exoinsecure", "exotenant", "dane-ee"];

describe("an Exchange Online readiness batch", () => {
  it("gives each row the stage and codes of the single run", async () => {
    const inputs = NAMES.map((n) => findScenario(n)!.domain.replace(/\.$/, ""));
    const created = await createBatch(jobs.system, BatchRequest.parse({ test: "exchange", inputs }));
    if (!created.ok) throw new Error("batch refused");
    expect(created).toMatchObject({ total: NAMES.length, refused: [] });
    await waitFor(async () => (await jobs.system.batches.progress(created.id))?.done === NAMES.length, 60_000);

    // The progress counts the finished items at each stage (the batch page shows them).
    const stages: Record<string, number> = {};
    for (const n of NAMES) stages[findScenario(n)!.expect.exchangeReadiness!.stage] = (stages[findScenario(n)!.expect.exchangeReadiness!.stage] ?? 0) + 1;
    expect((await jobs.system.batches.progress(created.id))?.stages).toEqual(stages);

    const rows = resultRows(await jobs.system.batches.items(created.id));
    const expected = NAMES.map((n) => findScenario(n)!.expect.exchangeReadiness!);
    expect(rows.map((r) => ({ stage: r.readinessStage, codes: r.readinessCodes }))).toEqual(expected.map((e) => ({ stage: e.stage, codes: e.codes })));
    expect(rows.find((r) => r.input === "exodane.test")?.verdict).toBe("pass");
    // Each row links to a stored exchange run whose block says the same.
    for (const row of rows) {
      const run = await jobs.system.runs.getRun(row.link.replace(/^\/r\//, ""));
      expect(run?.test).toBe("exchange");
      expect(run?.result?.exchangeReadiness?.stage).toBe(row.readinessStage);
    }

    const csv = resultsCsv(rows).split("\r\n");
    expect(csv[0]?.split(",").slice(-2)).toEqual(["readiness_stage", "readiness_codes"]);
    const legacy = csv.find((line) => line.startsWith("exolegacy.test,"));
    expect(legacy?.split(",").slice(-2)).toEqual(["legacy-only", "EX013"]);
    const insecure = csv.find((line) => line.startsWith("exoinsecure.test,"));
    expect(insecure?.split(",").slice(-2)).toEqual(["new-mx-only", "ED003"]);
  }, 90_000);

  it("leaves the readiness columns empty for another test", async () => {
    const created = await createBatch(jobs.system, BatchRequest.parse({ test: "dane", inputs: ["exolegacy.test"] }));
    if (!created.ok) throw new Error("batch refused");
    await waitFor(async () => (await jobs.system.batches.progress(created.id))?.done === 1, 40_000);
    const [row] = resultRows(await jobs.system.batches.items(created.id));
    expect(row).toMatchObject({ input: "exolegacy.test", readinessStage: "", readinessCodes: [] });
    expect((await jobs.system.batches.progress(created.id))?.stages).toBeUndefined();
  }, 60_000);

  it("takes no expected MX: a batch has one per domain, not one for all", () => {
    expect(BatchRequest.safeParse({ test: "exchange", inputs: ["exoonly.test"], options: { expectedMx: "exoonly-test.o-v1.mx.microsoft" } }).success).toBe(false);
  });
});
