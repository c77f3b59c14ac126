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
import {
  DnsTransportError,
  Rcode,
  type DnsAttempt,
  type DnsAttemptProblem,
  type DnsExchange,
  type DnsMessage,
  type DnsMismatch,
  type DnsTransport,
  type DnsTransportFailure,
  type Question,
  type QueryOptions,
} from "./types";
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

/** A response dropped while waiting for the answer: why, as an attempt's problem. */
type Dropped = DnsAttemptProblem;

/**
 * Entries a failure keeps: a flood of spoofed answers (each its own ID) must not make the finding
 * unbounded; the last entry, the one that ended the last try, is always kept.
 */
const MAX_ATTEMPT_ENTRIES = 24;

/**
 * Identical items (by key) once, counted, in first-seen order: at most `max - 1` distinct ones,
 * then only the latest other one, so the item added last is always kept. Both the dropped
 * answers of one try and the entries of a whole query are merged by it as they come in: a flood
 * of answers that each differ (a spoofed ID each) holds a bounded list, not one entry per datagram.
 */
class BoundedTally<T> {
  private readonly kept = new Map<string, { item: T; times: number }>();
  private latest: { key: string; item: T; times: number } | null = null;

  constructor(private readonly max: number) {}

  add(key: string, item: T, times = 1): void {
    const known = this.kept.get(key);
    if (known) known.times += times;
    else if (this.kept.size < this.max - 1) this.kept.set(key, { item, times });
    else if (this.latest?.key === key) this.latest.times += times;
    else this.latest = { key, item, times };
  }

  entries(): { item: T; times: number }[] {
    const out = [...this.kept.values()];
    if (this.latest) out.push(this.latest);
    return out;
  }
}

/** What one try dropped, and whether any of it was malformed (a timeout then says so). */
class DroppedLog {
  readonly tally = new BoundedTally<Dropped>(MAX_ATTEMPT_ENTRIES);
  /** However many were merged away. */
  malformed = false;

  add(problem: Dropped): void {
    if (problem.problem === "malformed") this.malformed = true;
    this.tally.add(JSON.stringify(problem), problem);
  }
}

type TryOutcome =
  | { kind: "answer"; message: DnsMessage; size: number }
  | { kind: "timeout"; dropped: DroppedLog }
  | { kind: "failed"; problem: DnsAttemptProblem; errorKind: "network" | "malformed" | "oversize"; dropped: DroppedLog };

