// The UDP/TCP adapter behind DnsTransport: asks recursive resolvers with RD+CD and EDNS0 DO (RFC 6840
// §5.9: a validating stub wants the raw data), accepts only answers that match the query (RFC 5452:
// ID, question name, type and class), falls back to TCP on TC=1 (RFC 7766) and retries across
// servers. Every wait is bounded by a per-try timeout and by the caller's AbortSignal.
import { randomInt } from "node:crypto";
import dgram from "node:dgram";
import { readFileSync } from "node:fs";
import net from "node:net";
import { WireError } from "./errors";
import { compareCanonical, nameToWire } from "./name";
import { rrTypeName } from "./rrtypes";
import { DnsTransportError, Rcode, type DnsExchange, type DnsMessage, type DnsTransport, type Question, type QueryOptions } from "./types";
import { buildQuery, decodeMessage, decodeTruncatedHeader, MAX_MESSAGE_OCTETS } from "./wire";

export interface ResolverAddress {
  host: string;
  port: number;
}

export interface NetworkTransportOptions {
  servers: ResolverAddress[];
  /** Per try, UDP and its TCP follow-up each (default 2000 ms). */
  timeoutMs?: number;
  /** Tries in all, taking the servers in turn (default 3). */
  attempts?: number;
  /** Largest response accepted, in octets (default 65535). */
  maxResponseBytes?: number;
  /** EDNS0 UDP payload size advertised (default 1232). */
  udpPayloadSize?: number;
}

type TryOutcome =
  | { kind: "answer"; message: DnsMessage; size: number }
  | { kind: "timeout"; dropped: string[] }
  | { kind: "failed"; reason: string; errorKind: "network" | "malformed" | "oversize" };

