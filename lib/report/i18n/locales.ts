// The one rule for choosing a language, used by both doors: the CLI reads the POSIX locale
// variables, the web reads Accept-Language (after the reader's own choice, a cookie), and both turn
// each tag they find into one of lib/report's languages the same way (localeFromTag).
import { LOCALES, type Locale } from "./types";

export { DEFAULT_LOCALE, LOCALES, type Locale } from "./types";

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * The language mailsec serves for one tag, BCP 47 (`pt-BR`, `en-GB`) or POSIX (`pt_PT.UTF-8`,
 * `pt_PT@euro`), or null when it speaks none of it. Only the language subtag counts: Portuguese of
 * any region gets European Portuguese, the only Portuguese mailsec is written in (a Brazilian or
 * Angolan reader reads it more readily than English); English of any region gets English.
 */
export function localeFromTag(tag: string): Locale | null {
  const language = /^\s*([A-Za-z]{2,3})(?=$|[-_.@\s])/.exec(tag)?.[1]?.toLowerCase();
  if (language === "pt") return "pt-PT";
  if (language === "en") return "en";
  return null;
}

/**
 * The locale a terminal user asked for: the first set variable of LC_ALL, LC_MESSAGES, LANG (the
 * POSIX precedence for message catalogues), read by localeFromTag; English when it names another
 * language, C, POSIX, or nothing is set.
 */
export function localeFromEnvironment(env: Readonly<Record<string, string | undefined>>): Locale {
  const setting = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== "");
  return (setting !== undefined ? localeFromTag(setting) : null) ?? "en";
}

/**
 * The best of our locales for an Accept-Language header (RFC 9110 §12.5.4): tags by weight, then
 * order; the first localeFromTag knows wins; null when none (the caller falls back to English).
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .slice(0, 1000)
    .split(",")
    .slice(0, 50)
    .map((part, order) => {
      const [tag = "", ...rest] = part.split(";");
      const q = rest.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag, q: q === undefined ? 1 : Number(q), order };
    })
    .filter((entry) => entry.q > 0 && Number.isFinite(entry.q))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const entry of ranked) {
    const locale = localeFromTag(entry.tag);
    if (locale) return locale;
  }
  return null;
}
