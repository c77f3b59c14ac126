// next-intl's per-request configuration (found by the plugin in next.config.js): the locale the
// reader chose or their browser asks for, its UI strings (messages/), and UTC for every time
// shown, so a shared link reads the same on the server and in every browser.
import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { chooseLocale, LOCALE_COOKIE } from "@/components/i18n/locale";

export default getRequestConfig(async () => {
  const locale = chooseLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
  const messages = locale === "pt-PT" ? (await import("../messages/pt-PT.json")).default : (await import("../messages/en.json")).default;
  return { locale, messages, timeZone: "UTC" };
});
