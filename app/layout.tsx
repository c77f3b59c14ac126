import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { LanguageSwitch } from "@/components/LanguageSwitch";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return {
    title: { default: t("title"), template: "%s · mailsec" },
    description: t("description"),
    referrer: "no-referrer",
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: the CSP nonce (proxy.ts) is new each time.
  await connection();
  const locale = await getLocale();
  const t = await getTranslations("header");
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-100 font-sans text-slate-900 antialiased">
        <NextIntlClientProvider>
          <header className="border-b border-slate-300 bg-white">
            <div className="mx-auto flex max-w-7xl flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2">
              <Link href="/" className="text-lg font-bold tracking-tight text-blue-800">
                mailsec
              </Link>
              <span className="hidden text-sm text-slate-700 sm:inline">{t("tagline")}</span>
              <LanguageSwitch />
            </div>
          </header>
          <main className="mx-auto max-w-7xl px-3 py-4 sm:px-4">{children}</main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
