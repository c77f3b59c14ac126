"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, type ApiProblem } from "./api-client";
import { TokenField } from "./TokenField";
import { TestSelect, type JobTest } from "./TestSelect";
import { useApiError } from "./use-api-error";
import type { UiLocale } from "@/components/i18n/locale";
import { toUiLocale } from "@/components/i18n/use-ui-locale";
import { messageText } from "@/components/report-text";
import { Message } from "@/lib/report/i18n/types";

export interface Refused {
  index: number;
  input: string;
  /** The server's sentence in English (lib/server/run-request.ts): shown when `problem` is absent. */
  reason: string;
  /** Why, as a key and params (lib/jobs/batches.ts RefusedInput): worded in the page's language. */
  problem?: unknown;
}

/** The refusal in the reader's language when the server gave its key, else the server's sentence. */
function reasonText(locale: UiLocale, refused: Refused): string {
  const problem = Message.safeParse(refused.problem);
  return problem.success ? messageText(locale, problem.data) : refused.reason;
}

const MAX_FILE_MB = 4;

/** What stops the form, as a value: worded at render time, so it follows the language switch. */
type FormError = { kind: "fileTooLarge" } | { kind: "empty" } | { kind: "tooMany"; count: number } | { kind: "api"; problem: ApiProblem };

/** One input a line, or a CSV's first column; blank lines and # comments skipped (as `mailsec batch`). */
function inputsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.split(",")[0]?.trim().replace(/^"(.*)"$/, "$1") ?? "")
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/** `maxInputs`: the API's bound (lib/jobs/batches.ts), handed down by the page. */
export function BatchForm({ maxInputs }: { maxInputs: number }) {
  const t = useTranslations("batch");
  const apiError = useApiError();
  const router = useRouter();
  const [text, setText] = useState("");
  const [test, setTest] = useState<JobTest>("dane");
  const [error, setError] = useState<FormError | null>(null);
  const [refused, setRefused] = useState<Refused[]>([]);
  const [busy, setBusy] = useState(false);
  const inputs = inputsOf(text);

  async function onFile(file: File | undefined): Promise<void> {
    if (!file) return;
    if (file.size > MAX_FILE_MB * 1024 * 1024) {
      setError({ kind: "fileTooLarge" });
      return;
    }
    setText(await file.text());
  }

  async function onSubmit(event: React.FormEvent): Promise<void> {
    event.preventDefault();
    setError(null);
    setRefused([]);
    if (inputs.length === 0) return setError({ kind: "empty" });
    if (inputs.length > maxInputs) return setError({ kind: "tooMany", count: inputs.length });
    setBusy(true);
    const answer = await api<{ id: string; total: number; refused: Refused[] }>("/api/batches", { method: "POST", body: { test, inputs } });
    setBusy(false);
    if (answer.ok) {
      if (answer.body.refused.length > 0) sessionStorage.setItem(`mailsec.refused.${answer.body.id}`, JSON.stringify(answer.body.refused));
      router.push(`/batches/${answer.body.id}`);
      return;
    }
    setError({ kind: "api", problem: answer.error });
    const body = answer.body as { refused?: Refused[] } | null;
    setRefused(body?.refused ?? []);
  }

  const errorText = (e: FormError): string => {
    switch (e.kind) {
      case "fileTooLarge":
        return t("errors.fileTooLarge", { mb: MAX_FILE_MB });
      case "empty":
        return t("errors.empty");
      case "tooMany":
        return t("errors.tooMany", { max: maxInputs, count: e.count });
      case "api":
        return apiError(e.problem);
    }
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
      <TokenField />
      <TestSelect value={test} onChange={setTest} exchange />
      <label className="block text-sm">
        <span className="font-medium">{t("inputsLabel")}</span>
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={10}
          spellCheck={false}
          className="mt-1 block w-full rounded border border-slate-400 px-3 py-2 font-mono"
          placeholder={"example.com\nexample.net"}
        />
      </label>
      <label className="block text-sm">
        <span className="font-medium">{t("fileLabel")}</span>
        <input type="file" accept=".txt,.csv,text/plain,text/csv" onChange={(e) => void onFile(e.target.files?.[0])} className="mt-1 block" />
      </label>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={busy} className="rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800 disabled:bg-slate-400">
          {t("submit")}
        </button>
        <span className="text-sm text-slate-600">{t("inputCount", { count: inputs.length })}</span>
      </div>
      {error && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {errorText(error)}
        </p>
      )}
      <RefusedList refused={refused} />
    </form>
  );
}

export function RefusedList({ refused }: { refused: Refused[] }) {
  const t = useTranslations("batch.refused");
  const locale = toUiLocale(useLocale());
  if (refused.length === 0) return null;
  return (
    <div className="rounded border border-amber-400 bg-amber-50 p-3 text-sm">
      <p className="font-medium">{t("heading", { count: refused.length })}</p>
      <ul className="mt-1 list-disc pl-5">
        {refused.slice(0, 200).map((r) => (
          <li key={r.index}>
            <span className="font-mono">{r.input}</span> {t("item", { n: r.index + 1, reason: reasonText(locale, r) })}
          </li>
        ))}
      </ul>
    </div>
  );
}
