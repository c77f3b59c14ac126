"use client";
// The step tree, the product: WAI-ARIA tree pattern (roving tabindex; arrows, Home/End; Enter or
// Space opens a step's details). Failed and running branches are open, successful ones folded;
// a link to a step (from the summary or the problems) unfolds the way to it.
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { Step } from "@/lib/report/schema";
import { StatusIcon, type DisplayStatus } from "./StatusIcon";
import { StepDetails, hasDetails } from "./StepDetails";
import { toUiLocale } from "./i18n/use-ui-locale";
import { stepSummary, stepTitle } from "./report-text";
import { domId, foldedByDefault } from "./tree-model";

interface VisibleItem {
  step: Step;
  parentId: string | null;
}

function allSteps(steps: readonly Step[]): Step[] {
  return steps.flatMap((step) => [step, ...allSteps(step.children)]);
}

function ancestorsOf(steps: readonly Step[], id: string, path: string[] = []): string[] | null {
  for (const step of steps) {
    if (step.id === id) return path;
    const found = ancestorsOf(step.children, id, [...path, step.id]);
    if (found) return found;
  }
  return null;
}

/** Ticks once a second while something runs, so a waiting step shows how long it has waited. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [active]);
  return now;
}

export function StepTree({ steps, live, since }: { steps: Step[]; live: boolean; since?: ReadonlyMap<string, number> | undefined }) {
  const t = useTranslations("tree");
  const locale = toUiLocale(useLocale());
  const [openDetails, setOpenDetails] = useState<ReadonlySet<string>>(new Set());
  // What the reader folded or unfolded themselves; every other step follows foldedByDefault.
  const [folding, setFolding] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const itemRefs = useRef(new Map<string, HTMLLIElement>());
  const now = useNow(live);

  const isFolded = useCallback((step: Step) => folding.get(step.id) ?? foldedByDefault(step), [folding]);
  const items = useMemo(() => {
    const visible = (list: readonly Step[], parentId: string | null): VisibleItem[] =>
      list.flatMap((step) => [{ step, parentId }, ...(isFolded(step) ? [] : visible(step.children, step.id))]);
    return visible(steps, null);
  }, [steps, isFolded]);
  const tabStop = items.some((item) => item.step.id === focusedId) ? focusedId : (items[0]?.step.id ?? null);

  const setFolded = (id: string, folded: boolean) => setFolding((prev) => new Map(prev).set(id, folded));
  const toggleDetails = (id: string) =>
    setOpenDetails((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const focusItem = useCallback((id: string | undefined) => {
    if (id === undefined) return;
    setFocusedId(id);
    itemRefs.current.get(id)?.focus();
  }, []);

  // A link to "#step-…" (summary cells, problems): unfold its ancestors, open its details, show it.
  useEffect(() => {
    const reveal = () => {
      const hash = decodeURIComponent(window.location.hash.slice(1));
      if (!hash) return;
      const target = allSteps(steps).find((step) => domId("step", step.id) === hash);
      if (!target) return;
      const ancestors = ancestorsOf(steps, target.id) ?? [];
      setFolding((prev) => {
        const next = new Map(prev);
        for (const id of ancestors) next.set(id, false);
        return next;
      });
      if (hasDetails(target)) setOpenDetails((prev) => new Set(prev).add(target.id));
      setFocusedId(target.id);
      window.setTimeout(() => {
        const element = itemRefs.current.get(target.id);
        element?.scrollIntoView({ block: "start" });
        element?.focus({ preventScroll: true });
      }, 0);
    };
    window.addEventListener("hashchange", reveal);
    return () => window.removeEventListener("hashchange", reveal);
  }, [steps]);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const target = event.target as HTMLElement;
    if (target.getAttribute("role") !== "treeitem") return;
    const id = target.dataset.stepId;
    const index = items.findIndex((item) => item.step.id === id);
    const item = items[index];
    if (!item || id === undefined) return;
    const hasChildren = item.step.children.length > 0;
    const folded = isFolded(item.step);
    const handled = (() => {
      switch (event.key) {
        case "ArrowDown":
          focusItem(items[index + 1]?.step.id);
          return true;
        case "ArrowUp":
          focusItem(items[index - 1]?.step.id);
          return true;
        case "Home":
          focusItem(items[0]?.step.id);
          return true;
        case "End":
          focusItem(items.at(-1)?.step.id);
          return true;
        case "ArrowRight":
          if (hasChildren && folded) setFolded(id, false);
          else if (hasChildren) focusItem(item.step.children[0]?.id);
          return true;
        case "ArrowLeft":
          if (hasChildren && !folded) setFolded(id, true);
          else if (item.parentId !== null) focusItem(item.parentId);
          return true;
        case "Enter":
        case " ":
          if (hasDetails(item.step)) toggleDetails(id);
          else if (hasChildren) setFolded(id, !folded);
          return true;
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  };

  const duration = (step: Step): string => {
    if (step.status !== "running") {
      return step.elapsedMs >= 10_000 ? t("elapsedSeconds", { seconds: step.elapsedMs / 1000 }) : t("elapsedMs", { ms: Math.round(step.elapsedMs) });
    }
    const start = since?.get(step.id);
    return start === undefined || !live ? "" : t("waiting", { seconds: Math.max(0, (now - start) / 1000) });
  };

  const renderStep = (step: Step, level: number, position: number, setSize: number) => {
    const hasChildren = step.children.length > 0;
    const folded = isFolded(step);
    const details = hasDetails(step);
    const detailsOpen = details && openDetails.has(step.id);
    const status: DisplayStatus = step.status === "running" && !live ? "unfinished" : step.status;
    const labelId = domId("step-label", step.id);
    const detailsId = domId("step-details", step.id);
    const time = duration(step);
    return (
      <li
        key={step.id}
        id={domId("step", step.id)}
        ref={(element) => {
          if (element) itemRefs.current.set(step.id, element);
          else itemRefs.current.delete(step.id);
        }}
        role="treeitem"
        aria-level={level}
        aria-posinset={position}
        aria-setsize={setSize}
        aria-selected={step.id === tabStop}
        aria-expanded={hasChildren ? !folded : undefined}
        aria-labelledby={labelId}
        aria-describedby={detailsOpen ? detailsId : undefined}
        tabIndex={step.id === tabStop ? 0 : -1}
        data-step-id={step.id}
        data-status={status}
        onFocus={(event) => {
          if (event.target === event.currentTarget) setFocusedId(step.id);
        }}
        className={`scroll-mt-4 rounded focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 ${level === 1 ? "rounded-md border border-slate-200 bg-white px-2 py-1" : ""}`}
      >
        {/* Phones: status and time on one line, the title full width below; wider: one line. */}
        <div className="flex flex-wrap items-start gap-x-2 gap-y-0.5 py-1 sm:flex-nowrap">
          {hasChildren ? (
            <button
              type="button"
              tabIndex={-1}
              aria-label={folded ? t("showSubSteps") : t("hideSubSteps")}
              onClick={() => setFolded(step.id, !folded)}
              className="no-print mt-0.5 w-4 shrink-0 text-slate-600"
            >
              {folded ? "▸" : "▾"}
            </button>
          ) : (
            <span className="w-4 shrink-0" aria-hidden="true" />
          )}
          <StatusIcon status={status} />
          {time && (
            <span className="ml-auto shrink-0 text-xs tabular-nums text-slate-600 sm:order-last" data-testid="step-time">
              {time}
            </span>
          )}
          <div id={labelId} className="min-w-0 basis-full pl-6 sm:flex-1 sm:basis-auto sm:pl-0">
            <p className={`break-words font-medium ${level === 1 ? "text-base" : ""}`} data-testid="step-title">
              {stepTitle(locale, step)}
            </p>
            {step.summary && <p className="break-words text-sm text-slate-700">{stepSummary(locale, step)}</p>}
            {hasChildren && folded && (
              <p className="no-print text-xs text-slate-600">{t("folded", { count: allSteps(step.children).length })}</p>
            )}
          </div>
        </div>
        {details && (
          <div className="ml-5 sm:ml-6">
            <button
              type="button"
              tabIndex={-1}
              aria-expanded={detailsOpen}
              aria-controls={detailsId}
              onClick={() => toggleDetails(step.id)}
              className="no-print text-sm text-blue-700 underline-offset-2 hover:underline"
            >
              {detailsOpen ? "▾" : "▸"} {t("details")}
            </button>
            <StepDetails step={step} id={detailsId} open={detailsOpen} />
          </div>
        )}
        {/* A folded branch stays in the page, hidden, so paper shows every step. */}
        {hasChildren && (
          <ul role="group" className={`${folded ? "hidden print-details" : ""} ml-1.5 border-l border-slate-200 pl-1.5 sm:ml-5 sm:pl-3`}>
            {step.children.map((child, i) => renderStep(child, level + 1, i + 1, step.children.length))}
          </ul>
        )}
      </li>
    );
  };

  return (
    <section aria-labelledby="steps-heading">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 id="steps-heading" className="mr-auto text-lg font-semibold">
          {t("heading")}
        </h2>
        <button
          type="button"
          onClick={() => {
            setFolding(new Map(allSteps(steps).map((step) => [step.id, false])));
            setOpenDetails(new Set(allSteps(steps).filter(hasDetails).map((step) => step.id)));
          }}
          className="no-print rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-100"
        >
          {t("expandAll")}
        </button>
        <button
          type="button"
          onClick={() => {
            setFolding(new Map());
            setOpenDetails(new Set());
          }}
          className="no-print rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-100"
        >
          {t("collapseAll")}
        </button>
      </div>
      {steps.length === 0 ? (
        <p className="text-sm text-slate-600">{live ? t("starting") : t("none")}</p>
      ) : (
        <ul role="tree" aria-label={t("heading")} className="space-y-2" onKeyDown={onKeyDown}>
          {steps.map((step, i) => renderStep(step, 1, i + 1, steps.length))}
        </ul>
      )}
    </section>
  );
}
