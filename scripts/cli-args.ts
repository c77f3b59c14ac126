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
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ options: { ...options, help: { type: "boolean", short: "h" } } }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help === true) {
    console.log(usage);
    return 0;
  }
  // parseArgs checked every value against `options`; only the type is lost through the spread.
  return values as CliValues<T>;
}
