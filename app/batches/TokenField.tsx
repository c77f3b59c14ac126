"use client";
import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { savedToken, saveToken, subscribeToken } from "./api-client";

/** The API token input shared by the batch and watch pages; remembered for this tab. */
export function TokenField() {
  const t = useTranslations("jobs.token");
  const token = useSyncExternalStore(subscribeToken, savedToken, () => "");
  return (
    <label className="block text-sm">
      <span className="font-medium">{t("label")}</span>
      <input
        type="password"
        autoComplete="off"
        value={token}
        onChange={(e) => saveToken(e.target.value.trim())}
        className="mt-1 block w-full rounded border border-slate-400 px-3 py-2 font-mono"
        aria-describedby="token-help"
      />
      <span id="token-help" className="text-slate-600">
        {t("help", { setting: "MAILSEC_API_TOKENS" })}
      </span>
    </label>
  );
}
