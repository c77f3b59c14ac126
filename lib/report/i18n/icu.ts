// ICU MessageFormat for mailsec's catalogues: one parsed text per (locale, text), parsed on first
// use, the named formats the catalogues may use, and the argument walk the renderer and the
// completeness tests share. intl-messageformat is what next-intl formats with, so the CLI and the
// UI agree.
//
// Why not `new IntlMessageFormat(text, locale)` per text: every constructor resolves the locale
// again (Intl.NumberFormat.supportedLocalesOf + new Intl.Locale), merges the format config and
// builds its own Intl.PluralRules / NumberFormat / DateTimeFormat caches; over the ~70 texts of one
// CLI report that was most of its rendering CPU (issue 13). Here the parser runs once per text, and
// intl-messageformat's own formatToParts formats the AST with Intl formatters shared per locale.
import { formatToParts, IntlMessageFormat, type Formats, type Formatters } from "intl-messageformat";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import type { Locale, MessageParamValue, MessageParams } from "./types";

/**
 * Named formats. `{t, date, instant}` prints a moment in UTC with the zone named, in the reader's
 * conventions ("12/01/2026, 11:18:05 PM UTC", "01/12/2026, 23:18:05 UTC"); UTC because the reader and
 * the mail server rarely share a time zone and the RRSIG/certificate times are UTC.
 */
const FORMATS: Formats = {
  number: IntlMessageFormat.formats.number,
  time: IntlMessageFormat.formats.time,
  date: {
    ...IntlMessageFormat.formats.date,
    instant: { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC", timeZoneName: "short" },
  },
};

// `<...>` in our texts is literal ("_25._tcp.<MX host>"), never rich-text markup.
const PARSE_OPTIONS = { ignoreTag: true } as const;

/** One Intl object per (constructor arguments): the few option sets the catalogues use. */
function memo<T>(make: (locales: string | string[], options?: object) => T): (locales: string | string[], options?: object) => T {
  const made = new Map<string, T>();
  return (locales, options) => {
    const key = JSON.stringify([locales, options ?? null]);
    let value = made.get(key);
    if (value === undefined) {
      value = make(locales, options);
      made.set(key, value);
    }
    return value;
  };
}

// Shared by every text of every locale (the locale is part of each cache key).
const FORMATTERS: Formatters = {
  getNumberFormat: memo((locales, options) => new Intl.NumberFormat(locales, options)),
  getDateTimeFormat: memo((locales, options) => new Intl.DateTimeFormat(locales, options)),
  getPluralRules: memo((locales, options) => new Intl.PluralRules(locales, options)),
} as Formatters;

export interface IcuArgument {
  name: string;
  /** How the text uses it: as plain text, a number, a date/time, a plural count or a select key. */
  kind: "text" | "number" | "date" | "plural" | "select";
}

function collect(elements: readonly MessageFormatElement[], out: Map<string, IcuArgument["kind"]>): void {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        if (!out.has(element.value)) out.set(element.value, "text");
        break;
      case TYPE.number:
        out.set(element.value, "number");
        break;
      case TYPE.date:
      case TYPE.time:
        out.set(element.value, "date");
        break;
      case TYPE.plural:
        out.set(element.value, "plural");
        for (const option of Object.values(element.options)) collect(option.value, out);
        break;
      case TYPE.select:
        out.set(element.value, "select");
        for (const option of Object.values(element.options)) collect(option.value, out);
        break;
      case TYPE.tag:
        collect(element.children, out);
        break;
      default:
        break;
    }
  }
}

interface Compiled {
  ast: MessageFormatElement[];
  args: IcuArgument[];
  /** The option keys of each select argument (all its selects together). */
  selectKeys: Map<string, Set<string>>;
}

function selectKeysOf(elements: readonly MessageFormatElement[], out: Map<string, Set<string>>): void {
  for (const element of elements) {
    if (element.type === TYPE.select) {
      const keys = out.get(element.value) ?? new Set<string>();
      for (const key of Object.keys(element.options)) keys.add(key);
      out.set(element.value, keys);
    }
    if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) selectKeysOf(option.value, out);
    if (element.type === TYPE.tag) selectKeysOf(element.children, out);
  }
}

