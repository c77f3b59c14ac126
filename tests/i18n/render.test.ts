// The render machinery (lib/report/i18n/render.ts): ICU plurals, selects and dates per locale, the
// loud fallback (throw under test, English plus the key in production) and the literal `<...>`.
import { describe, expect, it } from "vitest";
import { catalogueFor, createRenderer, MissingTranslationError, renderFinding, renderMessage } from "../../lib/report/i18n/render";
import { chooseLocale } from "../../components/i18n/locale";
import { localeFromAcceptLanguage, localeFromEnvironment, localeFromTag } from "../../lib/report/i18n/locales";
import { PLAIN, plainAst } from "../../lib/report/i18n/icu";
import { LOCALES } from "../../lib/report/i18n/types";
import { parse } from "@formatjs/icu-messageformat-parser";

const expired = { code: "DNSSEC_RRSIG_EXPIRED", params: { rrset: "example.test. MX", keyTag: 12345, expiration: "2026-11-28T00:00:00Z", now: "2026-12-01T23:18:05Z" } };

describe("renderFinding", () => {
  it("renders the message, why and fix in the reader's language with the language-neutral parts", () => {
    const en = renderFinding("en", expired);
    const pt = renderFinding("pt-PT", expired);
    expect(en.message).toContain("example.test. MX");
    expect(pt.message).toMatch(/^A assinatura de example\.test\. MX feita com a chave 12345 expirou em /);
    expect(pt.why).toMatch(/resolvedores/);
    expect(pt.remediation).toMatch(/^Volte a assinar a zona/);
    for (const r of [en, pt]) {
      expect(r).toMatchObject({ code: "DNSSEC_RRSIG_EXPIRED", severity: "error", ede: 7 });
      expect(r.references.map((x) => x.label)).toEqual(["RFC 4035 §5.3.1", "RFC 4034 §3.1.5"]);
    }
  });

  it("formats an ISO timestamp parameter as a UTC date in each locale's conventions", () => {
    // pt-PT writes day/month/year on a 24-hour clock; the key tag is an identifier, never grouped.
    expect(renderFinding("pt-PT", expired).message).toContain("expirou em 28/11/2026, 00:00:00 UTC (verificado em 01/12/2026, 23:18:05 UTC)");
    expect(renderMessage("en", { key: "cli.ran", params: { startedAt: "2026-12-01T23:18:05Z" } })).toBe("Ran 12/01/2026, 11:18:05 PM UTC");
  });

  it("chooses the plural form the locale's rules ask for", () => {
    const tlsa = (count: number, usable: number) => renderFinding("pt-PT", { code: "TLSA_LOOKUP_SECURE", params: { name: "_25._tcp.mx.test.", count, usable } }).message;
    expect(tlsa(1, 1)).toBe("_25._tcp.mx.test. tem 1 registo TLSA seguro em DNSSEC, 1 utilizável para SMTP.");
    expect(tlsa(3, 0)).toBe("_25._tcp.mx.test. tem 3 registos TLSA seguros em DNSSEC, 0 utilizáveis para SMTP.");
    expect(renderMessage("pt-PT", { key: "cli.progress", params: { count: 1, title: "t" } })).toBe("1 passo concluído: t");
    expect(renderMessage("en", { key: "cli.progress", params: { count: 2, title: "t" } })).toBe("2 steps done: t");
  });

  it("groups numbers as each locale does", () => {
    expect(renderMessage("en", { key: "cli.details", params: { ms: 12345 } })).toBe("Additional details (12,345 ms):");
    // pt-PT groups with a (narrow) no-break space, and only from five digits on.
    expect(renderMessage("pt-PT", { key: "cli.details", params: { ms: 12345 } })).toMatch(/^Detalhes adicionais \(12\s345 ms\):$/u);
    expect(renderMessage("pt-PT", { key: "cli.details", params: { ms: 1234 } })).toBe("Detalhes adicionais (1234 ms):");
  });

  it("words a core token through a select, with '-' in the token read as '_' in the key", () => {
    const malformed = renderFinding("pt-PT", { code: "DNSSEC_RRSIG_MALFORMED", params: { rrset: "a.test. A", keyTag: 1, problem: "labels-invalid" } });
    expect(malformed.message).toBe("A assinatura de a.test. A com a chave 1 é inutilizável: o campo de etiquetas não condiz com o nome do titular.");
    const other = renderFinding("pt-PT", { code: "DNSSEC_RRSIG_MALFORMED", params: { rrset: "a.test. A", keyTag: 1, problem: "something new" } });
    expect(other.message).toContain("é inutilizável: something new.");
  });

  it("prints a parameter's text as given, <...> and quotes included, never as markup", () => {
    const f = renderFinding("pt-PT", { code: "INPUT_INVALID", params: { input: "<b>x'y{z}", problem: "p" } });
    expect(f.message).toBe("«<b>x'y{z}» não é um nome de domínio nem um endereço de correio eletrónico que o mailsec possa testar: p");
    expect(renderFinding("en", { code: "INPUT_INVALID", params: { input: "a..b", problem: "p" } }).message).toBe("'a..b' is not a domain name or e-mail address mailsec can test: p");
    expect(renderFinding("pt-PT", { code: "TLSA_LOOKUP_INSECURE", params: { name: "n" } }).remediation).toContain("(_25._tcp.<anfitrião MX>)");
  });

  it("keeps an informational finding's empty fix empty in every language", () => {
    const ok = { code: "SMTP_TLS_OK", params: { version: "TLSv1.3", ip: "192.0.2.1", cipher: "TLS_AES_128_GCM_SHA256" } };
    expect(renderFinding("pt-PT", ok)).toMatchObject({ severity: "info", message: "TLS TLSv1.3 estabelecido com 192.0.2.1 (TLS_AES_128_GCM_SHA256).", why: "", remediation: "" });
  });
});