export function formatServer(s: ResolverAddress): string {
  return s.host.includes(":") ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`;
}

/** "example.com/MX" as an admin reads it in an error message. */
function describeQuestion(q: Question): string {
  const name = q.name === "." ? "." : q.name.replace(/\.$/, "");
  return `${name}/${rrTypeName(q.type)}`;
}

/** Why a response does not answer our query, or null when it does (RFC 5452 §9.1). */
function mismatch(msg: DnsMessage, id: number, q: Question): string | null {
  if (msg.id !== id) return `wrong ID ${msg.id} (expected ${id})`;
  if (!msg.flags.qr) return "not a response (QR=0)";
  if (msg.opcode !== 0) return `opcode ${msg.opcode}`;
  const got = msg.question[0];
  if (msg.question.length !== 1 || !got) return `${msg.question.length} questions in the response`;
  if (compareCanonical(got.name, q.name) !== 0) return `question name ${got.name} (asked ${q.name})`;
  if (got.type !== q.type) return `question type ${rrTypeName(got.type)} (asked ${rrTypeName(q.type)})`;
  if (got.class !== q.class) return `question class ${got.class} (asked ${q.class})`;
  return null;
}

function abortedError(q: Question): DnsTransportError {
  return new DnsTransportError("aborted", `Query for ${describeQuestion(q)} was cancelled`, q);
}

interface TryParams {
  server: ResolverAddress;
  query: Uint8Array;
  id: number;
  question: Question;
  timeoutMs: number;
  maxBytes: number;
  signal: AbortSignal | undefined;
}

// One run's signal is shared by every query in flight (dozens while a chain is walked): one
// listener per signal fans the abort out, instead of one per try, which Node reports as a leak
// past ten ("MaxListenersExceededWarning").
const abortWatchers = new WeakMap<AbortSignal, Set<() => void>>();

function watchAbort(signal: AbortSignal, onAbort: () => void): () => void {
  let watchers = abortWatchers.get(signal);
  if (!watchers) {
    const set = new Set<() => void>();
    watchers = set;
    abortWatchers.set(signal, set);
    signal.addEventListener("abort", () => {
      for (const fn of [...set]) fn();
      set.clear();
    }, { once: true });
  }
  watchers.add(onAbort);
  return () => watchers.delete(onAbort);
}

/**
 * Runs one bounded wait: `start` wires up the socket and calls `settle` once; the timer and the
 * abort signal settle it otherwise. `cleanup` always runs exactly once.
 */
function boundedTry(
  p: TryParams,
  start: (settle: (o: TryOutcome) => void, dropped: string[]) => () => void,
): Promise<TryOutcome> {
  return new Promise<TryOutcome>((resolve, reject) => {
    const dropped: string[] = [];
    let done = false;
    let cleanup: () => void = () => undefined;
    let unwatch: () => void = () => undefined;
    const finish = (): void => {
      done = true;
      clearTimeout(timer);
      unwatch();
      cleanup();
    };
    const settle = (o: TryOutcome): void => {
      if (done) return;
      finish();
      resolve(o);
    };
    const onAbort = (): void => {
      if (done) return;
      finish();
      reject(abortedError(p.question));
    };
    if (p.signal?.aborted) {
      // An aborted signal fires no more events: without this the TCP follow-up would wait it out.
      reject(abortedError(p.question));
      return;
    }
    const timer = setTimeout(() => settle({ kind: "timeout", dropped }), p.timeoutMs);
    if (p.signal) unwatch = watchAbort(p.signal, onAbort);
    cleanup = start(settle, dropped);
  });
}

function truncatedHeader(buf: Uint8Array): DnsMessage | null {
  try {
    return decodeTruncatedHeader(buf);
  } catch (err) {
    if (err instanceof WireError) return null;
    throw err;
  }
}

/**
 * Decodes a candidate response; returns the outcome, or records why it was dropped. Over UDP a
 * TC=1 response that is cut mid-record still counts, so the caller can go on to TCP.
 */
function judge(buf: Uint8Array, p: TryParams, dropped: string[], via: "udp" | "tcp"): TryOutcome | null {
  if (buf.length > p.maxBytes) {
    dropped.push(`a ${buf.length}-octet response (limit ${p.maxBytes})`);
    return null;
  }
  let msg: DnsMessage;
  try {
    msg = decodeMessage(buf);
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
    const truncated = via === "udp" ? truncatedHeader(buf) : null;
    if (!truncated) {
      dropped.push(`a malformed response (${err.message})`);
      return null;
    }
    msg = truncated;
  }
  const why = mismatch(msg, p.id, p.question);
  if (why) {
    dropped.push(`a response with ${why}`);
    return null;
  }
  return { kind: "answer", message: msg, size: buf.length };
}

/** A question waiting on a shared UDP socket for its answer. */
interface UdpWaiter {
  onDatagram(bytes: Uint8Array): void;
  onError(reason: string): void;
}

/**
 * One connected UDP socket that the questions a transport has in flight to one server share, by
 * DNS ID, and that closes when the last of them settles. A burst of questions (a run asks its
 * chain of trust and its hosts' records in one go) costs one socket instead of one each: socket,
 * connect and close were a measured share of a run's CPU. Each burst still gets a fresh socket and
 * so a random source port from the kernel, `connect` still makes the kernel discard datagrams
 * from any other address or port, and every answer is still matched by ID and question (RFC 5452
 * §9.1) before the validator judges it.
 */
class SharedUdpSocket {
  private readonly socket: dgram.Socket;
  private readonly waiters = new Map<number, UdpWaiter>();
  private connected = false;
  private readonly unsent: Uint8Array[] = [];
  private closed = false;

  constructor(server: ResolverAddress, private readonly onClose: () => void) {
    this.socket = dgram.createSocket({ type: net.isIPv6(server.host) ? "udp6" : "udp4" });
    this.socket.on("error", (err) => this.fail(`UDP error: ${err.message}`));
    this.socket.on("message", (buf) => this.route(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)));
    this.socket.connect(server.port, server.host, () => {
      this.connected = true;
      for (const query of this.unsent.splice(0)) this.send(query);
    });
  }

  /** Another question may join while the socket is open and its ID is free on it. */
  accepts(id: number): boolean {
    return !this.closed && !this.waiters.has(id);
  }

  add(id: number, query: Uint8Array, waiter: UdpWaiter): void {
    this.waiters.set(id, waiter);
    if (this.connected) this.send(query);
    else this.unsent.push(query);
  }

  /** The question settled (answer, timeout, abort): the last one closes the socket. */
  remove(id: number): void {
    this.waiters.delete(id);
    if (this.waiters.size === 0) this.close();
  }

  private send(query: Uint8Array): void {
    // On a connected socket a send can fail with the error an earlier datagram caused (ECONNREFUSED
    // from an ICMP port unreachable): that is the server's, so it ends every question on the socket.
    this.socket.send(query, (err) => {
      if (err) this.fail(`UDP send failed: ${err.message}`);
    });
  }

  /**
   * A datagram goes to the question with its ID. One with no such ID goes to every question, as it
   * would have reached a socket of their own: each drops it and names why if it then times out.
   */
  private route(bytes: Uint8Array): void {
    const id = bytes.length >= 2 ? ((bytes[0] as number) << 8) | (bytes[1] as number) : -1;
    const own = this.waiters.get(id);
    if (own) {
      own.onDatagram(bytes);
      return;
    }
    for (const [key, waiter] of [...this.waiters]) if (this.waiters.get(key) === waiter) waiter.onDatagram(bytes);
  }

  /** A socket error (ICMP port unreachable on a connected socket, among others) ends every question on it. */
  private fail(reason: string): void {
    const waiting = [...this.waiters.values()];
    this.close();
    for (const waiter of waiting) waiter.onError(reason);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    try {
      this.socket.close();
    } catch {
      // Already closed after an error: nothing left to release.
    }
  }
}

function udpTry(p: TryParams, sockets: Map<string, SharedUdpSocket>): Promise<TryOutcome> {
  return boundedTry(p, (settle, dropped) => {
    const key = formatServer(p.server);
    let socket = sockets.get(key);
    if (!socket?.accepts(p.id)) {
      // A new socket for the server; one whose ID collides with a question in flight keeps it to itself.
      const fresh: SharedUdpSocket = new SharedUdpSocket(p.server, () => {
        if (sockets.get(key) === fresh) sockets.delete(key);
      });
      if (!socket) sockets.set(key, fresh);
      socket = fresh;
    }
    const shared = socket;
    shared.add(p.id, p.query, {
      onDatagram: (bytes) => {
        try {
          const outcome = judge(bytes, p, dropped, "udp");
          if (outcome) settle(outcome);
        } catch (err) {
          settle({ kind: "failed", errorKind: "malformed", reason: String(err) });
        }
      },
      onError: (reason) => settle({ kind: "failed", errorKind: "network", reason }),
    });
    return () => shared.remove(p.id);
  });
}

function tcpTry(p: TryParams): Promise<TryOutcome> {
  return boundedTry(p, (settle, dropped) => {
    const socket = net.connect({ host: p.server.host, port: p.server.port });
    let chunks: Buffer[] = [];
    let have = 0;
    let expected = -1;
    socket.on("connect", () => {
      // RFC 1035 §4.2.2 framing, written by hand: dns-packet's streamDecode ignores its offset.
      const framed = Buffer.alloc(2 + p.query.length);
      framed.writeUInt16BE(p.query.length, 0);
      framed.set(p.query, 2);
      socket.write(framed);
    });
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      have += chunk.length;
      for (;;) {
        if (expected < 0) {
          if (have < 2) return;
          const joined = Buffer.concat(chunks);
          expected = joined.readUInt16BE(0);
          if (expected > p.maxBytes) {
            settle({ kind: "failed", errorKind: "oversize", reason: `TCP response of ${expected} octets exceeds the ${p.maxBytes}-octet limit` });
            return;
          }
          chunks = [joined.subarray(2)];
          have -= 2;
        }
        if (have < expected) return;
        const joined = Buffer.concat(chunks);
        const msg = joined.subarray(0, expected);
        chunks = [joined.subarray(expected)];
        have -= expected;
        expected = -1;
        const outcome = judge(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength), p, dropped, "tcp");
        if (outcome) {
          settle(outcome);
          return;
        }
      }
    });
    socket.on("error", (err) => settle({ kind: "failed", errorKind: "network", reason: `TCP error: ${err.message}` }));
    socket.on("close", () => {
      const tail = expected >= 0 ? `after ${have} of ${expected} octets` : dropped.length ? `after ${dropped.join(", ")}` : "without an answer";
      settle({ kind: "failed", errorKind: "network", reason: `TCP connection closed ${tail}` });
    });
    return () => socket.destroy();
  });
}

/** RCODEs that describe the resolver's trouble, not the name's (RFC 1035 §4.1.1): try another server. */
const SERVER_TROUBLE: ReadonlySet<number> = new Set([Rcode.SERVFAIL, Rcode.NOTIMP, Rcode.REFUSED]);

/** A DnsTransport over UDP (TCP when truncated) to the given recursive resolvers. */
export function createNetworkTransport(options: NetworkTransportOptions): DnsTransport {
  const servers = [...options.servers];
  if (servers.length === 0) throw new Error("createNetworkTransport needs at least one resolver");
  for (const s of servers) {
    if (net.isIP(s.host) === 0) throw new Error(`resolver "${s.host}" is not an IP address`);
    if (!Number.isInteger(s.port) || s.port < 1 || s.port > 65535) throw new Error(`resolver port ${s.port} is out of range`);
  }
  const timeoutMs = options.timeoutMs ?? 2000;
  const attempts = Math.max(1, options.attempts ?? 3);
  const maxBytes = Math.min(options.maxResponseBytes ?? MAX_MESSAGE_OCTETS, MAX_MESSAGE_OCTETS);
  const udpPayloadSize = options.udpPayloadSize ?? 1232;
  const sockets = new Map<string, SharedUdpSocket>();

  async function query(question: Question, queryOptions: QueryOptions = {}): Promise<DnsExchange> {
    const signal = queryOptions.signal;
    try {
      nameToWire(question.name);
    } catch (err) {
      throw new DnsTransportError("malformed", `Cannot ask for "${question.name}": ${(err as Error).message}`, question);
    }
    const started = performance.now();
    const problems: string[] = [];
    let lastKind: DnsTransportError["kind"] = "timeout";
    const asked = new Set<string>();
    let fallback: DnsExchange | null = null;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (signal?.aborted) throw abortedError(question);
      const server = servers[attempt % servers.length] as ResolverAddress;
      asked.add(formatServer(server));
      const id = randomInt(0, 0x10000);
      const params: TryParams = {
        server,
        query: buildQuery(question, { id, dnssecOk: true, checkingDisabled: true, udpPayloadSize }),
        id,
        question,
        timeoutMs,
        maxBytes,
        signal,
      };
      let outcome = await udpTry(params, sockets);
      let via: "udp" | "tcp" = "udp";
      if (outcome.kind === "answer" && outcome.message.flags.tc) {
        via = "tcp";
        outcome = await tcpTry(params);
      }
      if (outcome.kind === "answer") {
        const exchange: DnsExchange = {
          question,
          message: outcome.message,
          server: formatServer(server),
          transport: via,
          elapsedMs: Math.round(performance.now() - started),
          size: outcome.size,
        };
        // A resolver that refuses or fails the question says nothing about the name: with more
        // than one configured, the next may answer (as libc's stub moves on). The last such
        // answer is still returned when no server does better.
        if (!SERVER_TROUBLE.has(outcome.message.rcode) || servers.length === 1) return exchange;
        fallback = exchange;
        problems.push(`${formatServer(server)} answered with RCODE ${outcome.message.rcode}`);
        continue;
      }
      const where = `${formatServer(server)} over ${via.toUpperCase()}`;
      if (outcome.kind === "timeout") {
        lastKind = outcome.dropped.some((d) => d.startsWith("a malformed")) ? "malformed" : "timeout";
        problems.push(outcome.dropped.length ? `${where}: dropped ${outcome.dropped.join("; ")}` : `${where}: no response`);
      } else {
        lastKind = outcome.errorKind;
        problems.push(`${where}: ${outcome.reason}`);
      }
    }
    if (fallback) return { ...fallback, elapsedMs: Math.round(performance.now() - started) };
    const seconds = timeoutMs % 1000 === 0 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`;
    const counted = new Map<string, number>();
    for (const p of problems) counted.set(p, (counted.get(p) ?? 0) + 1);
    const details = [...counted].map(([p, n]) => (n > 1 ? `${p} (${n} times)` : p));
    throw new DnsTransportError(
      lastKind,
      `No answer from ${[...asked].join(", ")} for ${describeQuestion(question)} after ${attempts} ${attempts === 1 ? "try" : "tries"} (${seconds} each). ${details.join(". ")}`,
      question,
    );
  }

  return { query };
}

