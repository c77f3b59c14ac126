// PostgreSQL conventions shared by the run store and the run limiter: how a pool is opened, and
// how work runs in one transaction under an advisory lock so that instances sharing the database
// serialise on it.
import pg from "pg";

/**
 * A pool that is ready: `prepare` (schema, migrations) has run on it. If it fails the pool is
 * closed before the error is rethrown, so a failed start leaves no connection behind.
 */
export async function openPool(connectionString: string, max: number, prepare: (pool: pg.Pool) => Promise<void>): Promise<pg.Pool> {
  // A dead peer is found by TCP keepalive, and a connect waits 10 s at most: a write or a lost
  // COMMIT's fate (pg-batch.ts) must not sit for the kernel's ~15 min on a partitioned server.
  const pool = new pg.Pool({ connectionString, max, keepAlive: true, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection must not crash the server; the next query reconnects.
  pool.on("error", () => undefined);
  try {
    await prepare(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return pool;
}

/**
 * Runs `work` on one client of the pool and gives it back after. A checked-out client whose
 * connection dies emits "error", which unheard would end the process: it is heard here, and the
 * client goes back with it so the pool drops it.
 */
export async function withClient<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (err: Error): void => {
    lost = err;
  };
  client.on("error", onError);
  try {
    return await work(client);
  } finally {
    client.off("error", onError);
    client.release(lost);
  }
}

/** Runs `work` in a transaction on one pooled client; commits only when `keep` says so, rolls back on any error. */
export function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  keep: (result: T) => boolean = () => true,
): Promise<T> {
  return withClient(pool, async (client) => {
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query(keep(result) ? "COMMIT" : "ROLLBACK");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    }
  });
}

/**
 * Runs `work` in a transaction holding advisory lock `lock` (released at commit or rollback);
 * commits only when `keep` says so, rolls back on any error.
 */
export function inLockedTransaction<T>(
  pool: pg.Pool,
  lock: number,
  work: (client: pg.PoolClient) => Promise<T>,
  keep: (result: T) => boolean = () => true,
): Promise<T> {
  return inTransaction(
    pool,
    async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1)", [lock]);
      return work(client);
    },
    keep,
  );
}
