// Issue 10: no English sentence that can reach a reader is built in lib/ outside the catalogues
// (lib/report/i18n). This scans every source under lib/ (tests/i18n/english-scan.ts: string and
// template literals of three or more words, outside the contexts it names): a file listed in
// EXCLUDED, with the reason, may hold English; every other file of lib/ holds none. A new
// sentence fails, and so does an exclusion whose file is gone or holds no English any more.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { catalogueFor } from "../../lib/report/i18n/render";
import { isProse, proseIn, ROOT, sourcesUnder } from "./english-scan";

/** Whole folders or files whose literals never become a run's text, each with why. */
const EXCLUDED: readonly [string, string][] = [
  ["lib/report/i18n/", "the catalogues: the words live here"],
  ["lib/lab/", "the simulated internet (zones, banners, certificates): a run sees it only as the remote side's own text, shown as it came"],
  ["lib/report/schema.ts", "zod messages of the request schema: the door's refusals (form, API, CLI), before any run"],
  ["lib/report/mail-auth-blocks.ts", "zod messages of the DKIM selector field: the door's refusal, before any run"],
  ["lib/server/run-request.ts", "the API's request refusals (HTTP 400), before any run"],
  ["lib/server/http.ts", "the API's HTTP refusals (413/400 of a body, 405 of a method, 500/503 when a run cannot start), before any run"],
  ["lib/server/jobs-http.ts", "the batch and watch API's refusals (HTTP 4xx bodies), before any run"],
  ["lib/server/rate-limit.ts", "the rate limiter's HTTP 429 body, before any run"],
  ["lib/server/front-door.ts", "the front door's refusal of an HTTP method, before any run"],
  ["lib/server/security-headers.ts", "the Content-Security-Policy header value"],
  ["lib/server/env-parse.ts", "the operator's start-up errors about MAILSEC_* settings, printed to stderr"],
  ["lib/server/store.ts", "labels of the server's log lines (the store's housekeeping)"],
  ["lib/store/sqlite-checkpointer.ts", "the SQLite checkpoint thread's JavaScript source, as a string"],
  ["lib/jobs/api-token.ts", "the batch API's token refusals (HTTP 401/403), before any run"],
  ["lib/jobs/settings.ts", "the operator's start-up errors about the job settings"],
  ["lib/jobs/batches.ts", "the batch API's refusals of a batch file, before any run"],
  ["lib/jobs/watches.ts", "the watch API's refusals, before any run"],
  ["lib/jobs/webhook.ts", "webhook delivery status for the operator (the watch's delivery log), not a run"],
  ["lib/jobs/handlers.ts", "webhook delivery status for the operator, not a run"],
  ["lib/checks/test-message.ts", "the test message the Inbound test sends (headers and body), English by contract: the receiving server's postmaster reads it, not the run's reader"],
  ["lib/dns/zonefile.ts", "the zone-file parser's errors name a line of the operator's own trust-anchor file (--trust-anchor, MAILSEC_TRUST_ANCHOR: a setting, shown as written like env-parse.ts's) or of the lab's and the vectors' zone files; never a remote server's data"],
  ["lib/https/user-agent.ts", "the User-Agent header of the MTA-STS policy fetch: a product token for the policy host's access log, never shown in a run"],
];

const excluded = (file: string) => EXCLUDED.some(([prefix]) => (prefix.endsWith("/") ? file.startsWith(prefix) : file === prefix));

describe("no English sentences in lib/ outside the catalogues", () => {
  it("finds a sentence where one is planted, and passes what is not one (the scan can fail)", () => {
    const planted = [
      'import { message } from "../report/i18n/message";',
      'export const summary = (domain: string) => `The MX lookup failed for ${domain}.`;',
      'export const problem = { reason: "read-timeout", stage: "banner", ms: 30000 };',
      'export const key = message("smtp.failed", { smtpProblem: "closed" });',
      'throw new TypeError("probeSmtp: envelope.from is not a plain address");',
      'console.error("the store heartbeat failed for this run");',
      'const sql = "SELECT id FROM runs WHERE status = \'running\' AND owner IS NULL";',
    ].join("\n");
    expect(proseIn("lib/planted.ts", planted).map((p) => p.text)).toEqual(["The MX lookup failed for  ."]);
    expect(isProse("3 1 1 abcdef")).toBe(false);
    expect(isProse("mx1.example.test. 300 IN A 192.0.2.1")).toBe(false);
  });

  it("each exclusion names a reason and something that exists, and an excluded file still holds English", () => {
    const files = sourcesUnder("lib");
    for (const [prefix, why] of EXCLUDED) {
      expect(why.length, prefix).toBeGreaterThan(20);
      if (prefix.endsWith("/")) expect(files.some((f) => f.startsWith(prefix)), `${prefix} no longer exists`).toBe(true);
      else {
        expect(files, `${prefix} no longer exists`).toContain(prefix);
        // A file whose sentences all became tokens leaves the list, so the scan covers it again.
        expect(proseIn(prefix).length, `${prefix} builds no English sentence any more: remove its exclusion`).toBeGreaterThan(0);
      }
    }
  });

  it("every other file of lib/ builds no English sentence", () => {
    const files = sourcesUnder("lib").filter((file) => !excluded(file));
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) => proseIn(file).map((p) => `${p.file}:${p.line}: ${p.text}`));
    expect(found).toEqual([]);
  });
});

/** The keys a source names through `message("key", ...)` (lib/report/i18n/message.ts). */
const messageKeysIn = (source: string): string[] => [...source.matchAll(/\bmessage\(\s*"([^"]+)"/g)].map((m) => m[1]!);

describe("the texts lib/ names by key", () => {
  it("finds the key a planted call names (the scan can fail)", () => {
    expect(messageKeysIn('summary: message("dns.nosuchKey", { name }),\nconst m = message( "dkim.summary");')).toEqual(["dns.nosuchKey", "dkim.summary"]);
  });

  it("every message(\"key\") in lib/ has an English and a pt-PT text", () => {
    // Typed keys catch an unknown key at compile time only where the call is typed; a key that the
    // English catalogue has but pt-PT lacks is caught only here (or by a reader).
    const en = catalogueFor("en").messages;
    const pt = catalogueFor("pt-PT").messages;
    const used = sourcesUnder("lib").flatMap((file) => messageKeysIn(readFileSync(path.join(ROOT, file), "utf8")).map((key) => ({ file, key })));
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter(({ key }) => en[key] === undefined || pt[key] === undefined)).toEqual([]);
  });
});
