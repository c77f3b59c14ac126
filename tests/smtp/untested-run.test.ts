// A whole DANE run against the lab when mailsec itself stands in the way (issue 15 §5, §6): the
// address guard (private targets not allowed) or the per-destination connection budget. Neither
// may read as the server's failure: no SMTP_STARTTLS_NOT_OFFERED, no 4.7.321, no "did not accept
// an SMTP session"; the forecast is inconclusive and the verdict a warning, not a failure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTest } from "../../lib/checks";
import { startLab, type Lab } from "../../lib/lab";
import { RunEvent, type ResultDocument } from "../../lib/report/schema";
import { allSteps } from "../checks/lab-run";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
}, 60_000);
afterAll(() => lab?.stop());

async function run(input: string, over: { allowPrivate?: boolean; admitConnection?: (ip: string) => Promise<boolean> }): Promise<ResultDocument> {
  const config = { resolvers: [lab.resolver], trustAnchors: lab.trustAnchorText, smtpPort: lab.smtpPort, allowPrivate: over.allowPrivate ?? true, timeoutMs: 30_000, admitConnection: over.admitConnection };
  let result: ResultDocument | null = null;
  for await (const raw of runTest({ id: `untested-${input}`, test: "dane", input, sendTestMessage: false }, config)) {
    const event = RunEvent.parse(raw);
    if (event.type === "done") result = event.result;
    if (event.type === "error") throw new Error(event.failure.key);
  }
  if (result === null) throw new Error("no result");
  return result;
}


const codesOf = (result: ResultDocument) => allSteps(result.steps).flatMap((s) => (s.findings ?? []).map((f) => f.code));

describe("what mailsec could not test is not the server's failure", () => {
  it("a target the address guard refuses: inconclusive forecast, warning verdict, no STARTTLS blame", async () => {
    const result = await run("dane-ee.test", { allowPrivate: false });
    expect(result.exchangeOnline).toMatchObject({ outcome: "inconclusive", code: null });
    // The reason is a token (lib/report/exchange.ts): the guard's refusal, not a server that did not answer.
    expect(result.exchangeOnline.reason).toBe("policy");
    expect(result.verdict).toBe("warning");
    const codes = codesOf(result);
    expect(codes).toContain("SMTP_TARGET_REFUSED");
    expect(codes).toContain("EXO_INCONCLUSIVE");
    expect(codes).not.toContain("SMTP_STARTTLS_NOT_OFFERED");
    expect(codes).not.toContain("EXO_4_7_321");
  });

  it("a spent connection budget: no connection, SMTP_CONNECTION_BUDGET as a warning, inconclusive", async () => {
    const asked: string[] = [];
    const result = await run("dane-ee.test", { admitConnection: (ip) => (asked.push(ip), Promise.resolve(false)) });
    expect(asked.length).toBeGreaterThan(0);
    expect(result.exchangeOnline).toMatchObject({ outcome: "inconclusive", code: null });
    expect(result.verdict).toBe("warning");
    const connect = allSteps(result.steps).find((s) => s.id.endsWith("/connect"));
    expect(connect?.status).toBe("warning");
    expect(connect?.findings?.map((f) => f.code)).toEqual(["SMTP_CONNECTION_BUDGET"]);
    expect(codesOf(result)).not.toContain("SMTP_STARTTLS_NOT_OFFERED");
    expect(codesOf(result)).not.toContain("SMTP_CONNECT_FAILED");
  });
});
