// Creating a batch and reading its results: shared by POST /api/batches and `mailsec batch`.
// Every input passes the same door as a single run (lib/server/run-request.ts, which is pure);
// the refused ones are listed with the door's own sentence (and its key, for the reader's language)
// and never become jobs.
import crypto from "node:crypto";
import { z } from "zod";
import { renderMessage, type Locale } from "../report/i18n/render";
import type { Message } from "../report/i18n/types";
import { TestKind } from "../report/schema";
import { parseRunRequest } from "../server/run-request";
import { BatchOptions, type BatchItem } from "../store/batches";
import type { JobSystem } from "./system";

export const MAX_BATCH_INPUTS = 10_000;

export const BatchRequest = z
  .object({
    test: TestKind,
    inputs: z.array(z.string().max(1000, "an input is longer than 1000 characters")).min(1, "give at least one input").max(MAX_BATCH_INPUTS, `a batch takes at most ${MAX_BATCH_INPUTS} inputs`),
    options: BatchOptions.default({}),
  })
  .strict();
export type BatchRequest = z.infer<typeof BatchRequest>;

export interface RefusedInput {
  /** Position in the request's inputs, from 0. */
  index: number;
  input: string;
  /** The door's refusal in English (lib/server/run-request.ts), as the API has always sent it. */
  reason: string;
  /**
   * Why, as a key and params (input.problem: the clause, the input is beside it), for a reader in
   * their language: the batch page and `mailsec batch`. A refusal of another field: request.refused.
   */
  problem?: Message;
}

export type CreatedBatch = { ok: true; id: string; total: number; refused: RefusedInput[] } | { ok: false; refused: RefusedInput[] };

export function checkInputs(request: BatchRequest): { accepted: string[]; refused: RefusedInput[] } {
  const accepted: string[] = [];
  const refused: RefusedInput[] = [];
  request.inputs.forEach((input, index) => {
    const check = parseRunRequest(JSON.stringify({ test: request.test, input, ...request.options }));
    if (check.ok) accepted.push(check.request.input);
    // An input's own problem is the clause (the input stands beside it); another field's, the whole refusal.
    else refused.push({ index, input, reason: check.message, problem: check.refusal.key === "input.refused" ? { key: "input.problem", params: check.refusal.params } : check.refusal });
  });
  return { accepted, refused };
}

export async function createBatch(system: JobSystem, request: BatchRequest): Promise<CreatedBatch> {
  const { accepted, refused } = checkInputs(request);
  if (accepted.length === 0) return { ok: false, refused };
  const id = crypto.randomBytes(18).toString("base64url");
  await system.batches.create({ id, test: request.test, options: request.options, total: accepted.length, createdAt: new Date().toISOString() }, accepted);
  await system.queue.sendMany(
    "batch-item",
    accepted.map((_, idx) => ({ batchId: id, idx })),
  );
  return { ok: true, id, total: accepted.length, refused };
}

export interface ResultRow {
  input: string;
  verdict: string;
  dnssec: string;
  exchangeCode: string;
  mxCount: number | null;
  findings: string[];
  link: string;
  /** Why the run ended without a result, in the rows' language; "" otherwise. */
  error: string;
  /** An Exchange Online readiness batch: the stage (lib/report/exchange-readiness-block.ts) and cmdlet codes; "" and [] otherwise. */
  readinessStage: string;
  readinessCodes: string[];
}

/** The rows of a batch's results, their `error` worded in `locale` (English unless the reader asked). */
export function resultRows(items: readonly BatchItem[], locale: Locale = "en"): ResultRow[] {
  return items.map((item) => ({
    input: item.input,
    verdict: item.state === "done" ? (item.verdict ?? "error") : "pending",
    dnssec: item.dnssec ?? "",
    exchangeCode: item.exchangeCode ?? "",
    mxCount: item.mxCount ?? null,
    findings: item.findings ?? [],
    link: item.runId ? `/r/${item.runId}` : "",
    error: item.error ? renderMessage(locale, item.error, { strict: false }) : "",
    readinessStage: item.readiness?.stage ?? "",
    readinessCodes: item.readiness?.codes ?? [],
  }));
}

// The readiness columns come last, so a reader of the older columns by position is unaffected.
const CSV_COLUMNS = ["input", "verdict", "dnssec", "exchange_code", "mx_count", "findings", "link", "error", "readiness_stage", "readiness_codes"] as const;

// RFC 4180 quoting; a cell a spreadsheet would read as a formula is prefixed with an apostrophe.
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function resultsCsv(rows: readonly ResultRow[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of rows) {
    const cells = [r.input, r.verdict, r.dnssec, r.exchangeCode, r.mxCount === null ? "" : String(r.mxCount), r.findings.join(" "), r.link, r.error, r.readinessStage, r.readinessCodes.join(" ")];
    lines.push(cells.map(csvCell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** Inputs from an uploaded file: one a line, or the first column of a CSV; blank lines and # comments skipped. */
export function inputsFromText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.split(",")[0]?.trim().replace(/^"(.*)"$/, "$1") ?? "")
    .filter((line) => line !== "" && !line.startsWith("#"));
}
