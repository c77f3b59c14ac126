// A bounded single-consumer queue: producers (steps finishing in any order) push, the run's async
// generator pulls. Bounded so a runaway producer ends the run instead of growing memory.
export class EventQueue<T> {
  private readonly items: T[] = [];
  private waiter: (() => void) | null = null;
  private closed = false;
  overflowed = false;

  constructor(private readonly capacity: number) {}

  /** False (and the queue marked overflowed) when the item did not fit or the queue is closed. */
  push(item: T): boolean {
    if (this.closed) return false;
    if (this.items.length >= this.capacity) {
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

  async *drain(): AsyncGenerator<T> {
    for (;;) {
      const item = this.items.shift();
      if (item !== undefined) {
        yield item;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
    }
  }
}
