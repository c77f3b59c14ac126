// One small query port over both databases, so the batch and watch stores are written once: the
// statements use PostgreSQL's $n placeholders and the same TEXT/INTEGER schema as the run store
// (lib/store/migrations.ts); on SQLite each $n becomes a positional ? with its value repeated.
import Database from "better-sqlite3";
import path from "node:path";
import pg from "pg";
import { inTransaction, openPool } from "./pg-pool";
import { SQLITE_FILE_NAME } from "./sqlite";

export type SqlValue = string | number | null;

export interface SqlDb {
  readonly kind: "postgres" | "sqlite";
  /** Rows of a SELECT (or of a statement with RETURNING). */
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement; resolves to the rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs `work` in one transaction; statements inside go through the `db` it is given. */
  transaction<T>(work: (db: SqlDb) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** "$2 ... $1 ... $2" -> "? ... ? ... ?" and the values in that order. */
export function positional(sql: string, params: readonly SqlValue[]): { sql: string; values: SqlValue[] } {
  const values: SqlValue[] = [];
  const text = sql.replaceAll(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    if (value === undefined) throw new Error(`SQL parameter $${n} has no value`);
    values.push(value);
    return "?";
  });
  return { sql: text, values };
}

function clientDb(client: pg.PoolClient | pg.Pool): Omit<SqlDb, "transaction" | "close"> {
  return {
    kind: "postgres",
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      const res = await client.query(sql, [...params]);
      return res.rows as T[];
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      const res = await client.query(sql, [...params]);
      return res.rowCount ?? 0;
    },
  };
}

/**
 * A PostgreSQL handle for the batch and watch tables. The run store applies the migrations when it
 * opens (lib/store/postgres.ts), so open that first: lib/jobs/system.ts does.
 */
export async function openPostgresDb(connectionString: string, max = 5): Promise<SqlDb> {
  const pool = await openPool(connectionString, max, async (p) => {
    await p.query("SELECT 1 FROM batches LIMIT 0");
  });
  return {
    ...clientDb(pool),
    transaction: <T>(work: (db: SqlDb) => Promise<T>): Promise<T> =>
      inTransaction(pool, (client) => {
        const inner: SqlDb = { ...clientDb(client), transaction: (w) => w(inner), close: () => Promise.resolve() };
        return work(inner);
      }),
    close: () => pool.end(),
  };
}

/** A second connection to the run store's SQLite file (WAL: readers and one writer at a time). */
export function openSqliteDb(dataDir: string): SqlDb {
  const db = new Database(path.join(dataDir, SQLITE_FILE_NAME));
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  const cache = new Map<string, Database.Statement>();
  const prepared = (sql: string, params: readonly SqlValue[]) => {
    const p = positional(sql, params);
    let statement = cache.get(p.sql);
    if (!statement) {
      statement = db.prepare(p.sql);
      cache.set(p.sql, statement);
    }
    return { statement, values: p.values };
  };
  const handle: SqlDb = {
    kind: "sqlite",
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      const { statement, values } = prepared(sql, params);
      return statement.all(...values) as T[];
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      const { statement, values } = prepared(sql, params);
      return statement.reader ? statement.all(...values).length : statement.run(...values).changes;
    },
    // better-sqlite3 is synchronous and this process is its only writer, but `work` awaits between
    // statements: BEGIN IMMEDIATE takes the write lock so no other connection interleaves.
    async transaction<T>(work: (inner: SqlDb) => Promise<T>): Promise<T> {
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = await work(handle);
        db.exec("COMMIT");
        return result;
      } catch (err) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw err;
      }
    },
    async close() {
      db.close();
    },
  };
  return handle;
}
