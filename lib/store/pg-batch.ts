// Group commit for the PostgreSQL run store, as group-commit.ts is for SQLite: the run writes
// asked for while the previous batch was on its way (or during one turn of the event loop) go to
// the database together — one transaction of three statements (the runs created, every step
// event, the runs finished, each a multi-row statement over arrays) instead of one round trip and
// one commit per event. Each write's promise resolves once its transaction committed, so a
// caller that waits for a write before showing the event never shows a step a crash could lose.
// A run's writes are applied in the order asked: batches go one at a time, and within a batch a
// run is created before its events, which come before its finish (the only order the port asks).
//
// A transaction whose connection is lost may have committed or not (the COMMIT reached the server,
// its answer did not come back), and a write retried after a commit that landed would store its
// events twice. So each transaction takes note of its id, and when its connection dies PostgreSQL
// is asked on a new one whether it committed (txid_status, kept for exactly this): a committed
// batch is done, an aborted one is retried, and one whose fate cannot be learnt fails its writes.
// This assumes the server that answers is the one that ran the transaction: after a failover to an
// asynchronous replica the new primary may have given the same id to another transaction.
import type pg from "pg";
import { withClient } from "./pg-pool";

export type RunWrite =
  | { kind: "create"; id: string; test: string; input: string; startedAt: string }
  | { kind: "event"; id: string; text: string }
  | { kind: "finish"; id: string; status: string; result: string | null; error: string | null; at: string };

interface Pending {
  write: RunWrite;
  resolve: () => void;
  reject: (err: unknown) => void;
}

// One transaction's worth; a larger backlog goes in several, in order.
const MAX_WRITES_PER_TRANSACTION = 2000;

const CREATE_SQL = `INSERT INTO runs (id, test, input, status, started_at, owner)
  SELECT c.id, c.test, c.input, 'running', c.started_at, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS c(id, test, input, started_at)`;
// Each run's events are numbered after its stored ones, in the order asked (WITH ORDINALITY).
const EVENTS_SQL = `INSERT INTO run_events (run_id, seq, event)
  SELECT e.run_id, COALESCE((SELECT MAX(r.seq) FROM run_events r WHERE r.run_id = e.run_id), 0) + e.n, e.event
  FROM (SELECT u.run_id, u.event, row_number() OVER (PARTITION BY u.run_id ORDER BY u.ord) AS n
        FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(run_id, event, ord)) AS e`;
const FINISH_SQL = `UPDATE runs SET status = f.status, result = f.result, error = f.error, finished_at = f.at
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS f(id, status, result, error, at)
  WHERE runs.id = f.id AND runs.status = 'running'`;

async function apply(client: pg.PoolClient, writes: readonly RunWrite[], owner: string): Promise<void> {
  const creates = writes.filter((w) => w.kind === "create");
  const events = writes.filter((w) => w.kind === "event");
  const finishes = writes.filter((w) => w.kind === "finish");
  if (creates.length > 0) {
    await client.query(CREATE_SQL, [creates.map((c) => c.id), creates.map((c) => c.test), creates.map((c) => c.input), creates.map((c) => c.startedAt), owner]);
  }
  if (events.length > 0) await client.query(EVENTS_SQL, [events.map((e) => e.id), events.map((e) => e.text)]);
  if (finishes.length > 0) {
    await client.query(FINISH_SQL, [finishes.map((f) => f.id), finishes.map((f) => f.status), finishes.map((f) => f.result), finishes.map((f) => f.error), finishes.map((f) => f.at)]);
  }
}

/** How long the fate of a transaction whose connection died is asked for (it may still be committing). */
const FATE_WAIT_MS = 10_000;
const FATE_POLL_MS = 50;

/** The writes' transaction committed, or did not (`error`: why; the writes may be retried). */
type Outcome = { committed: true } | { committed: false; error: unknown };

