// Every finding code and message key has English and European Portuguese text with the same ICU
// arguments, each argument is one the code declares, plurals use the locale's categories, every
// text formats, and no Brazilian spelling slips into the pt-PT catalogue.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { allFindingCodes, findingSpec } from "../../lib/report/findings";
import { icuArguments } from "../../lib/report/i18n/icu";
import { catalogueFor, renderFinding, renderMessage } from "../../lib/report/i18n/render";
import { LOCALES, type Locale } from "../../lib/report/i18n/types";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { PT_BR } from "./pt-br";

const en = catalogueFor("en");
const pt = catalogueFor("pt-PT");
const FIELDS = ["message", "why", "remediation"] as const;

const names = (locale: Locale, source: string) => icuArguments(locale, source).map((a) => a.name).sort();

/** Every plural of a text with the option keys it uses. */
function plurals(elements: readonly MessageFormatElement[], out: { name: string; keys: string[] }[] = []) {
  for (const el of elements) {
    if (el.type === TYPE.plural) out.push({ name: el.value, keys: Object.keys(el.options) });
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) plurals(o.value, out);
    if (el.type === TYPE.tag) plurals(el.children, out);
  }
  return out;
}


function portugueseTexts(): [string, string][] {
  const out: [string, string][] = [];
  for (const [code, texts] of Object.entries(pt.findings)) for (const f of FIELDS) if (texts) out.push([`${code}.${f}`, texts[f]]);
  for (const [key, text] of Object.entries(pt.messages)) if (text !== undefined) out.push([key, text]);
  return out;
}

/** Sample params for a text: strings for text args (an ISO time where a date is wanted), 1 or 2 for numbers. */
function sampleParams(locale: Locale, source: string, count: number): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const { name, kind } of icuArguments(locale, source)) {
    params[name] = kind === "date" ? "2026-11-28T12:34:56Z" : kind === "number" || kind === "plural" ? count : `«${name}»`;
  }
  return params;
}

describe("the finding catalogues", () => {
  const codes = allFindingCodes();

  it("covers every finding code in both languages, and nothing else", () => {
    expect(codes.length).toBeGreaterThanOrEqual(80);
    expect(codes.filter((c) => !pt.findings[c])).toEqual([]);
    expect(codes.filter((c) => !en.findings[c])).toEqual([]);
    expect(Object.keys(pt.findings).filter((c) => !codes.includes(c as never))).toEqual([]);
  });

  it.each(codes)("%s: same ICU arguments in both languages, each one the code declares", (code) => {
    const spec = findingSpec(code);
    if (!spec) throw new Error(`no spec for ${code}`);
    const shape = spec.params.shape as Record<string, z.ZodType>;
    const e = en.findings[code];
    const p = pt.findings[code];
    if (!e || !p) throw new Error(`${code} lacks a text`);
    for (const field of FIELDS) {
      expect(names("pt-PT", p[field]), `${code}.${field}`).toEqual(names("en", e[field]));
      // An empty English field (nothing to fix) is empty in Portuguese too, and vice versa.
      expect(p[field] === "", `${code}.${field} empty in one language only`).toBe(e[field] === "");
      for (const locale of LOCALES) {
        const source = locale === "en" ? e[field] : p[field];
        for (const { name, kind } of icuArguments(locale, source)) {
          const param = shape[name];
          expect(param, `${locale} ${code}.${field} uses {${name}}, which ${code} does not declare`).toBeDefined();
          if (kind === "number" || kind === "plural") expect(param?.safeParse(2).success, `${code}: {${name}} is counted, so it must be a number`).toBe(true);
          if (kind === "date") expect(param?.safeParse("2026-11-28T12:34:56Z").success, `${code}: {${name}} is a date, so an ISO string`).toBe(true);
        }
      }
    }
  });

  it.each(codes)("%s: formats in both languages, singular and plural", (code) => {
    for (const locale of LOCALES) {
      const texts = catalogueFor(locale).findings[code];
      if (!texts) throw new Error(`${locale} lacks ${code}`);
      const source = FIELDS.map((f) => texts[f]).join(" ");
      for (const count of [1, 2, 5]) {
        const rendered = renderFinding(locale, { code, params: sampleParams(locale, source, count) });
        expect(rendered.message.length, `${locale} ${code}`).toBeGreaterThan(0);
        expect(rendered.message).not.toMatch(/\{\w+\}/);
      }
    }
  });
});

