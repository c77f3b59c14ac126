// One SMTP connection's socket side: connect, send a command, read a reply with a deadline, hand
// the TCP socket to TLS and carry on over the TLS socket. Every byte from the peer is counted
// against the connection's budget before the pure reply reader sees it.
import net from "node:net";
import type tls from "node:tls";
import { ProbeStop, Throttled, type ProbeContext } from "./probe-context";
import { ReplyReader, formatReply } from "./reply-reader";
import type { SmtpLimits, SmtpReply, SmtpStage, SmtpTimeouts } from "./types";

const ignore = (): void => undefined;

export class SmtpWire {
  private socket: net.Socket | tls.TLSSocket;
  private readonly sockets: net.Socket[] = [];
  private readonly reader: ReplyReader;
  private bytesIn = 0;
  private overBudget = false;
  private closed = false;
  private lastError: NodeJS.ErrnoException | null = null;
  private notify: (() => void) | null = null;
  private readonly onData = (chunk: Buffer) => this.data(chunk);
  private readonly onClose = () => {
    this.closed = true;
    this.notify?.();
  };
  private readonly onError = (err: NodeJS.ErrnoException) => {
    this.lastError = err;
  };

  private constructor(
    socket: net.Socket,
    private readonly probe: ProbeContext,
    private readonly timeouts: SmtpTimeouts,
    private readonly limits: SmtpLimits,
  ) {
    this.socket = socket;
    this.reader = new ReplyReader(limits);
    this.sockets.push(socket);
    this.listen(socket);
  }

  /** TCP connect to an address literal (no name lookup can happen here). */
  static async connect(
    probe: ProbeContext,
    target: { ip: string; port: number },
    timeouts: SmtpTimeouts,
    limits: SmtpLimits,
  ): Promise<SmtpWire> {
    const socket = net.connect({ host: target.ip, port: target.port, noDelay: true });
    // The socket must never emit an unhandled error, whatever phase the probe is in.
    socket.on("error", ignore);
    try {
      await probe.wait<void>(
        timeouts.connectMs,
        () => new ProbeStop("connect-timeout", { reason: "connect-timeout", stage: "connect", ms: timeouts.connectMs }),
        (resolve, reject) => {
          const onConnect = () => resolve();
          const onError = (err: NodeJS.ErrnoException) => {
            const code = err.code ?? "error";
            reject(
              // A reset as the connection opens is how a server that accepted it sheds load.
              code === "ECONNRESET"
                ? new Throttled({ stage: "connect", reply: "", how: "reset" })
                : code === "ECONNREFUSED"
                ? new ProbeStop("connect-refused", { reason: "connect-refused", stage: "connect", code })
                : new ProbeStop("connect-refused", { reason: "connect-error", stage: "connect", code, text: err.message.slice(0, 300) }),
            );
          };
          socket.once("connect", onConnect);
          socket.once("error", onError);
          return () => {
            socket.off("connect", onConnect);
            socket.off("error", onError);
          };
        },
      );
    } catch (stop) {
      socket.destroy();
      throw stop;
    }
    return new SmtpWire(socket, probe, timeouts, limits);
  }

  private listen(socket: net.Socket): void {
    socket.on("data", this.onData);
    socket.on("close", this.onClose);
    socket.on("error", this.onError);
  }

  private data(chunk: Buffer): void {
    if (this.overBudget) return;
    this.bytesIn += chunk.length;
    if (this.bytesIn > this.limits.maxBytesPerConnection) {
      this.overBudget = true;
      this.socket.pause();
    } else {
      this.reader.feed(chunk);
    }
    this.notify?.();
  }

  send(line: string, shown: string = line): void {
    this.probe.log("C", shown);
    this.socket.write(`${line}\r\n`);
  }

  /** Sends raw bytes (the message body), noted by its size. */
  sendRaw(bytes: string): void {
    this.probe.note({ event: "message-sent", bytes: Buffer.byteLength(bytes) });
    this.socket.write(bytes);
  }

  /** The greeting: like any reply, except that total silence has its own name. */
  // Its own bound (greetingMs): a tarpitting server delays the greeting on purpose.
  readBanner(): Promise<SmtpReply> {
    const bound = this.timeouts.greetingMs;
    return this.readReply("banner", () => new ProbeStop("no-banner", { reason: "no-banner", stage: "banner", ms: bound }), bound);
  }

  /** Reads one complete reply; `stage` says which (the banner, the reply to EHLO, ...). */
  readReply(stage: SmtpStage, onSilence?: () => ProbeStop, timeoutMs: number = this.timeouts.readMs): Promise<SmtpReply> {
    const started = this.probe.elapsed();
    const bytesBefore = this.bytesIn;
    return this.probe.wait<SmtpReply>(
      timeoutMs,
      () => {
        const got = this.bytesIn - bytesBefore;
        if (got === 0 && onSilence !== undefined) return onSilence();
        return new ProbeStop("read-timeout", { reason: "read-timeout", stage, ms: timeoutMs, bytes: got });
      },
      (resolve, reject) => {
        const check = () => {
          const outcome = this.reader.next();
          if (outcome.kind === "reply") {
            for (const line of formatReply(outcome.reply)) this.probe.log("S", line);
            resolve(outcome.reply);
            return;
          }
          if (outcome.kind === "error") {
            // Nothing after a broken reply is read: the rest of a flood stays in the kernel.
            this.socket.pause();
            if (outcome.partial !== null) this.logPartial(outcome.partial);
            reject(new ProbeStop(outcome.error, { ...outcome.problem, stage }));
            return;
          }
          if (this.overBudget) {
            reject(new ProbeStop("protocol-error", { reason: "too-much-data", stage, limit: this.limits.maxBytesPerConnection }));
            return;
          }
          if (this.closed) {
            const after = this.probe.elapsed() - started;
            reject(new ProbeStop("connection-closed", { reason: "closed", stage, ms: after, code: this.lastError?.code }));
          }
        };
        this.notify = check;
        check();
        return () => {
          this.notify = null;
        };
      },
    );
  }

  private logPartial(partial: SmtpReply): void {
    const shown = formatReply({ code: partial.code, lines: partial.lines.slice(0, 3) });
    for (const line of shown) this.probe.log("S", line);
    if (partial.lines.length > 3) this.probe.note({ event: "more-lines", count: partial.lines.length - 3 });
  }

  get bytesReceived(): number {
    return this.bytesIn;
  }

  /** Bytes the reader holds beyond the last reply: after a STARTTLS 220 there must be none. */
  get unreadBytes(): number {
    return this.reader.buffered;
  }

  /** Takes the TCP socket away from the plaintext reader so TLS can own it. */
  detach(): net.Socket {
    const raw = this.socket;
    raw.off("data", this.onData);
    raw.off("close", this.onClose);
    raw.off("error", this.onError);
    return raw;
  }

  /** Continues the conversation over the TLS socket. */
  attach(secure: tls.TLSSocket): void {
    this.sockets.push(secure);
    secure.on("error", ignore);
    this.socket = secure;
    this.closed = false;
    this.listen(secure);
  }

  /** Adds a socket that must be destroyed with the connection (the TLS socket while handshaking). */
  own(socket: net.Socket): void {
    this.sockets.push(socket);
  }

  destroy(): void {
    for (const s of this.sockets) s.destroy();
  }
}
