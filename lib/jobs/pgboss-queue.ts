// The job queue over PostgreSQL: pg-boss 10 (the newest line that supports Node 20). Each job
// kind is a pg-boss queue with its retry policy and the lease as its expiration: pg-boss fails an
// active job whose expiration passed (its worker died or hung) and retries it, with backoff. Every
// process sharing the database takes part in that supervision; pg-boss runs it once per interval.
import PgBoss from "pg-boss";
import { JOB_DATA, JOB_NAMES, type JobData, type JobHandlers, type JobName, type JobQueue, type QueueSettings, type SendOptions } from "./queue";

const SCHEMA = "mailsec_jobs";
const TICK_CRON = "* * * * *";
const STOP_TIMEOUT_MS = 15_000;

export async function openPgBossQueue(connectionString: string, settings: QueueSettings): Promise<JobQueue> {
  const boss = new PgBoss({
    connectionString,
    schema: SCHEMA,
    max: 4,
    supervise: true,
    maintenanceIntervalSeconds: settings.maintenanceSeconds,
    pollingIntervalSeconds: settings.pollSeconds,
    expireInSeconds: settings.leaseSeconds,
  });
  // pg-boss reports a lost connection or a failed poll here; it retries on its own.
  boss.on("error", (err: Error) => console.error("mailsec: job queue:", err.message));
  await boss.start();
  for (const name of JOB_NAMES) {
    const retry = settings.retry[name];
    const queue = { name, retryLimit: retry.retryLimit, retryDelay: retry.retryDelaySeconds, retryBackoff: true, expireInSeconds: settings.leaseSeconds };
    // createQueue is not idempotent across a race of two processes starting: the loser updates.
    if (await boss.getQueue(name)) await boss.updateQueue(name, queue);
    else await boss.createQueue(name, queue).catch(() => boss.updateQueue(name, queue));
  }

  return {
    kind: "pg-boss",
    async send<N extends JobName>(name: N, data: JobData<N>, options: SendOptions = {}) {
      await boss.send(name, data, options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {});
    },
    async sendMany<N extends JobName>(name: N, data: readonly JobData<N>[]) {
      const CHUNK = 1000;
      for (let i = 0; i < data.length; i += CHUNK) await boss.insert(data.slice(i, i + CHUNK).map((d) => ({ name, data: d })));
    },
    async work(handlers: JobHandlers, concurrency: number) {
      for (const name of JOB_NAMES) {
        const handle = handlers[name] as (data: unknown) => Promise<void>;
        const schema = JOB_DATA[name];
        // One pg-boss worker takes one job at a time; `concurrency` of them per kind of job. Ticks
        // and webhooks are light: one each is enough.
        const workers = name === "batch-item" || name === "watch-run" ? concurrency : 1;
        for (let i = 0; i < workers; i += 1) {
          await boss.work(name, { batchSize: 1 }, async (jobs) => {
            for (const job of jobs) await handle(schema.parse(job.data));
          });
        }
      }
    },
    async scheduleTicks() {
      await boss.schedule("watch-tick", TICK_CRON, {});
    },
    async expire() {
      // pg-boss keeps its own retention: finished and failed jobs are archived and deleted by its maintenance.
      return 0;
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS });
    },
  };
}
