// One SMTP connection's socket side: connect, send a command, read a reply with a deadline, hand
// the TCP socket to TLS and carry on over the TLS socket. Every byte from the peer is counted
// against the connection's budget before the pure reply reader sees it.
import net from "node:net";
import type tls from "node:tls";
import { ProbeStop, Throttled, type ProbeContext } from "./probe-context";
import { ReplyReader, formatReply } from "./reply-reader";
import type { SmtpLimits, SmtpReply, SmtpTimeouts } from "./types";

const ignore = (): void => undefined;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

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
    const where = `${target.ip.includes(":") ? `[${target.ip}]` : target.ip}:${target.port}`;
    const socket = net.connect({ host: target.ip, port: target.port, noDelay: true });
    // The socket must never emit an unhandled error, whatever phase the probe is in.
    socket.on("error", ignore);
    try {
      await probe.wait<void>(
        timeouts.connectMs,
        () => new ProbeStop("connect-timeout", `No TCP connection to ${where} within ${timeouts.connectMs} ms: the address does not answer (a firewall may drop SMTP traffic).`),
        (resolve, reject) => {
          const onConnect = () => resolve();
          const onError = (err: NodeJS.ErrnoException) => {
            const code = err.code ?? "error";
            reject(
              // A reset as the connection opens is how a server that accepted it sheds load.
              code === "ECONNRESET"
                ? new Throttled({ stage: "connect", reply: "the connection was reset as it opened" }, "right after connecting")
                : code === "ECONNREFUSED"
                ? new ProbeStop("connect-refused", `The server at ${where} refused the TCP connection (ECONNREFUSED): nothing listens on that port.`)
                : new ProbeStop("connect-refused", `The TCP connection to ${where} failed (${code}): ${err.message}.`),
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

  /** Sends raw bytes (the message body), logged as a summary. */
  sendRaw(bytes: string, summary: string): void {
    this.probe.log("C", summary);
    this.socket.write(bytes);
  }

  /** The greeting: like any reply, except that total silence has its own name. */
  // Its own bound (greetingMs): a tarpitting server delays the greeting on purpose.
  readBanner(): Promise<SmtpReply> {
    const bound = this.timeouts.greetingMs;
    return this.readReply(
      "the banner",
      () => new ProbeStop("no-banner", `The server accepted the TCP connection but sent no banner within ${bound} ms.`),
      bound,
    );
  }

  /** Reads one complete reply. `what` names it for messages: "the reply to EHLO". */
  readReply(what: string, onSilence?: () => ProbeStop, timeoutMs: number = this.timeouts.readMs): Promise<SmtpReply> {
    const started = this.probe.elapsed();
    const bytesBefore = this.bytesIn;
    return this.probe.wait<SmtpReply>(
      timeoutMs,
      () => {
        const got = this.bytesIn - bytesBefore;
        if (got === 0 && onSilence !== undefined) return onSilence();
        const detail = got === 0 ? "nothing arrived" : `only ${plural(got, "byte")} arrived, not a complete reply (the server trickles data)`;
        return new ProbeStop("read-timeout", `The server did not send ${what} within ${timeoutMs} ms: ${detail}.`);
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
            reject(new ProbeStop(outcome.error, `The server's ${what.replace(/^the /, "")} was cut off: ${outcome.message}.`));
            return;
          }
          if (this.overBudget) {
            reject(new ProbeStop("protocol-error", `The server sent more than ${this.limits.maxBytesPerConnection} bytes on one connection while mailsec waited for ${what}.`));
            return;
          }
          if (this.closed) {
            const after = this.probe.elapsed() - started;
            const why = this.lastError?.code !== undefined ? ` (${this.lastError.code})` : "";
            reject(new ProbeStop("connection-closed", `The server closed the connection${why} while mailsec waited for ${what} (after ${after} ms).`));
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
    if (partial.lines.length > 3) this.probe.log("info", `(${partial.lines.length - 3} more lines of this reply not shown)`);
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
