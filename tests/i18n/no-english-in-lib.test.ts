// Issue 10: no English sentence that can reach a reader is built in lib/ outside the catalogues
// (lib/report/i18n). This scans every source under lib/ (tests/i18n/english-scan.ts: string and
// template literals of three or more words, outside the contexts it names) and holds each file to
// what is listed here: a file excluded for a reason, or a count of sentences not yet converted.
// A new sentence fails; so does a converted one whose count was not lowered here.
import { describe, expect, it } from "vitest";
import { isProse, proseIn, sourcesUnder } from "./english-scan";

/** Whole folders or files whose literals never become a run's text, each with why. */
const EXCLUDED: readonly [string, string][] = [
  ["lib/report/i18n/", "the catalogues: the words live here"],
  ["lib/lab/", "the simulated internet (zones, banners, certificates): a run sees it only as the remote side's own text, shown as it came"],
  ["lib/checks/input.ts", "the door's refusals of a bad input (HTTP 400 body, CLI usage error), before any run exists"],
  ["lib/report/schema.ts", "zod messages of the request schema: the door's refusals (form, API, CLI), before any run"],
  ["lib/report/mail-auth-blocks.ts", "zod messages of the DKIM selector field: the door's refusal, before any run"],
  ["lib/server/run-request.ts", "the API's request refusals (HTTP 400), before any run"],
  ["lib/server/http.ts", "the API's body-size and encoding refusals (HTTP 413/400), before any run"],
  ["lib/server/jobs-http.ts", "the batch and watch API's refusals (HTTP 4xx bodies), before any run"],
  ["lib/server/rate-limit.ts", "the rate limiter's HTTP 429 body, before any run"],
  ["lib/server/front-door.ts", "the front door's refusal of an HTTP method, before any run"],
  ["lib/server/security-headers.ts", "the Content-Security-Policy header value"],
  ["lib/server/env-parse.ts", "the operator's start-up errors about MAILSEC_* settings, printed to stderr"],
  ["lib/server/store.ts", "labels of the server's log lines (the store's housekeeping)"],
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

/**
 * Sentences that reach a run and are not yet tokens (issue 10 follow-up), by file. Lower a count
 * when a sentence becomes a token; never raise one.
 */
const NOT_YET_CONVERTED: Readonly<Record<string, number>> = {
};

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

  it("each exclusion names a reason, and each names something that exists", () => {
    const files = sourcesUnder("lib");
    for (const [prefix, why] of EXCLUDED) {
      expect(why.length, prefix).toBeGreaterThan(20);
      expect(files.some((f) => f.startsWith(prefix)), `${prefix} no longer exists`).toBe(true);
    }
  });

  it("every other file of lib/ has no more sentences than listed (and the list is up to date)", () => {
    const over: string[] = [];
    const stale: string[] = [];
    for (const file of sourcesUnder("lib")) {
      if (excluded(file)) continue;
      const found = proseIn(file);
      const allowed = NOT_YET_CONVERTED[file] ?? 0;
      if (found.length > allowed) over.push(...found.map((p) => `${p.file}:${p.line}: ${p.text}`), `(${file}: ${found.length} found, ${allowed} listed)`);
      if (found.length < allowed) stale.push(`${file}: ${found.length} found, ${allowed} listed: lower the count`);
    }
    expect(over).toEqual([]);
    expect(stale).toEqual([]);
  });
});
