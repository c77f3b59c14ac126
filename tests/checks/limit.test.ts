// The slots the run's SMTP conversations share (lib/checks/wiring.ts, MAX_PARALLEL_PROBES): never
// more at once than the limit, in arrival order, and a slot comes back when its holder fails.
import { describe, expect, it } from "vitest";
import { slots } from "../../lib/checks/wiring";

/** `fn` run in one of `limit` slots per call. */
function limited<A extends unknown[], R>(fn: (...args: A) => Promise<R>, limit: number): (...args: A) => Promise<R> {
  const pool = slots(limit);
  return async (...args: A) => {
    const release = await pool.acquire();
    try {
      return await fn(...args);
    } finally {
      release();
    }
  };
}

describe("the run's connection slots", () => {
  it("never runs more than the limit at once, and runs every call", async () => {
    let active = 0;
    let peak = 0;
    const work = limited(async (n: number) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5 + (n % 3)));
      active--;
      return n * 2;
    }, 3);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => work(i)));
    expect(results).toEqual(Array.from({ length: 12 }, (_, i) => i * 2));
    expect(peak).toBe(3);
  });

  it("never lets a caller that arrives while a waiter resumes overtake it", async () => {
    // Which microtask turn the newcomer lands in decides the race; try several.
    for (let depth = 0; depth < 6; depth++) {
      let active = 0;
      let peak = 0;
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const work = limited(async (n: number) => {
        active++;
        peak = Math.max(peak, active);
        await (n === 0 ? gate : new Promise((r) => setTimeout(r, 2)));
        active--;
      }, 1);
      const first = [work(0), work(1)];
      let turn: Promise<unknown> = gate;
      for (let i = 0; i < depth; i++) turn = turn.then(() => undefined);
      const late = turn.then(() => work(2));
      release();
      await Promise.all([...first, late]);
      expect(peak, `newcomer after ${depth} turns`).toBe(1);
    }
  });

  it("frees the slot when a call fails", async () => {
    const work = limited(async (fail: boolean) => {
      if (fail) throw new Error("no");
      return "ok";
    }, 1);
    await expect(work(true)).rejects.toThrow("no");
    await expect(work(false)).resolves.toBe("ok");
  });

  it("gives a slot back once, however often its release is called", async () => {
    const pool = slots(1);
    const release = await pool.acquire();
    const second = pool.acquire();
    const third = pool.acquire();
    release();
    release();
    const releaseSecond = await second;
    let thirdIn = false;
    void third.then(() => (thirdIn = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(thirdIn).toBe(false);
    releaseSecond();
    (await third)();
    expect(thirdIn).toBe(true);
  });
});
