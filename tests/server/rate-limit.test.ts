// The run limiter, in memory and on a real PostgreSQL: the same decisions from both, and on
// PostgreSQL the same decisions from two instances sharing the database.
import { describe, expect, it } from "vitest";
import { memoryRunLimiter, type RateLimitSettings, type RunLimiter } from "../../lib/server/rate-limit";
import { postgresRunLimiter } from "../../lib/server/rate-limit-postgres";
import { withPostgres } from "../helpers/postgres";

const MINUTE = 60_000;
const settings: RateLimitSettings = { perClient: { runs: 3, windowMs: 10 * MINUTE }, maxConcurrent: 4, slotTtlMs: 2 * MINUTE };
const t0 = new Date("2026-01-01T12:00:00Z").getTime();

let unique = 0;
/**
 * Ids, client keys and a clock unique per test: each test starts a day after the last, so the
 * windows and slots an earlier test left in the shared database have lapsed.
 */
const ids = (): { client: (n: string) => string; run: (n: number) => string; at: (ms: number) => Date } => {
  unique += 1;
  const prefix = `t${unique}-${Date.now()}`;
  const base = t0 + unique * 24 * 60 * MINUTE;
  return { client: (n) => `${prefix}-${n}`, run: (n) => `${prefix}-run${n}`, at: (ms) => new Date(base + ms) };
};

function limiterContract(name: string, open: (s: RateLimitSettings) => Promise<RunLimiter>): void {
  describe(`run limiter (${name})`, () => {
    it("lets a client start its budget, then refuses with the count and the wait in words", async () => {
      const limiter = await open(settings);
      const { client, run, at } = ids();
      try {
        for (let i = 0; i < 3; i += 1) {
          expect(await limiter.admit(client("a"), run(i), at(i * MINUTE))).toEqual({ ok: true });
          await limiter.release(run(i));
        }
        const refused = await limiter.admit(client("a"), run(3), at(6 * MINUTE));
        expect(refused).toEqual({
          ok: false,
          reason: "client",
          retryAfterSeconds: 4 * 60,
          message: "You have started 3 tests in the last 10 minutes; try again in 4 minutes.",
        });
        // Another client has its own budget.
        expect(await limiter.admit(client("b"), run(4), at(6 * MINUTE))).toEqual({ ok: true });
        await limiter.release(run(4));
      } finally {
        await limiter.close();
      }
    });

    it("does not count refused attempts, and opens a fresh window once the old one ends", async () => {
      const limiter = await open(settings);
      const { client, run, at } = ids();
      try {
        for (let i = 0; i < 3; i += 1) await limiter.admit(client("a"), run(i), at(0));
        for (let i = 0; i < 5; i += 1) expect((await limiter.admit(client("a"), run(10 + i), at(MINUTE))).ok).toBe(false);
        const later = await limiter.admit(client("a"), run(20), at(10 * MINUTE - 30_000));
        expect(later).toMatchObject({ ok: false, retryAfterSeconds: 30, message: "You have started 3 tests in the last 10 minutes; try again in 30 seconds." });
        for (let i = 0; i < 4; i += 1) await limiter.release(run(i));
        expect(await limiter.admit(client("a"), run(21), at(10 * MINUTE))).toEqual({ ok: true });
      } finally {
        await limiter.close();
      }
    });

    it("caps the runs in progress, frees a slot on release, and lets a dead run's slot lapse", async () => {
      const limiter = await open({ ...settings, perClient: null });
      const { client, run, at } = ids();
      try {
        for (let i = 0; i < 4; i += 1) expect(await limiter.admit(client(`c${i}`), run(i), at(0))).toEqual({ ok: true });
        expect(await limiter.admit(client("c9"), run(9), at(1000))).toEqual({
          ok: false,
          reason: "busy",
          retryAfterSeconds: 15,
          message: "mailsec is already running its maximum of 4 tests at once; try again in 15 seconds.",
        });
        await limiter.release(run(0));
        await limiter.release(run(0));
        expect(await limiter.admit(client("c9"), run(9), at(2000))).toEqual({ ok: true });
        expect((await limiter.admit(client("c10"), run(10), at(3000))).ok).toBe(false);
        // Nobody released runs 1..3 (their process died): after the slot TTL they stop counting.
        expect(await limiter.admit(client("c10"), run(10), at(2 * MINUTE + 1))).toEqual({ ok: true });
      } finally {
        await limiter.close();
      }
    });

    it("a busy refusal does not spend the client's budget", async () => {
      const limiter = await open({ ...settings, maxConcurrent: 1 });
      const { client, run, at } = ids();
      try {
        expect(await limiter.admit(client("x"), run(0), at(0))).toEqual({ ok: true });
        for (let i = 1; i < 6; i += 1) expect(await limiter.admit(client("a"), run(i), at(i))).toMatchObject({ ok: false, reason: "busy" });
        await limiter.release(run(0));
        for (let i = 10; i < 13; i += 1) {
          expect(await limiter.admit(client("a"), run(i), at(i))).toEqual({ ok: true });
          await limiter.release(run(i));
        }
        expect(await limiter.admit(client("a"), run(20), at(20))).toMatchObject({ ok: false, reason: "client" });
      } finally {
        await limiter.close();
      }
    });
  });
}

limiterContract("memory", (s) => Promise.resolve(memoryRunLimiter(s)));

withPostgres("run limiter (PostgreSQL)", (url) => {
  limiterContract("PostgreSQL", (s) => postgresRunLimiter(url(), s));

  describe("run limiter across instances (PostgreSQL)", () => {
    it("two instances starting together share one client budget and one concurrency cap", async () => {
      const [a, b] = await Promise.all([postgresRunLimiter(url(), settings), postgresRunLimiter(url(), settings)]);
      const { client, run, at } = ids();
      try {
        // Ten simultaneous starts by one client, spread over both instances: exactly three pass.
        const decisions = await Promise.all(
          Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).admit(client("shared"), run(i), at(0))),
        );
        expect(decisions.filter((d) => d.ok)).toHaveLength(3);
        // Different clients now fill the cap of 4 (3 held already): one more passes, across instances.
        const others = await Promise.all(
          Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? b : a).admit(client(`o${i}`), run(100 + i), at(1))),
        );
        expect(others.filter((d) => d.ok)).toHaveLength(1);
        expect(others.filter((d) => !d.ok && d.reason === "busy")).toHaveLength(5);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  });
});

describe("refusal wording", () => {
  it("names the window and the wait in the unit a person would use", async () => {
    const cases: [number, number, string][] = [
      [60 * MINUTE, 59 * MINUTE + 30_000, "You have started 1 test in the last hour; try again in 1 hour."],
      [MINUTE, 5_000, "You have started 1 test in the last minute; try again in 5 seconds."],
      [24 * 60 * MINUTE, 90 * MINUTE, "You have started 1 test in the last 24 hours; try again in 90 minutes."],
    ];
    for (const [windowMs, waitMs, message] of cases) {
      const limiter = memoryRunLimiter({ perClient: { runs: 1, windowMs }, maxConcurrent: 10, slotTtlMs: MINUTE });
      await limiter.admit("c", "r1", new Date(0));
      expect(await limiter.admit("c", "r2", new Date(windowMs - waitMs))).toMatchObject({ ok: false, message });
    }
  });
});
