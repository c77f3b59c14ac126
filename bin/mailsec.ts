// mailsec on the command line: the same engine as the web analyzer, wired from argv instead of the
// environment. Exit status: 0 pass (warnings allowed), 1 fail, 2 could not run.
//
// Start-up is on the user's clock (npm run bench times it against `node -e 0`): this file imports
// only node built-ins statically; zod, the engine and the renderer are loaded with import() once
// the arguments need them, so `mailsec --help` or a usage error costs node's own start-up. Keep
// new imports here type-only or dynamic. `npx mailsec` runs the bundle `npm run build:cli` makes
// of this file (bin/mailsec.js); `npm run mailsec -- ...` runs it from source through tsx.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import type { z } from "zod";
import type { EngineConfig, RunInput } from "../lib/checks";
import type { PlacedStep } from "../lib/report/step-tree";
import type { Locale } from "../lib/report/i18n/types";
import type { ResultDocument, RunEvent } from "../lib/report/schema";
import { describeIssues, ENGINE_ARGS, ENGINE_OPTION_NAMES, engineConfigFrom, engineOptionFields, engineOptionInput, UsageError } from "./engine-options";

const USAGE = `Usage:
  mailsec dane <domain|email>        DANE Validation (including DNSSEC)
  mailsec inbound <domain|email>     Inbound SMTP Email
  mailsec dnssec <name> [--type T]   DNSSEC Validation of one name and type (default MX)
  mailsec exchange <domain> [--expected-mx HOST]
                                     Exchange Online inbound DANE readiness
  mailsec batch FILE [--test T]      every input of FILE (one a line) through the job queue; prints CSV (--json)
  mailsec worker [--concurrency N]   take batch, watch and webhook jobs until SIGTERM
  (batch and worker use DATABASE_URL, else the SQLite file under MAILSEC_DATA_DIR; see README)

Options:
  --resolver ADDR[:PORT][,ADDR...]   recursive resolver(s) (default: the system's)
  --trust-anchor FILE                DS/DNSKEY records in zone-file syntax (default: IANA root anchors)
  --smtp-port N                      SMTP port (default 25)
  --https-port N                     HTTPS port of MTA-STS policy hosts (default 443)
  --ca-file FILE                     extra trusted CA certificates (PEM) for every WebPKI check
  --allow-private                    allow loopback/private/reserved targets
  --now ISO-8601                     validation time (default: the clock)
  --timeout SECONDS                  bound on the whole run (default 60)
  --send-test-message                inbound with an address: send a short, labelled test message
  --expected-mx HOST                 exchange: the DnssecMxValue Enable-DnssecForVerifiedDomain returned
  --dkim-selector S                  inbound: also check the DKIM key at S._domainkey.<domain>
  --json                             print the result document instead of the tree
  --details                          show every step's additional details
  --lang en|pt-PT                    language of the report (default: pt-PT when LC_ALL, LC_MESSAGES
                                     or LANG, the first one set, is pt_PT; otherwise en); for batch,
                                     of its refused inputs and the results' error column
Exit status: 0 pass or warning, 1 fail, 2 could not run.`;

/** The options' schema; built on first use so that zod loads only when there are options to check. */
function cliSchema(zod: typeof z, locales: readonly [Locale, ...Locale[]], dkimSelector: z.ZodType<string, string>) {
  return zod.object({
    test: zod.enum(["dane", "inbound", "dnssec", "exchange"], { error: "the test must be dane, inbound, dnssec or exchange" }),
    input: zod.string().trim().min(1, "give a domain, an e-mail address or (for dnssec) a DNS name").max(320, "the input is longer than any e-mail address can be (320)"),
    type: zod.string().regex(/^[A-Za-z0-9]{1,12}$/, "must be a record type such as MX, A, TLSA").default("MX"),
    ...engineOptionFields(zod),
    now: zod
      .string()
      .refine((s) => !Number.isNaN(Date.parse(s)), "must be an ISO-8601 time such as 2026-01-01T00:00:00Z")
      .optional(),
    sendTestMessage: zod.boolean().default(false),
    expectedMx: zod.string().optional(),
    dkimSelector: dkimSelector.optional(),
    json: zod.boolean().default(false),
    details: zod.boolean().default(false),
    lang: zod.enum(locales, { error: `must be one of ${locales.join(", ")}` }),
  });
}
type Cli = z.infer<ReturnType<typeof cliSchema>>;

// zod's own messages ("Too big: expected number to be <=65535") do not say which option was wrong;
// every issue on an option is prefixed with the option as it was typed.
const OPTION_NAMES = new Map<PropertyKey, string>([
  ...ENGINE_OPTION_NAMES,
  ["type", "--type"],
  ["now", "--now"],
  ["expectedMx", "--expected-mx"],
  ["lang", "--lang"],
  ["dkimSelector", "--dkim-selector"],
]);