describe("a missing or broken text is loud", () => {
  const en = catalogueFor("en");
  const gap = createRenderer({ en, "pt-PT": { findings: {}, messages: {} } });

  it("throws under test", () => {
    expect(() => gap.renderFinding("pt-PT", expired)).toThrow(MissingTranslationError);
    expect(() => gap.renderFinding("pt-PT", expired)).toThrow("pt-PT has no text for DNSSEC_RRSIG_EXPIRED.message");
    expect(() => gap.renderMessage("pt-PT", { key: "cli.ran", params: { startedAt: "2026-01-01T00:00:00Z" } })).toThrow("pt-PT has no text for cli.ran");
    expect(() => renderFinding("en", { code: "NO_SUCH_CODE", params: {} })).toThrow("unknown finding code NO_SUCH_CODE");
    expect(() => renderMessage("pt-PT", { key: "no.such.key", params: {} })).toThrow("unknown message key no.such.key");
    // A parameter the text needs and the finding lacks is a bug in whoever built the finding.
    expect(() => renderFinding("pt-PT", { code: "DNSSEC_RRSIG_EXPIRED", params: { rrset: "x" } })).toThrow(/does not format/);
  });

  it("falls back to the English text with the key in production", () => {
    const pt = gap.renderFinding("pt-PT", expired, { strict: false });
    expect(pt.message).toMatch(/^The signature over example\.test\. MX made with key 12345 expired on .+ \[DNSSEC_RRSIG_EXPIRED\.message\]$/);
    expect(pt.severity).toBe("error");
    expect(gap.renderMessage("pt-PT", { key: "cli.progress", params: { count: 2, title: "t" } }, { strict: false })).toBe("2 steps done: t [cli.progress]");
    expect(renderFinding("pt-PT", { code: "NO_SUCH_CODE", params: {} }, { strict: false })).toMatchObject({ severity: "error", message: "[NO_SUCH_CODE]" });
    expect(renderMessage("en", { key: "no.such.key", params: {} }, { strict: false })).toBe("[no.such.key]");
    // A finding missing a date or number parameter renders as the English source, so nothing vanishes;
    const broken = renderFinding("pt-PT", { code: "DNSSEC_RRSIG_EXPIRED", params: { rrset: "x" } }, { strict: false });
    expect(broken.message).toMatch(/^The signature over \{rrset\} .+ \[DNSSEC_RRSIG_EXPIRED\.message\]$/);
    // one missing only text parameters (a version 1 run's finding has none) stays in the reader's language.
    const legacy = renderFinding("pt-PT", { code: "TLSA_LOOKUP_BOGUS", params: {} }, { strict: false });
    expect(legacy.message).toBe("A pesquisa TLSA de {name} falhou a validação DNSSEC. [TLSA_LOOKUP_BOGUS.message]");
    expect(legacy.remediation).toMatch(/^Corrija as assinaturas DNSSEC/);
  });
});

