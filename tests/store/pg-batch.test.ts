// PostgreSQL's group commit (lib/store/pg-batch.ts) when one write of a batch cannot be stored:
// the transaction of the whole batch fails, and the writes are retried one by one in the order
// asked, so the bad one alone is refused (its promise rejects: nothing lost silently) and the
// others are stored, each run's events numbered in the order they were asked for. And when the
// connection is lost during COMMIT, the writes are stored once whether the commit landed or not:
// a loopback relay between the store and the server cuts the connection at a COMMIT, after the
// server answered it (committed, the client never hears) or before it reaches the server.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openPostgresStore } from "../../lib/store";
import { withPostgres } from "../helpers/postgres";
import { relayTo, type Relay } from "./pg-relay";

async function finishedResult(url: string, id: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; result: string | null }>("SELECT status, result FROM runs WHERE id = $1", [id]);
    return rows[0]?.status === "done" ? (rows[0].result ?? null) : null;
  } finally {
    await client.end();
  }
}

async function storedEvents(url: string, ids: readonly string[]): Promise<[string, number, string][]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ run_id: string; seq: number; event: string }>("SELECT run_id, seq, event FROM run_events WHERE run_id = ANY($1) ORDER BY run_id, seq", [ids]);
    return rows.map((r) => [r.run_id, r.seq, r.event]);
  } finally {
    await client.end();
  }
}

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

  describe("a batch whose connection is lost during COMMIT", () => {
    const relays: Relay[] = [];
    afterAll(async () => {
      await Promise.all(relays.map((r) => r.close()));
    });

    for (const cut of ["after-commit", "before-commit"] as const) {
      it(`stores each write once and resolves it (${cut === "after-commit" ? "the commit landed" : "the commit never reached the server"})`, async () => {
        const relay = await relayTo(url());
        relays.push(relay);
        const store = await openPostgresStore(relay.url, `pg-cut-${cut}`);
        const [a, b] = [`pg-cut-${cut}-a`, `pg-cut-${cut}-b`];
        await Promise.all([a, b].map((id) => store.createRun({ id, test: "dane", input: `${id}.test`, startedAt: new Date() })));
        relay.arm(cut);
        // One turn: one batch, one transaction, one COMMIT that the relay cuts.
        const settled = await Promise.allSettled([
          store.appendEventText(a, '{"n":1}'),
          store.appendEventText(b, '{"n":1}'),
          store.appendEventText(a, '{"n":2}'),
          store.finishRunText(b, '{"finished":true}', new Date()),
        ]);
        expect(relay.cuts()).toBe(1);
        expect(settled.map((s) => (s.status === "rejected" ? String(s.reason) : s.status))).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
        expect(await storedEvents(url(), [a, b])).toEqual([
          [a, 1, '{"n":1}'],
          [a, 2, '{"n":2}'],
          [b, 1, '{"n":1}'],
        ]);
        // The store goes on over new connections: the next event follows the stored ones.
        await store.appendEventText(a, '{"n":3}');
        expect((await storedEvents(url(), [a])).map(([, seq]) => seq)).toEqual([1, 2, 3]);
        expect(await finishedResult(url(), b)).toBe('{"finished":true}');
        await store.close();
      }, 60_000);
    }
  });
});
