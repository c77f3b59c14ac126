"use client";
// A test page's form and its live run. The input is checked with the same zod schema the API
// uses; events are read from the NDJSON stream and placed into the tree as they arrive.
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Message } from "@/lib/report/i18n/types";
import { RunEvent, RunRequest, type TestKind } from "@/lib/report/schema";
import { toUiLocale } from "./i18n/use-ui-locale";
import { messageText } from "./report-text";
import { RunView } from "./RunView";
import { normalizeTarget, DNSSEC_TYPES, type DnssecType } from "./input-hints";
import { applyEvent, startLiveRun, type LiveRun } from "./run-model";
import { useRunTitle } from "./use-run-title";

async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: RunEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) {
        const parsed = RunEvent.safeParse(JSON.parse(line));
        if (parsed.success) onEvent(parsed.data);
      }
      newline = buffer.indexOf("\n");
    }
  }
}

/** An optional text field of one test (a DKIM selector, an expected MX), with its hint below it. */
function TextOption(props: { name: string; label: string; hint: string; value: string; onChange: (value: string) => void; placeholder: string; maxLength: number; testId?: string; className?: string; inputClassName: string }) {
  const hintId = `${props.name}-hint`;
  return (
    <>
      <label className={`flex flex-wrap items-center gap-2 ${props.className ?? ""}`}>
        <span>{props.label}</span>
        <input
          name={props.name}
          data-testid={props.testId}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          aria-describedby={hintId}
          placeholder={props.placeholder}
          maxLength={props.maxLength}
          spellCheck={false}
          autoCapitalize="off"
          className={`rounded border border-slate-400 bg-white px-2 py-1 font-mono ${props.inputClassName}`}
        />
      </label>
      <p id={hintId} className="text-xs text-slate-600">
        {props.hint}
      </p>
    </>
  );
}

