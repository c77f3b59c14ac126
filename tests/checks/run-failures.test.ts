// Issue 10: a run that ends without a result says why as a key and params, and each reader's
// language words it. Each way a run can fail is made to happen for real against the lab (a timeout,
// a cancel, a resolver address nothing answers on, a record type that does not exist, an input the
// door refuses, an unusable trust anchor, a store that refuses the steps), and the failure is read
// in English and in European Portuguese, as the CLI, the page and the API's `message` word it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTest } from "../../lib/checks";
import type { RunTest } from "../../lib/checks/engine";
import { runAndStore } from "../../lib/jobs/run-and-store";
import { startLab, type Lab } from "../../lib/lab";
import { renderMessage } from "../../lib/report/i18n/render";
import { onTheWire } from "../../lib/report/run-failure-text";
import { RunEvent, type RunFailure } from "../../lib/report/schema";
import { openSqliteStore, SQLITE_FILE_NAME } from "../../lib/store";
import { closedUdpPort } from "../dns/responder";
import { runOnLab } from "./lab-run";

let lab: Lab;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-run-failures-"));

beforeAll(async () => {
  lab = await startLab();
}, 60_000);
afterAll(async () => {
  await lab?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const both = (failure: RunFailure | null) => {
  if (!failure) throw new Error("the run did not fail");
  // Strict (under vitest): a key or a param missing in either language throws here.
  return { en: renderMessage("en", failure), pt: renderMessage("pt-PT", failure) };
};

const labConfig = (over: Record<string, unknown> = {}) => ({ resolvers: [lab.resolver], trustAnchors: lab.trustAnchorText, smtpPort: lab.smtpPort, allowPrivate: true, timeoutMs: 30_000, ...over });

describe("a run's failure, from the engine", () => {
  it("a timeout: run.timedOut with the budget in seconds", async () => {
    // slow-banner waits 1.5 s before its greeting: a 1 s budget cannot be met.
    const run = await runOnLab(lab, "dane", "slow-banner.test", { timeoutMs: 1000 });
    expect(run.failure).toEqual({ key: "run.timedOut", params: { seconds: 1 } });
    expect(both(run.failure)).toEqual({ en: "The test did not finish within 1 s and was stopped.", pt: "O teste não terminou em 1 s e foi interrompido." });
  });

  it("a cancel: run.cancelled", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const run = await runOnLab(lab, "inbound", "slow-banner.test", { signal: controller.signal });
    expect(run.failure).toEqual({ key: "run.cancelled", params: {} });
    expect(both(run.failure).pt).toBe("A execução foi cancelada.");
  });

  it("no resolver answers: run.noResolver with the MX query's own network failure", async () => {
    const port = await closedUdpPort();
    const events: RunEvent[] = [];
    for await (const e of runTest({ id: "no-resolver", test: "dane", input: "dane-ee.test", sendTestMessage: false }, labConfig({ resolvers: [{ host: "127.0.0.1", port }], timeoutMs: 20_000 }))) events.push(RunEvent.parse(e));
    const last = events.at(-1);
    const failure = last?.type === "error" ? last.failure : null;
    expect(failure).toMatchObject({ key: "run.noResolver", params: { name: expect.stringMatching(/^dane-ee\.test\.?$/), type: "MX" } });
    const text = both(failure);
    expect(text.en).toMatch(/^No resolver answered \(the query for dane-ee\.test\.? MX: .+\)\.$/);
    expect(text.pt).toMatch(/^Nenhum resolvedor respondeu \(a consulta de dane-ee\.test\.? MX: .+\)\.$/);
  });

  it("a record type that does not exist: run.unknownType with the type as given", async () => {
    const run = await runOnLab(lab, "dnssec", "dane-ee.test", { rrType: "NOSUCH" });
    expect(run.failure).toEqual({ key: "run.unknownType", params: { type: "NOSUCH" } });
    expect(both(run.failure)).toEqual({
      en: "Unknown record type 'NOSUCH'. Use a mnemonic such as MX, A, AAAA, TLSA, DS or DNSKEY.",
      pt: "Tipo de registo desconhecido: «NOSUCH». Indique uma mnemónica como MX, A, AAAA, TLSA, DS ou DNSKEY.",
    });
  });

  it("an input the engine's own parse refuses: input.refused with the door's problem as a token", async () => {
    const run = await runOnLab(lab, "dane", "exa..mple.test");
    expect(run.failure).toEqual({ key: "input.refused", params: { inputProblem: "empty-label", input: "exa..mple.test" } });
    expect(both(run.failure)).toEqual({
      en: "'exa..mple.test' cannot be tested: the name has an empty label (two dots in a row, or a leading dot).",
      pt: "«exa..mple.test» não pode ser testado: o nome tem uma etiqueta vazia (dois pontos seguidos, ou um ponto no início).",
    });
  });

  it("an unusable trust anchor: run.trustAnchor with the parser's reason", async () => {
    const events: RunEvent[] = [];
    for await (const e of runTest({ id: "bad-anchor", test: "dane", input: "dane-ee.test", sendTestMessage: false }, labConfig({ trustAnchors: "example. 3600 IN A 192.0.2.1\n" }))) events.push(RunEvent.parse(e));
    const last = events.at(-1);
    const failure = last?.type === "error" ? last.failure : null;
    expect(failure?.key).toBe("run.trustAnchor");
    expect(both(failure).pt).toMatch(/^A âncora de confiança configurada não é utilizável: .+/);
  });

  it("on the wire the error event keeps its failure and gains the English message a version 3 reader wants", async () => {
    const run = await runOnLab(lab, "dane", "slow-banner.test", { timeoutMs: 1000 });
    const last = run.events.at(-1);
    if (last?.type !== "error") throw new Error("no error event");
    const wire = JSON.parse(JSON.stringify(onTheWire(last))) as unknown;
    expect(wire).toEqual({ type: "error", failure: { key: "run.timedOut", params: { seconds: 1 } }, message: "The test did not finish within 1 s and was stopped." });
    // And it parses back to the same event.
    expect(RunEvent.parse(wire)).toEqual(last);
  });
});

describe("a run's failure, stored by runAndStore (batches and watches)", () => {
  it("a store that refuses the steps: run.notStored, and the failure is what the run's link shows", async () => {
    const dataDir = path.join(dir, "refusing");
    const store = openSqliteStore(dataDir, "refusing");
    await store.close();
    // A real fault in the real database: every step row is refused, the run rows are not.
    const db = new Database(path.join(dataDir, SQLITE_FILE_NAME));
    db.exec("CREATE TRIGGER refuse_steps BEFORE INSERT ON run_events BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
    db.close();
    const again = openSqliteStore(dataDir, "refusing-2");
    try {
      const outcome = await runAndStore(again, runTest, labConfig(), { test: "dane", input: "dane-ee.test", sendTestMessage: false });
      expect(outcome).toMatchObject({ failure: { key: "run.notStored", params: {} } });
      const stored = await again.getRun(outcome.id);
      expect(stored).toMatchObject({ status: "error", failure: { key: "run.notStored", params: {} } });
      expect(both(stored?.failure ?? null)).toEqual({
        en: "The run's steps could not all be stored, so its record is incomplete.",
        pt: "Não foi possível guardar todos os passos da execução, pelo que o registo está incompleto.",
      });
    } finally {
      await again.close();
    }
  });

  it("a timeout is stored as the engine said it", async () => {
    const store = openSqliteStore(path.join(dir, "timeout"), "timeout");
    try {
      const outcome = await runAndStore(store, runTest, labConfig({ timeoutMs: 1000 }), { test: "dane", input: "slow-banner.test", sendTestMessage: false });
      const stored = await store.getRun(outcome.id);
      expect(stored?.failure).toEqual({ key: "run.timedOut", params: { seconds: 1 } });
      expect(both(stored?.failure ?? null).pt).toBe("O teste não terminou em 1 s e foi interrompido.");
    } finally {
      await store.close();
    }
  });

  // The two backstops below guard against an engine that breaks its contract, which the real one
  // does not do: an engine of two lines stands in for it (no socket or resolver is faked).
  it("an engine that ends without a result: run.noResult; one that throws: run.internal", async () => {
    const store = openSqliteStore(path.join(dir, "backstops"), "backstops");
    try {
      const silent: RunTest = async function* (input) {
        yield { type: "run", id: input.id, test: input.test, input: input.input };
      };
      const broken: RunTest = async function* () {
        await Promise.resolve();
        throw new Error("engine fault");
      };
      const ended = await runAndStore(store, silent, labConfig(), { test: "dane", input: "dane-ee.test", sendTestMessage: false });
      const threw = await runAndStore(store, broken, labConfig(), { test: "dane", input: "dane-ee.test", sendTestMessage: false });
      expect(both((await store.getRun(ended.id))?.failure ?? null)).toEqual({ en: "The run ended without a result.", pt: "A execução terminou sem resultado." });
      expect(both((await store.getRun(threw.id))?.failure ?? null)).toEqual({ en: "The run failed inside mailsec.", pt: "A execução falhou dentro do mailsec." });
    } finally {
      await store.close();
    }
  });
});
