// The UI's languages and how a request chooses one: the reader's choice (a cookie the language
// switch sets), else the browser's Accept-Language, else English. Portuguese of any region is
// served European Portuguese, the only Portuguese mailsec is written in.
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/report/i18n/locales";

export { DEFAULT_LOCALE, LOCALES, isLocale } from "@/lib/report/i18n/locales";
/** The languages lib/report renders in: the UI has exactly these. */
export type UiLocale = Locale;
export const LOCALE_COOKIE = "NEXT_LOCALE";

function fromTag(tag: string): UiLocale | null {
  const language = tag.trim().toLowerCase().split("-")[0];
  if (language === "pt") return "pt-PT";
  if (language === "en") return "en";
  return null;
}

/** The best of our locales for an Accept-Language header (RFC 9110 §12.5.4), or null. */
export function localeFromAcceptLanguage(header: string | null | undefined): UiLocale | null {
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
    const locale = fromTag(entry.tag);
    if (locale) return locale;
  }
  return null;
}

export function chooseLocale(cookie: string | undefined, acceptLanguage: string | null): UiLocale {
  if (cookie !== undefined && isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}
