"use client";
// Copies a fact (a record, a fingerprint, an SMTP reply, a link) exactly as shown.
import { useTranslations } from "next-intl";
import { useState } from "react";

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useTranslations("copy");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
    window.setTimeout(() => setState("idle"), 2000);
  };
  return (
    <button
      type="button"
      onClick={copy}
      className="no-print shrink-0 rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600"
    >
      <span aria-live="polite">{state === "copied" ? t("copied") : state === "failed" ? t("failed") : (label ?? t("copy"))}</span>
    </button>
  );
}
