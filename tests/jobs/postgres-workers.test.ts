// The deployed topology from plain processes: one PostgreSQL, two `mailsec worker` processes
// sharing it through pg-boss, and this process as the web side that creates batches and watches.
// One worker is killed with SIGKILL while it holds jobs: its jobs are retried after their lease
// and finish on the other worker; every input ends with exactly one stored outcome whose run is a
// normal finished run. Then a watch runs through the scheduler's tick, and its webhook reaches a
// real HTTP receiver on loopback, signed, retried after a 500.
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBatch } from "../../lib/jobs/batches";
import { parseJobSettings } from "../../lib/jobs/settings";
import { openJobSystem, type JobSystem } from "../../lib/jobs/system";
import { createWatch, runWatchNow } from "../../lib/jobs/watches";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signPayload } from "../../lib/jobs/webhook";
import { startLab, type Lab } from "../../lib/lab";
import { openPostgresStore } from "../../lib/store";
import { withPostgres } from "../helpers/postgres";
import { startReceiver, type Receiver } from "./receiver";
import { waitFor } from "./wait";
import { startWorker, type WorkerProcess } from "./worker-process";

const LEASE_SECONDS = 6;
const ENV = { MAILSEC_JOB_LEASE_SECONDS: String(LEASE_SECONDS), MAILSEC_WEBHOOK_RETRY_SECONDS: "1", MAILSEC_API_TOKENS: "" };

