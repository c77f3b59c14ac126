"use client";
// The tab says which domain and how it went ("tlsa-mismatch.test · Test failed · DANE"), so a
// person with several runs open finds the failing one.
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import type { RunViewModel } from "./run-model";
import { runTitle } from "./run-title";

export function useRunTitle(run: RunViewModel | null): void {
  const verdict = useTranslations("verdict");
  const tests = useTranslations("tests");
  const key = run?.result?.verdict ?? (run?.status === "done" ? "error" : (run?.status ?? null));
  const input = run?.input ?? null;
  const test = run?.test ?? null;
  useEffect(() => {
    if (key === null || input === null || test === null) return;
    document.title = runTitle(input, verdict(key), tests(`${test}.short`));
  }, [key, input, test, verdict, tests]);
}
