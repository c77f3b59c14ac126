// PostgreSQL's group commit (lib/store/pg-batch.ts) when one write of a batch cannot be stored:
// the transaction of the whole batch fails, and the writes are retried one by one in the order
// asked, so the bad one alone is refused (its promise rejects: nothing lost silently) and the
// others are stored, each run's events numbered in the order they were asked for.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openPostgresStore } from "../../lib/store";
import { withPostgres } from "../helpers/postgres";

withPostgres("PostgreSQL group commit", (url) => {
  describe("a batch with a write PostgreSQL refuses", () => {
    it("stores the others in order and rejects only the bad one", async () => {
      const store = await openPostgresStore(url(), "pg-batch-test");
      const [a, b] = ["pg-batch-a", "pg-batch-b"];
      await Promise.all([a, b].map((id) => store.createRun({ id, test: "dane", input: `${id}.test`, startedAt: new Date() })));
      // One turn: all five go in one batch. A NUL character is not a PostgreSQL text value.
      const writes = [
        store.appendEventText(a, '{"n":1}'),
        store.appendEventText(b, '{"n":1}'),
        store.appendEventText(a, '{"n":"\u0000"}'),
        store.appendEventText(a, '{"n":2}'),
        store.appendEventText(b, '{"n":2}'),
      ];
      const settled = await Promise.allSettled(writes);
      expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      const { rows } = await client.query<{ run_id: string; seq: number; event: string }>("SELECT run_id, seq, event FROM run_events WHERE run_id = ANY($1) ORDER BY run_id, seq", [[a, b]]);
      await client.end();
      expect(rows.map((r) => [r.run_id, r.seq, r.event])).toEqual([
        [a, 1, '{"n":1}'],
        [a, 2, '{"n":2}'],
        [b, 1, '{"n":1}'],
        [b, 2, '{"n":2}'],
      ]);
      await store.close();
    }, 60_000);
  });
});
