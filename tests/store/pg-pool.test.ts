// A transaction of the shared PostgreSQL helpers (lib/store/pg-pool.ts: the jobs' tables, the rate
// limiter, the destination budget, the run store's retention) whose connection is lost: the caller
// gets the error, the process goes on (the checked-out client's "error" event is heard; unheard,
// vitest reports it as an uncaught error and a server would stop), and the pool serves the next
// transaction on a new connection.
import { describe, expect, it } from "vitest";
import { inTransaction, openPool } from "../../lib/store/pg-pool";
import { withPostgres } from "../helpers/postgres";
import { relayTo } from "./pg-relay";

withPostgres("PostgreSQL pool helpers", (url) => {
  describe("a transaction whose connection is cut at COMMIT", () => {
    it("fails for its caller, and the next transaction runs on a new connection", async () => {
      const relay = await relayTo(url());
      const pool = await openPool(relay.url, 2, async () => undefined);
      try {
        await pool.query("CREATE TABLE cut_probe (n INTEGER)");
        relay.arm("before-commit");
        await expect(inTransaction(pool, (c) => c.query("INSERT INTO cut_probe VALUES (1)"))).rejects.toThrow(/terminated|not queryable/);
        expect(relay.cuts()).toBe(1);
        await inTransaction(pool, (c) => c.query("INSERT INTO cut_probe VALUES (2)"));
        expect((await pool.query<{ n: number }>("SELECT n FROM cut_probe ORDER BY n")).rows).toEqual([{ n: 2 }]);
      } finally {
        await pool.end();
        await relay.close();
      }
    }, 60_000);
  });
});
