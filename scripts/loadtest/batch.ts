// `npm run loadtest -- --batch`: the deployed topology over the lab — a throwaway PostgreSQL, one
// web instance (the built app) and worker processes (`mailsec worker`) — and one batch of N DANE
// runs through POST /api/batches. Halfway through, one worker is killed with SIGKILL. Reports
// throughput, p50/p95 per job (the stored run's duration), jobs lost (inputs without an outcome,
// or with a verdict other than the lab catalog's) and duplicates (more than one outcome or run per
// input): both must be 0. Not part of npm test; everything on loopback, stopped by PID.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startLab } from "../../lib/lab";
import { startPostgres, type PostgresServer } from "../../tests/helpers/postgres-server";
import { startWorker, type WorkerProcess } from "../../tests/jobs/worker-process";
import { appEnv, freePort, ROOT, startNext, stopNext, type NextServer } from "../../tests/e2e/next-server";
import { parseCliArgs } from "../cli-args";
import { percentile } from "./measure";

const USAGE = `usage: npm run loadtest -- --batch [--domains N] [--workers N] [--concurrency N] [--no-kill]
  --domains N          inputs in the batch, lab DANE scenarios in turn (default 2000, at most 10000)
  --workers N          worker processes (default 2)
  --concurrency N      jobs per worker at once (default 8)
  --connections-per-minute N  MAILSEC_SMTP_CONNECTIONS_PER_MINUTE of the web and workers (default 10000: the lab is ours)
  --no-kill            do not kill a worker halfway
Needs a production build: run "npm run build" first.`;

const TOKEN = "loadtest-token-0123456789abcdef";
const POLL_MS = 250;
const FINISH_TIMEOUT_MS = 30 * 60_000;

