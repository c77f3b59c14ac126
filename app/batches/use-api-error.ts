"use client";
// A failed API answer in the reader's language: the server's own sentence as it wrote it, else
// "not reached" or the bare status, from messages/ (jobs.errors).
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { ApiProblem } from "./api-client";

export function useApiError(): (problem: ApiProblem) => string {
  const t = useTranslations("jobs.errors");
  return useCallback((problem: ApiProblem) => ("text" in problem ? problem.text : problem.status === 0 ? t("unreachable") : t("status", { status: problem.status })), [t]);
}
