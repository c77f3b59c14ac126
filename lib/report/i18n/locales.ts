// How a command line picks one of mailsec's languages (lib/report/i18n/types.ts) from the POSIX
// locale variables. The web UI negotiates from Accept-Language on its own (next-intl); both land
// on the same two tags.
import { LOCALES, type Locale } from "./types";

export { DEFAULT_LOCALE, LOCALES, type Locale } from "./types";

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * The locale a terminal user asked for: the first set variable of LC_ALL, LC_MESSAGES, LANG (the
 * POSIX precedence for message catalogues). `pt_PT`, `pt_PT.UTF-8`, `pt_PT@euro` or `pt-PT` mean
 * European Portuguese; anything else (including pt_BR, C, POSIX, unset) means English, since a
 * Brazilian reader is better served by the English text than by a variety they did not ask for.
 */
export function localeFromEnvironment(env: Readonly<Record<string, string | undefined>>): Locale {
  const setting = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== "");
  return setting !== undefined && /^pt[_-]PT(?:[.@]|$)/i.test(setting) ? "pt-PT" : "en";
}