async function api<T>(server: NextServer, pathname: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${pathname}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${pathname}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function batchLoadtest(): Promise<number> {
  const args = parseCliArgs(
    {
      batch: { type: "boolean" },
      domains: { type: "string", default: "2000" },
      workers: { type: "string", default: "2" },
      concurrency: { type: "string", default: "8" },
      "connections-per-minute": { type: "string", default: "10000" },
      "no-kill": { type: "boolean" },
    },
    USAGE,
  );
  if (typeof args === "number") return args;
  const domains = Number(args.domains);
  const workers = Number(args.workers);
  const concurrency = Number(args.concurrency);
  const perMinute = Number(args["connections-per-minute"]);
  const ok = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
  if (!ok(domains, 10_000) || !ok(workers, 16) || !ok(concurrency, 64) || !ok(perMinute, 10_000)) {
    console.error(`bad option value\n${USAGE}`);
    return 2;
  }
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.error('No production build in .next: run "npm run build" first.');
    return 2;
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-loadtest-batch-"));
  const lab = await startLab();
  let database: PostgresServer | null = null;
  let server: NextServer | null = null;
  const pool: WorkerProcess[] = [];
  try {
    database = await startPostgres();
    const settings = { resolver: lab.resolverString, trustAnchorFile: lab.trustAnchorFile, smtpPort: lab.smtpPort };
    const env = { ...appEnv(settings, path.join(work, "data")), DATABASE_URL: database.url, MAILSEC_API_TOKENS: TOKEN, MAILSEC_JOB_LEASE_SECONDS: "30", MAILSEC_SMTP_CONNECTIONS_PER_MINUTE: String(perMinute) };
    server = await startNext(await freePort(), env, path.join(work, "next.log"));
    const workerEnv = { DATABASE_URL: database.url, MAILSEC_JOB_LEASE_SECONDS: "30", MAILSEC_SMTP_CONNECTIONS_PER_MINUTE: String(perMinute) };
    pool.push(...(await Promise.all(Array.from({ length: workers }, () => startWorker(lab, workerEnv, concurrency, 10)))));

    const scenarios = lab.catalog.filter((s) => s.category === "dane");
    const inputs = Array.from({ length: domains }, (_, i) => scenarios[i % scenarios.length]?.domain.replace(/\.$/, "") ?? "");
    const expected = new Map(scenarios.map((s) => [s.domain.replace(/\.$/, ""), s.expect.verdict as string]));
    console.error(`… ${domains} DANE runs in one batch, ${workers} workers × ${concurrency}, web ${server.url}, ${scenarios.length} lab scenarios in turn`);

    const t0 = performance.now();
    const created = await api<{ id: string; total: number }>(server, "/api/batches", { test: "dane", inputs });
    let killedAt: number | null = null;
    let done = 0;
    const deadline = Date.now() + FINISH_TIMEOUT_MS;
    while (done < created.total) {
      if (Date.now() > deadline) throw new Error(`the batch did not finish within ${FINISH_TIMEOUT_MS / 60_000} min (${done}/${created.total})`);
      await new Promise((r) => setTimeout(r, POLL_MS));
      done = (await api<{ done: number }>(server, `/api/batches/${created.id}`)).done;
      if (killedAt === null && args["no-kill"] !== true && done >= created.total / 2 && pool[0]) {
        pool[0].kill9();
        killedAt = done;
        console.error(`… worker 1 (pid ${pool[0].child.pid}) killed with SIGKILL at ${done}/${created.total}`);
      }
    }
    const elapsedS = (performance.now() - t0) / 1000;

    const rows = await api<{ input: string; verdict: string; link: string }[]>(server, `/api/batches/${created.id}/results.json`);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const items = await client.query<{ n: string; idx: string }>("SELECT COUNT(*) AS n, COUNT(DISTINCT idx) AS idx FROM batch_items WHERE batch_id = $1 AND state = 'done'", [created.id]);
    const runIds = rows.map((r) => r.link.replace(/^\/r\//, ""));
    const runs = await client.query<{ ms: string }>(
      "SELECT EXTRACT(EPOCH FROM (finished_at::timestamptz - started_at::timestamptz)) * 1000 AS ms FROM runs WHERE id = ANY($1) AND status = 'done'",
      [runIds],
    );
    const abandoned = await client.query<{ n: string }>("SELECT COUNT(*) AS n FROM runs WHERE status IN ('running', 'interrupted')");
    const failedJobs = await client.query<{ n: string }>("SELECT COUNT(*) AS n FROM mailsec_jobs.job WHERE name = 'batch-item' AND state = 'failed'");
    const retried = await client.query<{ n: string }>("SELECT COUNT(*) AS n FROM mailsec_jobs.job WHERE name = 'batch-item' AND retry_count > 0");
    await client.end();

    const lost = rows.filter((r, i) => r.verdict !== expected.get(inputs[i] ?? "")).length + (created.total - rows.length);
    const duplicates = Number(items.rows[0]?.n) - Number(items.rows[0]?.idx) + (runIds.length - new Set(runIds).size);
    const durations = runs.rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
    const lines = [
      `batch:               ${created.total} DANE runs, ${workers} workers × ${concurrency} jobs, one web instance, PostgreSQL (pg-boss)`,
      `throughput:          ${(created.total / elapsedS).toFixed(1)} runs/s (${elapsedS.toFixed(1)} s from POST to the last outcome)`,
      `per job:             p50 ${percentile(durations, 50).toFixed(0)} ms, p95 ${percentile(durations, 95).toFixed(0)} ms (stored run duration)`,
      `worker killed -9:    ${killedAt === null ? "no" : `at ${killedAt}/${created.total}; ${retried.rows[0]?.n ?? "?"} job(s) retried after their lease, ${abandoned.rows[0]?.n ?? "?"} run(s) left cut off`}`,
      `jobs lost:           ${lost} (inputs without an outcome or with a verdict other than the catalog's); pg-boss failed jobs: ${failedJobs.rows[0]?.n ?? "?"}`,
      `duplicates:          ${duplicates} (outcomes per input beyond one, runs linked twice)`,
      `machine:             ${os.cpus().length} CPUs, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`,
    ];
    console.log(lines.join("\n"));
    return lost === 0 && duplicates === 0 ? 0 : 1;
  } finally {
    await Promise.all(pool.map((w) => w.stop()));
    if (server) await stopNext(server);
    database?.stop();
    await lab.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
