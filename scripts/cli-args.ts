// The option handling every script shares: node:util parseArgs in strict mode plus -h/--help,
// with a bad option reported next to the usage text and exit code 2, as the shell expects.
import { parseArgs, type ParseArgsConfig } from "node:util";

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig["options"]>;

export type CliValues<T extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ options: T }>>["values"];

/**
 * The parsed option values, or the exit code when the script should stop here: 0 after printing
 * the usage for --help, 2 after printing the parse error and the usage.
 */
export function parseCliArgs<const T extends ParseArgsOptionsConfig>(options: T, usage: string): CliValues<T> | number {
  const parsed = parseCliCommand(options, usage, 0, process.argv.slice(2));
  return typeof parsed === "number" ? parsed : parsed.values;
}

/** parseCliArgs for a script that also takes up to `maxPositionals` operands (a count, a name, a git ref). */
export function parseCliCommand<const T extends ParseArgsOptionsConfig>(
  options: T,
  usage: string,
  maxPositionals: number,
  argv: string[] = process.argv.slice(2),
): { values: CliValues<T>; positionals: string[] } | number {
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: maxPositionals > 0 }));
    if (positionals.length > maxPositionals) throw new Error(`Unexpected argument '${positionals[maxPositionals]}': at most ${maxPositionals} before or among the options`);
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help === true) {
    console.log(usage);
    return 0;
  }
  // parseArgs checked every value against `options`; only the type is lost through the spread.
  return { values: values as CliValues<T>, positionals };
}

/** An option's or operand's whole number, `fallback` when absent; anything else throws, naming it. */
export function wholeNumber(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < 0) throw new Error(`${name}: must be a whole number, got '${value}'`);
  return n;
}
