import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultEngineWorkers, parseRateLimit, parseServerEnv } from "./env-parse";

const files: Record<string, string> = {
  "/etc/resolv.conf": "# generated\nnameserver 192.0.2.53\nnameserver fe80::1%eth0\nsearch example\n",
  "/lab/anchor.ds": ". 3600 IN DS 20326 8 2 E06D44B8",
};
const read = (file: string): string => {
  const text = files[file];
  if (text === undefined) throw new Error(`ENOENT: no such file, open '${file}'`);
  return text;
};

describe("server environment", () => {
  it("reads a resolver list with IPv4, bracketed IPv6 and default ports", () => {
    const env = parseServerEnv({ MAILSEC_RESOLVER: "127.0.0.1:5353, [::1]:53,192.0.2.1" }, read);
    expect(env.resolvers).toEqual([
      { host: "127.0.0.1", port: 5353 },
      { host: "::1", port: 53 },
      { host: "192.0.2.1", port: 53 },
    ]);
  });

  it("falls back to the system resolvers and the documented defaults", () => {
    const env = parseServerEnv({}, read);
    expect(env.resolvers).toEqual([
      { host: "192.0.2.53", port: 53 },
      { host: "fe80::1", port: 53 },
    ]);
    expect(env).toMatchObject({
      trustAnchors: null,
      smtpPort: 25,
      allowPrivate: false,
      databaseUrl: null,
      dataDir: path.resolve("data"),
      retentionDays: 30,
      runTimeoutMs: 60_000,
      rateLimit: { runs: 10, windowMs: 600_000 },
      maxConcurrentRuns: 20,
      smtpConnectionsPerMinute: 12,
      trustProxy: false,
    });
  });

  it("reads the lab's example domains for the home page", () => {
    expect(parseServerEnv({ MAILSEC_RESOLVER: "127.0.0.1" }, read).labExamples).toEqual([]);
    expect(parseServerEnv({ MAILSEC_RESOLVER: "127.0.0.1", MAILSEC_LAB_EXAMPLES: "dane-ee.test, tlsa-mismatch.test" }, read).labExamples).toEqual(["dane-ee.test", "tlsa-mismatch.test"]);
    expect(() => parseServerEnv({ MAILSEC_RESOLVER: "127.0.0.1", MAILSEC_LAB_EXAMPLES: "<script>" }, read)).toThrow(/MAILSEC_LAB_EXAMPLES/);
  });

  it("reads the abuse limits", () => {
    const env = parseServerEnv({ MAILSEC_RESOLVER: "127.0.0.1", MAILSEC_RATE_LIMIT: "5 / 30s", MAILSEC_MAX_CONCURRENT_RUNS: "3", MAILSEC_TRUST_PROXY: "1" }, read);
    expect(env).toMatchObject({ rateLimit: { runs: 5, windowMs: 30_000 }, maxConcurrentRuns: 3, trustProxy: true });
    expect(parseRateLimit("100/1h")).toEqual({ runs: 100, windowMs: 3_600_000 });
    expect(parseRateLimit("off")).toBeNull();
    expect(parseRateLimit("10/0m")).toBe("invalid");
    expect(parseRateLimit("10 per minute")).toBe("invalid");
  });

  it("reads the trust anchor file and the lab settings", () => {
    const env = parseServerEnv(
      { MAILSEC_RESOLVER: "127.0.0.1:53", MAILSEC_TRUST_ANCHOR: "/lab/anchor.ds", MAILSEC_SMTP_PORT: "2525", MAILSEC_ALLOW_PRIVATE: "true", DATABASE_URL: "postgresql://app@127.0.0.1:5432/db", MAILSEC_RUN_TIMEOUT_SECONDS: "30" },
      read,
    );
    expect(env).toMatchObject({ trustAnchors: files["/lab/anchor.ds"], smtpPort: 2525, allowPrivate: true, databaseUrl: "postgresql://app@127.0.0.1:5432/db", runTimeoutMs: 30_000 });
  });

  it.each([
    [{ MAILSEC_RESOLVER: "dns.example:53" }, "MAILSEC_RESOLVER"],
    [{ MAILSEC_RESOLVER: "127.0.0.1:99999" }, "MAILSEC_RESOLVER"],
    [{ MAILSEC_SMTP_PORT: "smtp" }, "MAILSEC_SMTP_PORT"],
    [{ MAILSEC_ALLOW_PRIVATE: "maybe" }, "MAILSEC_ALLOW_PRIVATE"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ MAILSEC_RETENTION_DAYS: "-1" }, "MAILSEC_RETENTION_DAYS"],
    [{ MAILSEC_RUN_TIMEOUT_SECONDS: "1.5" }, "MAILSEC_RUN_TIMEOUT_SECONDS"],
    [{ MAILSEC_TRUST_ANCHOR: "/missing.ds" }, "MAILSEC_TRUST_ANCHOR"],
    [{ MAILSEC_RATE_LIMIT: "10" }, "MAILSEC_RATE_LIMIT"],
    [{ MAILSEC_RATE_LIMIT: "10/8d" }, "MAILSEC_RATE_LIMIT"],
    [{ MAILSEC_MAX_CONCURRENT_RUNS: "0" }, "MAILSEC_MAX_CONCURRENT_RUNS"],
    [{ MAILSEC_SMTP_CONNECTIONS_PER_MINUTE: "0" }, "MAILSEC_SMTP_CONNECTIONS_PER_MINUTE"],
    [{ MAILSEC_TRUST_PROXY: "on" }, "MAILSEC_TRUST_PROXY"],
  ])("names the bad variable: %j", (env, name) => {
    expect(() => parseServerEnv(env, read)).toThrow(new RegExp(`^mailsec: invalid environment\\n  ${name}: `));
  });

  // One reading of resolv.conf for the CLI and the server (lib/dns/transport.ts): none means the
  // local resolver, as libc assumes.
  it("falls back to the local resolver when resolv.conf names none, as the CLI does", () => {
    expect(parseServerEnv({}, () => "search example\n").resolvers).toEqual([{ host: "127.0.0.1", port: 53 }]);
  });

  it("refuses a resolver list the CLI would refuse, naming the variable", () => {
    for (const bad of ["[2001:db8::1]:0", "300.0.0.1", "dns.google", " , "]) {
      expect(() => parseServerEnv({ MAILSEC_RESOLVER: bad }, read), bad).toThrow(/MAILSEC_RESOLVER: /);
    }
    expect(parseServerEnv({ MAILSEC_RESOLVER: "[2001:db8::1]:5300,2001:db8::1" }, read).resolvers).toEqual([
      { host: "2001:db8::1", port: 5300 },
      { host: "2001:db8::1", port: 53 },
    ]);
  });

  it("reads the zone cache bound: an hour by default, 0 turns it off, anything else names the variable", () => {
    expect(parseServerEnv({}, read).zoneCacheSeconds).toBe(3600);
    expect(parseServerEnv({ MAILSEC_ZONE_CACHE_SECONDS: "0" }, read).zoneCacheSeconds).toBe(0);
    expect(parseServerEnv({ MAILSEC_ZONE_CACHE_SECONDS: "300" }, read).zoneCacheSeconds).toBe(300);
    for (const bad of ["-1", "1.5", "86401", "soon"]) {
      expect(() => parseServerEnv({ MAILSEC_ZONE_CACHE_SECONDS: bad }, read), bad).toThrow(/MAILSEC_ZONE_CACHE_SECONDS: /);
    }
  });

  it("reads the engine worker threads: one per core up to 4 by default, 0 runs the engine in the main thread", () => {
    expect(parseServerEnv({}, read).engineWorkers).toBe(defaultEngineWorkers(os.availableParallelism()));
    expect([1, 2, 8, 64].map(defaultEngineWorkers)).toEqual([1, 2, 4, 4]);
    expect(parseServerEnv({ MAILSEC_ENGINE_WORKERS: "0" }, read).engineWorkers).toBe(0);
    expect(parseServerEnv({ MAILSEC_ENGINE_WORKERS: "3" }, read).engineWorkers).toBe(3);
    for (const bad of ["-1", "1.5", "65", "all"]) {
      expect(() => parseServerEnv({ MAILSEC_ENGINE_WORKERS: bad }, read), bad).toThrow(/MAILSEC_ENGINE_WORKERS: /);
    }
  });
});
