"use client";
// Share, keep and repeat a run.
import type { TestKind } from "@/lib/report/schema";
import { CopyButton } from "./CopyButton";

export function RunActions({ id, test, input }: { id: string; test: TestKind; input: string }) {
  const path = `/r/${id}`;
  const again = `/test/${test}?${new URLSearchParams({ input, run: "1" }).toString()}`;
  const link = typeof window === "undefined" ? path : new URL(path, window.location.origin).toString();
  const button = "rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-100";
  return (
    <div className="no-print flex flex-wrap items-center gap-2" data-testid="run-actions">
      <a href={path} className="break-all font-mono text-sm text-blue-700 underline" data-testid="share-link">
        {path}
      </a>
      <CopyButton text={link} label="Copy link" />
      <a href={`/api/runs/${id}?download=1`} className={button} download>
        Download JSON
      </a>
      <a href={again} className={button}>
        Run again
      </a>
    </div>
  );
}
