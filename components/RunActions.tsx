"use client";
// Share, keep and repeat a run. "Run again" repeats it as it was: same test, input, record type, expected MX or DKIM selector.
import { useTranslations } from "next-intl";
import type { TestKind } from "@/lib/report/schema";
import { CopyButton } from "./CopyButton";

export function RunActions({ id, test, input, rrType, expectedMx, dkimSelector }: { id: string; test: TestKind; input: string; rrType?: string | undefined; expectedMx?: string | null | undefined; dkimSelector?: string | undefined }) {
  const t = useTranslations("actions");
  const path = `/r/${id}`;
  const again = `/test/${test}?${new URLSearchParams({ input, run: "1", ...(test === "dnssec" && rrType ? { type: rrType } : {}), ...(test === "exchange" && expectedMx ? { expectedMx } : {}), ...(test === "inbound" && dkimSelector ? { dkimSelector } : {}) }).toString()}`;
  const link = typeof window === "undefined" ? path : new URL(path, window.location.origin).toString();
  const button = "rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-100";
  return (
    <div className="no-print flex flex-wrap items-center gap-2" data-testid="run-actions">
      <a href={path} className="font-mono text-sm text-blue-700 underline [overflow-wrap:anywhere]" data-testid="share-link">
        {path}
      </a>
      <CopyButton text={link} label={t("copyLink")} />
      <a href={`/api/runs/${id}?download=1`} className={button} download>
        {t("download")}
      </a>
      <a href={again} className={button}>
        {t("runAgain")}
      </a>
    </div>
  );
}