/**
 * Parses "127.0.0.1:5353,[::1]:53,10.0.0.1" (the --resolver / MAILSEC_RESOLVER syntax): IP
 * addresses only (a resolver name would need a resolver), IPv6 in brackets when a port is given,
 * port 53 by default.
 */
export function parseResolverList(text: string): ResolverAddress[] {
  const out: ResolverAddress[] = [];
  for (const raw of text.split(",")) {
    const item = raw.trim();
    if (item === "") continue;
    let host: string;
    let portText: string | undefined;
    const bracket = /^\[([^\]]+)\](?::(.*))?$/.exec(item);
    if (bracket) {
      host = bracket[1] as string;
      portText = bracket[2];
    } else if (net.isIPv6(item)) {
      host = item;
    } else {
      const colon = item.lastIndexOf(":");
      host = colon >= 0 ? item.slice(0, colon) : item;
      portText = colon >= 0 ? item.slice(colon + 1) : undefined;
    }
    if (net.isIP(host) === 0) throw new Error(`resolver "${item}" is not an IP address (write IPv6 as [addr]:port)`);
    let port = 53;
    if (portText !== undefined) {
      if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
        throw new Error(`resolver "${item}" has an invalid port "${portText}"`);
      }
      port = Number(portText);
    }
    out.push({ host, port });
  }
  if (out.length === 0) throw new Error("no resolver given");
  return out;
}

/**
 * The `nameserver` lines of resolv.conf text; none means the local resolver, as libc assumes. The
 * one reading of resolv.conf for the CLI and the server (lib/server/env-parse.ts).
 */
export function parseResolvConf(text: string): ResolverAddress[] {
  const out: ResolverAddress[] = [];
  for (const line of text.split("\n")) {
    // A link-local IPv6 may carry its interface (fe80::1%eth0), which the socket address here cannot.
    const host = /^\s*nameserver\s+(\S+)/.exec(line)?.[1]?.split("%")[0];
    if (host !== undefined && net.isIP(host) !== 0) out.push({ host, port: 53 });
  }
  return out.length ? out : [{ host: "127.0.0.1", port: 53 }];
}

export function systemResolvers(): ResolverAddress[] {
  let text = "";
  try {
    // A literal path: with a variable one, Next's file tracer (Turbopack) cannot tell which file
    // is read and traces the whole project into the server output, warning on every build.
    text = readFileSync("/etc/resolv.conf", "utf8");
  } catch {
    // No resolv.conf: libc falls back to the local resolver, and so do we.
  }
  return parseResolvConf(text);
}
