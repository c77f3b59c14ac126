import { describe, expect, it } from "vitest";
import { limitConcurrency } from "../../lib/checks/wiring";

describe("limitConcurrency", () => {
  it("never runs more than the limit at once, and runs every call", async () => {
    let active = 0;
    let peak = 0;
    const work = limitConcurrency(async (n: number) => {
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
      const work = limitConcurrency(async (n: number) => {
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
    const work = limitConcurrency(async (fail: boolean) => {
      if (fail) throw new Error("no");
      return "ok";
    }, 1);
    await expect(work(true)).rejects.toThrow("no");
    await expect(work(false)).resolves.toBe("ok");
  });
});