withPostgres("batch and watch jobs over PostgreSQL", (url) => {
  let lab: Lab;
  let system: JobSystem;
  let admin: pg.Client;
  let a: WorkerProcess | undefined;
  let b: WorkerProcess | undefined;
  let receiver: Receiver | undefined;

  beforeAll(async () => {
    lab = await startLab();
    const runs = await openPostgresStore(url(), "web-instance");
    system = await openJobSystem({ runs, databaseUrl: url(), dataDir: "", settings: parseJobSettings(ENV) });
    admin = new pg.Client({ connectionString: url() });
    await admin.connect();
    const env = { ...ENV, DATABASE_URL: url() };
    [a, b] = await Promise.all([startWorker(lab, env, 4), startWorker(lab, env, 4)]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await receiver?.close();
    await admin?.end();
    await system?.close();
    await system?.runs.close();
    await lab?.stop();
  }, 60_000);

  describe("a batch shared by two workers, one killed with -9", () => {
    it("loses no job and stores no duplicate", async () => {
      if (!a || !b) throw new Error("workers did not start");
      const scenarios = lab.catalog.filter((s) => s.category === "dane");
      const inputs = Array.from({ length: 32 }, (_, i) => scenarios[i % scenarios.length]?.domain.replace(/\.$/, "") ?? "");
      const expected = new Map(scenarios.map((s) => [s.domain.replace(/\.$/, ""), s.expect.verdict]));
      const created = await createBatch(system, { test: "dane", inputs, options: {} });
      if (!created.ok) throw new Error("batch refused");

      // Kill worker A the moment it is inside a run (a stored run of A's still "running").
      const killedA = a;
      await waitFor(async () => {
        const { rows } = await admin.query("SELECT 1 FROM runs WHERE owner = $1 AND status = 'running' LIMIT 1", [killedA.instanceId]);
        return rows.length > 0;
      }, 30_000, "worker A to be inside a run");
      a.kill9();
      const { rows: cutOff } = await admin.query<{ id: string; input: string }>("SELECT id, input FROM runs WHERE owner = $1 AND status = 'running'", [a.instanceId]);
      expect(cutOff.length).toBeGreaterThan(0);

      await waitFor(async () => (await system.batches.progress(created.id))?.done === inputs.length, 45_000, "the batch to finish on worker B");
      const items = await system.batches.items(created.id);
      expect(items).toHaveLength(inputs.length);
      expect(new Set(items.map((i) => i.idx)).size).toBe(inputs.length);
      expect(items.every((i) => i.state === "done")).toBe(true);
      expect(items.map((i) => i.verdict)).toEqual(inputs.map((input) => expected.get(input)));

      // Every outcome points at its own finished run of that input; none at a run A was cut off in.
      const runIds = items.map((i) => i.runId ?? "");
      expect(new Set(runIds).size).toBe(inputs.length);
      const { rows: stored } = await admin.query<{ id: string; input: string; status: string; owner: string }>("SELECT id, input, status, owner FROM runs WHERE id = ANY($1)", [runIds]);
      expect(stored).toHaveLength(inputs.length);
      expect(stored.every((r) => r.status === "done")).toBe(true);
      const byId = new Map(stored.map((r) => [r.id, r]));
      for (const item of items) expect(byId.get(item.runId ?? "")?.input).toBe(item.input);
      const cutOffIds = new Set(cutOff.map((r) => r.id));
      expect(runIds.some((id) => cutOffIds.has(id))).toBe(false);
      // The jobs A held were retried and B finished them: B owns runs beside A's.
      expect(stored.some((r) => r.owner === b?.instanceId)).toBe(true);

      // pg-boss: every batch job completed; none failed for good.
      const { rows: jobs } = await admin.query<{ state: string; n: string }>(
        "SELECT state, COUNT(*) AS n FROM mailsec_jobs.job WHERE name = 'batch-item' GROUP BY state",
      );
      const states = Object.fromEntries(jobs.map((j) => [j.state, Number(j.n)]));
      expect(states.failed ?? 0).toBe(0);
      expect(states.completed).toBe(inputs.length);
      const retried = await admin.query<{ n: string }>("SELECT COUNT(*) AS n FROM mailsec_jobs.job WHERE name = 'batch-item' AND retry_count > 0");
      expect(Number(retried.rows[0]?.n)).toBeGreaterThanOrEqual(cutOff.length);
    }, 90_000);
  });

  describe("a watch run by the scheduler's tick", () => {
    it("sends a signed webhook on a change, retried after the receiver fails once", async () => {
      receiver = await startReceiver([500, 200]);
      const watch = await createWatch(system, { test: "dane", input: "dane-ee.test", intervalSeconds: 3600, webhookUrl: receiver.url, certDays: 36_500, rrsigDays: 3 });
      if (!watch.ok) throw new Error(watch.message);
      // The tick pg-boss's cron sends every minute, sent now.
      await system.queue.send("watch-tick", {});
      const hook = receiver;
      await waitFor(() => hook.received.length >= 2, 30_000, "the webhook and its retry");
      const [failed, delivered] = hook.received;
      if (!failed || !delivered) throw new Error("no webhook");
      expect([failed.status, delivered.status]).toEqual([500, 200]);
      expect(delivered.body).toBe(failed.body);
      expect(delivered.headers[DELIVERY_HEADER]).toBe(failed.headers[DELIVERY_HEADER]);
      const timestamp = String(delivered.headers["x-mailsec-timestamp"]);
      expect(delivered.headers[SIGNATURE_HEADER]).toBe(signPayload(watch.secret, timestamp, delivered.body));
      // Independent check of the signature with node:crypto directly.
      expect(delivered.headers[SIGNATURE_HEADER]).toBe(`sha256=${crypto.createHmac("sha256", watch.secret).update(`${timestamp}.${delivered.body}`).digest("hex")}`);
      const first = JSON.parse(delivered.body) as { changes: { kind: string; subject: string }[]; previous: unknown; run: { verdict: string } };
      expect(first.previous).toBeNull();
      expect(first.run.verdict).toBe("pass");
      expect(first.changes.map((c) => c.kind)).toEqual(["alert-raised"]);
      expect(first.changes[0]?.subject).toMatch(/^certificate-expiring:mx1\.dane-ee\.test\//);
      const stored = await system.watches.get(watch.id);
      expect(Date.parse(stored?.nextRunAt ?? "") - Date.parse(watch.nextRunAt)).toBe(3600_000);

      // The domain changes (played by pointing the watch at the lab's mismatching twin): the next run reports it.
      await admin.query("UPDATE watches SET input = 'tlsa-mismatch.test' WHERE id = $1", [watch.id]);
      expect(await runWatchNow(system, watch.id)).toBe(true);
      await waitFor(() => hook.received.length >= 3, 30_000, "the second webhook");
      const second = JSON.parse(hook.received[2]?.body ?? "{}") as { changes: { kind: string; subject: string }[]; previous: { verdict: string } };
      expect(second.previous.verdict).toBe("pass");
      expect(second.changes).toContainEqual({ kind: "verdict-changed", subject: "pass->fail" });
      expect(second.changes).toContainEqual({ kind: "finding-appeared", subject: "DANE_TLSA_MISMATCH" });
      const history = await system.watches.history(watch.id, 10);
      expect(history.map((h) => h.verdict)).toEqual(["pass", "fail"]);
      const deliveries = await system.watches.deliveries(watch.id, 10);
      expect(deliveries.map((d) => d.state)).toEqual(["delivered", "delivered"]);
    }, 60_000);
  });
});
