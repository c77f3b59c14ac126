// What every wait of one probe shares: the clock, the transcript, and the one-shot stop signal
// (total time, the caller's abort) that cuts any wait short.
import type { SmtpErrorKind, SmtpProblem, SmtpThrottle, TranscriptEntry, TranscriptNote } from "./types";

/** The reason a probe ends early. Thrown inside the probe only; probeSmtp turns it into a value. */
export class ProbeStop {
  constructor(
    readonly kind: SmtpErrorKind,
    readonly problem: SmtpProblem,
  ) {}
}

/** The server throttled the probe: carries what it said for the result (SmtpProbeResult.throttled). */
export class Throttled extends ProbeStop {
  constructor(readonly throttle: SmtpThrottle) {
    super("throttled", { reason: throttle.how === undefined ? "throttled" : `throttled-${throttle.how}`, stage: throttle.stage, text: throttle.reply });
  }
}

/** Cap on transcript entries: each is bounded by the line limit, this bounds their number. */
const MAX_TRANSCRIPT_ENTRIES = 400;

export class ProbeContext {
  readonly transcript: TranscriptEntry[] = [];
  private readonly started = performance.now();
  private stopReason: ProbeStop | null = null;
  private readonly onStop = new Set<(stop: ProbeStop) => void>();

  elapsed(): number {
    return Math.round(performance.now() - this.started);
  }

  /** A line mailsec sent (C) or received (S), as it was. */
  log(dir: "C" | "S", text: string): void {
    this.push({ dir, text, atMs: this.elapsed() });
  }

  /** What happened on the wire, as data. */
  note(note: TranscriptNote): void {
    this.push({ dir: "info", text: "", note, atMs: this.elapsed() });
  }

  private push(entry: TranscriptEntry): void {
    if (this.transcript.length < MAX_TRANSCRIPT_ENTRIES) {
      this.transcript.push(entry);
    } else if (this.transcript.length === MAX_TRANSCRIPT_ENTRIES) {
      this.transcript.push({ dir: "info", text: "", note: { event: "cut" }, atMs: this.elapsed() });
    }
  }

  get stopped(): ProbeStop | null {
    return this.stopReason;
  }

  /** Ends the probe: the first reason wins, every pending wait rejects with it. */
  stop(reason: ProbeStop): void {
    if (this.stopReason !== null) return;
    this.stopReason = reason;
    this.note({ event: "stopped", problem: reason.problem });
    for (const fn of [...this.onStop]) fn(reason);
  }

  /**
   * Waits for `setup` to settle, at most `timeoutMs`; rejects with `onTimeout()` when time runs
   * out and with the stop reason if the probe is stopped meanwhile. `setup` returns its cleanup.
   */
  wait<T>(
    timeoutMs: number,
    onTimeout: () => ProbeStop,
    setup: (resolve: (value: T) => void, reject: (stop: ProbeStop) => void) => () => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.stopReason !== null) {
        reject(this.stopReason);
        return;
      }
      let settled = false;
      let cleanup: () => void = () => undefined;
      const finish = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        this.onStop.delete(stopped);
        cleanup();
        return true;
      };
      const stopped = (stop: ProbeStop) => {
        if (finish()) reject(stop);
      };
      // On a busy event loop the timer can fire before the poll phase delivers bytes that have
      // already arrived; deciding in the check phase (setImmediate) lets them count first.
      const timer = setTimeout(() => {
        setImmediate(() => {
          if (finish()) reject(onTimeout());
        });
      }, timeoutMs);
      this.onStop.add(stopped);
      cleanup = setup(
        (value) => {
          if (finish()) resolve(value);
        },
        (stop) => {
          if (finish()) reject(stop);
        },
      );
      // setup may have settled synchronously, before cleanup was assigned.
      if (settled) cleanup();
    });
  }
}
