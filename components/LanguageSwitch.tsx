"use client";
// The language switch: remembers the choice in a cookie (a year) and re-renders the page on the
// server in that language. Without a choice the browser's Accept-Language decides (i18n/request.ts).
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALE_COOKIE, LOCALES, isLocale } from "./i18n/locale";

const NAMES: Record<(typeof LOCALES)[number], string> = { en: "English", "pt-PT": "Português (Portugal)" };

export function LanguageSwitch() {
  const t = useTranslations("language");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="no-print ml-auto flex items-center gap-1 text-sm">
      <span className="text-slate-700">{t("label")}</span>
      <select
        value={locale}
        disabled={pending}
        data-testid="language"
        onChange={(event) => {
          const next = event.target.value;
          if (!isLocale(next)) return;
          document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
          document.documentElement.lang = next;
          startTransition(() => router.refresh());
        }}
        className="rounded border border-slate-400 bg-white px-1 py-0.5"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
