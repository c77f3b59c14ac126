// The step runner: checks declare steps (which fixes their place in the tree), do their work in
// parallel, and end each step with an outcome. Every start and end becomes a `step` event; the run
// ends with `done` (the full document) or `error`. A whole-run timeout and the caller's AbortSignal
// stop the run promptly: running steps are closed as errors and nothing waits on the stopped work.
import { performance } from "node:perf_hooks";
import { uniqueFindings, type StoredFinding } from "../report/findings";
import { message, type Message } from "../report/i18n/message";
import { SCHEMA_VERSION, type Detail, type ResultDocument, type RunEvent, type RunFailure, type Step, type StepStatus, type TestKind } from "../report/schema";
import { worstStatus, type SettledStatus } from "../report/status";
import { verdictFromSteps } from "../report/verdict";
import { EventQueue } from "./queue";

export interface StepOutcome {
  status: Exclude<StepStatus, "running">;
  summary: Message;
  details?: Detail[];
  /** Build them with finding() (lib/report/findings), which checks the params against the code. */
  findings?: readonly StoredFinding[];
  /**
   * The step's own duration when the work measured it itself: the stages of one SMTP
   * conversation are declared together (to fix their order), so begin-to-end would give each of
   * them the whole conversation's time.
   */
  elapsedMs?: number;
}

interface StepNode {
  step: Step;
  parentId: string | null;
  index: number;
  started: number;
  ended: boolean;
}

export class StepScope {
  private childCount = 0;

  constructor(
    private readonly recorder: StepRecorder,
    private readonly node: StepNode,
  ) {}

  get id(): string {
    return this.node.step.id;
  }

  get signal(): AbortSignal {
    return this.recorder.signal;
  }

  /** Declares a child now, at the next position among its siblings, and marks it running. */
  begin(key: string, title: Message): StepScope {
    return this.recorder.begin(this.node, key, title, this.childCount++);
  }

  end(outcome: StepOutcome): void {
    this.recorder.end(this.node, outcome);
  }

  /** Statuses of the children declared so far (a container step is as bad as its worst child). */
  childStatuses(): StepStatus[] {
    return this.node.step.children.map((c) => c.status);
  }

  /**
   * A container step's outcome from its children: as bad as the worst of them, and explained by
   * the findings of the children at that status (the step-status rule: a warning or an error
   * names its finding, and a child is an error only as a cause of its parent's failure).
   */
  childVerdict(fallback: SettledStatus = "success"): { status: SettledStatus; findings: StoredFinding[] } {
    const status = worstStatus(this.childStatuses(), fallback);
    const causes = status === "warning" || status === "error" ? this.node.step.children.filter((c) => c.status === status) : [];
    return { status, findings: uniqueFindings(causes.flatMap((c) => c.findings ?? [])) };
  }

  get ended(): boolean {
    return this.node.ended;
  }

  /** begin + work + end; an exception in the work becomes an error step rather than a lost run. */
  async run<T>(key: string, title: Message, work: (scope: StepScope) => Promise<{ outcome: StepOutcome; value: T }>): Promise<T | undefined> {
    const child = this.begin(key, title);
    try {
      const { outcome, value } = await work(child);
      if (!child.ended) child.end(outcome);
      return value;
    } catch (error) {
      if (!child.ended) child.end({ status: "error", summary: message("step.internalError", { error: errorMessage(error) }) });
      return undefined;
    }
  }
}

/** Longest exception text a failure carries (a Message param holds 4000 characters). */
const MAX_ERROR_TEXT = 2000;

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Every field of Step that publish() copies: adding one to Step without copying it fails to compile. */
type StepFieldsCopied = "id" | "title" | "status" | "summary" | "elapsedMs" | "details" | "children" | "findings";
const everyStepFieldCopied: Exclude<keyof Step, StepFieldsCopied> extends never ? true : never = true;
void everyStepFieldCopied;

export class StepRecorder {
  readonly roots: Step[] = [];
  private readonly nodes = new Map<string, StepNode>();
  private rootCount = 0;

