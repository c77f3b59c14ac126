// Batches: a list of inputs run by the job queue, one stored run per input. Each item's outcome is
// written at most once (the first finished job wins), so a job retried after its worker was killed
// cannot store a duplicate, and progress is a count over the items.
import { z } from "zod";
import { failureFromStore, storedFailure } from "../report/run-failure";
import { TestKind, type RunFailure } from "../report/schema";
import type { SqlDb } from "./sql-db";

export const ItemVerdict = z.enum(["pass", "warning", "fail", "error"]);
export type ItemVerdict = z.infer<typeof ItemVerdict>;

/** What a batch passes to every run besides the input (the single run's optional fields). */
export const BatchOptions = z.object({ rrType: z.string().optional() }).strict();
export type BatchOptions = z.infer<typeof BatchOptions>;

export interface Batch {
  id: string;
  test: TestKind;
  options: BatchOptions;
  total: number;
  createdAt: string;
}

export interface ItemOutcome {
  runId: string | null;
  verdict: ItemVerdict;
  dnssec: string | null;
  exchangeCode: string | null;
  mxCount: number | null;
  /** Codes of the error and warning findings behind the verdict. */
  findings: string[];
  /** Why the item's run ended without a result (lib/report/run-failure.ts); the column keeps it as JSON. */
  error: RunFailure | null;
  /** An Exchange Online readiness run's stage and codes; null for the other tests and for a run without a result. */
  readiness?: ItemReadiness | null;
}

export const ItemReadiness = z.object({ stage: z.string().max(40), codes: z.array(z.string().max(40)).max(40) }).strict();
export type ItemReadiness = z.infer<typeof ItemReadiness>;

export interface BatchItem extends Partial<ItemOutcome> {
  idx: number;
  input: string;
  state: "pending" | "done";
  throttled: number;
}

export interface BatchProgress {
  id: string;
  total: number;
  done: number;
  counts: Record<ItemVerdict, number>;
  /** An Exchange Online readiness batch: how many finished items are at each stage. */
  stages?: Record<string, number>;
}

interface ItemRow {
  idx: number;
  input: string;
  state: string;
  run_id: string | null;
  verdict: string | null;
  dnssec: string | null;
  exchange_code: string | null;
  mx_count: number | null;
  findings: string | null;
  error: string | null;
  readiness: string | null;
  throttled: number;
}

// Rows per INSERT when a batch is created: 10,000 inputs in 20 statements, well under both
// databases' parameter limits (3 per row).
const INSERT_CHUNK = 500;

