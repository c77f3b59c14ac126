// Hands events from the run (the producer, which must not wait for the browser) to one reader.
// When the reader goes away the channel drops further events, so a closed tab costs no memory
// while the run carries on and is stored. The reader is woken by a callback, not a promise per
// event: the run door (run-door.ts) takes everything buffered at once and writes it together.
export class EventChannel<T> {
  private buffered: T[] = [];
  private wake: (() => void) | null = null;
  private closed = false;
  private detached = false;

  push(value: T): void {
    if (this.closed || this.detached) return;
    this.buffered.push(value);
    this.ring();
  }

  close(): void {
    this.closed = true;
    this.ring();
  }

  /** The reader left: drop what is buffered and everything after. */
  detach(): void {
    this.detached = true;
    this.buffered.length = 0;
    this.close();
  }

  /** Whether nothing more will come: closed, and everything buffered taken. */
  get ended(): boolean {
    return this.closed && this.buffered.length === 0;
  }

  /** Everything buffered now, in order (the channel keeps nothing of it). */
  takeAll(): T[] {
    const all = this.buffered;
    this.buffered = [];
    return all;
  }

  /** Calls `wake` once, at the next push or at the close (at once if either already happened). */
  whenReady(wake: () => void): void {
    if (this.buffered.length > 0 || this.closed) wake();
    else this.wake = wake;
  }

  private ring(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
