import { describe, expect, it } from "vitest";
import { progressLine, renderResult } from "../../bin/render";
import type { ResultDocument, Step } from "../../lib/report/schema";

const text = (t: string) => ({ key: "legacy.text", params: { text: t } });
const step = (over: Partial<Step>): Step => ({ id: "s", title: text("Attempting to do it."), status: "success", summary: text("Done."), details: [], elapsedMs: 3, children: [], ...over });

const mismatch = { code: "DANE_TLSA_MISMATCH", params: { count: 1, records: "3 1 1 aa…", leaf: "CN=mx.example.test", expected: "3 1 1 bb" } };

const result: ResultDocument = {
  schemaVersion: 3,
  id: "r",
  test: "dane",
  input: "postmaster@example.test",
  domain: "example.test",
  startedAt: "2026-11-28T00:00:00.000Z",
  finishedAt: "2026-11-28T00:00:01.000Z",
  verdict: "fail",
  dnssec: "secure",
  exchangeOnline: { outcome: "defer", code: "4.7.323", reason: "No MX host can be used." },
  mx: [],
  steps: [
    step({ id: "ok", details: ["quiet detail"] }),
    step({
      id: "bad",
      status: "error",
      summary: text("DANE failed."),
      details: ["loud detail", { key: "smtp.handshake", params: { ms: 12 } }],
      findings: [mismatch],
      children: [step({ id: "bad/child", status: "skipped", summary: text("Not attempted.") })],
    }),
  ],
};

describe("terminal rendering", () => {
  it("says the status in words, with the forecast and the failing step's finding, why, fix and RFC link", () => {
    const out = renderResult(result, { color: false, allDetails: false });
    expect(out).toContain("[FAIL] Test failed (RFC 7672 verdict: fail; DNSSEC of the MX records: secure)");
    expect(out).toContain("DANE Validation (including DNSSEC) — example.test (input: postmaster@example.test)");
    expect(out).toContain("Ran 11/28/2026, 12:00:00 AM UTC to 11/28/2026, 12:00:01 AM UTC");
    expect(out).toContain("Exchange Online: defer 4.7.323 — No MX host can be used.");
    expect(out).toContain("[ OK ] Attempting to do it.");
    expect(out).toContain("  [SKIP] Attempting to do it.");
    // The finding with its params, not its template.
    expect(out).toContain('None of the 1 usable TLSA records (3 1 1 aa…) matches the certificate chain; the server presented CN=mx.example.test, for which a DANE-EE record would read "3 1 1 bb".');
    expect(out).toMatch(/Why: .+/);
    expect(out).toMatch(/Fix: Publish a TLSA record/);
    expect(out).toContain("<https://www.rfc-editor.org/rfc/rfc7672#section-3.1>");
    expect(out).toContain("Additional details (3 ms):");
    expect(out).toContain("loud detail");
    expect(out).toContain("Handshake: 12 ms");
    expect(out).not.toContain("quiet detail");
    expect(out).not.toContain("\u001b[");
  });

  it("renders every line of its own, every step text and every finding in European Portuguese", () => {
    const out = renderResult(result, { color: false, allDetails: false, locale: "pt-PT" });
    expect(out).toContain("Validação DANE (incluindo DNSSEC) — example.test (introduzido: postmaster@example.test)");
    expect(out).toContain("[FAIL] O teste falhou (Veredicto RFC 7672: reprovado; DNSSEC dos registos MX: seguro)");
    expect(out).toContain("Executado de 28/11/2026, 00:00:00 UTC a 28/11/2026, 00:00:01 UTC");
    expect(out).toContain("Exchange Online: adiaria 4.7.323");
    expect(out).toContain("O único registo TLSA utilizável (3 1 1 aa…) não corresponde à cadeia de certificados");
    expect(out).toMatch(/Porquê: Quando há registos TLSA utilizáveis publicados/);
    expect(out).toMatch(/Correção: Publique um registo TLSA/);
    expect(out).toContain("Ver: RFC 7672 §3.1 <https://www.rfc-editor.org/rfc/rfc7672#section-3.1>");
    expect(out).toContain("Detalhes adicionais (3 ms):");
    expect(out).toContain("Negociação: 12 ms");
    // A version 1 run's English string stays as it was written, in every language.
    expect(out).toContain("[ OK ] Attempting to do it.");
    expect(out).not.toMatch(/Why:|Fix:|See:|Test failed/);
  });

  it("shows every detail when asked, and colours only when told to", () => {
    expect(renderResult(result, { color: false, allDetails: true })).toContain("quiet detail");
    expect(renderResult(result, { color: true, allDetails: false })).toContain("\u001b[31m[FAIL]");
  });

  it("counts finished steps on the live line in the reader's language", () => {
    const title = { key: "mx.title", params: { domain: "example.test" } };
    expect(progressLine(1, title, "en")).toBe(`1 step done: ${"Attempting to retrieve DNS MX records for domain 'example.test'.".slice(0, 60)}`);
    expect(progressLine(3, title, "pt-PT")).toBe(`3 passos concluídos: ${"A obter os registos DNS MX do domínio «example.test».".padEnd(60)}`);
  });
});
