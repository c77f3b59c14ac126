// What each kind of job does. The same functions run under pg-boss and under the embedded runner.
// A handler that throws is retried by the queue (the store failed, the worker is shutting down);
// a run that finds a fault is a result, stored once per (batch, input) or (watch, due time).
import crypto from "node:crypto";
import type { EngineConfig, RunTest } from "../checks/engine";
import type { BatchStore } from "../store/batches";
import type { RunStore } from "../store/types";
import type { WatchStore } from "../store/watches";
import type { JobHandlers, JobQueue } from "./queue";
import { runAndStore } from "./run-and-store";
import { MAX_THROTTLED_TRIES, WEBHOOK_ATTEMPTS, type JobSettings } from "./settings";
import { errorOutcome, isThrottled, itemOutcome } from "./summary";
import { compareSignals, signalsOf } from "./watch-compare";
import { sendWebhook } from "./webhook";

export interface JobDeps {
  runs: RunStore;
  batches: BatchStore;
  watches: WatchStore;
  queue: JobQueue;
  engine: EngineConfig;
  runTest: RunTest;
  settings: JobSettings;
  now: () => Date;
}

// Watches due at once that one tick enqueues; the rest wait for the next tick.
const TICK_LIMIT = 500;
const WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_THROTTLE_DELAY_S = 3600;

export function jobHandlers(deps: JobDeps): JobHandlers {
  const { runs, batches, watches, queue } = deps;
  return {
    async "batch-item"({ batchId, idx }) {
      const item = await batches.item(batchId, idx);
      const batch = await batches.get(batchId);
      if (!item || !batch || item.state === "done") return;
      const outcome = await runAndStore(runs, deps.runTest, deps.engine, { test: batch.test, input: item.input, sendTestMessage: false, rrType: batch.options.rrType });
      if ("result" in outcome && isThrottled(outcome.result)) {
        // The destination's budget was spent by other runs: come back later instead of reporting it.
        const tries = await batches.noteThrottled(batchId, idx);
        if (tries < MAX_THROTTLED_TRIES) {
          const delay = Math.min(MAX_THROTTLE_DELAY_S, deps.settings.throttleRetrySeconds * 2 ** (tries - 1));
          await queue.send("batch-item", { batchId, idx }, { startAfterSeconds: delay });
          return;
        }
      }
      await batches.record(batchId, idx, "result" in outcome ? itemOutcome(outcome.id, outcome.result) : errorOutcome(outcome.id, outcome.failure), deps.now());
    },

    async "watch-tick"() {
      const now = deps.now();
      for (const watch of await watches.due(now, TICK_LIMIT)) {
        const dueAt = watch.nextRunAt;
        // After downtime the missed due times are not replayed one by one: the next is an interval from now.
        const following = Math.max(Date.parse(dueAt) + watch.intervalSeconds * 1000, now.getTime() + 1000);
        // Send before advancing: a crash in between re-sends the same due time, which the run
        // handler stores once; advancing first could lose it.
        await queue.send("watch-run", { watchId: watch.id, dueAt });
        await watches.advance(watch.id, dueAt, new Date(following).toISOString());
      }
    },

    async "watch-run"({ watchId, dueAt }) {
      const watch = await watches.get(watchId);
      if (!watch) return;
      const already = await watches.run(watchId, dueAt);
      if (already) {
        await resendPending(watchId, dueAt);
        return;
      }
      const outcome = await runAndStore(runs, deps.runTest, deps.engine, { test: watch.test, input: watch.input, sendTestMessage: false });
      const now = deps.now();
      const signals = signalsOf("result" in outcome ? outcome.result : null, now, watch);
      const previous = await watches.previousRun(watchId, dueAt);
      const changes = compareSignals(previous?.signals ?? null, signals);
      const run = { watchId, dueAt, runId: outcome.id, at: now.toISOString(), verdict: signals.verdict, signals, changes };
      const payload =
        changes.length > 0 && watch.webhookUrl
          ? JSON.stringify({
              type: "mailsec.watch.changed",
              watch: { id: watch.id, test: watch.test, input: watch.input },
              dueAt,
              run: { id: outcome.id, path: `/r/${outcome.id}`, verdict: signals.verdict, at: run.at },
              previous: previous ? { id: previous.runId, path: `/r/${previous.runId}`, verdict: previous.verdict, at: previous.at } : null,
              changes,
            })
          : null;
      const deliveryId = crypto.randomUUID();
      const stored = await watches.recordRun(run, payload === null ? null : { id: deliveryId, payload, createdAt: run.at });
      if (stored && payload !== null) await queue.send("webhook", { deliveryId });
    },

    async webhook({ deliveryId }) {
      const delivery = await watches.delivery(deliveryId);
      if (!delivery || delivery.state !== "pending") return;
      const watch = await watches.get(delivery.watchId);
      if (!watch?.webhookUrl) {
        await watches.noteAttempt(deliveryId, { delivered: false, error: "the watch has no webhook URL any more", final: true });
        return;
      }
      const sent = await sendWebhook(watch.webhookUrl, delivery.payload, watch.secret, deliveryId, { allowPrivate: deps.engine.allowPrivate, timeoutMs: WEBHOOK_TIMEOUT_MS });
      if (sent.ok) {
        await watches.noteAttempt(deliveryId, { delivered: true, at: deps.now() });
        return;
      }
      const final = delivery.attempts + 1 >= WEBHOOK_ATTEMPTS;
      await watches.noteAttempt(deliveryId, { delivered: false, error: sent.error, final });
      // Throwing hands the retry, with its backoff, to the queue.
      if (!final) throw new Error(`webhook ${deliveryId}: ${sent.error}`);
    },
  };

  // A watch-run retried after its run was stored (the worker died before queueing the webhook).
  async function resendPending(watchId: string, dueAt: string): Promise<void> {
    for (const delivery of await watches.deliveries(watchId, 5)) {
      if (delivery.dueAt === dueAt && delivery.state === "pending" && delivery.attempts === 0) await queue.send("webhook", { deliveryId: delivery.id });
    }
  }
}
