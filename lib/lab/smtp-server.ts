// The lab's SMTP server: real TCP and node:tls on loopback, speaking enough SMTP to be probed, with
// one behaviour per scenario (including hostile ones). It is test infrastructure: it never relays
// or stores mail, it swallows DATA.
import net from "node:net";
import tls from "node:tls";

export type SmtpBehaviour =
  | "normal"
  | "no-starttls"
  | "starttls-refused"
  | "tls-handshake-fail"
  | "slow-banner"
  | "no-banner"
  | "endless-lines"
  | "drip"
  | "huge-banner"
  | "drop-mid-handshake"
  | "reject-rcpt"
  | "starttls-injection"
  // Throttling (issue 15): what a server that has seen the client too often does.
  | "banner-421"
  | "ehlo-421"
  | "reset-on-connect";

export const SMTP_BEHAVIOURS: readonly SmtpBehaviour[] = [
  "normal",
  "no-starttls",
  "starttls-refused",
  "tls-handshake-fail",
  "slow-banner",
  "no-banner",
  "endless-lines",
  "drip",
  "huge-banner",
  "drop-mid-handshake",
  "reject-rcpt",
  "starttls-injection",
  "banner-421",
  "ehlo-421",
  "reset-on-connect",
];

export interface SmtpServerOptions {
  host: string;
  /** 0 picks an ephemeral port; read the chosen one from the returned handle. */
  port: number;
  /** Used in the 220 banner and the EHLO reply. */
  hostname: string;
  behaviour: SmtpBehaviour;
  /** Key and chain (leaf first, then intermediates) in PEM; null means STARTTLS cannot work. */
  tls: { keyPem: string; chainPem: string } | null;
  /** slow-banner: delay before the banner (default 2000). drip: ms between bytes (default 1000). */
  delayMs?: number;
  /**
   * Text of the 220 greeting after the code (default "<hostname> ESMTP mailsec lab"): lets a
   * scenario put hostile text (markup) in the one reply every client shows the user.
   */
  banner?: string;
  /** Highest TLS version the server negotiates (default: Node's, TLSv1.3); for old-server scenarios. */
  tlsMaxVersion?: tls.SecureVersion;
  /** Advertise SMTPUTF8 (RFC 6531) in the EHLO reply. */
  smtputf8?: boolean;
}

export interface SmtpServerHandle {
  host: string;
  port: number;
  /** Connections accepted so far (tests use it to prove a refused probe never connected). */
  connectionCount(): number;
  /** Destroys every open connection and resolves once the listener is closed. */
  close(): Promise<void>;
}

/** A fatal TLS alert record, handshake_failure (40): what a server with no shared cipher sends. */
const HANDSHAKE_FAILURE_ALERT = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]);
const HUGE_BANNER_BYTES = 10 * 1024 * 1024;
/** The lab server's own bound on a command line, so a runaway client cannot grow its memory. */
const MAX_COMMAND_BYTES = 64 * 1024;

export async function startSmtpServer(options: SmtpServerOptions): Promise<SmtpServerHandle> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    // A peer that resets is normal for hostile scenarios; without a listener it would crash the process.
    socket.on("error", () => socket.destroy());
    new Session(socket, options, (s) => {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    }).start();
  });
  server.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once("error", onError);
    server.listen(options.port, options.host, () => {
      server.off("error", onError);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("SMTP lab server: no TCP address after listen");
  return {
    host: options.host,
    port: address.port,
    connectionCount: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        sockets.clear();
        server.close(() => resolve());
      }),
  };
}

// One TLS context per server, built at its first STARTTLS, not one per connection: parsing the key
// and the chain was a third of the lab's CPU under the load test. Every connection is answered
// with the same key, chain and versions as before.
const secureContexts = new WeakMap<SmtpServerOptions, tls.SecureContext>();

function secureContextOf(options: SmtpServerOptions, pems: { keyPem: string; chainPem: string }): tls.SecureContext {
  let context = secureContexts.get(options);
  if (!context) {
    const maxVersion = options.tlsMaxVersion;
    context = tls.createSecureContext({
      key: pems.keyPem,
      cert: pems.chainPem,
      // OpenSSL 3 refuses TLS 1.0/1.1 at its default security level; old-server scenarios need it.
      ...(maxVersion !== undefined ? { maxVersion, minVersion: "TLSv1" as const, ciphers: "DEFAULT:@SECLEVEL=0" } : {}),
    });
    secureContexts.set(options, context);
  }
  return context;
}

