// The UI's languages and how a request chooses one: the reader's choice (a cookie the language
// switch sets), else the browser's Accept-Language, else English. Portuguese of any region is
// served European Portuguese, the only Portuguese mailsec is written in.
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage, type Locale } from "@/lib/report/i18n/locales";

// The rule itself is lib/report/i18n/locales.ts, shared with the CLI.
export { DEFAULT_LOCALE, LOCALES, isLocale, localeFromAcceptLanguage } from "@/lib/report/i18n/locales";
/** The languages lib/report renders in: the UI has exactly these. */
export type UiLocale = Locale;
export const LOCALE_COOKIE = "NEXT_LOCALE";

export function chooseLocale(cookie: string | undefined, acceptLanguage: string | null): UiLocale {
  if (cookie !== undefined && isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}