export function formatServer(s: ResolverAddress): string {
  return s.host.includes(":") ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`;
}

/** Why a response does not answer our query, or null when it does (RFC 5452 §9.1). */
function mismatch(msg: DnsMessage, id: number, q: Question): Dropped | null {
  const differs = (kind: DnsMismatch, got: string | number, asked: string | number): Dropped => ({ problem: "mismatch", mismatch: kind, got: String(got), asked: String(asked) });
  if (msg.id !== id) return differs("id", msg.id, id);
  if (!msg.flags.qr) return differs("not-response", "", "");
  if (msg.opcode !== 0) return differs("opcode", msg.opcode, 0);
  const got = msg.question[0];
  if (msg.question.length !== 1 || !got) return differs("question-count", msg.question.length, 1);
  if (compareCanonical(got.name, q.name) !== 0) return differs("question-name", got.name, q.name);
  if (got.type !== q.type) return differs("question-type", rrTypeName(got.type), rrTypeName(q.type));
  if (got.class !== q.class) return differs("question-class", got.class, q.class);
  return null;
}

function abortedError(q: Question): DnsTransportError {
  return new DnsTransportError({ kind: "aborted" }, q);
}

/** A socket error's errno code (ECONNREFUSED, ...), the token an attempt keeps. */
function errnoOf(err: Error): string {
  const code = (err as NodeJS.ErrnoException).code;
  return typeof code === "string" && code !== "" ? code : "unknown";
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
  start: (settle: (o: TryOutcome) => void, dropped: DroppedLog) => () => void,
): Promise<TryOutcome> {
  return new Promise<TryOutcome>((resolve, reject) => {
    const dropped = new DroppedLog();
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
function judge(buf: Uint8Array, p: TryParams, dropped: DroppedLog, via: "udp" | "tcp"): TryOutcome | null {
  if (buf.length > p.maxBytes) {
    dropped.add({ problem: "oversize", size: buf.length, limit: p.maxBytes });
    return null;
  }
  let msg: DnsMessage;
  try {
    msg = decodeMessage(buf);
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
    const truncated = via === "udp" ? truncatedHeader(buf) : null;
    if (!truncated) {
      const { kind, ...values } = err.problem;
      dropped.add({ problem: "malformed", wire: kind, ...values } as Dropped);
      return null;
    }
    msg = truncated;
  }
  const why = mismatch(msg, p.id, p.question);
  if (why) {
    dropped.add(why);
    return null;
  }
  return { kind: "answer", message: msg, size: buf.length };
}

/** A question waiting on a shared UDP socket for its answer. */
interface UdpWaiter {
  onDatagram(bytes: Uint8Array): void;
  onError(errno: string): void;
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
    this.socket.on("error", (err) => this.fail(errnoOf(err)));
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
      if (err) this.fail(errnoOf(err));
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
  private fail(errno: string): void {
    const waiting = [...this.waiters.values()];
    this.close();
    for (const waiter of waiting) waiter.onError(errno);
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
          // Not a WireError: a fault in the decoder (a bug), named by its class for the report.
          settle({ kind: "failed", errorKind: "malformed", problem: { problem: "network", errno: err instanceof Error ? err.name : "unknown" }, dropped });
        }
      },
      onError: (errno) => settle({ kind: "failed", errorKind: "network", problem: { problem: "network", errno }, dropped }),
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
            settle({ kind: "failed", errorKind: "oversize", problem: { problem: "oversize", size: expected, limit: p.maxBytes }, dropped });
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
    socket.on("error", (err) => settle({ kind: "failed", errorKind: "network", problem: { problem: "network", errno: errnoOf(err) }, dropped }));
    socket.on("close", () => {
      // `expected` 0: between messages (none begun, or every one read was dropped, named before this).
      settle({ kind: "failed", errorKind: "network", problem: { problem: "closed", received: expected >= 0 ? have : 0, expected: Math.max(expected, 0) }, dropped });
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
    } catch {
      throw new DnsTransportError({ kind: "unaskable" }, question);
    }
    const started = performance.now();
    // Identical entries (server, transport and problem) once each, counted; bounded as above.
    const attemptsMet = new BoundedTally<DnsAttempt>(MAX_ATTEMPT_ENTRIES);
    let lastKind: "timeout" | "malformed" | "network" | "oversize" = "timeout";
    const asked = new Set<string>();
    let fallback: DnsExchange | null = null;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (signal?.aborted) throw abortedError(question);
      const server = servers[attempt % servers.length] as ResolverAddress;
      const where = formatServer(server);
      asked.add(where);
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
      const met = (problem: DnsAttemptProblem, times = 1): void => {
        // `times` keeps its place among the keys; the tally's count replaces it at the end.
        attemptsMet.add(JSON.stringify([where, via, problem]), { server: where, transport: via, times: 0, ...problem }, times);
      };
      if (outcome.kind === "answer") {
        const exchange: DnsExchange = {
          question,
          message: outcome.message,
          server: where,
          transport: via,
          elapsedMs: Math.round(performance.now() - started),
          size: outcome.size,
        };
        // A resolver that refuses or fails the question says nothing about the name: with more
        // than one configured, the next may answer (as libc's stub moves on). The last such
        // answer is still returned when no server does better.
        if (!SERVER_TROUBLE.has(outcome.message.rcode) || servers.length === 1) return exchange;
        fallback = exchange;
        met({ problem: "rcode", rcode: outcome.message.rcode });
        continue;
      }
      for (const { item, times } of outcome.dropped.tally.entries()) met(item, times);
      if (outcome.kind === "timeout") {
        lastKind = outcome.dropped.malformed ? "malformed" : "timeout";
        met({ problem: "timeout", ms: timeoutMs });
      } else {
        lastKind = outcome.errorKind;
        met(outcome.problem);
      }
    }
    if (fallback) return { ...fallback, elapsedMs: Math.round(performance.now() - started) };
    const failure: DnsTransportFailure = { kind: "unanswered", cause: lastKind, servers: [...asked], tries: attempts, timeoutMs, attempts: attemptsMet.entries().map(({ item, times }) => ({ ...item, times })) };
    throw new DnsTransportError(failure, question);
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
