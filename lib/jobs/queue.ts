// The job queue's port. Two adapters implement it with the same semantics — pg-boss over
// PostgreSQL (any number of workers on any number of machines) and a small in-process runner
// over SQLite (one machine, nothing else to run) — and the handlers (lib/jobs/handlers.ts) are
// the same code on both. A job is leased while it runs: a worker that dies (kill -9) leaves it
// active until the lease lapses, then it is retried. Retries back off exponentially.
import { z } from "zod";

export const JOB_DATA = {
  /** Run one input of a batch and store its outcome. */
  "batch-item": z.object({ batchId: z.string(), idx: z.number().int().nonnegative() }),
  /** Find the watches that are due and enqueue one watch-run each (the scheduler, every minute). */
  "watch-tick": z.object({}),
  /** Run a watch for one due time, compare with its previous run, queue a webhook on a change. */
  "watch-run": z.object({ watchId: z.string(), dueAt: z.string() }),
  /** Deliver one stored webhook; a failure is retried with backoff. */
  webhook: z.object({ deliveryId: z.string() }),
} as const;

export type JobName = keyof typeof JOB_DATA;
export const JOB_NAMES = Object.keys(JOB_DATA) as JobName[];
export type JobData<N extends JobName> = z.infer<(typeof JOB_DATA)[N]>;

export interface RetryPolicy {
  /** Attempts after the first. */
  retryLimit: number;
  /** Delay before the first retry; doubled for each further one. */
  retryDelaySeconds: number;
}

export interface SendOptions {
  startAfterSeconds?: number;
}

export type JobHandlers = { [N in JobName]: (data: JobData<N>) => Promise<void> };

export interface JobQueue {
  readonly kind: "pg-boss" | "local";
  send<N extends JobName>(name: N, data: JobData<N>, options?: SendOptions): Promise<void>;
  /** Many jobs of one kind in as few statements as the adapter allows (a batch of 10,000). */
  sendMany<N extends JobName>(name: N, data: readonly JobData<N>[]): Promise<void>;
  /** Starts taking jobs: at most `concurrency` handlers at once in this process. */
  work(handlers: JobHandlers, concurrency: number): Promise<void>;
  /** Sends `watch-tick` every minute (deduplicated across every process sharing the queue). */
  scheduleTicks(): Promise<void>;
  /** Retention: deletes jobs that failed for good before `olderThan`; returns how many. */
  expire(olderThan: Date): Promise<number>;
  /** Stops taking jobs and waits (bounded) for the running ones. */
  stop(): Promise<void>;
}

export interface QueueSettings {
  /** How long a job may stay active before it counts as abandoned and is retried. */
  leaseSeconds: number;
  retry: Record<JobName, RetryPolicy>;
  /** How often idle workers look for jobs. */
  pollSeconds: number;
  /** How often expired leases are looked for. */
  maintenanceSeconds: number;
}
