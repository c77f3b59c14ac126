"use client";
// The step tree, the product: WAI-ARIA tree pattern (roving tabindex; arrows, Home/End; Enter or
// Space opens a step's details). Sub-steps are shown, details are collapsed until asked for.
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { Step } from "@/lib/report/schema";
import { StatusIcon, type DisplayStatus } from "./StatusIcon";
import { StepDetails } from "./StepDetails";
import { formatElapsed } from "./run-model";

interface VisibleItem {
  step: Step;
  parentId: string | null;
}

function visibleItems(steps: readonly Step[], collapsed: ReadonlySet<string>, parentId: string | null = null): VisibleItem[] {
  return steps.flatMap((step) => [
    { step, parentId },
    ...(collapsed.has(step.id) ? [] : visibleItems(step.children, collapsed, step.id)),
  ]);
}

function allIds(steps: readonly Step[]): string[] {
  return steps.flatMap((step) => [step.id, ...allIds(step.children)]);
}

/** DOM ids from step ids, which may hold any character. */
function domId(prefix: string, stepId: string): string {
  return `${prefix}-${Array.from(stepId, (c) => (/[A-Za-z0-9_-]/.test(c) ? c : `_${c.codePointAt(0)}`)).join("")}`;
}

export function StepTree({ steps, live }: { steps: Step[]; live: boolean }) {
  const [openDetails, setOpenDetails] = useState<ReadonlySet<string>>(new Set());
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const itemRefs = useRef(new Map<string, HTMLLIElement>());

  const items = useMemo(() => visibleItems(steps, collapsed), [steps, collapsed]);
  const tabStop = items.some((item) => item.step.id === focusedId) ? focusedId : (items[0]?.step.id ?? null);

  const toggle = (set: ReadonlySet<string>, id: string): Set<string> => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  };

  const focusItem = useCallback((id: string | undefined) => {
    if (id === undefined) return;
    setFocusedId(id);
    itemRefs.current.get(id)?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const target = event.target as HTMLElement;
    if (target.getAttribute("role") !== "treeitem") return;
    const id = target.dataset.stepId;
    const index = items.findIndex((item) => item.step.id === id);
    const item = items[index];
    if (!item || id === undefined) return;
    const hasChildren = item.step.children.length > 0;
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
          if (hasChildren && collapsed.has(id)) setCollapsed(toggle(collapsed, id));
          else if (hasChildren) focusItem(item.step.children[0]?.id);
          return true;
        case "ArrowLeft":
          if (hasChildren && !collapsed.has(id)) setCollapsed(toggle(collapsed, id));
          else if (item.parentId !== null) focusItem(item.parentId);
          return true;
        case "Enter":
        case " ":
          setOpenDetails(toggle(openDetails, id));
          return true;
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  };

  const renderStep = (step: Step, level: number, position: number, setSize: number) => {
    const hasChildren = step.children.length > 0;
    const isCollapsed = collapsed.has(step.id);
    const detailsOpen = openDetails.has(step.id);
    const status: DisplayStatus = step.status === "running" && !live ? "unfinished" : step.status;
    const labelId = domId("step-label", step.id);
    const detailsId = domId("step-details", step.id);
    return (
      <li
        key={step.id}
        ref={(element) => {
          if (element) itemRefs.current.set(step.id, element);
          else itemRefs.current.delete(step.id);
        }}
        role="treeitem"
        aria-level={level}
        aria-posinset={position}
        aria-setsize={setSize}
        aria-selected={step.id === tabStop}
        aria-expanded={hasChildren ? !isCollapsed : undefined}
        aria-labelledby={labelId}
        aria-describedby={detailsOpen ? detailsId : undefined}
        tabIndex={step.id === tabStop ? 0 : -1}
        data-step-id={step.id}
        data-status={status}
        onFocus={(event) => {
          if (event.target === event.currentTarget) setFocusedId(step.id);
        }}
        className="rounded focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
      >
        {/* Phones: status and time on one line, the title full width below; wider: one line. */}
        <div className="flex flex-wrap items-start gap-x-2 gap-y-0.5 py-1 sm:flex-nowrap">
          {hasChildren ? (
            <button
              type="button"
              tabIndex={-1}
              aria-label={isCollapsed ? "Show sub-steps" : "Hide sub-steps"}
              onClick={() => setCollapsed(toggle(collapsed, step.id))}
              className="no-print mt-0.5 w-4 shrink-0 text-slate-500"
            >
              {isCollapsed ? "▸" : "▾"}
            </button>
          ) : (
            <span className="w-4 shrink-0" aria-hidden="true" />
          )}
          <StatusIcon status={status} />
          {step.status !== "running" && (
            <span className="ml-auto shrink-0 text-xs tabular-nums text-slate-500 sm:order-last">{formatElapsed(step.elapsedMs)}</span>
          )}
          <div id={labelId} className="min-w-0 basis-full pl-6 sm:flex-1 sm:basis-auto sm:pl-0">
            <p className="break-words font-medium">{step.title}</p>
            {step.summary && <p className="break-words text-sm text-slate-700">{step.summary}</p>}
          </div>
        </div>
        <div className="ml-5 sm:ml-6">
          <button
            type="button"
            tabIndex={-1}
            aria-expanded={detailsOpen}
            aria-controls={detailsId}
            onClick={() => setOpenDetails(toggle(openDetails, step.id))}
            className="no-print text-sm text-blue-700 underline-offset-2 hover:underline"
          >
            {detailsOpen ? "▾" : "▸"} Additional details
          </button>
          <StepDetails step={step} id={detailsId} open={detailsOpen} />
        </div>
        {hasChildren && !isCollapsed && (
          <ul role="group" className="ml-1.5 border-l border-slate-200 pl-1.5 sm:ml-5 sm:pl-3">
            {step.children.map((child, i) => renderStep(child, level + 1, i + 1, step.children.length))}
          </ul>
        )}
      </li>
    );
  };

  return (
    <section aria-label="Test steps">
      <div className="no-print mb-2 flex gap-2">
        <button
          type="button"
          onClick={() => {
            setCollapsed(new Set());
            setOpenDetails(new Set(allIds(steps)));
          }}
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-100"
        >
          Expand all
        </button>
        <button
          type="button"
          onClick={() => setOpenDetails(new Set())}
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-100"
        >
          Collapse all
        </button>
      </div>
      {steps.length === 0 ? (
        <p className="text-sm text-slate-600">{live ? "Starting…" : "No steps were recorded."}</p>
      ) : (
        <ul role="tree" aria-label="Test steps" className="space-y-1" onKeyDown={onKeyDown}>
          {steps.map((step, i) => renderStep(step, 1, i + 1, steps.length))}
        </ul>
      )}
    </section>
  );
}
