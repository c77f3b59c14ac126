import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RunEvent, type ResultDocument } from "../../lib/report/schema";
import { RunAbort, runSteps, type StepRecorder, type TestBody } from "../../lib/checks/runner";
import { message } from "../../lib/report/i18n/message";

/** A literal text as a message, for steps whose words do not matter here. */
const t = (text: string) => message("legacy.text", { text });

const meta = { id: "run-1", test: "dane" as const, input: "example.test" };

const emptyBody: TestBody = {
  domain: "example.test",
  dnssec: "secure",
  exchangeOnline: { outcome: "deliver", code: null, reason: "" },
  mx: [],
};

async function collect(gen: AsyncGenerator<RunEvent>): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for await (const event of gen) events.push(RunEvent.parse(event));
  return events;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

// A process whose only work is one run stuck on a promise that holds no handle (nothing will ever
// settle it): the run's timeout is then all that keeps the process alive, so it must hold it.
const LONE_STUCK_RUN = `
const { runSteps } = await import(${JSON.stringify(`${ROOT}/lib/checks/runner.ts`)});
const { message } = await import(${JSON.stringify(`${ROOT}/lib/report/i18n/message.ts`)});
const run = runSteps({ id: "lone", test: "dane", input: "example.test" }, async (rec) => {
  rec.top("stuck", message("legacy.text", { text: "waiting" }));
  return new Promise(() => undefined);
}, { timeoutMs: 300 });
for await (const event of run) console.log(JSON.stringify(event));
console.log(JSON.stringify({ type: "reader-ended" }));
`;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(t);
      reject(new Error("aborted"));
    });
  });