  constructor(
    private readonly emit: (event: RunEvent) => void,
    readonly signal: AbortSignal,
  ) {}

  top(key: string, title: Message): StepScope {
    return this.begin(null, key, title, this.rootCount++);
  }

  begin(parent: StepNode | null, key: string, title: Message, index: number): StepScope {
    const id = parent ? `${parent.step.id}/${key}` : key;
    if (this.nodes.has(id)) throw new Error(`duplicate step id ${id}`);
    const step: Step = { id, title, status: "running", summary: null, details: [], elapsedMs: 0, children: [] };
    const node: StepNode = { step, parentId: parent?.step.id ?? null, index, started: performance.now(), ended: false };
    this.nodes.set(id, node);
    const siblings = parent ? parent.step.children : this.roots;
    // Reading order is the declaration order, whatever order the work finishes in. Indexes are
    // handed out in declaration order, so a new step almost always goes last: no sort per step.
    const last = siblings[siblings.length - 1];
    if (last === undefined || this.indexOf(last) <= index) siblings.push(step);
    else {
      siblings.push(step);
      siblings.sort((a, b) => this.indexOf(a) - this.indexOf(b));
    }
    this.publish(node);
    return new StepScope(this, node);
  }

  private indexOf(step: Step): number {
    return this.nodes.get(step.id)?.index ?? 0;
  }

  end(node: StepNode, outcome: StepOutcome): void {
    if (node.ended) return;
    node.ended = true;
    const step = node.step;
    step.status = outcome.status;
    step.summary = outcome.summary;
    if (outcome.details) step.details.push(...outcome.details);
    if (outcome.findings && outcome.findings.length > 0) step.findings = outcome.findings.map((f) => ({ code: f.code, params: { ...f.params } }));
    step.elapsedMs = Math.round(outcome.elapsedMs ?? performance.now() - node.started);
    this.publish(node);
  }

  /**
   * Closes every step still running (the run was stopped); returns how many. `findings` explain
   * why: only a timeout is RUN_TIMED_OUT, a cancelled or failed run is not.
   */
  closeRunning(summary: Message, findings: readonly StoredFinding[] = []): number {
    let closed = 0;
    for (const node of this.nodes.values()) {
      if (node.ended) continue;
      this.end(node, { status: "error", summary, findings });
      closed++;
    }
    return closed;
  }

  private publish(node: StepNode): void {
    // The step as it is now, without its children, built field by field (a rest spread was most of
    // an event's cost); StepFieldsCopied makes a new Step field a compile error here.
    const s = node.step;
    const step: Step = { id: s.id, title: s.title, status: s.status, summary: s.summary, elapsedMs: s.elapsedMs, details: [...s.details], children: [] };
    if (s.findings) step.findings = s.findings.map((f) => ({ code: f.code, params: { ...f.params } }));
    this.emit({ type: "step", step, parentId: node.parentId, index: node.index });
  }
}

/** What a test computes besides its steps; the runner adds the steps, verdict and finish time. */
export type TestBody = Omit<ResultDocument, "steps" | "verdict" | "finishedAt" | "schemaVersion" | "id" | "test" | "input" | "startedAt"> & {
  /** When set, replaces the verdict read off the steps. */
  verdict?: ResultDocument["verdict"];
};

export interface RunMeta {
  id: string;
  test: TestKind;
  input: string;
}

export interface RunnerOptions {
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  now?: () => Date;
  /** Most events buffered before the consumer reads them. */
  maxQueuedEvents?: number;
}

/**
 * Work a test starts with the run and reads only later (the domain's policy records): marked as
 * observed now, so that a run stopped before it is read (a RunAbort, the timeout) leaves no
 * unhandled rejection. The caller still awaits the promise and sees its outcome.
 */
export function startedWithRun<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return work;
}

/**
 * Thrown by a test body for runs that cannot start (bad input, no resolver answered): an `error`
 * event whose failure is this one (a key of lib/report/i18n/en/run-errors.ts and its params).
 */
