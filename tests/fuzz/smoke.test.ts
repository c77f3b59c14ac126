// A few seconds of `npm run fuzz` inside `npm test`: every target, a fixed seed, a small bound,
// and every crash the fuzzer ever kept (tests/vectors/fuzz/<target>/*.bin) replayed: each must now
// be accepted or refused cleanly. The long runs are `npm run fuzz` (README: Safe to expose).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeError, fuzz } from "../../scripts/fuzz/engine";
import { TARGETS } from "../../scripts/fuzz/targets";

const VECTORS = join(import.meta.dirname, "..", "vectors", "fuzz");

describe("fuzz smoke run (seed 15)", () => {
  it.each(TARGETS.map((t) => [t.name, t] as const))("%s: no crash in 1500 inputs", (_, target) => {
    const report = fuzz(target, { seed: 15, iterations: 1500, maxMs: 4000 });
    expect(report.distinctCrashes.map((c) => `${c.id}: ${c.error}`)).toEqual([]);
    // The mutator reaches both sides of each parser, or the run proves little.
    expect(report.ok).toBeGreaterThan(0);
    expect(report.rejected).toBeGreaterThan(0);
  });
});

describe("the fuzzer itself", () => {
  it("finds a crash that a mutated input triggers, once per distinct error, reproducibly", () => {
    // A parser with a planted bug: a 0xFF byte after the first makes it read a property of undefined.
    const planted = {
      name: "planted",
      kind: "bytes" as const,
      seeds: () => [Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8])],
      run: (input: Uint8Array) => {
        if (input.subarray(1).includes(0xff)) return (undefined as unknown as { x: number }).x > 0 ? "ok" : "ok";
        return input.length > 4 ? ("ok" as const) : ("rejected" as const);
      },
    };
    const a = fuzz(planted, { seed: 7, iterations: 3000, maxMs: 4000 });
    const b = fuzz(planted, { seed: 7, iterations: 3000, maxMs: 4000 });
    expect(a.crashes).toBeGreaterThan(0);
    expect(a.distinctCrashes).toHaveLength(1);
    expect(a.distinctCrashes[0]?.error).toMatch(/^TypeError: Cannot read properties of undefined/);
    expect(b.distinctCrashes[0]?.id).toBe(a.distinctCrashes[0]?.id);
    expect(a.ok + a.rejected + a.crashes).toBe(a.iterations);
  });
});

describe("crashes the fuzzer found stay fixed", () => {
  const kept = TARGETS.flatMap((target) => {
    const dir = join(VECTORS, target.name);
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".bin")).map((f) => [`${target.name}/${f}`, target, join(dir, f)] as const) : [];
  });

  it("keeps its vectors where the fuzzer writes them", () => {
    expect(existsSync(join(VECTORS, "PROVENANCE.md"))).toBe(true);
  });

  it.each(kept)("%s", (_, target, file) => {
    let outcome: string;
    try {
      outcome = target.run(new Uint8Array(readFileSync(file)));
    } catch (err) {
      outcome = `crash: ${describeError(err)}`;
    }
    expect(["ok", "rejected"]).toContain(outcome);
  });
});