async function parseCommandLine(argv: string[]): Promise<Cli> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        type: { type: "string" },
        ...ENGINE_ARGS,
        now: { type: "string" },
        "send-test-message": { type: "boolean" },
        "expected-mx": { type: "string" },
        "dkim-selector": { type: "string" },
        json: { type: "boolean" },
        details: { type: "boolean" },
        lang: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) throw new UsageError("");
  if (positionals.length !== 2) throw new UsageError(`expected a test and one input, got ${positionals.length} argument(s)`);
  const [{ z: zod }, { LOCALES, localeFromEnvironment }, { DkimSelector }] = await Promise.all([import("zod"), import("../lib/report/i18n/locales"), import("../lib/report/mail-auth-blocks")]);
  const result = cliSchema(zod, LOCALES, DkimSelector).safeParse({
    test: positionals[0],
    input: positionals[1],
    type: values.type,
    ...engineOptionInput(values),
    now: values.now,
    sendTestMessage: values["send-test-message"],
    expectedMx: values["expected-mx"],
    dkimSelector: values["dkim-selector"],
    json: values.json,
    details: values.details,
    lang: values.lang ?? localeFromEnvironment(process.env),
  });
  if (!result.success) throw new UsageError(describeIssues(result.error.issues, OPTION_NAMES));
  if (result.data.expectedMx !== undefined) {
    if (result.data.test !== "exchange") throw new UsageError("--expected-mx works with the exchange test");
    // The API's parser for the same field (lib/report/schema.ts), so both doors accept the same names.
    const { RunRequest } = await import("../lib/report/schema");
    const mx = RunRequest.shape.expectedMx.safeParse(result.data.expectedMx);
    if (!mx.success) throw new UsageError(`--expected-mx: ${mx.error.issues.map((i) => i.message).join("; ")}`);
    result.data.expectedMx = mx.data;
  }
  if (result.data.sendTestMessage && (result.data.test !== "inbound" || !result.data.input.includes("@"))) {
    throw new UsageError("--send-test-message works with the inbound test and an e-mail address");
  }
  if (result.data.dkimSelector !== undefined && result.data.test !== "inbound") throw new UsageError("--dkim-selector works with the inbound test");
  return result.data;
}

function engineConfig(cli: Cli): Promise<EngineConfig> {
  return engineConfigFrom(cli, cli.now ? new Date(cli.now) : null);
}

async function main(argv: string[]): Promise<number> {
  // The job queue's commands load their own module (pg-boss, the stores) only when asked for.
  if (argv[0] === "batch" || argv[0] === "worker") return (await import("./jobs-cli")).jobsCommand(argv, USAGE);
  let cli: Cli;
  let config: EngineConfig;
  try {
    cli = await parseCommandLine(argv);
    config = await engineConfig(cli);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) process.stderr.write(`mailsec: ${error.message}\n\n`);
    process.stderr.write(`${USAGE}\n`);
    return error.message ? 2 : 0;
  }
  const [{ runTest }, { buildStepTree, placeStep }, { exitCodeForVerdict }, { renderResult, renderSteps, progressLine, failureLine }, { onTheWire }] = await Promise.all([
    import("../lib/checks"),
    import("../lib/report/step-tree"),
    import("../lib/report/verdict"),
    import("./render"),
    import("../lib/report/run-failure-text"),
  ]);
  const input: RunInput = { id: randomBytes(16).toString("base64url"), test: cli.test, input: cli.input, sendTestMessage: cli.sendTestMessage, rrType: cli.type, ...(cli.expectedMx !== undefined ? { expectedMx: cli.expectedMx } : {}), ...(cli.dkimSelector !== undefined ? { dkimSelector: cli.dkimSelector } : {}) };
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once("SIGINT", onSignal);
  const live = process.stderr.isTTY && !cli.json;
  const renderOptions = { color: process.stdout.isTTY === true, allDetails: cli.details, locale: cli.lang };
  let result: ResultDocument | null = null;
  let failure: Extract<RunEvent, { type: "error" }> | null = null;
  let placed: ReadonlyMap<string, PlacedStep> = new Map();
  let settled = 0;
  for await (const event of runTest(input, config, controller.signal)) {
    if (event.type === "step") {
      placed = placeStep(placed, event);
      if (event.step.status !== "running" && live) {
        settled++;
        process.stderr.write(`\r${progressLine(settled, event.step.title, cli.lang)}`);
      }
    } else if (event.type === "done") result = event.result;
    else if (event.type === "error") failure = event;
  }
  if (live) process.stderr.write("\r\x1b[K");
  process.off("SIGINT", onSignal);
  if (result === null) {
    // The error event carries only its failure, no partial document: --json prints that event as
    // the API streams it (with its English message), the text mode shows the steps that did finish
    // (a timeout should not hide them); stderr says why in the reader's language.
    if (cli.json && failure) process.stdout.write(`${JSON.stringify(onTheWire(failure), null, 2)}\n`);
    else if (!cli.json) process.stdout.write(renderSteps(buildStepTree(placed), renderOptions));
    process.stderr.write(`${failureLine(failure?.failure ?? { key: "run.noResult", params: {} }, cli.lang)}\n`);
    return 2;
  }
  if (cli.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else process.stdout.write(renderResult(result, renderOptions));
  return exitCodeForVerdict(result.verdict);
}

// No top-level await: the bundle is CommonJS (scripts/build-cli.ts says why).
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
