// Runs one engine test against the lab and returns its events and result document.
import { runTest } from "../../lib/checks";
import type { ParsedDomain } from "../../lib/checks/input";
import type { Lab } from "../../lib/lab";
import { renderMessage } from "../../lib/report/i18n/render";
import { RunEvent, type ResultDocument, type RunFailure, type Step, type TestKind } from "../../lib/report/schema";

export const plain = (name: string) => name.replace(/\.$/, "").toLowerCase();

export interface LabRun {
  events: RunEvent[];
  result: ResultDocument | null;
  /** The error event's failure, and its English text (rendered strictly: a missing key fails the test). */
  failure: RunFailure | null;
  error: string | null;
}

export async function runOnLab(
  lab: Lab,
  test: TestKind,
  input: string,
  extra: { rrType?: string; sendTestMessage?: boolean; timeoutMs?: number; signal?: AbortSignal; target?: ParsedDomain } = {},
): Promise<LabRun> {
  const events: RunEvent[] = [];
  const config = { resolvers: [lab.resolver], trustAnchors: lab.trustAnchorText, smtpPort: lab.smtpPort, allowPrivate: true, timeoutMs: extra.timeoutMs ?? 60_000 };
  for await (const event of runTest({ id: `lab-${test}-${input}`, test, input, sendTestMessage: extra.sendTestMessage ?? false, rrType: extra.rrType, target: extra.target }, config, extra.signal)) {
    // Every event must satisfy the published schema, as the store and the UI parse it.
    events.push(RunEvent.parse(event));
  }
  const last = events.at(-1);
  const failure = last?.type === "error" ? last.failure : null;
  return { events, result: last?.type === "done" ? last.result : null, failure, error: failure ? renderMessage("en", failure) : null };
}

/** The result document of one run on the lab; a run that ended in an error event throws it. */
export async function resultOnLab(lab: Lab, test: TestKind, input: string, extra: Parameters<typeof runOnLab>[3] = {}): Promise<ResultDocument> {
  const run = await runOnLab(lab, test, input, extra);
  if (run.result === null) throw new Error(run.error ?? "no result");
  return run.result;
}

/** Every step of a tree, depth first. */
export const allSteps = (steps: readonly Step[]): Step[] => steps.flatMap((s) => [s, ...allSteps(s.children)]);

/** Runs `work` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  });
  await Promise.all(workers);
  return out;
}

export { english } from "../helpers/english";

/** The finding codes a step names. */
export function codes(step: Step | undefined): string[] {
  return (step?.findings ?? []).map((f) => f.code);
}
