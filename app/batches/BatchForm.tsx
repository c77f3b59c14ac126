"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "./api-client";
import { TokenField } from "./TokenField";
import { TestSelect, type JobTest } from "./TestSelect";

interface Refused {
  index: number;
  input: string;
  reason: string;
}

const MAX_INPUTS = 10_000;

/** One input a line, or a CSV's first column; blank lines and # comments skipped (as `mailsec batch`). */
function inputsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.split(",")[0]?.trim().replace(/^"(.*)"$/, "$1") ?? "")
    .filter((line) => line !== "" && !line.startsWith("#"));
}

export function BatchForm() {
  const router = useRouter();
  const [text, setText] = useState("");
  const [test, setTest] = useState<JobTest>("dane");
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<Refused[]>([]);
  const [busy, setBusy] = useState(false);
  const inputs = inputsOf(text);

  async function onFile(file: File | undefined): Promise<void> {
    if (!file) return;
    if (file.size > 4 * 1024 * 1024) {
      setError("That file is larger than 4 MB.");
      return;
    }
    setText(await file.text());
  }

  async function onSubmit(event: React.FormEvent): Promise<void> {
    event.preventDefault();
    setError(null);
    setRefused([]);
    if (inputs.length === 0) return setError("Give at least one domain or e-mail address.");
    if (inputs.length > MAX_INPUTS) return setError(`A batch takes at most ${MAX_INPUTS} inputs; this has ${inputs.length}.`);
    setBusy(true);
    const answer = await api<{ id: string; total: number; refused: Refused[] }>("/api/batches", { method: "POST", body: { test, inputs } });
    setBusy(false);
    if (answer.ok) {
      if (answer.body.refused.length > 0) sessionStorage.setItem(`mailsec.refused.${answer.body.id}`, JSON.stringify(answer.body.refused));
      router.push(`/batches/${answer.body.id}`);
      return;
    }
    setError(answer.error);
    const body = answer.body as { refused?: Refused[] } | null;
    setRefused(body?.refused ?? []);
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
      <TokenField />
      <TestSelect value={test} onChange={setTest} />
      <label className="block text-sm">
        <span className="font-medium">Domains or e-mail addresses, one a line</span>
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
        <span className="font-medium">or upload a text or CSV file (first column)</span>
        <input type="file" accept=".txt,.csv,text/plain,text/csv" onChange={(e) => void onFile(e.target.files?.[0])} className="mt-1 block" />
      </label>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={busy} className="rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800 disabled:bg-slate-400">
          Start the batch
        </button>
        <span className="text-sm text-slate-600">{inputs.length} input(s)</span>
      </div>
      {error && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
      <RefusedList refused={refused} />
    </form>
  );
}

export function RefusedList({ refused }: { refused: Refused[] }) {
  if (refused.length === 0) return null;
  return (
    <div className="rounded border border-amber-400 bg-amber-50 p-3 text-sm">
      <p className="font-medium">{refused.length} input(s) refused:</p>
      <ul className="mt-1 list-disc pl-5">
        {refused.slice(0, 200).map((r) => (
          <li key={r.index}>
            <span className="font-mono">{r.input}</span> (input {r.index + 1}): {r.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}
