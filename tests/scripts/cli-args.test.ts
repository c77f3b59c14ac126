// The option handling of the repository's scripts (scripts/cli-args.ts): operands up to a bound,
// --help and a bad option as exit codes with the usage printed, whole numbers checked by name.
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseCliCommand, wholeNumber } from "../../scripts/cli-args";

const USAGE = "usage: x.ts [runs] [--warmup N] [--bundled]";
const OPTIONS = { warmup: { type: "string" }, bundled: { type: "boolean" } } as const;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("parseCliCommand", () => {
  it("returns the options and the operands in any order", () => {
    expect(parseCliCommand(OPTIONS, USAGE, 2, ["200", "--warmup", "2000", "dane-ee", "--bundled"])).toEqual({
      values: { warmup: "2000", bundled: true },
      positionals: ["200", "dane-ee"],
    });
  });

  it("exits 0 after printing the usage for --help, 2 after naming a bad option or a surplus operand", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(parseCliCommand(OPTIONS, USAGE, 1, ["-h"])).toBe(0);
    expect(log).toHaveBeenCalledWith(USAGE);
    expect(parseCliCommand(OPTIONS, USAGE, 1, ["--bogus"])).toBe(2);
    expect(error.mock.calls.at(-1)?.[0]).toMatch(/'--bogus'[\s\S]*usage: x\.ts/);
    expect(parseCliCommand(OPTIONS, USAGE, 1, ["1", "2"])).toBe(2);
    expect(error.mock.calls.at(-1)?.[0]).toMatch(/^Unexpected argument '2': at most 1/);
    expect(parseCliCommand(OPTIONS, USAGE, 0, ["1"])).toBe(2);
  });
});

describe("wholeNumber", () => {
  it("reads a whole number, and the fallback when the value is absent", () => {
    expect(wholeNumber("0", 5, "--warmup")).toBe(0);
    expect(wholeNumber("2000", 5, "--warmup")).toBe(2000);
    expect(wholeNumber(undefined, 5, "--warmup")).toBe(5);
  });

  it.each(["", " ", "x", "1.5", "-1", "1e400"])("refuses %j, naming the option", (value) => {
    expect(() => wholeNumber(value, 5, "--warmup")).toThrow(`--warmup: must be a whole number, got '${value}'`);
  });
});
