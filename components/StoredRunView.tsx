"use client";
// A shared link: the run as stored, refreshed from the API while it is still running.
import { useEffect, useState } from "react";
import { RunView } from "./RunView";
import { RunViewModel } from "./run-model";

const POLL_MS = 1000;

export function StoredRunView({ initial }: { initial: RunViewModel }) {
  const [run, setRun] = useState(initial);
  useEffect(() => {
    if (run.status !== "running") return;
    const timer = window.setTimeout(async () => {
      try {
        const response = await fetch(`/api/runs/${encodeURIComponent(run.id)}`, { cache: "no-store" });
        const parsed = RunViewModel.safeParse(await response.json());
        if (parsed.success) setRun(parsed.data);
        else setRun({ ...run });
      } catch {
        // Try again on the next tick: a restarting server is a normal reason to miss one poll.
        setRun({ ...run });
      }
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [run]);
  return <RunView run={run} />;
}
