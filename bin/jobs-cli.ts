// `mailsec worker` and `mailsec batch FILE`: the job queue from the command line. Both read the
// store and queue settings from the environment as the web server does (DATABASE_URL: PostgreSQL
// and pg-boss, shared with every web instance and worker; unset: the SQLite file under
// MAILSEC_DATA_DIR and the embedded runner), and the engine's settings from the same options as a
// single run. bin/mailsec.ts loads this file only for these two commands.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { runTest, type EngineConfig } from "../lib/checks";
import { admitThrough, openDestinationBudget } from "../lib/jobs/budget";
import { createBatch, inputsFromText, resultRows, resultsCsv, MAX_BATCH_INPUTS } from "../lib/jobs/batches";
import { parseJobSettings } from "../lib/jobs/settings";
import { openJobSystem, startWorking, type JobSystem } from "../lib/jobs/system";
import { LOCALES, localeFromEnvironment } from "../lib/report/i18n/locales";
import { renderMessage } from "../lib/report/i18n/render";
import { TestKind } from "../lib/report/schema";
import { openRunStore, type RunStore } from "../lib/store";
import { describeIssues, ENGINE_ARGS, ENGINE_OPTION_NAMES, engineConfigFrom, engineOptionFields, engineOptionInput, UsageError } from "./engine-options";

const HEARTBEAT_MS = 10_000;
const STALE_MS = 3 * HEARTBEAT_MS;
const PROGRESS_MS = 500;

// The engine's flags are the single run's (bin/engine-options.ts); beside them the queue's own.
const Options = z.object({
  concurrency: z.coerce.number().int().min(1).max(256).optional(),
  test: TestKind.default("dane"),
  ...engineOptionFields(z),
  json: z.boolean().default(false),
  // The language of the refusals and the results' error column; from LC_ALL/LC_MESSAGES/LANG when absent.
  lang: z.enum(LOCALES, { error: `must be one of ${LOCALES.join(", ")}` }).optional(),
});
type Options = z.infer<typeof Options>;

const NAMES = new Map<PropertyKey, string>([...ENGINE_OPTION_NAMES, ["concurrency", "--concurrency"], ["test", "--test"], ["lang", "--lang"]]);

function parse(argv: string[]): { command: "worker" | "batch"; file: string | null; options: Options } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        concurrency: { type: "string" },
        test: { type: "string" },
        ...ENGINE_ARGS,
        json: { type: "boolean" },
        lang: { type: "string" },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const [command, ...rest] = parsed.positionals;
  if (command !== "worker" && command !== "batch") throw new UsageError("expected worker or batch");
  if (command === "worker" && rest.length !== 0) throw new UsageError("worker takes no arguments");
  if (command === "batch" && rest.length !== 1) throw new UsageError("batch takes one FILE");
  const v = parsed.values;
  const result = Options.safeParse({
    concurrency: v.concurrency,
    test: v.test,
    ...engineOptionInput(v),
    json: v.json,
    lang: v.lang,
  });
  if (!result.success) throw new UsageError(describeIssues(result.error.issues, NAMES));
  return { command, file: rest[0] ?? null, options: result.data };
}

/** The run store with its heartbeat, as the web server keeps one: runs a dead worker left are marked interrupted by the others. */
async function openStore(databaseUrl: string | null, dataDir: string): Promise<{ runs: RunStore; instanceId: string; stop: () => void }> {
  const instanceId = crypto.randomUUID();
  const runs = await openRunStore({ databaseUrl, dataDir, instanceId });
  await runs.heartbeat(new Date());
  const timer = setInterval(() => {
    const at = new Date();
    runs.heartbeat(at).catch((err: unknown) => console.error("mailsec: heartbeat failed:", err));
    if (databaseUrl) runs.markInterrupted(at, new Date(at.getTime() - STALE_MS)).catch(() => undefined);
  }, HEARTBEAT_MS);
  timer.unref();
  return { runs, instanceId, stop: () => clearInterval(timer) };
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
}

