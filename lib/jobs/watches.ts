// Creating a watch and reading its history: shared by the watches API and its page. The input
// passes the single run's door; the webhook URL is checked for form here and for its address at
// every delivery (lib/jobs/webhook.ts). The secret is chosen here and shown once, at creation.
import crypto from "node:crypto";
import { z } from "zod";
import { TestKind } from "../report/schema";
import { parseRunRequest } from "../server/run-request";
import type { WatchRun, WebhookDelivery } from "../store/watches";
import type { JobSystem } from "./system";
import { webhookUrlProblem } from "./webhook";

const HOUR_S = 3600;

export const WatchRequest = z
  .object({
    test: TestKind.refine((t) => t !== "dnssec", "a watch runs the dane or inbound test"),
    input: z.string(),
    intervalSeconds: z.number().int().min(HOUR_S, "the interval is at least one hour (3600 seconds)").max(30 * 24 * HOUR_S, "the interval is at most 30 days"),
    webhookUrl: z
      .string()
      .max(2000)
      .refine((u) => webhookUrlProblem(u) === null, { message: "must be an http:// or https:// URL without credentials" })
      .nullable()
      .default(null),
    certDays: z.number().int().min(1).max(365).default(21),
    rrsigDays: z.number().int().min(1).max(60).default(3),
  })
  .strict();
export type WatchRequest = z.infer<typeof WatchRequest>;

export type CreatedWatch = { ok: true; id: string; secret: string; nextRunAt: string } | { ok: false; message: string };

export async function createWatch(system: JobSystem, request: WatchRequest, now = new Date()): Promise<CreatedWatch> {
  const check = parseRunRequest(JSON.stringify({ test: request.test, input: request.input }));
  if (!check.ok) return { ok: false, message: check.message };
  const id = crypto.randomBytes(18).toString("base64url");
  const secret = crypto.randomBytes(32).toString("base64url");
  // The first run is due at once; the tick that finds it sets the next one an interval later.
  const nextRunAt = now.toISOString();
  await system.watches.create({
    id,
    test: request.test,
    input: check.request.input,
    intervalSeconds: request.intervalSeconds,
    webhookUrl: request.webhookUrl,
    secret,
    certDays: request.certDays,
    rrsigDays: request.rrsigDays,
    createdAt: now.toISOString(),
    nextRunAt,
  });
  return { ok: true, id, secret, nextRunAt };
}

export interface WatchView {
  id: string;
  test: TestKind;
  input: string;
  intervalSeconds: number;
  webhookUrl: string | null;
  certDays: number;
  rrsigDays: number;
  createdAt: string;
  nextRunAt: string;
  history: WatchRun[];
  deliveries: Omit<WebhookDelivery, "payload">[];
}

const HISTORY = 200;

/** The watch without its secret, with its latest runs (oldest first) and webhook deliveries. */
export async function watchView(system: JobSystem, id: string): Promise<WatchView | null> {
  const watch = await system.watches.get(id);
  if (!watch) return null;
  const { secret: _secret, ...shown } = watch;
  const deliveries = (await system.watches.deliveries(id, 50)).map(({ payload: _payload, ...d }) => d);
  return { ...shown, history: await system.watches.history(id, HISTORY), deliveries };
}

/** Queues a run of the watch now, beside its schedule (the page's "Check now"). */
export async function runWatchNow(system: JobSystem, id: string, now = new Date()): Promise<boolean> {
  if (!(await system.watches.get(id))) return false;
  await system.queue.send("watch-run", { watchId: id, dueAt: now.toISOString() });
  return true;
}
