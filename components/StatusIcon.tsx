// A step's status as an icon AND a word: never colour alone (screen readers, print, colour blindness).
import { useTranslations } from "next-intl";
import type { StepStatus } from "@/lib/report/schema";

export type DisplayStatus = StepStatus | "unfinished";

const TONE: Record<DisplayStatus, string> = {
  success: "text-green-700 bg-green-50 border-green-300",
  warning: "text-amber-800 bg-amber-50 border-amber-300",
  error: "text-red-700 bg-red-50 border-red-300",
  info: "text-sky-800 bg-sky-50 border-sky-300",
  skipped: "text-slate-600 bg-slate-50 border-slate-300",
  running: "text-blue-700 bg-blue-50 border-blue-300",
  unfinished: "text-slate-700 bg-slate-100 border-slate-400",
};

function Glyph({ status }: { status: DisplayStatus }) {
  const common = { width: 14, height: 14, viewBox: "0 0 16 16", "aria-hidden": true, focusable: false } as const;
  switch (status) {
    case "success":
      return (
        <svg {...common}>
          <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="2.2" />
        </svg>
      );
    case "warning":
      return (
        <svg {...common}>
          <path d="M8 1.5l7 13H1z" fill="currentColor" />
          <path d="M8 6v4M8 11.5v1.5" stroke="#fff" strokeWidth="1.8" />
        </svg>
      );
    case "error":
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M5 5l6 6M11 5l-6 6" stroke="#fff" strokeWidth="2" />
        </svg>
      );
    case "info":
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M8 7v5M8 4v1.6" stroke="#fff" strokeWidth="2" />
        </svg>
      );
    case "skipped":
      return (
        <svg {...common}>
          <path d="M3 3l5 5-5 5M9 3l5 5-5 5" fill="none" stroke="currentColor" strokeWidth="1.8" />
        </svg>
      );
    case "running":
      return (
        <svg {...common} className="spinner">
          <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeOpacity="0.25" strokeWidth="2.5" />
          <path d="M8 2a6 6 0 0 1 6 6" fill="none" stroke="currentColor" strokeWidth="2.5" />
        </svg>
      );
    case "unfinished":
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="2" strokeDasharray="3 2" />
        </svg>
      );
  }
}

/** The icon and the word; `label` replaces the word (a summary cell says what it found). */
export function StatusIcon({ status, label }: { status: DisplayStatus; label?: string }) {
  const t = useTranslations("status");
  return (
    <span
      className={`inline-flex max-w-full items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-semibold ${label === undefined ? "shrink-0" : "min-w-0"} ${TONE[status]}`}
      data-status={status}
    >
      <Glyph status={status} />
      <span className="min-w-0">{label ?? t(status)}</span>
    </span>
  );
}
