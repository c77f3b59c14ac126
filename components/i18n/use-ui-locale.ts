// next-intl hands back the locale as a plain string; the UI's own union is what the catalogues take.
import { DEFAULT_LOCALE, isLocale, type UiLocale } from "./locale";

export function toUiLocale(locale: string): UiLocale {
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}
