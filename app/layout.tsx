import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "mailsec: inbound mail security analyzer", template: "%s · mailsec" },
  description: "DNSSEC, DANE (RFC 7672) and SMTP STARTTLS checks for a domain's inbound mail servers.",
  referrer: "no-referrer",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: the CSP nonce (proxy.ts) is new each time.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-100 font-sans text-slate-900 antialiased">
        <header className="border-b border-slate-300 bg-white">
          <div className="mx-auto flex max-w-5xl items-baseline gap-3 px-4 py-3">
            <Link href="/" className="text-lg font-bold tracking-tight text-blue-800">
              mailsec
            </Link>
            <span className="text-sm text-slate-600">Remote connectivity analyzer for inbound mail security</span>
          </div>
        </header>
        <main className="mx-auto max-w-5xl px-3 py-6 sm:px-4">{children}</main>
      </body>
    </html>
  );
}
