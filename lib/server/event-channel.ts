// Hands events from the run (the producer, which must not wait for the browser) to one reader.
// When the reader goes away the channel drops further events, so a closed tab costs no memory
// while the run carries on and is stored.
export class EventChannel<T> {
  private readonly buffered: T[] = [];
  private waiting: ((next: IteratorResult<T, undefined>) => void) | null = null;
  private closed = false;
  private detached = false;

  push(value: T): void {
    if (this.closed || this.detached) return;
    if (this.waiting) {
      const wake = this.waiting;
      this.waiting = null;
      wake({ value, done: false });
    } else {
      this.buffered.push(value);
    }
  }

  close(): void {
    this.closed = true;
    if (this.waiting) {
      const wake = this.waiting;
      this.waiting = null;
      wake({ value: undefined, done: true });
    }
  }

  /** The reader left: drop what is buffered and everything after. */
  detach(): void {
    this.detached = true;
    this.buffered.length = 0;
    this.close();
  }

  /** The next buffered value without waiting, if there is one. */
  take(): T | undefined {
    return this.buffered.shift();
  }

  next(): Promise<IteratorResult<T, undefined>> {
    const value = this.buffered.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }
}