describe("the message catalogues", () => {
  const keys = Object.keys(en.messages);

  it("give every English key a Portuguese text, and nothing else", () => {
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => pt.messages[k] === undefined)).toEqual([]);
    expect(Object.keys(pt.messages).filter((k) => en.messages[k] === undefined)).toEqual([]);
  });

  it.each(keys)("%s: same ICU arguments, formats in both languages", (key) => {
    const e = en.messages[key] ?? "";
    const p = pt.messages[key] ?? "";
    expect(names("pt-PT", p)).toEqual(names("en", e));
    for (const locale of LOCALES) {
      for (const count of [1, 2]) {
        const text = renderMessage(locale, { key, params: sampleParams(locale, locale === "en" ? e : p, count) });
        expect(text).not.toMatch(/\{\w+\}/);
      }
    }
  });
});

describe("ICU well-formedness", () => {
  it("uses only the plural categories each locale has, always with 'other'", () => {
    const problems: string[] = [];
    for (const locale of LOCALES) {
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
      const c = catalogueFor(locale);
      const texts = [...Object.entries(c.findings).flatMap(([code, t]) => FIELDS.map((f) => [`${code}.${f}`, t?.[f] ?? ""] as const)), ...Object.entries(c.messages).map(([k, t]) => [k, t ?? ""] as const)];
      for (const [where, source] of texts) {
        for (const { name, keys } of plurals(parse(source, { ignoreTag: true }))) {
          if (!keys.includes("other")) problems.push(`${locale} ${where}: {${name}} has no 'other'`);
          for (const k of keys) if (!k.startsWith("=") && !categories.includes(k)) problems.push(`${locale} ${where}: {${name}} uses '${k}', not a ${locale} plural category`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("never quotes an argument away with a lone apostrophe before a brace", () => {
    // ICU: '{x}' is the literal text {x}; the English catalogue doubles the apostrophe (''{x}'').
    const bad = portugueseTexts().filter(([, t]) => /(?<!')'\{/.test(t));
    expect(bad).toEqual([]);
  });
});

describe("European Portuguese, not Brazilian", () => {
  it("the pattern list catches what it is meant to", () => {
    for (const sample of ["o registro DNS", "na tela", "o arquivo", "o usuário", "a recepção", "a conexão", "está validando", "hospedado"]) {
      expect(PT_BR.some((re) => re.test(sample)), sample).toBe(true);
    }
    for (const sample of ["o registo DNS", "no ecrã", "o ficheiro", "o utilizador", "a receção", "a ligação", "está a validar", "alojado", "um carácter universal"]) {
      expect(PT_BR.some((re) => re.test(sample)), sample).toBe(false);
    }
  });

  it("no pt-PT text uses a pt-BR form", () => {
    const hits = portugueseTexts().flatMap(([where, text]) => PT_BR.filter((re) => re.test(text)).map((re) => `${where}: ${re.source} in "${text}"`));
    expect(hits).toEqual([]);
  });
});

describe("the UI's own Portuguese strings (messages/pt-PT.json)", () => {
  it("use no pt-BR form either", async () => {
    const { default: ui } = await import("../../messages/pt-PT.json");
    const texts: [string, string][] = [];
    const walk = (node: unknown, path: string) => {
      if (typeof node === "string") texts.push([path, node]);
      else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
    };
    walk(ui, "");
    expect(texts.length).toBeGreaterThan(0);
    const hits = texts.flatMap(([where, text]) => PT_BR.filter((re) => re.test(text)).map((re) => `${where}: ${re.source} in "${text}"`));
    expect(hits).toEqual([]);
  });
});