// Bounded by the catalogues: one entry per distinct text per locale, parsed on first use. The
// parse does not depend on the locale (no skeletons in our texts), the key keeps it for clarity.
const compiled = new Map<string, Compiled>();

/** A text of literals and plain `{name}` arguments only, with no quoting apostrophe: most step texts. */
export const PLAIN = /^[^{}']*(?:\{[A-Za-z_]\w*\}[^{}']*)*$/;

/**
 * The AST the ICU parser would build for a PLAIN text, without running it: the parser is most of
 * the first render's cost, and half the texts of a report need nothing of it.
 */
export function plainAst(source: string): MessageFormatElement[] {
  const ast: MessageFormatElement[] = [];
  let at = 0;
  for (const m of source.matchAll(/\{([A-Za-z_]\w*)\}/g)) {
    if (m.index > at) ast.push({ type: TYPE.literal, value: source.slice(at, m.index) });
    ast.push({ type: TYPE.argument, value: m[1]! });
    at = m.index + m[0].length;
  }
  if (at < source.length) ast.push({ type: TYPE.literal, value: source.slice(at) });
  return ast;
}

function compile(locale: Locale, source: string): Compiled {
  const cacheKey = `${locale}\u0000${source}`;
  let entry = compiled.get(cacheKey);
  if (!entry) {
    const ast = PLAIN.test(source) ? plainAst(source) : parse(source, PARSE_OPTIONS);
    const kinds = new Map<string, IcuArgument["kind"]>();
    collect(ast, kinds);
    const selectKeys = new Map<string, Set<string>>();
    selectKeysOf(ast, selectKeys);
    entry = { ast, args: [...kinds].map(([name, kind]) => ({ name, kind })), selectKeys };
    compiled.set(cacheKey, entry);
  }
  return entry;
}

/** The arguments a text uses, each once (a typed use wins over a plain `{x}` of the same name). Throws on bad ICU syntax. */
export function icuArguments(locale: Locale, source: string): readonly IcuArgument[] {
  return compile(locale, source).args;
}

/**
 * Formats one catalogue text. Parameters are JSON data, so a date argument arrives as an ISO-8601
 * string and is turned into a Date here. Throws (intl-messageformat's FormatError, or a RangeError
 * for an unreadable date) when a parameter is missing or unusable: the caller decides how loud.
 */
export function formatIcu(locale: Locale, source: string, params: Readonly<MessageParams>): string {
  const { ast, args, selectKeys } = compile(locale, source);
  const values: Record<string, MessageParamValue | Date> = { ...params };
  for (const { name, kind } of args) {
    const value = params[name];
    if (kind === "date" && typeof value === "string") {
      const time = Date.parse(value);
      if (Number.isNaN(time)) throw new RangeError(`parameter ${name} is not a date: ${value}`);
      values[name] = new Date(time);
    } else if (kind === "select" && typeof value === "string") {
      // The key a value selects. ICU select keys cannot hold "-" (Pattern_Syntax), the core's tokens
      // do ("labels-invalid", "no-data"): a catalogue writes them with "_" (labels_invalid {…}). An
      // empty value picks `none` (ICU has no key for ""): "{then, select, none {} other { Then:
      // {then}}}" prints nothing for an empty {then}. A value that is no key stays as it came, for
      // the `other` branch may print it (free text from a run stored before the tokens).
      const keys = selectKeys.get(name);
      const key = value === "" ? "none" : value.replaceAll("-", "_");
      if (keys?.has(key)) values[name] = key;
    }
  }
  let text = "";
  for (const part of formatToParts(ast, locale, FORMATTERS, FORMATS, values, undefined, source)) {
    // With ignoreTag and scalar values every part is a string; anything else is a bug here.
    if (typeof part.value !== "string") throw new TypeError("ICU formatting produced a non-text part");
    text += part.value;
  }
  return text;
}