export function batchStore(db: SqlDb) {
  return {
    async create(batch: Batch, inputs: readonly string[]): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.run("INSERT INTO batches (id, test, options, total, created_at) VALUES ($1, $2, $3, $4, $5)", [
          batch.id,
          batch.test,
          JSON.stringify(batch.options),
          batch.total,
          batch.createdAt,
        ]);
        for (let start = 0; start < inputs.length; start += INSERT_CHUNK) {
          const chunk = inputs.slice(start, start + INSERT_CHUNK);
          const values = chunk.map((_, i) => `($1, $${2 * i + 2}, $${2 * i + 3}, 'pending')`).join(", ");
          const params = chunk.flatMap((input, i) => [start + i, input]);
          await tx.run(`INSERT INTO batch_items (batch_id, idx, input, state) VALUES ${values}`, [batch.id, ...params]);
        }
      });
    },

    /**
     * Retention: deletes the batches created before `olderThan` whose every item is done, with
     * their items (their runs go with the run store's own retention); a batch still in progress
     * is kept. Returns how many batches went.
     */
    async expire(olderThan: Date): Promise<number> {
      const cutoff = olderThan.toISOString();
      return db.transaction(async (tx) => {
        const finishedAndOld = "SELECT id FROM batches b WHERE b.created_at < $1 AND NOT EXISTS (SELECT 1 FROM batch_items p WHERE p.batch_id = b.id AND p.state <> 'done')";
        await tx.run(`DELETE FROM batch_items WHERE batch_id IN (${finishedAndOld})`, [cutoff]);
        return tx.run(`DELETE FROM batches WHERE id IN (${finishedAndOld})`, [cutoff]);
      });
    },

    async get(id: string): Promise<Batch | null> {
      const rows = await db.all<{ id: string; test: string; options: string; total: number; created_at: string }>(
        "SELECT id, test, options, total, created_at FROM batches WHERE id = $1",
        [id],
      );
      const row = rows[0];
      if (!row) return null;
      return { id: row.id, test: TestKind.parse(row.test), options: BatchOptions.parse(JSON.parse(row.options)), total: Number(row.total), createdAt: row.created_at };
    },

    async progress(id: string): Promise<BatchProgress | null> {
      const batch = await this.get(id);
      if (!batch) return null;
      const rows = await db.all<{ verdict: string; n: number | string }>(
        "SELECT verdict, COUNT(*) AS n FROM batch_items WHERE batch_id = $1 AND state = 'done' GROUP BY verdict",
        [id],
      );
      const counts: Record<ItemVerdict, number> = { pass: 0, warning: 0, fail: 0, error: 0 };
      for (const row of rows) counts[ItemVerdict.parse(row.verdict)] += Number(row.n);
      const done = counts.pass + counts.warning + counts.fail + counts.error;
      if (batch.test !== "exchange") return { id, total: batch.total, done, counts };
      // Grouped by the stored JSON: a batch has few distinct {stage, codes}, so few rows to fold.
      const groups = await db.all<{ readiness: string; n: number | string }>(
        "SELECT readiness, COUNT(*) AS n FROM batch_items WHERE batch_id = $1 AND state = 'done' AND readiness IS NOT NULL GROUP BY readiness",
        [id],
      );
      const stages: Record<string, number> = {};
      for (const g of groups) {
        const { stage } = ItemReadiness.parse(JSON.parse(g.readiness));
        stages[stage] = (stages[stage] ?? 0) + Number(g.n);
      }
      return { id, total: batch.total, done, counts, stages };
    },

    async item(batchId: string, idx: number): Promise<BatchItem | null> {
      const rows = await db.all<ItemRow>("SELECT * FROM batch_items WHERE batch_id = $1 AND idx = $2", [batchId, idx]);
      return rows[0] ? toItem(rows[0]) : null;
    },

    /** Stores the item's outcome unless one is stored already; true when this call stored it. */
    async record(batchId: string, idx: number, outcome: ItemOutcome, at: Date): Promise<boolean> {
      const changed = await db.run(
        `UPDATE batch_items SET state = 'done', run_id = $3, verdict = $4, dnssec = $5, exchange_code = $6, mx_count = $7,
           findings = $8, error = $9, finished_at = $10, readiness = $11
         WHERE batch_id = $1 AND idx = $2 AND state <> 'done'`,
        [
          batchId, idx, outcome.runId, outcome.verdict, outcome.dnssec, outcome.exchangeCode, outcome.mxCount, JSON.stringify(outcome.findings),
          outcome.error === null ? null : storedFailure(outcome.error), at.toISOString(), outcome.readiness ? JSON.stringify(outcome.readiness) : null,
        ],
      );
      return changed === 1;
    },

    /** Counts one throttled attempt of a pending item; resolves to the count so far. */
    async noteThrottled(batchId: string, idx: number): Promise<number> {
      const rows = await db.all<{ throttled: number }>(
        "UPDATE batch_items SET throttled = throttled + 1 WHERE batch_id = $1 AND idx = $2 AND state <> 'done' RETURNING throttled",
        [batchId, idx],
      );
      return Number(rows[0]?.throttled ?? 0);
    },

    async items(batchId: string): Promise<BatchItem[]> {
      const rows = await db.all<ItemRow>("SELECT * FROM batch_items WHERE batch_id = $1 ORDER BY idx", [batchId]);
      return rows.map(toItem);
    },
  };
}

export type BatchStore = ReturnType<typeof batchStore>;

function toItem(row: ItemRow): BatchItem {
  const done = row.state === "done";
  return {
    idx: Number(row.idx),
    input: row.input,
    state: done ? "done" : "pending",
    throttled: Number(row.throttled),
    ...(done
      ? {
          runId: row.run_id,
          verdict: ItemVerdict.parse(row.verdict),
          dnssec: row.dnssec,
          exchangeCode: row.exchange_code,
          mxCount: row.mx_count === null ? null : Number(row.mx_count),
          findings: z.array(z.string()).parse(JSON.parse(row.findings ?? "[]")),
          error: row.error === null ? null : failureFromStore(row.error),
          readiness: row.readiness === null || row.readiness === undefined ? null : ItemReadiness.parse(JSON.parse(row.readiness)),
        }
      : {}),
  };
}