export function RunForm({ test, initialInput, initialType, initialExpectedMx = "", initialDkimSelector = "", autoRun }: { test: TestKind; initialInput: string; initialType: DnssecType; initialExpectedMx?: string; initialDkimSelector?: string; autoRun: boolean }) {
  const t = useTranslations("form");
  const tests = useTranslations("tests");
  const locale = toUiLocale(useLocale());
  const [input, setInput] = useState(initialInput);
  const [sendTestMessage, setSendTestMessage] = useState(false);
  const [dkimSelector, setDkimSelector] = useState(initialDkimSelector);
  const [expectedMx, setExpectedMx] = useState(initialExpectedMx);
  const [rrType, setRrType] = useState<DnssecType>(initialType);
  const [inputError, setInputError] = useState<string | null>(null);
  const [inputNote, setInputNote] = useState<string | null>(null);
  const [live, setLive] = useState<LiveRun | null>(null);
  const [connectionLost, setConnectionLost] = useState(false);
  const running = live?.run.status === "running";
  const started = useRef(false);
  // The reader of the run on screen. Aborting it only stops this page reading: the run itself
  // carries on on the server (its share link follows it), so leaving or restarting loses nothing.
  const reading = useRef<AbortController | null>(null);
  const mounted = useRef(false);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // Deferred one tick: React's development double mount unmounts and remounts at once, and
      // aborting then would drop the reader of the run "Run again" has just started.
      window.setTimeout(() => {
        if (!mounted.current) reading.current?.abort();
      }, 0);
    };
  }, []);

  useRunTitle(live?.run ?? null);
  const isAddress = input.includes("@");

  const run = async (typed: string) => {
    const target = normalizeTarget(typed);
    setInputNote(null);
    if (target.kind === "too-long") {
      setInputError(t("tooLong", { length: target.length, max: target.max, what: target.what }));
      return;
    }
    const value = target.value;
    if (target.kind === "from-url") {
      setInput(value);
      setInputNote(t("fromUrl", { host: value }));
    }
    const parsed = RunRequest.safeParse({
      test,
      input: value,
      sendTestMessage: test === "inbound" && sendTestMessage && value.includes("@"),
      ...(test === "dnssec" ? { rrType } : {}),
      ...(test === "inbound" && dkimSelector.trim() !== "" ? { dkimSelector: dkimSelector.trim() } : {}),
      ...(test === "exchange" && expectedMx.trim() !== "" ? { expectedMx: expectedMx.trim() } : {}),
    });
    if (!parsed.success) {
      setInputError(value.trim() === "" ? t("empty") : (parsed.error.issues[0]?.message ?? t("invalid")));
      return;
    }
    reading.current?.abort();
    const controller = new AbortController();
    reading.current = controller;
    const { signal } = controller;
    setInputError(null);
    setConnectionLost(false);
    let current = startLiveRun(test, parsed.data.input, new Date());
    setLive(current);
    try {
      const response = await fetch("/api/runs", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(parsed.data),
        signal,
      });
      if (!response.ok || !response.body) {
        const problem: unknown = await response.json().catch(() => null);
        // The door's refusal of the input by its key, in the page's language; else its English sentence.
        const refusal = typeof problem === "object" && problem !== null && "refusal" in problem ? Message.safeParse(problem.refusal) : null;
        const message = refusal?.success
          ? messageText(locale, refusal.data)
          : typeof problem === "object" && problem !== null && "error" in problem && typeof problem.error === "string"
            ? problem.error
            : t("refused", { status: response.status });
        if (signal.aborted) return;
        setLive(null);
        setInputError(message.replace(/^input: /, ""));
        return;
      }
      await readEvents(response.body, (event) => {
        if (signal.aborted) return;
        current = applyEvent(current, event, new Date());
        setLive(current);
      });
    } catch {
      // Falls through: a stream that stops before "done" is reported below.
    }
    // An aborted reader was replaced or unmounted on purpose: it reports nothing.
    if (signal.aborted) return;
    if (reading.current === controller) reading.current = null;
    if (current.run.status === "running") setConnectionLost(true);
  };

  useEffect(() => {
    if (autoRun && !started.current) {
      started.current = true;
      void run(initialInput);
    }
    // Runs once for "Run again" links; `run` closes over the first render's state on purpose.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!running) void run(input);
  };

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} noValidate className="no-print space-y-3 rounded-md border border-slate-300 bg-white p-4">
        <label htmlFor="target" className="block font-medium">
          {tests(`${test}.inputLabel`)}
        </label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <input
            id="target"
            name="input"
            type="text"
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
            value={input}
            onChange={(e) => setInput(e.target.value)}
            placeholder={tests(`${test}.placeholder`)}
            aria-invalid={inputError !== null}
            aria-describedby={inputError ? "target-error" : inputNote ? "target-note" : undefined}
            className={`min-w-0 flex-1 rounded border px-3 py-2 font-mono ${inputError ? "border-red-600" : "border-slate-400"}`}
          />
          <button
            type="submit"
            disabled={running}
            className="rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800 disabled:bg-slate-400"
          >
            {running ? t("running") : t("run")}
          </button>
        </div>
        {inputError && (
          <p id="target-error" role="alert" className="break-words text-sm font-medium text-red-700">
            {inputError}
          </p>
        )}
        {inputNote && !inputError && (
          <p id="target-note" role="status" className="break-words text-sm text-slate-700">
            {inputNote}
          </p>
        )}
        {test === "dnssec" && (
          <label className="flex items-center gap-2 text-sm">
            <span>{t("recordType")}</span>
            <select
              name="rrType"
              value={rrType}
              onChange={(e) => setRrType(DNSSEC_TYPES.find((type) => type === e.target.value) ?? "MX")}
              className="rounded border border-slate-400 bg-white px-2 py-1 font-mono"
            >
              {DNSSEC_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          </label>
        )}
        {test === "inbound" && (
          <div className="text-sm">
            <label className={`flex items-start gap-2 ${isAddress ? "" : "text-slate-600"}`}>
              <input
                type="checkbox"
                checked={sendTestMessage && isAddress}
                disabled={!isAddress}
                aria-describedby="send-hint"
                onChange={(e) => setSendTestMessage(e.target.checked)}
                className="mt-1"
              />
              <span>{t("sendTestMessage")}</span>
            </label>
            <p id="send-hint" className="ml-6 text-xs text-slate-600">
              {isAddress ? t("sendTestMessageHint") : t("sendTestMessageNeedsAddress")}
            </p>
            <TextOption name="dkimSelector" label={t("dkimSelector")} hint={t("dkimSelectorHint")} value={dkimSelector} onChange={setDkimSelector} placeholder="selector1" maxLength={200} className="mt-2" inputClassName="w-40" />
          </div>
        )}
        {test === "exchange" && (
          <div className="text-sm">
            <TextOption name="expectedMx" testId="expected-mx" label={t("expectedMx")} hint={t("expectedMxHint")} value={expectedMx} onChange={setExpectedMx} placeholder="contoso-com.o-v1.mx.microsoft" maxLength={253} inputClassName="min-w-0 flex-1" />
          </div>
        )}
      </form>
      {connectionLost && live && (
        <p role="status" className="rounded border border-amber-400 bg-amber-50 p-3 text-sm">
          {t("connectionLost")}{" "}
          {live.run.id ? (
            <a className="text-blue-700 underline" href={`/r/${live.run.id}`}>
              {t("openResult")}
            </a>
          ) : (
            t("runAgain")
          )}
        </p>
      )}
      {live && <RunView run={live.run} since={live.since} />}
    </div>
  );
}