describe("one language rule for both doors (lib/report/i18n/locales.ts)", () => {
  it("reads a tag by its language: Portuguese of any region is pt-PT, English of any region en, else none", () => {
    for (const tag of ["pt", "pt-PT", "pt-BR", "pt-AO", "PT-br", "pt_PT.UTF-8", "pt_BR.UTF-8", "pt_PT@euro"]) expect(localeFromTag(tag), tag).toBe("pt-PT");
    for (const tag of ["en", "en-GB", "en_US.UTF-8", "EN"]) expect(localeFromTag(tag), tag).toBe("en");
    for (const tag of ["", "*", "C", "C.UTF-8", "POSIX", "fr-FR", "es_ES.UTF-8", "ptx", "english", "portuguese"]) expect(localeFromTag(tag), tag).toBeNull();
  });

  it("the command line follows LC_ALL, then LC_MESSAGES, then LANG, with English when none names a language of ours", () => {
    expect(localeFromEnvironment({ LANG: "pt_PT.UTF-8" })).toBe("pt-PT");
    expect(localeFromEnvironment({ LANG: "pt_PT@euro" })).toBe("pt-PT");
    expect(localeFromEnvironment({ LANG: "pt_BR.UTF-8" })).toBe("pt-PT");
    expect(localeFromEnvironment({ LANG: "C.UTF-8" })).toBe("en");
    expect(localeFromEnvironment({ LANG: "de_DE.UTF-8" })).toBe("en");
    expect(localeFromEnvironment({})).toBe("en");
    expect(localeFromEnvironment({ LC_ALL: "en_GB.UTF-8", LANG: "pt_PT.UTF-8" })).toBe("en");
    expect(localeFromEnvironment({ LC_ALL: "", LC_MESSAGES: "pt_PT.UTF-8", LANG: "en_US.UTF-8" })).toBe("pt-PT");
  });

  it("the web reads Accept-Language by weight with the same rule, and the two doors agree on every tag", () => {
    expect(localeFromAcceptLanguage("pt-BR,pt;q=0.9,en;q=0.8")).toBe("pt-PT");
    expect(localeFromAcceptLanguage("fr-FR, en-GB;q=0.5, pt;q=0.7")).toBe("pt-PT");
    expect(localeFromAcceptLanguage("fr, de;q=0.5")).toBeNull();
    expect(localeFromAcceptLanguage("pt;q=0, en")).toBe("en");
    expect(chooseLocale(undefined, "pt-BR")).toBe("pt-PT");
    expect(chooseLocale("en", "pt-PT")).toBe("en");
    for (const [posix, bcp47] of [["pt_BR.UTF-8", "pt-BR"], ["pt_PT.UTF-8", "pt-PT"], ["en_US.UTF-8", "en-US"], ["fr_FR.UTF-8", "fr-FR"]] as const) {
      expect(localeFromEnvironment({ LANG: posix }), posix).toBe(chooseLocale(undefined, bcp47));
    }
  });
});

describe("the plain-text fast path of lib/report/i18n/icu.ts", () => {
  it("builds exactly the AST the ICU parser builds, for every plain text of both catalogues", () => {
    const texts = LOCALES.flatMap((locale) => {
      const c = catalogueFor(locale);
      return [...Object.values(c.messages), ...Object.values(c.findings).flatMap((f) => (f ? [f.message, f.why, f.remediation] : []))].filter((t): t is string => t !== undefined);
    });
    const plain = texts.filter((t) => PLAIN.test(t));
    expect(plain.length).toBeGreaterThan(100);
    for (const text of plain) expect(plainAst(text), text).toEqual(parse(text, { ignoreTag: true }));
    // Not plain: quoting, selects, plurals, formats.
    for (const text of ["''{x}''", "{n, plural, one {#} other {#}}", "{t, date, instant}", "a {b, select, c {d} other {e}}"]) expect(PLAIN.test(text), text).toBe(false);
  });
});
