// Issue 10: why a run ended without a result is a key and params (lib/report/i18n/en/run-errors.ts),
// worded in the reader's language. Each key's text in English and European Portuguese, the error
// event as it travels (with the English `message` a version 3 reader needs) and as an older
// version wrote it (only `message`: shown as written), and the store's text column both ways.
import { describe, expect, it } from "vitest";
import { enRunErrors } from "../../lib/report/i18n/en/run-errors";
import { ptRunErrors } from "../../lib/report/i18n/pt-PT/run-errors";
import { renderMessage } from "../../lib/report/i18n/render";
import { failureFromStore, storedFailure } from "../../lib/report/run-failure";
import { englishFailure, failureText, onTheWire } from "../../lib/report/run-failure-text";
import { RunEvent } from "../../lib/report/schema";

const SAMPLES: Record<keyof typeof enRunErrors, { params: Record<string, string | number>; en: string; pt: string }> = {
  "run.cancelled": { params: {}, en: "The run was cancelled.", pt: "A execução foi cancelada." },
  "run.timedOut": { params: { seconds: 30 }, en: "The test did not finish within 30 s and was stopped.", pt: "O teste não terminou em 30 s e foi interrompido." },
  "run.overflowed": { params: {}, en: "The run produced more events than allowed and was stopped.", pt: "A execução produziu mais eventos do que o permitido e foi interrompida." },
  "run.failed": { params: { error: "x is undefined" }, en: "The run failed inside mailsec: x is undefined", pt: "A execução falhou dentro do mailsec: x is undefined" },
  "run.unknownType": { params: { type: "MXX" }, en: "Unknown record type 'MXX'. Use a mnemonic such as MX, A, AAAA, TLSA, DS or DNSKEY.", pt: "Tipo de registo desconhecido: «MXX». Indique uma mnemónica como MX, A, AAAA, TLSA, DS ou DNSKEY." },
  "run.noResolver": {
    params: { name: "example.test.", type: "MX", problem: "timeout" },
    en: "No resolver answered (the query for example.test. MX: timeout).",
    pt: "Nenhum resolvedor respondeu (a consulta de example.test. MX: timeout).",
  },
  "run.trustAnchor": { params: { error: "no DS" }, en: "The configured trust anchor is not usable: no DS", pt: "A âncora de confiança configurada não é utilizável: no DS" },
  "run.noResult": { params: {}, en: "The run ended without a result.", pt: "A execução terminou sem resultado." },
  "run.tooLong": { params: {}, en: "The run took too long and was stopped.", pt: "A execução demorou demasiado e foi interrompida." },
  "run.internal": { params: {}, en: "The run failed inside mailsec.", pt: "A execução falhou dentro do mailsec." },
  "run.workerStopped": {
    params: {},
    en: "The engine worker running this test stopped; the steps it had done are kept.",
    pt: "O processo de trabalho que executava este teste parou; os passos já feitos foram guardados.",
  },
  "run.notStored": {
    params: {},
    en: "The run's steps could not all be stored, so its record is incomplete.",
    pt: "Não foi possível guardar todos os passos da execução, pelo que o registo está incompleto.",
  },
};

describe("a run's failure in words", () => {
  it("has a text for every key in both languages, and a sample here for each", () => {
    expect(Object.keys(ptRunErrors).sort()).toEqual(Object.keys(enRunErrors).sort());
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(enRunErrors).sort());
  });

  it.each(Object.entries(SAMPLES))("%s reads in English and in European Portuguese", (key, { params, en, pt }) => {
    expect(failureText("en", { key, params })).toBe(en);
    expect(failureText("pt-PT", { key, params })).toBe(pt);
  });

  it("the English for the wire never throws: a key this version lacks shows as [key]", () => {
    expect(englishFailure({ key: "run.fromTheFuture", params: {} })).toBe("[run.fromTheFuture]");
    expect(() => failureText("pt-PT", { key: "run.fromTheFuture", params: {} })).toThrow();
  });
});

describe("the error event", () => {
  it("travels with its failure and the English message, and parses back to the failure alone", () => {
    const event: RunEvent = { type: "error", failure: { key: "run.timedOut", params: { seconds: 6 } } };
    const wire = JSON.parse(JSON.stringify(onTheWire(event))) as unknown;
    expect(wire).toEqual({ type: "error", failure: { key: "run.timedOut", params: { seconds: 6 } }, message: "The test did not finish within 6 s and was stopped." });
    expect(RunEvent.parse(wire)).toEqual(event);
  });

  it("as a version 3 server wrote it (a message only) reads as that sentence, in every language", () => {
    const old = RunEvent.parse({ type: "error", message: "The run was cancelled." });
    expect(old).toEqual({ type: "error", failure: { key: "legacy.text", params: { text: "The run was cancelled." } } });
    if (old.type !== "error") throw new Error("not an error event");
    expect(renderMessage("pt-PT", old.failure)).toBe("The run was cancelled.");
  });

  it("is refused with neither a failure nor a message, or with a failure that is not a key and params", () => {
    expect(RunEvent.safeParse({ type: "error" }).success).toBe(false);
    expect(RunEvent.safeParse({ type: "error", failure: "run.cancelled" }).success).toBe(false);
    expect(RunEvent.safeParse({ type: "error", failure: { key: "", params: {} } }).success).toBe(false);
  });
});

describe("the store's text column", () => {
  it("keeps a failure as JSON and reads it back", () => {
    const failure = { key: "run.noResolver", params: { name: "example.test.", type: "MX", problem: "timeout" } };
    expect(failureFromStore(storedFailure(failure))).toEqual(failure);
  });

  it("reads a sentence an older version stored as that sentence, a brace or not", () => {
    expect(failureFromStore("The run failed inside mailsec.")).toEqual({ key: "legacy.text", params: { text: "The run failed inside mailsec." } });
    expect(failureFromStore("{not json")).toEqual({ key: "legacy.text", params: { text: "{not json" } });
    expect(failureFromStore('{"key":1}')).toEqual({ key: "legacy.text", params: { text: '{"key":1}' } });
  });
});

describe("a long exception text", () => {
  it("is cut to what a Message param holds, in the event, the store's column and an old event", () => {
    const long = "x".repeat(5000);
    expect(failureFromStore(long).params.text).toHaveLength(4000);
    const old = RunEvent.parse({ type: "error", message: long });
    expect(old.type === "error" ? String(old.failure.params.text).length : 0).toBe(4000);
  });
});