/** One client connection: a line-oriented command loop over the plaintext, then the TLS, socket. */
class Session {
  private io: net.Socket;
  private buffer = "";
  private inData = false;
  private secure = false;
  private closed = false;
  private timers = new Set<NodeJS.Timeout>();
  private dripQueue: Buffer[] = [];
  private dripping = false;

  constructor(
    private readonly raw: net.Socket,
    private readonly options: SmtpServerOptions,
    private readonly track: (s: net.Socket) => void,
  ) {
    this.io = raw;
    raw.on("close", () => {
      this.closed = true;
      for (const t of this.timers) clearTimeout(t);
      this.timers.clear();
    });
  }

  start(): void {
    const { behaviour } = this.options;
    switch (behaviour) {
      case "no-banner":
        // Reads and ignores everything; never writes a byte.
        this.raw.on("data", () => undefined);
        return;
      case "endless-lines":
        this.raw.on("data", () => undefined);
        this.writeEndlessLines();
        return;
      case "huge-banner":
        this.raw.on("data", () => undefined);
        this.writeHugeBanner();
        return;
      case "slow-banner":
        this.later(this.options.delayMs ?? 2000, () => this.beginCommands());
        return;
      case "banner-421":
        this.raw.on("data", () => undefined);
        this.raw.end(`421 4.7.0 ${this.options.hostname} Too many connections from your address, try again later\r\n`);
        return;
      case "reset-on-connect":
        this.raw.resetAndDestroy();
        return;
      default:
        this.beginCommands();
    }
  }

