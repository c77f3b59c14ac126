// Turns stored rows back into a StoredRun. Everything read from the database is parsed with the
// report schemas again: a row written by an older version, or edited by hand, is rejected here
// rather than rendered half-valid.
import { failureFromStore, storedFailure } from "../report/run-failure";
import { ResultDocument, RunEvent, TestKind } from "../report/schema";
import { buildStepTree, placeStep, type PlacedStep } from "../report/step-tree";
import type { RunOutcome, RunStatus, StoredRun } from "./types";

export interface RunRow {
  id: string;
  test: string;
  input: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  result: string | null;
  error: string | null;
}

const STATUSES: readonly RunStatus[] = ["running", "done", "error", "interrupted"];

function parseStatus(value: string): RunStatus {
  const status = STATUSES.find((s) => s === value);
  if (!status) throw new Error(`stored run has an unknown status "${value}"`);
  return status;
}

export function toStoredRun(row: RunRow, eventTexts: readonly string[]): StoredRun {
  const result = row.result === null ? null : ResultDocument.parse(JSON.parse(row.result));
  let steps = result?.steps;
  if (!steps) {
    let placed: Map<string, PlacedStep> = new Map();
    for (const text of eventTexts) {
      const event = RunEvent.parse(JSON.parse(text));
      if (event.type === "step") placed = placeStep(placed, event);
    }
    steps = buildStepTree(placed);
  }
  return {
    id: row.id,
    test: TestKind.parse(row.test),
    input: row.input,
    status: parseStatus(row.status),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    steps,
    result,
    failure: row.error === null ? null : failureFromStore(row.error),
  };
}

/** The `error` column holds the failure as JSON (lib/report/run-failure.ts); rows written before hold a sentence. */
export function outcomeColumns(outcome: RunOutcome): {
  status: RunStatus;
  result: string | null;
  error: string | null;
} {
  return "result" in outcome
    ? { status: "done", result: JSON.stringify(outcome.result), error: null }
    : { status: "error", result: null, error: storedFailure(outcome.failure) };
}
