// `mailsec ... --lang pt-PT` as a user runs it, against the lab: the verdict, a finding, why it
// matters and its fix read in European Portuguese; the default follows LC_ALL/LC_MESSAGES/LANG;
// --lang is validated like every option; --json is the same document in either language.
import { describe, expect, it } from "vitest";
import { ResultDocument } from "../../lib/report/schema";
import { labForCliTests, mailsec } from "../helpers/cli";

const lab = labForCliTests();

describe.concurrent("mailsec --lang", () => {
  it("reads a failing DANE test in European Portuguese: verdict, finding, why and fix", async () => {
    const run = await mailsec(["dane", "tlsa-mismatch.test", "--lang", "pt-PT", ...lab.args()], 60_000);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Validação DANE (incluindo DNSSEC) — tlsa-mismatch.test");
    expect(run.stdout).toContain("[FAIL] O teste falhou (Veredicto RFC 7672: reprovado; DNSSEC dos registos MX: seguro)");
    expect(run.stdout).toContain("Exchange Online: adiaria 4.7.323 — O certificado apresentado pelo servidor não corresponde a nenhum dos registos TLSA utilizáveis");
    expect(run.stdout).toContain("O Exchange Online volta a tentar após 15 minutos, outra vez 15 minutos depois e, a seguir, de hora a hora");
    // Step titles and summaries too, not only the findings.
    expect(run.stdout).toContain("[FAIL] A testar o anfitrião MX «mx1.tlsa-mismatch.test» (preferência 10).");
    expect(run.stdout).toContain("[ OK ] A obter os registos DNS MX do domínio «tlsa-mismatch.test».");
    expect(run.stdout).toMatch(/O único registo TLSA utilizável \(.+\) não corresponde à cadeia de certificados; o servidor apresentou .+, para o qual um registo DANE-EE seria «3 1 1 [0-9a-f]{64}»\./);
    expect(run.stdout).toContain("Porquê: Quando há registos TLSA utilizáveis publicados, o servidor de envio tem de encontrar um que corresponda");
    expect(run.stdout).toContain("Correção: Publique um registo TLSA que corresponda ao certificado efetivamente instalado");
    expect(run.stdout).toContain("Ver: RFC 7672 §3.1 <https://www.rfc-editor.org/rfc/rfc7672#section-3.1>");
    expect(run.stdout).not.toMatch(/\bWhy:|\bFix:|Test failed/);
  });

  it("takes its default from LANG, and --lang wins over it", async () => {
    const [portuguese, english, brazilian] = await Promise.all([
      mailsec(["dane", "dane-ee.test", ...lab.args()], 60_000, { LANG: "pt_PT.UTF-8" }),
      mailsec(["dane", "dane-ee.test", "--lang", "en", ...lab.args()], 60_000, { LANG: "pt_PT.UTF-8" }),
      mailsec(["dane", "dane-ee.test", ...lab.args()], 60_000, { LANG: "pt_BR.UTF-8" }),
    ]);
    expect(portuguese.code).toBe(0);
    expect(portuguese.stdout).toContain("[ OK ] Teste concluído com êxito");
    expect(portuguese.stdout).toContain("Exchange Online: entregaria");
    expect(english.stdout).toContain("[ OK ] Test successful");
    // One rule at both doors (lib/report/i18n/locales.ts): Portuguese of any region reads pt-PT.
    expect(brazilian.stdout).toContain("[ OK ] Teste concluído com êxito");
  });

  it("LC_ALL outranks LANG", async () => {
    const run = await mailsec(["dane", "dane-ee.test", ...lab.args()], 60_000, { LC_ALL: "pt_PT.UTF-8", LANG: "en_US.UTF-8" });
    expect(run.stdout).toContain("Teste concluído com êxito");
  });

  it("refuses a language it does not have, naming the option", async () => {
    const run = await mailsec(["dane", "dane-ee.test", "--lang", "pt"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--lang: must be one of en, pt-PT");
    expect(run.stderr).toContain("--lang en|pt-PT");
    expect(run.stdout).toBe("");
  });

  it("prints the same result document with --json in either language", async () => {
    const [pt, en] = await Promise.all([
      mailsec(["dane", "tlsa-mismatch.test", "--json", "--lang", "pt-PT", ...lab.args()], 60_000),
      mailsec(["dane", "tlsa-mismatch.test", "--json", ...lab.args()], 60_000),
    ]);
    const a = ResultDocument.parse(JSON.parse(pt.stdout));
    const b = ResultDocument.parse(JSON.parse(en.stdout));
    const shape = (r: ResultDocument) => ({ ...r, id: "", startedAt: "", finishedAt: "", steps: r.steps.map((s) => ({ id: s.id, title: s.title, status: s.status })) });
    expect(shape(a)).toEqual(shape(b));
  });
});