  private beginCommands(): void {
    this.attachReader(this.raw);
    this.reply(`220 ${this.options.banner ?? `${this.options.hostname} ESMTP mailsec lab`}`);
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.closed) fn();
    }, ms);
    this.timers.add(t);
  }

  private attachReader(socket: net.Socket): void {
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => this.onData(chunk));
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    if (this.buffer.length > MAX_COMMAND_BYTES && !this.buffer.includes("\n")) {
      this.reply("500 5.5.2 Line too long");
      this.io.destroy();
      return;
    }
    let nl: number;
    while (!this.closed && (nl = this.buffer.indexOf("\n")) >= 0) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, "");
      this.buffer = this.buffer.slice(nl + 1);
      if (this.inData) {
        if (line === ".") {
          this.inData = false;
          this.reply("250 2.0.0 Ok: message accepted by the lab and discarded");
        }
        continue;
      }
      if (this.command(line) === "upgraded") return;
    }
  }

  /** Handles one command line; returns "upgraded" when the socket was handed to TLS. */
  private command(line: string): "continue" | "upgraded" {
    const verb = (line.split(" ", 1)[0] ?? "").toUpperCase();
    const { behaviour, hostname } = this.options;
    switch (verb) {
      case "EHLO": {
        if (behaviour === "ehlo-421") {
          this.reply("421 4.7.0 Rate limit exceeded for your address, closing connection");
          this.io.end();
          return "continue";
        }
        const lines = [`${hostname} greets you`, "PIPELINING", "SIZE 10240000", "8BITMIME"];
        if (this.options.smtputf8 === true) lines.push("SMTPUTF8");
        if (!this.secure && behaviour !== "no-starttls") lines.push("STARTTLS");
        lines.push("ENHANCEDSTATUSCODES");
        this.reply(lines.map((l, i) => `250${i === lines.length - 1 ? " " : "-"}${l}`).join("\r\n"));
        return "continue";
      }
      case "HELO":
        this.reply(`250 ${hostname}`);
        return "continue";
      case "STARTTLS":
        return this.startTls();
      case "MAIL":
        this.reply("250 2.1.0 Ok");
        return "continue";
      case "RCPT":
        this.reply(behaviour === "reject-rcpt" ? "550 5.1.1 Recipient address rejected: user unknown" : "250 2.1.5 Ok");
        return "continue";
      case "DATA":
        this.inData = true;
        this.reply("354 End data with <CR><LF>.<CR><LF>");
        return "continue";
      case "RSET":
      case "NOOP":
        this.reply("250 2.0.0 Ok");
        return "continue";
      case "QUIT":
        this.reply("221 2.0.0 Bye");
        this.io.end();
        return "continue";
      default:
        this.reply("502 5.5.2 Command not recognised");
        return "continue";
    }
  }

  private startTls(): "continue" | "upgraded" {
    const { behaviour } = this.options;
    if (this.secure) {
      this.reply("503 5.5.1 TLS already active");
      return "continue";
    }
    if (behaviour === "no-starttls") {
      this.reply("502 5.5.1 STARTTLS not available");
      return "continue";
    }
    if (behaviour === "starttls-refused" || this.options.tls === null) {
      this.reply("454 4.7.0 TLS not available due to temporary reason");
      return "continue";
    }
    // Whatever the client pipelined after STARTTLS is dropped: honouring it is the injection bug.
    this.buffer = "";
    this.raw.removeAllListeners("data");
    if (behaviour === "starttls-injection") {
      this.raw.write("220 2.0.0 Ready to start TLS\r\n250-injected after STARTTLS\r\n250 OK\r\n");
    } else {
      this.raw.write("220 2.0.0 Ready to start TLS\r\n");
    }
    if (behaviour === "tls-handshake-fail" || behaviour === "drop-mid-handshake") {
      this.raw.once("data", () => {
        if (behaviour === "tls-handshake-fail") this.raw.end(HANDSHAKE_FAILURE_ALERT);
        else this.raw.destroy();
      });
      return "upgraded";
    }
    const secureContext = secureContextOf(this.options, this.options.tls);
    const tlsSocket = new tls.TLSSocket(this.raw, { isServer: true, secureContext });
    this.track(tlsSocket);
    tlsSocket.on("error", () => tlsSocket.destroy());
    tlsSocket.on("close", () => this.raw.destroy());
    this.io = tlsSocket;
    this.secure = true;
    this.attachReader(tlsSocket);
    return "upgraded";
  }

  private reply(text: string): void {
    const bytes = Buffer.from(`${text}\r\n`, "latin1");
    if (this.options.behaviour === "drip") {
      this.dripQueue.push(bytes);
      this.drip();
      return;
    }
    if (!this.io.destroyed) this.io.write(bytes);
  }

  private drip(): void {
    if (this.dripping) return;
    const next = this.dripQueue[0];
    if (next === undefined || this.closed) return;
    this.dripping = true;
    this.io.write(next.subarray(0, 1));
    const rest = next.subarray(1);
    if (rest.length > 0) this.dripQueue[0] = rest;
    else this.dripQueue.shift();
    this.later(this.options.delayMs ?? 1000, () => {
      this.dripping = false;
      this.drip();
    });
  }

  /** A 220 multiline reply that never ends, written only as fast as the client reads it. */
  private writeEndlessLines(): void {
    const chunk = Buffer.from(`220-${this.options.hostname} this line is one of an endless reply\r\n`.repeat(64), "latin1");
    this.flood(() => chunk);
  }

  private writeHugeBanner(): void {
    const piece = Buffer.alloc(64 * 1024, 0x78);
    let left = HUGE_BANNER_BYTES;
    this.raw.write("220 ");
    this.flood(() => {
      if (left <= 0) return null;
      const n = Math.min(left, piece.length);
      left -= n;
      return piece.subarray(0, n);
    });
  }

  /**
   * Writes what `next` yields until it returns null or the peer goes away. One chunk per event-loop
   * turn, and a wait for "drain" under backpressure: loopback's kernel buffers take megabytes
   * without pushing back, and a tight loop would starve every other socket in the process
   * (the lab often shares its process with the client it is testing).
   */
  private flood(next: () => Buffer | null): void {
    const pump = (): void => {
      if (this.closed || this.raw.destroyed) return;
      const chunk = next();
      if (chunk === null) return;
      if (this.raw.write(chunk)) setImmediate(pump);
      else this.raw.once("drain", pump);
    };
    pump();
  }
}