export class RunAbort extends Error {
  constructor(
    readonly failure: RunFailure,
    readonly kind: "input" | "resolver" | "internal" = "internal",
  ) {
    super(failure.key);
    this.name = "RunAbort";
  }
}

export function runSteps(meta: RunMeta, body: (recorder: StepRecorder) => Promise<TestBody>, options: RunnerOptions): AsyncGenerator<RunEvent> {
  const queue = new EventQueue<RunEvent>(options.maxQueuedEvents ?? 20_000);
  let stopWork = (): void => undefined;
  // The queue's reader, not an `async function*`: one promise an event instead of about four
  // (lib/checks/queue.ts). Like a generator's body, the run starts at the first next().
  return queue.reader({
    start: () => {
      stopWork = startRun(queue, meta, body, options);
    },
    tail: () => (queue.overflowed ? { type: "error", failure: message("run.overflowed") } : undefined),
    finish: () => stopWork(),
  });
}

/**
 * The abort reason of every run whose reader is done: nothing reads it, and an Error made per run
 * captured a stack trace each time (a visible share of a warm run's profile).
 */
const RUN_STOPPED: Error = Object.freeze(new Error("The run was stopped."));

/** Starts the body, the timeout and the caller's abort; returns what ends them once the reader is done. */
function startRun(queue: EventQueue<RunEvent>, meta: RunMeta, body: (recorder: StepRecorder) => Promise<TestBody>, options: RunnerOptions): () => void {
  const controller = new AbortController();
  const clock = options.now ?? (() => new Date());
  const startedAt = clock().toISOString();
  const recorder = new StepRecorder((event) => queue.push(event), controller.signal);

  queue.push({ type: "run", id: meta.id, test: meta.test, input: meta.input });

  let timer: NodeJS.Timeout | undefined;
  // The error event's failure is also the summary of the steps it closes.
  const stop = (failure: RunFailure, findings: readonly StoredFinding[] = []): void => {
    if (queue.isClosed) return;
    controller.abort(new Error(`run stopped: ${failure.key}`));
    recorder.closeRunning(failure, findings);
    queue.push({ type: "error", failure });
    queue.close();
  };
  const onAbort = (): void => stop(message("run.cancelled"));
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const seconds = Math.round(options.timeoutMs / 1000);
  // Not unref()ed: a run stuck on a promise that holds no handle would otherwise let a process
  // with nothing else to do (the CLI, an in-process script) exit mid-run instead of timing it out.
  // The reader's end clears it, so a finished run holds nothing.
  timer = setTimeout(() => stop(message("run.timedOut", { seconds }), [{ code: "RUN_TIMED_OUT", params: { seconds } }]), options.timeoutMs);

  const finished = (async () => {
    try {
      const result = await body(recorder);
      if (queue.isClosed) return;
      recorder.closeRunning(message("step.unfinished"));
      const { verdict, ...rest } = result;
      const document: ResultDocument = {
        schemaVersion: SCHEMA_VERSION,
        id: meta.id,
        test: meta.test,
        input: meta.input,
        startedAt,
        finishedAt: clock().toISOString(),
        ...rest,
        verdict: verdict ?? verdictFromSteps(recorder.roots),
        steps: recorder.roots,
      };
      queue.push({ type: "done", result: document });
    } catch (error) {
      if (!queue.isClosed) {
        recorder.closeRunning(message("run.stopped"));
        // A RunAbort says why the run could not start; anything else is a fault, shown as written
        // (cut to what a stored Message param holds, so the run reads back).
        queue.push({ type: "error", failure: error instanceof RunAbort ? error.failure : message("run.failed", { error: errorMessage(error).slice(0, MAX_ERROR_TEXT) }) });
      }
    } finally {
      queue.close();
    }
  })();

  return () => {
    clearTimeout(timer);
    timer = undefined;
    options.signal?.removeEventListener("abort", onAbort);
    // A consumer that stops reading early (or a timeout) must also stop the work.
    if (!controller.signal.aborted) controller.abort(RUN_STOPPED);
    void finished;
  };
}
