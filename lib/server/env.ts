// The server's settings, read from the environment once and checked with zod: a bad value stops
// the server at start with a message naming the variable, instead of failing some later run.
import "server-only";
import fs from "node:fs";
import { parseServerEnv, type ServerEnv } from "./env-parse";

export type { ServerEnv } from "./env-parse";

let cached: ServerEnv | undefined;

/** The parsed environment; read once per process (the trust anchor file included). */
export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env, (file) => fs.readFileSync(file, "utf8"));
  return cached;
}
