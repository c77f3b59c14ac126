// One test run from input to events: parse the input, build the ports, run the test's steps under
// the runner's timeout and cancellation. The transport is a parameter so the CLI, the server and
// the tests share this path whatever resolver they point at.
import type { DnsTransport } from "../dns/types";
import { TrustAnchorError } from "../dnssec/anchors";
import { message } from "../report/i18n/message";
import type { RunEvent } from "../report/schema";
import { daneTest } from "./dane";
import { dnssecTest } from "./dnssec";
import { exchangeTest } from "./exchange";
import type { EngineConfig, RunInput, RunTest } from "./engine";
import { inboundTest } from "./inbound";
import { refusal } from "./input";
import { parseTarget } from "./target";
import { RunAbort, runSteps, type StepRecorder, type TestBody } from "./runner";
import { createPorts } from "./wiring";

export type TransportFactory = (config: EngineConfig, signal: AbortSignal) => DnsTransport;

async function body(input: RunInput, config: EngineConfig, makeTransport: TransportFactory, rec: StepRecorder): Promise<TestBody> {
  const parsed = input.target ?? parseTarget(input.test, input.input);
  if (!parsed.ok) throw new RunAbort(refusal(parsed), "input");
  let ports;
  try {
    ports = createPorts(makeTransport(config, rec.signal), config, rec.signal, parsed.domain);
  } catch (error) {
    if (error instanceof TrustAnchorError) throw new RunAbort(message("run.trustAnchor", { error: error.message }), "input");
    throw error;
  }
  switch (input.test) {
    case "dane":
      return daneTest(ports, rec, parsed);
    case "inbound":
      return inboundTest(ports, rec, parsed, { sendTestMessage: input.sendTestMessage, runId: input.id, dkimSelector: input.dkimSelector });
    case "dnssec":
      return dnssecTest(ports, rec, parsed, input.rrType ?? "MX");
    case "exchange":
      return exchangeTest(ports, rec, parsed, input.expectedMx ?? null);
  }
}

export function createRunTest(makeTransport: TransportFactory): RunTest {
  return (input: RunInput, config: EngineConfig, signal?: AbortSignal): AsyncGenerator<RunEvent> =>
    // startedAt/finishedAt stay on the real clock: config.now is the validation time, which may be fixed.
    runSteps({ id: input.id, test: input.test, input: input.input }, (rec) => body(input, config, makeTransport, rec), {
      timeoutMs: config.timeoutMs,
      signal,
    });
}
