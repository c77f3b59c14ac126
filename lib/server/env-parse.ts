// Parsing the server's settings: pure (the environment and a file reader come in), so it is
// tested without Next. A bad value throws a message naming the variable.
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import type { ResolverAddress } from "../checks/engine";
import { DEFAULT_CONNECTIONS_PER_MINUTE } from "./destination-budget";
import { parseResolvConf, parseResolverList } from "../dns/transport";

export interface ServerEnv {
  resolvers: ResolverAddress[];
  trustAnchors: string | null;
  trustAnchorFile: string | null;
  smtpPort: number;
  /** HTTPS port of MTA-STS policy hosts (MAILSEC_HTTPS_PORT; 443 but in the lab). */
  httpsPort: number;
  /** Extra trusted CA certificates in PEM (the file MAILSEC_CA_FILE names), for every WebPKI check. */
  caPem: string | null;
  allowPrivate: boolean;
  databaseUrl: string | null;
  dataDir: string;
  retentionDays: number;
  runTimeoutMs: number;
  /** Runs one client may start per window (MAILSEC_RATE_LIMIT, "10/10m"); null: no limit. */
  rateLimit: { runs: number; windowMs: number } | null;
  maxConcurrentRuns: number;
  /** SMTP connections to one destination address per minute, across runs (MAILSEC_SMTP_CONNECTIONS_PER_MINUTE). */
  smtpConnectionsPerMinute: number;
  /** Take the client's address from the last X-Forwarded-For entry (a proxy in front appended it). */
  trustProxy: boolean;
  /** Domains the home page offers as examples (MAILSEC_LAB_EXAMPLES; `npm run lab` sets it). */
  labExamples: string[];
  /** Longest reuse of a zone above the tested domain validated by an earlier run, seconds; 0: off. */
  zoneCacheSeconds: number;
  /** Engine worker threads (MAILSEC_ENGINE_WORKERS); 0: runs in the main thread. */
  engineWorkers: number;
}

