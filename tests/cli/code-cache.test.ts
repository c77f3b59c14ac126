// bin/mailsec.js runs the bundle with V8's code cache (scripts/build-cli.ts says why): the first
// test run writes the cache beside the bundle, later runs read it, and a cache V8 refuses (made by
// another node, or damaged) changes nothing a user sees and is written again.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_DIST, CLI_POINTER } from "../../scripts/build-cli";
import { labForCliTests, mailsec } from "../helpers/cli";

const { args } = labForCliTests();

function testCache(): string {
  const { bundle } = JSON.parse(fs.readFileSync(CLI_POINTER, "utf8")) as { bundle: string };
  return path.join(CLI_DIST, `${bundle}.test.cache`);
}

describe("the CLI's code cache", () => {
  it("is written by a test run, used by the next, and rewritten when V8 refuses it", async () => {
    const first = await mailsec(["dane", "dane-ee.test", ...args()]);
    expect(first.code).toBe(0);
    const cache = testCache();
    expect(fs.statSync(cache).size).toBeGreaterThan(100_000);

    const second = await mailsec(["dane", "dane-ee.test", ...args()]);
    expect(second.code).toBe(0);
    expect(second.stderr).toBe(first.stderr);

    fs.writeFileSync(cache, Buffer.alloc(4096, 0x5a));
    const damaged = await mailsec(["dane", "tlsa-mismatch.test", ...args()]);
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toContain("4.7.323");
    expect(fs.readFileSync(cache).equals(Buffer.alloc(4096, 0x5a))).toBe(false);
    expect(fs.statSync(cache).size).toBeGreaterThan(100_000);
  }, 120_000);
});
