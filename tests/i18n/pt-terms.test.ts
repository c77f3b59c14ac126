// One European Portuguese term for each DNSSEC concept across the pt-PT catalogues (lib/report's
// and the UI's messages/pt-PT.json): the RFC's English term appears only in parentheses right after
// the Portuguese one ("ascendente existente mais próximo (closest encloser)"), never on its own, and
// the variants the catalogues once mixed ("antecessor" for an ancestor) do not come back. The
// pt-BR word list itself is tests/i18n/pt-br.ts, applied by catalogue.test.ts; its new entries are
// pinned here.
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import ui from "../../messages/pt-PT.json";
import { catalogueFor } from "../../lib/report/i18n/render";
import { PT_BR } from "./pt-br";

/** The words of a text, without ICU syntax: each literal run, select keys and argument names left out. */
function literals(elements: readonly MessageFormatElement[], out: string[] = []): string[] {
  for (const el of elements) {
    if (el.type === TYPE.literal) out.push(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) literals(o.value, out);
    if (el.type === TYPE.tag) literals(el.children, out);
  }
  return out;
}

function portugueseTexts(): [string, string][] {
  const pt = catalogueFor("pt-PT");
  const out: [string, string][] = [];
  for (const [code, texts] of Object.entries(pt.findings)) if (texts) for (const [field, text] of Object.entries(texts)) out.push([`${code}.${field}`, text]);
  for (const [key, text] of Object.entries(pt.messages)) if (text !== undefined) out.push([key, text]);
  const walk = (node: unknown, at: string) => {
    if (typeof node === "string") out.push([`messages/pt-PT.json ${at}`, node]);
    else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, at ? `${at}.${k}` : k);
  };
  walk(ui, "");
  return out;
}

/** Each concept: its English term, and the one Portuguese form that may carry it in parentheses. */
const TERMS: readonly { english: RegExp; portuguese: RegExp }[] = [
  { english: /closest encloser/i, portuguese: /ascendente existente mais próximo \(closest encloser\)/g },
  { english: /next closer/i, portuguese: /nome seguinte mais próximo \(next closer\)/g },
  { english: /non-terminal/i, portuguese: /nó intermédio vazio \(empty non-terminal\)/g },
  { english: /wildcard/i, portuguese: /carácter universal \(wildcard[);]/g },
  { english: /opt-out/i, portuguese: /exclusão (?:NSEC3 )?\(opt-out\)/g },
];

/** Portuguese variants replaced by the one term above (and the pt-BR "curinga"). */
const VARIANTS: readonly [RegExp, string][] = [
  [/\bantecessor(?:es)?\b/i, "ascendente (an ancestor in the DNS tree)"],
  [/\b(?:curinga|coringa)s?\b/i, "carácter universal (wildcard)"],
  [/\bnão[- ]terminal\b/i, "nó intermédio vazio (empty non-terminal)"],
  [/\b(?:englobante|encerrador)\b/i, "ascendente existente mais próximo (closest encloser)"],
];

describe("DNSSEC terms in the pt-PT catalogues", () => {
  const texts = portugueseTexts().map(([where, text]) => [where, literals(parse(text, { ignoreTag: true })).join(" ")] as const);

  it("reads the catalogues' words, not their ICU syntax (the check can fail)", () => {
    const words = literals(parse("{denial, select, nsec_wildcard_encloser {o carácter universal {denialWildcard}} other {x}}", { ignoreTag: true })).join(" ");
    expect(words).toBe("o carácter universal  x");
    expect(TERMS.find((t) => t.english.test(words.replace(t.portuguese, "")))).toBeUndefined();
    expect(TERMS.some((t) => t.english.test("o wildcard {x}".replace(t.portuguese, "")))).toBe(true);
    expect(texts.length).toBeGreaterThan(300);
  });

  it("uses an RFC term only in parentheses after its one Portuguese form", () => {
    const stray = texts.flatMap(([where, text]) => TERMS.filter((t) => t.english.test(text.replace(t.portuguese, ""))).map((t) => `${where}: ${t.english.source}`));
    expect(stray).toEqual([]);
  });

  it("does not mix in the variants the one term replaced", () => {
    const mixed = texts.flatMap(([where, text]) => VARIANTS.filter(([re]) => re.test(text)).map(([re, use]) => `${where}: ${re.source} (use ${use})`));
    expect(mixed).toEqual([]);
  });
});

/** English words a Portuguese sentence never holds: a text left untranslated, or half of one. */
const ENGLISH = /\b(?:The|the|and|failed|records?|is|are|not|of|with|cannot|found|to|this|that|server|error|warning|from|has|have|which|could|but|you|your|must|should|unknown|missing|steps?|please|when|there|will)\b/;
/** English by nature inside a Portuguese text: the Exchange Online bounce codes as Exchange writes them. */
const QUOTED_ENGLISH = /\b\d\.\d\.\d{3} (?:starttls-not-supported|tlsa-invalid|dnssec-invalid|DNS query failed)\b/g;

describe("no English left in the pt-PT catalogues", () => {
  const texts = portugueseTexts().map(([where, text]) => [where, literals(parse(text, { ignoreTag: true })).join(" ").replace(QUOTED_ENGLISH, "")] as const);

  it("catches an English word and passes the Portuguese and the quoted Exchange codes (the check can fail)", () => {
    const words = (text: string) => literals(parse(text, { ignoreTag: true })).join(" ").replace(QUOTED_ENGLISH, "");
    expect(ENGLISH.test(words("{record, select, valid {O registo} other {The record is not usable}}"))).toBe(true);
    expect(ENGLISH.test(words("A chave {keyType} de {bits} bits falhou; o Exchange adiaria com 4.4.312 DNS query failed ({host})."))).toBe(false);
    expect(ENGLISH.test(words("nenhum registo (no record)"))).toBe(true);
    expect(ENGLISH.test(words("o RCPT TO foi recusado: {status} (NXDOMAIN)"))).toBe(false);
  });

  it("has no English word in any pt-PT text", () => {
    expect(texts.filter(([, text]) => ENGLISH.test(text)).map(([where, text]) => `${where}: ${text.slice(0, 120)}`)).toEqual([]);
  });
});

describe("the pt-BR word list (tests/i18n/pt-br.ts)", () => {
  it("catches the forms added for this review, and passes their pt-PT counterparts", () => {
    for (const sample of ["continua validando", "o cadastro", "o banco de dados", "checar o registo", "o contêiner", "a mídia", "o correio eletrônico", "um remetente anônimo", "o gênero"]) {
      expect(PT_BR.some((re) => re.test(sample)), sample).toBe(true);
    }
    for (const sample of ["continua a validar", "fica quando", "a base de dados", "verificar o registo", "o contentor", "o correio eletrónico", "um remetente anónimo", "o género", "os registos têm", "contêm dois"]) {
      expect(PT_BR.some((re) => re.test(sample)), sample).toBe(false);
    }
  });
});
