"use client";
// A test page's form and its live run. The input is checked with the same zod schema the API
// uses; events are read from the NDJSON stream and placed into the tree as they arrive.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { RunEvent, RunRequest, type TestKind } from "@/lib/report/schema";
import { RunView } from "./RunView";
import { applyEvent, startLiveRun, type LiveRun } from "./run-model";
import { testInfo } from "./test-catalog";

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

// The types a mail admin asks about; the CLI (--type) takes any type.
const DNSSEC_TYPES = ["MX", "TLSA", "A", "AAAA", "TXT", "NS", "SOA", "DS", "DNSKEY", "CNAME"] as const;

export function RunForm({ test, initialInput, autoRun }: { test: TestKind; initialInput: string; autoRun: boolean }) {
  const info = testInfo(test);
  const [input, setInput] = useState(initialInput);
  const [sendTestMessage, setSendTestMessage] = useState(false);
  const [rrType, setRrType] = useState<(typeof DNSSEC_TYPES)[number]>("MX");
  const [inputError, setInputError] = useState<string | null>(null);
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

  const run = async (value: string) => {
    const parsed = RunRequest.safeParse({
      test,
      input: value,
      sendTestMessage: test === "inbound" && sendTestMessage,
      ...(test === "dnssec" ? { rrType } : {}),
    });
    if (!parsed.success) {
      setInputError(parsed.error.issues[0]?.message ?? "That value cannot be tested.");
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
        const message =
          typeof problem === "object" && problem !== null && "error" in problem && typeof problem.error === "string"
            ? problem.error
            : `The server refused the run (HTTP ${response.status}).`;
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
          {info.inputLabel}
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
            placeholder={info.placeholder}
            aria-invalid={inputError !== null}
            aria-describedby={inputError ? "target-error" : undefined}
            className={`min-w-0 flex-1 rounded border px-3 py-2 font-mono ${inputError ? "border-red-600" : "border-slate-400"}`}
          />
          <button
            type="submit"
            disabled={running}
            className="rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800 disabled:bg-slate-400"
          >
            {running ? "Running…" : "Run test"}
          </button>
        </div>
        {inputError && (
          <p id="target-error" role="alert" className="text-sm font-medium text-red-700">
            {inputError}
          </p>
        )}
        {test === "dnssec" && (
          <label className="flex items-center gap-2 text-sm">
            <span>Record type</span>
            <select
              name="rrType"
              value={rrType}
              onChange={(e) => setRrType(DNSSEC_TYPES.find((t) => t === e.target.value) ?? "MX")}
              className="rounded border border-slate-400 bg-white px-2 py-1 font-mono"
            >
              {DNSSEC_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
        )}
        {test === "inbound" && (
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" checked={sendTestMessage} onChange={(e) => setSendTestMessage(e.target.checked)} className="mt-1" />
            <span>Send a test message (off by default: delivers one short message to the address you entered)</span>
          </label>
        )}
      </form>
      {connectionLost && live && (
        <p role="status" className="rounded border border-amber-400 bg-amber-50 p-3 text-sm">
          The connection to the server was lost. The run carries on there;{" "}
          {live.run.id ? (
            <a className="text-blue-700 underline" href={`/r/${live.run.id}`}>
              open its result page
            </a>
          ) : (
            "run the test again"
          )}
          .
        </p>
      )}
      {live && <RunView run={live.run} />}
    </div>
  );
}
