// One run of the real engine on the lab with the lab's TEST root trusted (as --ca-file would) and
// the lab's MTA-STS policy port: the policy tests read the result document it ends with.
import { runTest } from "../../lib/checks";
import type { EngineConfig } from "../../lib/checks/engine";
import type { Lab } from "../../lib/lab";
import { RunEvent, type ResultDocument, type TestKind } from "../../lib/report/schema";

export function trustedConfig(lab: Lab): EngineConfig {
  return { resolvers: [lab.resolver], trustAnchors: lab.trustAnchorText, smtpPort: lab.smtpPort, allowPrivate: true, timeoutMs: 60_000, caPem: lab.caPem, httpsPort: lab.httpsPort };
}

/** The run's result document, or null when it ended in an error event. */
export async function runTrusted(lab: Lab, test: TestKind, input: string, extra: { dkimSelector?: string; expectedMx?: string } = {}): Promise<ResultDocument | null> {
  let last: RunEvent | undefined;
  const request = { id: `trusted-${test}-${input}-${extra.dkimSelector ?? ""}`, test, input, sendTestMessage: false, ...extra };
  for await (const event of runTest(request, trustedConfig(lab))) last = RunEvent.parse(event);
  return last?.type === "done" ? last.result : null;
}