describe("step runner", () => {
  it("emits run, start and end of every step, then done with the tree in declaration order", async () => {
    const body = async (rec: StepRecorder): Promise<TestBody> => {
      const top = rec.top("mx", t("Attempting to retrieve MX records"));
      const slow = top.begin("a", t("first"));
      const fast = top.begin("b", t("second"));
      await Promise.all([
        sleep(30).then(() => slow.end({ status: "success", summary: t("first done"), details: ["x"] })),
        sleep(1).then(() => fast.end({ status: "warning", summary: t("second done") })),
      ]);
      top.end({ status: "success", summary: t("ok") });
      return emptyBody;
    };
    const events = await collect(runSteps(meta, body, { timeoutMs: 5000 }));
    expect(events[0]).toEqual({ type: "run", id: "run-1", test: "dane", input: "example.test" });
    const steps = events.filter((e) => e.type === "step");
    expect(steps.map((e) => `${e.step.id}:${e.step.status}:${e.index}`)).toEqual([
      "mx:running:0",
      "mx/a:running:0",
      "mx/b:running:1",
      "mx/b:warning:1",
      "mx/a:success:0",
      "mx:success:0",
    ]);
    expect(steps.every((e) => e.step.children.length === 0)).toBe(true);
    expect(steps[1]).toMatchObject({ parentId: "mx" });
    const done = events.at(-1);
    expect(done?.type).toBe("done");
    const result = (done as { result: ResultDocument }).result;
    expect(result.steps[0]?.children.map((c) => c.id)).toEqual(["mx/a", "mx/b"]);
    expect(result.steps[0]?.children[0]?.elapsedMs).toBeGreaterThanOrEqual(25);
    expect(result.verdict).toBe("warning");
  });

  it("stops a run that outlives its timeout with an error, closing running steps", async () => {
    let sawAbort = false;
    const body = async (rec: StepRecorder): Promise<TestBody> => {
      const s = rec.top("smtp", t("Attempting to connect"));
      try {
        await sleep(10_000, rec.signal);
      } catch {
        sawAbort = true;
      }
      s.end({ status: "success", summary: t("never seen") });
      return emptyBody;
    };
    const started = Date.now();
    const events = await collect(runSteps(meta, body, { timeoutMs: 100 }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(events.at(-1)).toMatchObject({ type: "error", failure: { key: "run.timedOut" } });
    expect(events.at(-2)).toMatchObject({ type: "step", step: { id: "smtp", status: "error" } });
    expect(sawAbort).toBe(true);
  });

  it("times a run out even when nothing but its timeout keeps the process alive", async () => {
    const { stdout, code } = await new Promise<{ stdout: string; code: number | null }>((resolve, reject) => {
      execFile(process.execPath, ["--import", "tsx", "--input-type=module", "-e", LONE_STUCK_RUN], { cwd: ROOT, timeout: 60_000 }, (error, out) => {
        if (error && error.killed) reject(error);
        else resolve({ stdout: out, code: error ? (typeof error.code === "number" ? error.code : null) : 0 });
      });
    });
    const events = stdout.trim().split("\n").map((line) => JSON.parse(line) as { type: string });
    expect(code).toBe(0);
    // Without the timeout holding the process, it exits after the step's start, with no end.
    expect(events.slice(-3)).toMatchObject([
      { type: "step", step: { id: "stuck", status: "error", findings: [{ code: "RUN_TIMED_OUT" }] } },
      { type: "error", failure: { key: "run.timedOut" } },
      { type: "reader-ended" },
    ]);
  });

  it("honours the caller's AbortSignal", async () => {
    const controller = new AbortController();
    const body = async (rec: StepRecorder): Promise<TestBody> => {
      rec.top("wait", t("waiting"));
      await sleep(10_000, rec.signal).catch(() => undefined);
      return emptyBody;
    };
    setTimeout(() => controller.abort(), 50);
    const events = await collect(runSteps(meta, body, { timeoutMs: 10_000, signal: controller.signal }));
    expect(events.at(-1)).toEqual({ type: "error", failure: message("run.cancelled") });
    // The waiting step is closed, and not explained as a timeout: nobody ran out of time.
    const closed = events.at(-2);
    expect(closed).toMatchObject({ type: "step", step: { id: "wait", status: "error", summary: message("run.cancelled") } });
    expect(closed?.type === "step" ? (closed.step.findings ?? []) : ["missing"]).toEqual([]);
  });

  it("explains steps closed by the timeout with RUN_TIMED_OUT, and steps a finished body left open without it", async () => {
    const timedOut = await collect(runSteps(meta, async (rec) => {
      rec.top("slow", t("slow"));
      await sleep(10_000, rec.signal).catch(() => undefined);
      return emptyBody;
    }, { timeoutMs: 50 }));
    expect(timedOut.at(-2)).toMatchObject({ type: "step", step: { id: "slow", status: "error", findings: [{ code: "RUN_TIMED_OUT" }] } });

    const finished = await collect(runSteps(meta, async (rec) => {
      rec.top("forgotten", t("never ended"));
      return emptyBody;
    }, { timeoutMs: 5_000 }));
    const done = finished.at(-1) as { type: "done"; result: ResultDocument };
    expect(done.result.steps[0]).toMatchObject({ status: "error", summary: message("step.unfinished") });
    expect(done.result.steps[0]?.findings).toBeUndefined();
    expect(done.result.verdict).toBe("fail");
  });

  it("turns a failing body into an error event: a RunAbort's failure as it is, any other error as run.failed with its text", async () => {
    const events = await collect(runSteps(meta, async () => Promise.reject(new Error("boom")), { timeoutMs: 1000 }));
    expect(events.map((e) => e.type)).toEqual(["run", "error"]);
    expect(events[1]).toEqual({ type: "error", failure: message("run.failed", { error: "boom" }) });
    const aborted = await collect(runSteps(meta, async () => Promise.reject(new RunAbort(message("run.unknownType", { type: "BOGUS" }), "input")), { timeoutMs: 1000 }));
    expect(aborted[1]).toEqual({ type: "error", failure: message("run.unknownType", { type: "BOGUS" }) });
  });

  it("stops a run that floods the queue", async () => {
    const body = async (rec: StepRecorder): Promise<TestBody> => {
      for (let i = 0; i < 100; i++) rec.top(`s${i}`, t("x")).end({ status: "info", summary: t("") });
      return emptyBody;
    };
    const events = await collect(runSteps(meta, body, { timeoutMs: 1000, maxQueuedEvents: 20 }));
    expect(events.length).toBeLessThanOrEqual(21);
    expect(events.at(-1)).toEqual({ type: "error", failure: message("run.overflowed") });
  });

  it("records an exception inside a step as an error step", async () => {
    const body = async (rec: StepRecorder): Promise<TestBody> => {
      const top = rec.top("t", t("top"));
      await top.run("inner", t("inner"), async () => {
        throw new Error("boom");
      });
      top.end({ status: "success", summary: t("") });
      return emptyBody;
    };
    const events = await collect(runSteps(meta, body, { timeoutMs: 1000 }));
    const done = events.at(-1) as { type: "done"; result: ResultDocument };
    expect(done.result.steps[0]?.children[0]).toMatchObject({ status: "error", summary: message("step.internalError", { error: "boom" }) });
    expect(done.result.verdict).toBe("fail");
  });
});
