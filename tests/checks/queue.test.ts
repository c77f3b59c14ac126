import { describe, expect, it } from "vitest";
import { EventQueue } from "../../lib/checks/queue";
import { runSteps, type StepRecorder, type TestBody } from "../../lib/checks/runner";
import { message } from "../../lib/report/i18n/message";

// The run's reader keeps an async generator's contract (lib/checks/queue.ts): these pin the parts
// a hand-written one could get wrong.

function hooks() {
  const log: string[] = [];
  return {
    log,
    hooks: {
      start: () => void log.push("start"),
      tail: () => {
        log.push("tail");
        return undefined;
      },
      finish: () => void log.push("finish"),
    },
  };
}

describe("the event queue's reader", () => {
  it("starts at the first next(), yields the items in order, then the tail, then stays done", async () => {
    const queue = new EventQueue<number>(10);
    const log: string[] = [];
    const reader = queue.reader({
      start: () => {
        log.push("start");
        queue.push(1);
        queue.push(2);
        queue.close();
      },
      tail: () => 3,
      finish: () => void log.push("finish"),
    });
    expect(log).toEqual([]);
    const seen: number[] = [];
    for await (const n of reader) seen.push(n);
    expect(seen).toEqual([1, 2, 3]);
    expect(log).toEqual(["start", "finish"]);
    expect(await reader.next()).toEqual({ value: undefined, done: true });
    expect(log).toEqual(["start", "finish"]);
  });

  it("answers calls made while it waits in the order they were made, a return() after them", async () => {
    const queue = new EventQueue<string>(10);
    const { log, hooks: h } = hooks();
    const reader = queue.reader(h);
    const first = reader.next();
    const second = reader.next();
    const ended = reader.return();
    const settled: string[] = [];
    void first.then(() => settled.push("first"));
    void second.then(() => settled.push("second"));
    void ended.then(() => settled.push("return"));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toEqual([]);
    queue.push("a");
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toEqual(["first"]);
    queue.push("b");
    expect(await first).toEqual({ value: "a", done: false });
    expect(await second).toEqual({ value: "b", done: false });
    expect(await ended).toEqual({ value: undefined, done: true });
    expect(settled).toEqual(["first", "second", "return"]);
    // Returned before the queue closed: no tail, the work finished once.
    expect(log).toEqual(["start", "finish"]);
    expect(await reader.next()).toEqual({ value: undefined, done: true });
  });

  it("runs nothing when returned or thrown into before its first next()", async () => {
    const returned = hooks();
    expect(await new EventQueue<number>(1).reader(returned.hooks).return()).toEqual({ value: undefined, done: true });
    expect(returned.log).toEqual([]);
    const thrown = hooks();
    const reader = new EventQueue<number>(1).reader(thrown.hooks);
    await expect(reader.throw(new Error("stop"))).rejects.toThrow("stop");
    expect(thrown.log).toEqual([]);
    expect(await reader.next()).toEqual({ value: undefined, done: true });
  });

  it("ends on throw() after it started, finishing the work", async () => {
    const queue = new EventQueue<number>(4);
    const { log, hooks: h } = hooks();
    const reader = queue.reader(h);
    queue.push(1);
    queue.push(2);
    expect(await reader.next()).toEqual({ value: 1, done: false });
    await expect(reader.throw(new Error("consumer failed"))).rejects.toThrow("consumer failed");
    expect(log).toEqual(["start", "finish"]);
    expect(await reader.next()).toEqual({ value: undefined, done: true });
  });
});

const emptyBody: TestBody = { domain: "example.test", dnssec: "secure", exchangeOnline: { outcome: "deliver", code: null, reason: "" }, mx: [] };
const meta = { id: "run-q", test: "dane" as const, input: "example.test" };

describe("a run's events through the reader", () => {
  it("does not start the body before the first next()", async () => {
    let started = false;
    const run = runSteps(
      meta,
      async () => {
        started = true;
        return emptyBody;
      },
      { timeoutMs: 1000 },
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toBe(false);
    expect((await run.next()).value).toMatchObject({ type: "run", id: "run-q" });
    expect(started).toBe(true);
    await run.return(undefined);
  });

  it("stops the work when the consumer stops reading", async () => {
    let signal: AbortSignal | undefined;
    const body = async (rec: StepRecorder): Promise<TestBody> => {
      signal = rec.signal;
      rec.top("wait", message("legacy.text", { text: "waiting" }));
      await new Promise<void>((resolve) => rec.signal.addEventListener("abort", () => resolve(), { once: true }));
      return emptyBody;
    };
    for await (const event of runSteps(meta, body, { timeoutMs: 10_000 })) if (event.type === "step") break;
    expect(signal?.aborted).toBe(true);
  });
});