/** Whether transaction `xid` committed, asked on another connection until PostgreSQL knows; throws when it cannot tell. */
async function fateOf(pool: pg.Pool, xid: string): Promise<boolean> {
  const deadline = Date.now() + FATE_WAIT_MS;
  let lastError: unknown = null;
  for (;;) {
    // undefined: not asked (no connection yet); "in progress": the server has not yet seen the
    // connection go; null: too old to tell (never for a transaction just made).
    let status: string | null | undefined;
    try {
      // Raced with the deadline: a partitioned server can hold a connect or a query for minutes,
      // and every later batch waits behind this one. A query that loses the race ends on its own.
      const asked = pool.query<{ status: string | null }>("SELECT txid_status($1::bigint) AS status", [xid]);
      asked.catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<null>((resolve) => (timer = setTimeout(resolve, Math.max(1, deadline - Date.now()), null)));
      const answer = await Promise.race([asked, late]).finally(() => clearTimeout(timer));
      if (answer !== null) status = answer.rows[0]?.status ?? null;
    } catch (err) {
      lastError = err;
    }
    if (status === "committed" || status === "aborted") return status === "committed";
    if (status === null) throw new Error(`PostgreSQL no longer knows whether transaction ${xid} committed`);
    if (Date.now() >= deadline) throw new Error(`the outcome of transaction ${xid} is unknown: its connection was lost`, { cause: lastError });
    await new Promise((resolve) => setTimeout(resolve, FATE_POLL_MS));
  }
}

/** Applies `writes` in one transaction on a client of the pool; throws only when nothing can be said of it. */
async function transact(pool: pg.Pool, writes: readonly RunWrite[], owner: string): Promise<Outcome> {
  const tried = await withClient(pool, async (client): Promise<Outcome | { lost: unknown; xid: string | null }> => {
    let xid: string | null = null;
    try {
      // One round trip, as BEGIN alone: simple-query statements answer as a list.
      const begun = (await client.query("BEGIN; SELECT txid_current()::text AS xid")) as unknown as [pg.QueryResult, pg.QueryResult<{ xid: string }>];
      xid = begun[1].rows[0]?.xid ?? null;
      await apply(client, writes, owner);
      await client.query("COMMIT");
      return { committed: true };
    } catch (error) {
      // A live connection answers ROLLBACK: the transaction is over, without these writes.
      const alive = await client.query("ROLLBACK").then(
        () => true,
        () => false,
      );
      return alive ? { committed: false, error } : { lost: error, xid };
    }
  });
  if (!("lost" in tried)) return tried;
  // Without an id the transaction never began: nothing of it can have landed.
  if (tried.xid === null) return { committed: false, error: tried.lost };
  return (await fateOf(pool, tried.xid)) ? { committed: true } : { committed: false, error: tried.lost };
}

export interface PgBatchWriter {
  write(write: RunWrite): Promise<void>;
  /** Resolves once everything asked for so far is committed (or has failed). */
  drain(): Promise<void>;
}

/** `owner`: the instance id stamped on the runs this store creates. */
export function pgBatchWriter(pool: pg.Pool, owner: string): PgBatchWriter {
  let queue: Pending[] = [];
  let running: Promise<void> | null = null;
  let scheduled = false;

  const settle = async (batch: readonly Pending[]): Promise<Outcome | null> => {
    try {
      return await transact(pool, batch.map((p) => p.write), owner);
    } catch (err) {
      for (const p of batch) p.reject(err);
      return null;
    }
  };

  const commit = async (batch: readonly Pending[]): Promise<void> => {
    const outcome = await settle(batch);
    if (outcome === null) return;
    if (outcome.committed) {
      for (const p of batch) p.resolve();
      return;
    }
    // One bad write (a constraint, a value too long) must not take the others with it: each alone,
    // in order, each in a transaction whose fate is learnt the same way.
    for (const p of batch) {
      const one = await settle([p]);
      if (one?.committed) p.resolve();
      else if (one) p.reject(one.error);
    }
  };

  const run = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_WRITES_PER_TRANSACTION);
      queue = queue.slice(batch.length);
      await commit(batch);
    }
    running = null;
  };

  return {
    write(write) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ write, resolve, reject });
        // While a batch is on its way the next one gathers; otherwise this turn's writes go together.
        if (running || scheduled) return;
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          running ??= run();
        });
      });
    },
    async drain() {
      while (running || scheduled || queue.length > 0) {
        await (running ?? new Promise((resolve) => setImmediate(resolve)));
      }
    },
  };
}
