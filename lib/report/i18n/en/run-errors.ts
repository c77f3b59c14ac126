// English texts of why a run ended without a result: the run's error event ({type:"error",
// failure: {key, params}}, lib/report/schema.ts), the stored run's failure, a batch item's error.
// lib/checks, lib/server and lib/jobs give the key and params; the CLI, the API's `message` and the
// page word them here. ICU MessageFormat; an apostrophe before a brace is doubled.
export const enRunErrors = {
  // The runner (lib/checks/runner.ts). run.cancelled and run.timedOut also close the running steps.
  "run.cancelled": "The run was cancelled.",
  "run.timedOut": "The test did not finish within {seconds} s and was stopped.",
  "run.overflowed": "The run produced more events than allowed and was stopped.",
  // A fault in mailsec: {error} is the exception's own text, shown as written (a bug to report).
  "run.failed": "The run failed inside mailsec: {error}",
  // The test could not start (lib/checks/run.ts, dnssec.ts, mailflow.ts); an input the engine's own
  // parse refuses is input.refused (en/input.ts).
  "run.unknownType": "Unknown record type ''{type}''. Use a mnemonic such as MX, A, AAAA, TLSA, DS or DNSKEY.",
  // DNSSEC_NETWORK_FAILURE's params: {problem} is worded as in that finding (render.ts DERIVED).
  "run.noResolver": "No resolver answered (the query for {name} {type}: {problem}).",
  // {error}: why the configured trust anchor cannot be read (the operator's setting).
  "run.trustAnchor": "The configured trust anchor is not usable: {error}",
  // The server and the job runner (lib/server/runs.ts, lib/jobs/run-and-store.ts).
  "run.noResult": "The run ended without a result.",
  "run.tooLong": "The run took too long and was stopped.",
  "run.internal": "The run failed inside mailsec.",
  "run.workerStopped": "The engine worker running this test stopped; the steps it had done are kept.",
  "run.notStored": "The run's steps could not all be stored, so its record is incomplete.",
} as const satisfies Record<string, string>;

export type RunErrorKey = keyof typeof enRunErrors;
