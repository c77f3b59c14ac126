// The embedded job queue of a single machine: the same port as pg-boss, over the SQLite file the
// runs live in (table local_jobs), run by this process. It keeps pg-boss's semantics where they
// matter: a claimed job holds a lease; a job whose lease lapsed (the process was killed) is taken
// again when the process is back; a failed job is retried with exponential backoff up to its
// limit. Polling a local file is cheap; this is not a substitute for pg-boss across machines.
import crypto from "node:crypto";
import { JOB_DATA, type JobData, type JobHandlers, type JobName, type JobQueue, type QueueSettings, type SendOptions } from "./queue";
import type { SqlDb } from "../store/sql-db";

const TICK_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

interface JobRow {
  id: string;
  name: string;
  data: string;
  attempts: number;
  retry_limit: number;
  retry_delay_seconds: number;
}

function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOB_DATA, name);
}

export function openLocalQueue(db: SqlDb, settings: QueueSettings): JobQueue {
  const running = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let ticker: NodeJS.Timeout | null = null;
  let stopped = false;

  const insert = async (name: JobName, data: unknown, startAfterSeconds = 0): Promise<void> => {
    const retry = settings.retry[name];
    await db.run(
      "INSERT INTO local_jobs (id, name, data, state, run_after, retry_limit, retry_delay_seconds) VALUES ($1, $2, $3, 'created', $4, $5, $6)",
      [crypto.randomUUID(), name, JSON.stringify(data), new Date(Date.now() + startAfterSeconds * 1000).toISOString(), retry.retryLimit, retry.retryDelaySeconds],
    );
  };

  const claim = async (limit: number): Promise<JobRow[]> => {
    const now = new Date();
    const lease = new Date(now.getTime() + settings.leaseSeconds * 1000).toISOString();
    // An active job past its lease with attempts left is taken again; with none left, it failed.
    await db.run("UPDATE local_jobs SET state = 'failed', last_error = 'lease expired' WHERE state = 'active' AND lease_until < $1 AND attempts > retry_limit", [now.toISOString()]);
    return db.all<JobRow>(
      `UPDATE local_jobs SET state = 'active', attempts = attempts + 1, lease_until = $2
       WHERE id IN (SELECT id FROM local_jobs
                    WHERE (state = 'created' AND run_after <= $1) OR (state = 'active' AND lease_until < $1)
                    ORDER BY run_after LIMIT $3)
       RETURNING id, name, data, attempts, retry_limit, retry_delay_seconds`,
      [now.toISOString(), lease, limit],
    );
  };

  const settle = async (job: JobRow, error: unknown): Promise<void> => {
    if (error === null) {
      await db.run("DELETE FROM local_jobs WHERE id = $1", [job.id]);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (job.attempts > job.retry_limit) {
      await db.run("UPDATE local_jobs SET state = 'failed', last_error = $2 WHERE id = $1", [job.id, message.slice(0, 500)]);
      return;
    }
    const delayMs = job.retry_delay_seconds * 1000 * 2 ** (job.attempts - 1);
    await db.run("UPDATE local_jobs SET state = 'created', run_after = $2, last_error = $3 WHERE id = $1", [job.id, new Date(Date.now() + delayMs).toISOString(), message.slice(0, 500)]);
  };

  return {
    kind: "local",
    async send<N extends JobName>(name: N, data: JobData<N>, options: SendOptions = {}) {
      await insert(name, data, options.startAfterSeconds);
    },
    async sendMany<N extends JobName>(name: N, data: readonly JobData<N>[]) {
      await db.transaction(async () => {
        for (const d of data) await insert(name, d);
      });
    },
    async work(handlers: JobHandlers, concurrency: number) {
      const run = async (job: JobRow): Promise<void> => {
        let error: unknown = null;
        try {
          if (!isJobName(job.name)) throw new Error(`unknown job kind "${job.name}"`);
          const handle = handlers[job.name] as (data: unknown) => Promise<void>;
          await handle(JOB_DATA[job.name].parse(JSON.parse(job.data)));
        } catch (err) {
          error = err;
        }
        await settle(job, error).catch((err: unknown) => console.error("mailsec: settling a local job failed:", err));
      };
      // One poll at a time (so `free` is right); a finished job asks for the next poll at once.
      let polling = false;
      const schedule = (ms: number): void => {
        if (stopped) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void poll(), ms);
      };
      const poll = async (): Promise<void> => {
        timer = null;
        if (stopped || polling) return;
        polling = true;
        try {
          const free = concurrency - running.size;
          const jobs = free > 0 ? await claim(free) : [];
          for (const job of jobs) {
            const p = run(job).finally(() => {
              running.delete(p);
              if (!polling) schedule(0);
            });
            running.add(p);
          }
        } catch (err) {
          console.error("mailsec: polling the local job queue failed:", err);
        } finally {
          polling = false;
        }
        if (timer === null) schedule(settings.pollSeconds * 1000);
      };
      timer = setTimeout(() => void poll(), 0);
    },
    async scheduleTicks() {
      const tick = () => void insert("watch-tick", {}).catch((err: unknown) => console.error("mailsec: scheduling a watch tick failed:", err));
      tick();
      ticker = setInterval(tick, TICK_MS);
      ticker.unref();
    },
    async expire(olderThan: Date) {
      // A job that succeeded is deleted when it settles; one that failed for good stays for a look, until here.
      return db.run("DELETE FROM local_jobs WHERE state = 'failed' AND run_after < $1", [olderThan.toISOString()]);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (ticker) clearInterval(ticker);
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref());
      await Promise.race([Promise.allSettled([...running]).then(() => undefined), deadline]);
    },
  };
}