async function runBatch(system: JobSystem, file: string, options: Options): Promise<number> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const inputs = inputsFromText(text);
  if (inputs.length === 0) throw new UsageError(`${file} has no inputs`);
  if (inputs.length > MAX_BATCH_INPUTS) throw new UsageError(`${file} has ${inputs.length} inputs; a batch takes at most ${MAX_BATCH_INPUTS}`);
  const created = await createBatch(system, { test: options.test, inputs, options: {} });
  const locale = options.lang ?? localeFromEnvironment(process.env);
  for (const r of created.refused) {
    const problem = r.problem ? renderMessage(locale, r.problem) : r.reason;
    process.stderr.write(`${renderMessage(locale, { key: "cli.batchRefused", params: { n: r.index + 1, input: r.input, problem } })}\n`);
  }
  if (!created.ok) return 2;
  process.stderr.write(`mailsec: batch ${created.id}: ${created.total} input(s)\n`);
  // Bounded: every item gets its run timeout and lease several times over before we give up.
  const deadline = Date.now() + (created.total * (options.timeout + system.settings.leaseSeconds) * 1000) / (options.concurrency ?? system.settings.concurrency) + 10 * system.settings.leaseSeconds * 1000;
  for (;;) {
    const progress = await system.batches.progress(created.id);
    if (!progress) return 2;
    if (process.stderr.isTTY) process.stderr.write(`\r${progress.done}/${progress.total} done`);
    if (progress.done >= progress.total) break;
    if (Date.now() > deadline) {
      process.stderr.write(`\nmailsec: batch ${created.id} did not finish in time (${progress.done}/${progress.total})\n`);
      return 2;
    }
    await new Promise((r) => setTimeout(r, PROGRESS_MS));
  }
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  const rows = resultRows(await system.batches.items(created.id), locale);
  process.stdout.write(options.json ? `${JSON.stringify(rows, null, 2)}\n` : resultsCsv(rows));
  return rows.some((r) => r.verdict === "fail" || r.verdict === "error") ? 1 : 0;
}

export async function jobsCommand(argv: string[], usage: string): Promise<number> {
  let command: ReturnType<typeof parse>;
  let engine: EngineConfig;
  let settings: ReturnType<typeof parseJobSettings>;
  try {
    command = parse(argv);
    engine = await engineConfigFrom(command.options);
    settings = parseJobSettings(process.env);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof Error && error.message.startsWith("mailsec: invalid environment"))) throw error;
    process.stderr.write(error instanceof UsageError ? `mailsec: ${error.message}\n\n${usage}\n` : `${error.message}\n`);
    return 2;
  }
  const databaseUrl = process.env.DATABASE_URL?.trim() || null;
  const dataDir = path.resolve(process.env.MAILSEC_DATA_DIR?.trim() || "data");
  const store = await openStore(databaseUrl, dataDir);
  const system = await openJobSystem({ runs: store.runs, databaseUrl, dataDir, settings });
  // Politeness across every worker and web instance: one connection budget per destination address.
  const budget = await openDestinationBudget(databaseUrl, settings.connectionsPerMinute);
  const concurrency = command.options.concurrency ?? settings.concurrency;
  try {
    await startWorking(system, { ...engine, admitConnection: admitThrough(budget) }, runTest, concurrency);
    if (command.command === "batch") {
      try {
        return await runBatch(system, command.file ?? "", command.options);
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        process.stderr.write(`mailsec: ${error.message}\n`);
        return 2;
      }
    }
    process.stderr.write(`mailsec: worker ${process.pid} (instance ${store.instanceId}) taking jobs from ${databaseUrl ? "PostgreSQL" : `the SQLite file in ${dataDir}`}, concurrency ${concurrency}\n`);
    const signal = await waitForSignal();
    process.stderr.write(`mailsec: worker ${process.pid}: ${signal}, finishing the jobs in hand\n`);
    return 0;
  } finally {
    store.stop();
    await system.close();
    await budget.close();
    await store.runs.close();
  }
}
