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

  it("frees the slot when a call fails", async () => {
    const work = limitConcurrency(async (fail: boolean) => {
      if (fail) throw new Error("no");
      return "ok";
    }, 1);
    await expect(work(true)).rejects.toThrow("no");
    await expect(work(false)).resolves.toBe("ok");
  });
});
