"use client";
// A shared link: the run as stored, refreshed from the API while it is still running. Polling
// backs off while nothing changes, pauses in a hidden tab and ends after `pollLimitMs` of
// polling: a run the server lost track of must not be asked about forever.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { RunView } from "./RunView";
import { RunViewModel } from "./run-model";
import { useRunTitle } from "./use-run-title";

const FIRST_POLL_MS = 1000;
const MAX_POLL_MS = 10_000;

async function fetchRun(id: string): Promise<RunViewModel | null> {
  try {
    const response = await fetch(`/api/runs/${encodeURIComponent(id)}`, { cache: "no-store" });
    const parsed = RunViewModel.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    // A restarting server is a normal reason to miss one poll: the next one tries again.
    return null;
  }
}

export function StoredRunView({ initial, pollLimitMs }: { initial: RunViewModel; pollLimitMs: number }) {
  const t = useTranslations("stored");
  const [run, setRun] = useState(initial);
  const [gaveUp, setGaveUp] = useState(false);
  const running = run.status === "running";
  const id = run.id;
  const limitMinutes = Math.max(1, Math.round(pollLimitMs / 60_000));

  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let timer: number | undefined;
    // Time spent waiting between polls while the tab was visible: the budget `pollLimitMs` counts.
    let waited = 0;
    let delay = FIRST_POLL_MS;
    let stepsSeen = -1;

    const schedule = () => {
      if (stopped || document.hidden || timer !== undefined) return;
      if (waited >= pollLimitMs) {
        setGaveUp(true);
        return;
      }
      waited += delay;
      timer = window.setTimeout(() => void poll(), delay);
    };
    const poll = async () => {
      const next = await fetchRun(id);
      timer = undefined;
      if (stopped) return;
      // New steps mean the run is moving: keep following it closely; otherwise wait longer.
      const progressed = next !== null && next.steps.length !== stepsSeen;
      delay = progressed ? FIRST_POLL_MS : Math.min(delay * 2, MAX_POLL_MS);
      if (next) {
        stepsSeen = next.steps.length;
        setRun(next);
        if (next.status !== "running") return;
      }
      schedule();
    };
    const onVisibility = () => {
      if (document.hidden) {
        window.clearTimeout(timer);
        timer = undefined;
      } else {
        delay = FIRST_POLL_MS;
        schedule();
      }
    };

    document.addEventListener("visibilitychange", onVisibility);
    schedule();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [running, id, pollLimitMs]);

  // The server wrote the title for the run as it was; a run that settles here updates it.
  useRunTitle(running ? null : run);

  return (
    <>
      {running && gaveUp && (
        <p role="status" className="rounded border border-amber-400 bg-amber-50 p-3 text-sm">
          {t("gaveUp", { minutes: limitMinutes })}
        </p>
      )}
      <RunView run={run} />
    </>
  );
}
