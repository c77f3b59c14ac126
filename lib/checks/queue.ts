// A bounded single-consumer queue: producers (steps finishing in any order) push, the run's reader
// pulls. Bounded so a runaway producer ends the run instead of growing memory.
//
// The reader is a hand-written AsyncGenerator rather than an `async function*` over the queue: a
// generator costs about four promises an event (its own next(), the await inside each yield, and
// the same again for a generator it delegates to); the reader settles each next() with one, from
// the items already queued or at the push that wakes it.
export interface ReaderHooks<T> {
  /** Run at the reader's first next(), as an async generator's body starts only then. */
  start: () => void;
  /** One last item after the queue closed and emptied (or undefined for none). */
  tail: () => T | undefined;
  /** Run once when the reader ends: drained, return()ed or throw()n by its consumer. Never throws. */
  finish: () => void;
}

export class EventQueue<T> {
  private readonly items: T[] = [];
  private head = 0;
  private waiter: (() => void) | null = null;
  private closed = false;
  overflowed = false;

  constructor(private readonly capacity: number) {}

  /** False (and the queue marked overflowed) when the item did not fit or the queue is closed. */
  push(item: T): boolean {
    if (this.closed) return false;
    if (this.items.length - this.head >= this.capacity) {
      this.overflowed = true;
      this.close();
      return false;
    }
    this.items.push(item);
    this.wake();
    return true;
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }

  /** The oldest item, or undefined when none is queued. */
  private take(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined as T;
    // Compact now and then, so a long run neither shifts the array each time nor keeps its past.
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    return item;
  }

  /**
   * The items in order, then `hooks.tail()`, as an AsyncGenerator with an async generator's
   * contract: nothing starts before the first next(); calls are answered in the order they were
   * made (one waiting for an item holds back those after it); return() and throw() end it,
   * running `finish`; an ended reader stays done.
   */
  reader(hooks: ReaderHooks<T>): AsyncGenerator<T, void, undefined> {
    type Result = IteratorResult<T, void>;
    interface Call {
      kind: "next" | "return" | "throw";
      error?: unknown;
      resolve: (result: Result) => void;
      reject: (error: unknown) => void;
    }
    const calls: Call[] = [];
    let state: "new" | "open" | "done" = "new";
    let waiting = false;
    const DONE: Result = { value: undefined, done: true };
    const end = (): void => {
      const wasOpen = state === "open";
      state = "done";
      if (wasOpen) hooks.finish();
    };
    /** The next result, or null while the queue is open and empty. */
    const step = (): Result | null => {
      if (state === "new") {
        state = "open";
        hooks.start();
      }
      if (state === "done") return DONE;
      const item = this.take();
      if (item !== undefined) return { value: item, done: false };
      if (!this.closed) return null;
      const last = hooks.tail();
      end();
      return last === undefined ? DONE : { value: last, done: false };
    };
    /** Answers the calls in order until one has to wait for an item. */
    const flush = (): void => {
      waiting = false;
      for (;;) {
        const call = calls[0];
        if (call === undefined) return;
        try {
          if (call.kind === "next") {
            const result = step();
            if (result === null) {
              waiting = true;
              this.waiter = flush;
              return;
            }
            call.resolve(result);
          } else {
            end();
            if (call.kind === "throw") call.reject(call.error);
            else call.resolve(DONE);
          }
        } catch (error) {
          end();
          call.reject(error);
        }
        calls.shift();
      }
    };
    const request = (kind: Call["kind"], error?: unknown): Promise<Result> =>
      new Promise<Result>((resolve, reject) => {
        calls.push({ kind, error, resolve, reject });
        if (!waiting) flush();
      });
    const reader: AsyncGenerator<T, void, undefined> = {
      next: () => request("next"),
      return: () => request("return"),
      throw: (error: unknown) => request("throw", error),
      [Symbol.asyncIterator]() {
        return reader;
      },
    };
    return reader;
  }
}
