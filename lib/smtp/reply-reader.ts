// The SMTP reply parser (RFC 5321 §4.2): bytes in, replies out, no sockets. Strict about the
// grammar (three-digit code, "-" continuation, one code per reply) and bounded in line length and
// line count, so a hostile server cannot make it hold more than one line's worth of pending text.
import { visibleText } from "../report/text";
import type { SmtpProblem, SmtpReply } from "./types";

export type ReplyReadError = "line-too-long" | "too-many-lines" | "protocol-error";

export type ReadOutcome =
  | { kind: "reply"; reply: SmtpReply }
  | { kind: "incomplete" }
  | { kind: "error"; error: ReplyReadError; problem: SmtpProblem; partial: SmtpReply | null };

export interface ReplyReaderLimits {
  maxLineBytes: number;
  maxReplyLines: number;
}

const LF = 0x0a;
const LINE = /^([2-5][0-9]{2})(?:([ -])(.*))?$/s;
const decoder = new TextDecoder("utf-8", { fatal: false });

export class ReplyReader {
  // Pending bytes live in buf[start, end): feeding appends (growing by doubling, or moving the
  // live bytes to the front once half the buffer is consumed), reading advances start. Every byte
  // is copied a bounded number of times, so a megabyte in 1-byte chunks costs linear time; a new
  // buffer per chunk (Buffer.concat) made it quadratic (issue 15: 16 s of CPU for 1 MiB in 7-byte chunks).
  private buf: Buffer = Buffer.alloc(0);
  private start = 0;
  private end = 0;
  /** Bytes after `start` already searched for a line end, so a long line is not rescanned per chunk. */
  private scanned = 0;
  private copied = 0;
  private current: SmtpReply | null = null;
  private failed: Extract<ReadOutcome, { kind: "error" }> | null = null;

  constructor(private readonly limits: ReplyReaderLimits) {}

  feed(chunk: Uint8Array): void {
    if (this.failed !== null || chunk.length === 0) return;
    if (this.end + chunk.length > this.buf.length) {
      const live = this.end - this.start;
      const need = live + chunk.length;
      const target = need <= this.buf.length / 2 ? this.buf : Buffer.allocUnsafe(Math.max(256, need * 2));
      this.buf.copy(target, 0, this.start, this.end);
      this.copied += live;
      this.buf = target;
      this.start = 0;
      this.end = live;
    }
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
    this.copied += chunk.length;
  }

  /** Bytes received but not yet returned as part of a reply (STARTTLS injection shows up here). */
  get buffered(): number {
    return this.end - this.start + (this.current === null ? 0 : 1);
  }

  /** Bytes copied into the pending buffer so far: at most a small multiple of the bytes fed (tests pin it). */
  get copiedBytes(): number {
    return this.copied;
  }

  /** The next complete reply, or "incomplete", or the first error (which is final). */
  next(): ReadOutcome {
    if (this.failed !== null) return this.failed;
    for (;;) {
      const pending = this.buf.subarray(this.start, this.end);
      const lf = pending.indexOf(LF, this.scanned);
      if (lf < 0) {
        this.scanned = pending.length;
        if (pending.length > this.limits.maxLineBytes) {
          return this.fail("line-too-long", { reason: "line-too-long", limit: this.limits.maxLineBytes });
        }
        return { kind: "incomplete" };
      }
      const end = lf > 0 && pending[lf - 1] === 0x0d ? lf - 1 : lf;
      if (end > this.limits.maxLineBytes) {
        return this.fail("line-too-long", { reason: "line-too-long", limit: this.limits.maxLineBytes, bytes: end });
      }
      const text = decoder.decode(pending.subarray(0, end));
      this.start += lf + 1;
      this.scanned = 0;
      const outcome = this.line(text);
      if (outcome !== null) return outcome;
    }
  }

  private line(text: string): ReadOutcome | null {
    const m = LINE.exec(text);
    if (m === null) {
      return this.fail("protocol-error", { reason: "not-a-reply", text: visibleText(text.slice(0, 80)) });
    }
    const code = Number(m[1]);
    const last = m[2] !== "-";
    // Replies are shown to people (UI, JSON, terminal): controls and bidi characters become escapes.
    const body = visibleText(m[3] ?? "");
    if (this.current === null) {
      this.current = { code, lines: [body] };
    } else {
      if (code !== this.current.code) {
        return this.fail("protocol-error", { reason: "code-changed", code: `${this.current.code}->${code}` });
      }
      this.current.lines.push(body);
    }
    if (this.current.lines.length > this.limits.maxReplyLines) {
      return this.fail("too-many-lines", { reason: "too-many-lines", limit: this.limits.maxReplyLines });
    }
    if (!last) return null;
    const reply = this.current;
    this.current = null;
    return { kind: "reply", reply };
  }

  private fail(error: ReplyReadError, problem: SmtpProblem): ReadOutcome {
    this.failed = { kind: "error", error, problem, partial: this.current };
    this.buf = Buffer.alloc(0);
    this.start = 0;
    this.end = 0;
    return this.failed;
  }
}

/** The extension lines of an EHLO reply: every line after the greeting, as sent. */
export function ehloExtensions(reply: SmtpReply): string[] {
  return reply.lines.slice(1).map((l) => l.trim()).filter((l) => l.length > 0);
}

export function hasExtension(extensions: string[], keyword: string): boolean {
  const k = keyword.toUpperCase();
  return extensions.some((e) => (e.split(" ", 1)[0] ?? "").toUpperCase() === k);
}

/** A reply as it was on the wire, for transcripts and messages. */
export function formatReply(reply: SmtpReply): string[] {
  return reply.lines.map((l, i) => `${reply.code}${i === reply.lines.length - 1 ? " " : "-"}${l}`);
}