/** MAILSEC_ENGINE_WORKERS when unset: one worker per core the process may use, at most 4 (and at least 1). */
export function defaultEngineWorkers(cores: number): number {
  return Math.max(1, Math.min(4, cores));
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

/** "10/10m", "100/1h", "5/30s" (runs per window); "off" or "0" disables the limit. */
export function parseRateLimit(text: string): { runs: number; windowMs: number } | null | "invalid" {
  const value = text.trim().toLowerCase();
  if (value === "off" || value === "0") return null;
  const match = /^(\d{1,7})\s*\/\s*(\d{1,6})\s*([smh])$/.exec(value);
  if (!match) return "invalid";
  const runs = Number(match[1]);
  const windowMs = Number(match[2]) * (UNIT_MS[match[3] ?? ""] ?? 0);
  if (runs < 1 || windowMs < 1000 || windowMs > 7 * 24 * 3_600_000) return "invalid";
  return { runs, windowMs };
}

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

/** A whole-number setting from 1 to `max`, `fallback` when unset; shared with lib/jobs/settings.ts. */
export const positiveInt = (fallback: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > max) {
        ctx.addIssue({ code: "custom", message: `must be a whole number from 1 to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const EnvSchema = z.object({
  MAILSEC_RESOLVER: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return null;
      // The CLI's --resolver parser: one syntax, one set of messages.
      try {
        return parseResolverList(v);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: `expected IP[:PORT] or [IPv6]:PORT, comma-separated: ${(error as Error).message}` });
        return z.NEVER;
      }
    }),
  MAILSEC_TRUST_ANCHOR: z.string().optional().transform((v) => (v && v.trim() !== "" ? v : null)),
  MAILSEC_SMTP_PORT: positiveInt(25, 65535),
  MAILSEC_HTTPS_PORT: positiveInt(443, 65535),
  MAILSEC_CA_FILE: z.string().optional().transform((v) => (v && v.trim() !== "" ? v : null)),
  MAILSEC_ALLOW_PRIVATE: flag,
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v : null))
    .refine((v) => v === null || /^postgres(ql)?:\/\//.test(v), "must be a postgres:// or postgresql:// URL"),
  MAILSEC_DATA_DIR: z.string().optional().transform((v) => path.resolve(v && v.trim() !== "" ? v : "data")),
  MAILSEC_RETENTION_DAYS: positiveInt(30, 36_500),
  MAILSEC_RUN_TIMEOUT_SECONDS: positiveInt(60, 3600),
  MAILSEC_RATE_LIMIT: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return { runs: 10, windowMs: 600_000 };
      const limit = parseRateLimit(v);
      if (limit === "invalid") {
        ctx.addIssue({ code: "custom", message: `expected RUNS/WINDOW such as "10/10m" (s, m or h, at most 7 days), or "off"; got "${v}"` });
        return z.NEVER;
      }
      return limit;
    }),
  MAILSEC_MAX_CONCURRENT_RUNS: positiveInt(20, 100_000),
  MAILSEC_SMTP_CONNECTIONS_PER_MINUTE: positiveInt(DEFAULT_CONNECTIONS_PER_MINUTE, 10_000),
  MAILSEC_TRUST_PROXY: flag,
  MAILSEC_ZONE_CACHE_SECONDS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return 3600;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 86_400) {
        ctx.addIssue({ code: "custom", message: `must be a whole number of seconds from 0 (off) to 86400, got "${v}"` });
        return z.NEVER;
      }
      return n;
    }),
  MAILSEC_ENGINE_WORKERS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return defaultEngineWorkers(os.availableParallelism());
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 64) {
        ctx.addIssue({ code: "custom", message: `must be a whole number of worker threads from 0 (runs in the main thread) to 64, got "${v}"` });
        return z.NEVER;
      }
      return n;
    }),
  MAILSEC_LAB_EXAMPLES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const names = (v ?? "").split(",").map((n) => n.trim()).filter((n) => n !== "");
      const bad = names.filter((n) => !/^[a-z0-9.-]{1,253}$/i.test(n));
      if (bad.length > 0 || names.length > 50) {
        ctx.addIssue({ code: "custom", message: `expected up to 50 comma-separated domain names; cannot read "${bad.join(", ") || v}"` });
        return z.NEVER;
      }
      return names;
    }),
});

export function parseServerEnv(env: Record<string, string | undefined>, readFile: (file: string) => string): ServerEnv {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`mailsec: invalid environment\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  let trustAnchors: string | null = null;
  if (e.MAILSEC_TRUST_ANCHOR) {
    try {
      trustAnchors = readFile(e.MAILSEC_TRUST_ANCHOR);
    } catch (err) {
      throw new Error(`mailsec: invalid environment\n  MAILSEC_TRUST_ANCHOR: cannot read "${e.MAILSEC_TRUST_ANCHOR}": ${(err as Error).message}`);
    }
  }
  let caPem: string | null = null;
  if (e.MAILSEC_CA_FILE) {
    try {
      caPem = readFile(e.MAILSEC_CA_FILE);
    } catch (err) {
      throw new Error(`mailsec: invalid environment\n  MAILSEC_CA_FILE: cannot read "${e.MAILSEC_CA_FILE}": ${(err as Error).message}`);
    }
    if (!caPem.includes("-----BEGIN CERTIFICATE-----")) throw new Error(`mailsec: invalid environment\n  MAILSEC_CA_FILE: "${e.MAILSEC_CA_FILE}" holds no PEM certificate`);
  }
  let resolvers = e.MAILSEC_RESOLVER;
  if (!resolvers) {
    let conf = "";
    try {
      conf = readFile("/etc/resolv.conf");
    } catch {
      // No resolv.conf: the local resolver, as libc (and the CLI) assume.
    }
    resolvers = parseResolvConf(conf);
  }
  return {
    resolvers,
    trustAnchors,
    trustAnchorFile: e.MAILSEC_TRUST_ANCHOR,
    smtpPort: e.MAILSEC_SMTP_PORT,
    httpsPort: e.MAILSEC_HTTPS_PORT,
    caPem,
    allowPrivate: e.MAILSEC_ALLOW_PRIVATE,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.MAILSEC_DATA_DIR,
    retentionDays: e.MAILSEC_RETENTION_DAYS,
    runTimeoutMs: e.MAILSEC_RUN_TIMEOUT_SECONDS * 1000,
    rateLimit: e.MAILSEC_RATE_LIMIT,
    maxConcurrentRuns: e.MAILSEC_MAX_CONCURRENT_RUNS,
    smtpConnectionsPerMinute: e.MAILSEC_SMTP_CONNECTIONS_PER_MINUTE,
    trustProxy: e.MAILSEC_TRUST_PROXY,
    labExamples: e.MAILSEC_LAB_EXAMPLES,
    zoneCacheSeconds: e.MAILSEC_ZONE_CACHE_SECONDS,
    engineWorkers: e.MAILSEC_ENGINE_WORKERS,
  };
}
