"use client";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { api, type ApiProblem } from "../batches/api-client";
import { TokenField } from "../batches/TokenField";
import { TestSelect, type JobTest } from "../batches/TestSelect";
import { useApiError } from "../batches/use-api-error";

interface Created {
  id: string;
  secret: string;
  nextRunAt: string;
}

export function WatchForm() {
  const t = useTranslations("watch.form");
  const apiError = useApiError();
  const [test, setTest] = useState<JobTest>("dane");
  const [input, setInput] = useState("");
  const [hours, setHours] = useState("24");
  const [webhookUrl, setWebhookUrl] = useState("");
  const [certDays, setCertDays] = useState("21");
  const [rrsigDays, setRrsigDays] = useState("3");
  const [error, setError] = useState<ApiProblem | null>(null);
  const [created, setCreated] = useState<Created | null>(null);

  async function onSubmit(event: React.FormEvent): Promise<void> {
    event.preventDefault();
    setError(null);
    const answer = await api<Created>("/api/watches", {
      method: "POST",
      body: {
        test,
        input,
        intervalSeconds: Math.round(Number(hours) * 3600),
        webhookUrl: webhookUrl.trim() === "" ? null : webhookUrl.trim(),
        certDays: Number(certDays),
        rrsigDays: Number(rrsigDays),
      },
    });
    if (answer.ok) setCreated(answer.body);
    else setError(answer.error);
  }

  if (created) {
    return (
      <div role="status" className="space-y-2 rounded-md border border-green-600 bg-green-50 p-4 text-sm">
        <p className="font-medium">{t("created")}</p>
        <p>{t.rich("secret", { header: "x-mailsec-signature", code: (chunks) => <span className="font-mono">{chunks}</span> })}</p>
        <p className="break-all rounded bg-white p-2 font-mono" data-testid="watch-secret">
          {created.secret}
        </p>
        <Link href={`/watches/${created.id}`} className="font-semibold text-blue-800 underline">
          {t("open")}
        </Link>
      </div>
    );
  }

  const field = "mt-1 block w-full rounded border border-slate-400 px-3 py-2";
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
      <TokenField />
      <TestSelect value={test} onChange={setTest} />
      <label className="block text-sm">
        <span className="font-medium">{t("input")}</span>
        <input value={input} onChange={(e) => setInput(e.target.value)} className={`${field} font-mono`} placeholder="example.com" />
      </label>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block text-sm">
          <span className="font-medium">{t("every")}</span>
          <input type="number" min={1} max={720} value={hours} onChange={(e) => setHours(e.target.value)} className={field} />
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("certDays")}</span>
          <input type="number" min={1} max={365} value={certDays} onChange={(e) => setCertDays(e.target.value)} className={field} />
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("rrsigDays")}</span>
          <input type="number" min={1} max={60} value={rrsigDays} onChange={(e) => setRrsigDays(e.target.value)} className={field} />
        </label>
      </div>
      <label className="block text-sm">
        <span className="font-medium">{t("webhook")}</span>
        <input value={webhookUrl} onChange={(e) => setWebhookUrl(e.target.value)} className={`${field} font-mono`} placeholder="https://hooks.example.com/mailsec" />
      </label>
      <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800">
        {t("submit")}
      </button>
      {error && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {apiError(error)}
        </p>
      )}
    </form>
  );
}
