// The engine's options, defined once for every command that runs tests: `mailsec dane|inbound|
// dnssec|exchange` (bin/mailsec.ts) and `mailsec worker` / `mailsec batch` (bin/jobs-cli.ts) take
// the same flags, check them with the same schema, say the same thing about a bad one, and build
// the same EngineConfig from them. Only node built-ins are imported statically: zod comes in as an
// argument, so `mailsec --help` still starts without it (see bin/mailsec.ts).
import { readFileSync } from "node:fs";
import type { z } from "zod";
import type { EngineConfig } from "../lib/checks/engine";

/** A bad command line: the message goes to stderr above the usage text, exit status 2. */
export class UsageError extends Error {}

/** node:util parseArgs declarations of the engine's flags. */
export const ENGINE_ARGS = {
  resolver: { type: "string" },
  "trust-anchor": { type: "string" },
  "smtp-port": { type: "string" },
  "https-port": { type: "string" },
  "ca-file": { type: "string" },
  "allow-private": { type: "boolean" },
  timeout: { type: "string" },
} as const;

type EngineArgValues = { [K in keyof typeof ENGINE_ARGS]?: (typeof ENGINE_ARGS)[K]["type"] extends "boolean" ? boolean : string };

const PORT = "must be a port number from 1 to 65535";
const SECONDS = "must be a number of seconds, more than 0 and at most 3600";

/** The engine options' zod fields, to spread into a command's schema. */
export function engineOptionFields(zod: typeof z) {
  return {
    resolver: zod.string().optional(),
    trustAnchor: zod.string().optional(),
    smtpPort: zod.coerce.number({ error: PORT }).int(PORT).min(1, PORT).max(65535, PORT).default(25),
    httpsPort: zod.coerce.number({ error: PORT }).int(PORT).min(1, PORT).max(65535, PORT).default(443),
    caFile: zod.string().optional(),
    allowPrivate: zod.boolean().default(false),
    timeout: zod.coerce.number({ error: SECONDS }).positive(SECONDS).max(3600, SECONDS).default(60),
  };
}

export type EngineOptions = z.infer<z.ZodObject<ReturnType<typeof engineOptionFields>>>;

/** parseArgs values -> the schema's input (flag names to field names). */
export function engineOptionInput(values: EngineArgValues): Record<keyof EngineOptions, string | boolean | undefined> {
  return {
    resolver: values.resolver,
    trustAnchor: values["trust-anchor"],
    smtpPort: values["smtp-port"],
    httpsPort: values["https-port"],
    caFile: values["ca-file"],
    allowPrivate: values["allow-private"],
    timeout: values.timeout,
  };
}

/** Field -> the flag as typed, to prefix zod's messages (which do not say which option was wrong). */
export const ENGINE_OPTION_NAMES: readonly [string, string][] = [
  ["resolver", "--resolver"],
  ["trustAnchor", "--trust-anchor"],
  ["smtpPort", "--smtp-port"],
  ["httpsPort", "--https-port"],
  ["caFile", "--ca-file"],
  ["timeout", "--timeout"],
];

/** Every issue on an option, prefixed with the option as it was typed; `names` maps fields to flags. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], names: ReadonlyMap<PropertyKey, string>): string {
  return issues
    .map((issue) => {
      const key = issue.path[0];
      const option = key === undefined ? undefined : names.get(key);
      return option ? `${option}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

function readOption(flag: string, file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`${flag}: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The EngineConfig of checked options: reads the resolver list, the trust-anchor and CA files (a problem is a UsageError naming the flag). */
export async function engineConfigFrom(options: EngineOptions, now?: Date | null): Promise<EngineConfig> {
  const { parseResolverList, systemResolvers } = await import("../lib/dns/transport");
  let resolvers;
  try {
    resolvers = options.resolver ? parseResolverList(options.resolver) : systemResolvers();
  } catch (error) {
    throw new UsageError(`--resolver: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (resolvers.length === 0) throw new UsageError("--resolver: no resolver address given");
  const trustAnchors = options.trustAnchor ? readOption("--trust-anchor", options.trustAnchor) : null;
  const caPem = options.caFile ? readOption("--ca-file", options.caFile) : null;
  if (options.caFile && !caPem?.includes("-----BEGIN CERTIFICATE-----")) throw new UsageError(`--ca-file: ${options.caFile} holds no PEM certificate`);
  return {
    resolvers,
    trustAnchors,
    smtpPort: options.smtpPort,
    httpsPort: options.httpsPort,
    caPem,
    allowPrivate: options.allowPrivate,
    now: now ? () => now : undefined,
    timeoutMs: Math.round(options.timeout * 1000),
  };
}
