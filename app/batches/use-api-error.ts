"use client";
// A failed API answer in the reader's language: the server's own sentence as it wrote it, else
// "not reached" or the bare status, from messages/ (jobs.errors).
import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import { toUiLocale } from "@/components/i18n/use-ui-locale";
import { messageText } from "@/components/report-text";
import type { ApiProblem } from "./api-client";

export function useApiError(): (problem: ApiProblem) => string {
  const t = useTranslations("jobs.errors");
  const locale = toUiLocale(useLocale());
  return useCallback(
    (problem: ApiProblem) => ("text" in problem ? (problem.refusal ? messageText(locale, problem.refusal) : problem.text) : problem.status === 0 ? t("unreachable") : t("status", { status: problem.status })),
    [t, locale],
  );
}
