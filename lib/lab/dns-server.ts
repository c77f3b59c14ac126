// The lab's DNS server: authoritative for every lab zone, answering over UDP and TCP the way a
// recursive resolver answers a validating stub (full answers, no referrals; DS from the parent
// side; with DO=1 the RRSIGs and the NSEC/NSEC3 proofs), plus per-name fault injection. Queries are
// read and answers written with dns-packet (lib/lab/packet-codec.ts), never with lib/dns's codec, so
// the analyzer's decoder is checked against an encoder it does not share (issue 9 §3). A name
// without faults has each distinct query's answer written by dns-packet once and then resent from
// a memo under the new query's ID: under load the encoding was most of the lab's DNS CPU.
import dgram from "node:dgram";
import net from "node:net";
import { BoundedMemo } from "../dns/memo";
import { labelCount, normalizeName } from "../dns/name";
import { Rcode, RRClass, RRType, type DnsMessage, type Question, type ResourceRecord } from "../dns/types";
import type { FaultSpec } from "./catalog-types";
import {
  compressionLoopResponse,
  floodedMessage,
  malformedResponse,
  mismatchedIdResponse,
  signerNotApex,
  truncatedRecordResponse,
  wrongDnameCname,
  wrongQuestionResponse,
} from "./dns-faults";
import { ServedZone } from "./dns-zone";
import { decodeQueryWithPacket, encodeWithPacket } from "./packet-codec";
import type { LoadedZone } from "./zone-files";

export interface DnsServerOptions {
  host: string;
  /** 0 picks an ephemeral port (the same one for UDP and TCP). */
  port: number;
  zones: LoadedZone[];
  faults?: FaultSpec[];
  /** Added before every answer (models a network round trip for the benchmark). */
  delayMs?: number;
}

export interface DnsServerStats {
  udp: number;
  tcp: number;
  /** Queries (of udp + tcp) answered from the resolver's memo of encoded answers. */
  memoHits: number;
}

export interface DnsServerHandle {
  host: string;
  port: number;
  stats(): DnsServerStats;
  /** The UDP socket's buffer sizes as the kernel reports them (Linux: twice what it granted). */
  udpBufferBytes(): { receive: number; send: number };
  /** Closes both sockets and every open TCP connection, and cancels pending delayed answers. */
  close(): Promise<void>;
}

const MAX_CNAME_HOPS = 8;
const PLAIN_UDP_LIMIT = 512;
/** Cap on what a client may ask us to fill over UDP. */
const MAX_UDP_PAYLOAD = 4096;
const FLOOD_RECORDS = 2000;
const TCP_IDLE_MS = 10_000;
const MAX_TCP_BUFFER = 64 * 1024 + 2;
const MAX_TCP_MESSAGE = 65535;

type Transport = "udp" | "tcp";

/** Distinct no-fault answers kept: the lab's whole catalog asks a few thousand questions at most. */
const ANSWER_MEMO_ENTRIES = 8192;
/** Longer queries are answered afresh: they are not what clients send, and would make long keys. */
const MEMO_QUERY_OCTETS = 512;
/** Larger answers (TCP only) are encoded afresh: the memo's memory stays bounded by entries × this. */
const MEMO_ANSWER_OCTETS = MAX_UDP_PAYLOAD;
/**
 * What the lab asks of the kernel for its UDP socket's buffers. Under a load test's bursts (hundreds
 * of runs' questions within a few ms) the default receive buffer (net.core.rmem_default, 208 KiB:
 * ~250 queued queries) overflowed and the kernel dropped queries (RcvbufErrors in /proc/net/snmp),
 * which the validator then saw as timeouts. Linux caps the request at net.core.rmem_max/wmem_max
 * without an error, and reports twice what it granted (its bookkeeping overhead).
 */
const UDP_BUFFER_BYTES = 4 * 1024 * 1024;

/** What to send back: bytes, or nothing (a dropped query). */
type Reply = Uint8Array | null;

export class LabResolver {
  private readonly zones: ServedZone[];
  private readonly faults = new Map<string, FaultSpec>();
  /**
   * Encoded answers of the no-fault path, by transport and the query's octets after its ID. The
   * bytes are a function of those octets and of zones that never change after construction, so a
   * hit is the answer dns-packet would write again, ID aside; a new zone set is a new resolver and
   * a new memo. Faulted names are never kept: their behaviours (and delays) are applied afresh.
   */
  readonly answers = new BoundedMemo<string, Uint8Array>(ANSWER_MEMO_ENTRIES);

  constructor(zones: LoadedZone[], faults: FaultSpec[] = []) {
    // Deepest origins first so the first containing zone is the closest one.
    this.zones = zones.map((z) => new ServedZone(z)).sort((a, b) => labelCount(b.origin) - labelCount(a.origin));
    for (const f of faults) this.faults.set(faultKey(f.name, f.type ? RRType[f.type] : null), f);
  }

  /** Where each "lossy" fault is in its cycle: one entry per such fault (fault() hands out the constructor's objects). */
  private readonly lossyAsked = new Map<FaultSpec, number>();

  fault(q: Question): FaultSpec | undefined {
    return this.faults.get(faultKey(q.name, q.type)) ?? this.faults.get(faultKey(q.name, null));
  }

  /** Whether this copy of a "lossy" question is one the path loses (the first `drops` of each cycle). */
  loses(fault: FaultSpec): boolean {
    const drops = Math.max(0, fault.drops ?? 1);
    const seen = this.lossyAsked.get(fault) ?? 0;
    this.lossyAsked.set(fault, (seen + 1) % (drops + 1));
    return seen < drops;
  }

  private zoneFor(name: string, type: number, dsFromChild: boolean): ServedZone | undefined {
    const n = normalizeName(name);
    // DS lives in the parent (RFC 4035 §3.1.4.1): skip the zone whose apex the name is.
    const parentSide = type === RRType.DS && !dsFromChild;
    return this.zones.find((z) => z.contains(n) && !(parentSide && z.origin === n && n !== "."));
  }

  /**
   * The full response message for a query, CNAMEs followed across zones. `dsFromChild` answers DS
   * from the zone at the name, the wrong side of the cut (fault "ds-from-child").
   */
  resolve(query: DnsMessage, dsFromChild = false): DnsMessage {
    const q = query.question[0];
    const dnssecOk = query.edns?.dnssecOk ?? false;
    const base: DnsMessage = {
      id: query.id,
      opcode: query.opcode,
      rcode: Rcode.NOERROR,
      flags: { qr: true, aa: false, tc: false, rd: query.flags.rd, ra: true, ad: false, cd: query.flags.cd },
      question: query.question,
      answer: [],
      authority: [],
      additional: [],
      edns: query.edns ? { udpPayloadSize: 1232, dnssecOk, extendedRcode: 0, version: 0 } : null,
    };
    if (query.opcode !== 0) return { ...base, rcode: Rcode.NOTIMP };
    if (!q || query.question.length !== 1) return { ...base, rcode: Rcode.FORMERR };
    if (q.class !== RRClass.IN) return { ...base, rcode: Rcode.REFUSED };
    const answer: ResourceRecord[] = [];
    let authority: ResourceRecord[] = [];
    let rcode: number = Rcode.NOERROR;
    let name = q.name;
    const seen = new Set<string>();
    for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
      const zone = this.zoneFor(name, q.type, dsFromChild);
      if (!zone) {
        rcode = Rcode.REFUSED;
        break;
      }
      const result = zone.answer(name, q.type, dnssecOk);
      answer.push(...result.answer);
      authority = result.authority;
      rcode = result.rcode;
      if (!result.cnameTarget) break;
      const next = normalizeName(result.cnameTarget);
      if (seen.has(next)) break;
      seen.add(next);
      name = result.cnameTarget;
    }
    return { ...base, rcode, answer, authority };
  }
}

function faultKey(name: string, type: number | null): string {
  return `${normalizeName(name)}|${type ?? "*"}`;
}

/**
 * A response header (QR set) echoing the query's ID, and its question copied byte for byte when it
 * could be delimited, for queries we cannot (or dns-packet cannot) read.
 */
function bareReply(raw: Uint8Array, rcode: number, questionEnd: number | null = null): Uint8Array {
  const question = questionEnd === null ? new Uint8Array(0) : raw.subarray(12, questionEnd);
  const out = new Uint8Array(12 + question.length);
  out.set(raw.subarray(0, 2), 0);
  out[2] = 0x80 | ((raw[2] ?? 0) & 0x79);
  out[3] = rcode & 0x0f;
  out[5] = question.length > 0 ? 1 : 0;
  out.set(question, 12);
  return out;
}

/** The memo's key for a query: its transport and every octet after the ID (flags, question, EDNS). */
function answerKey(raw: Uint8Array, transport: Transport): string | null {
  if (raw.length < 12 || raw.length > MEMO_QUERY_OCTETS) return null;
  return (transport === "udp" ? "u" : "t") + Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("latin1", 2);
}

/** A memoised answer under the ID of the query it now answers (a copy: the memo's bytes stay as dns-packet wrote them). */
function withQueryId(answer: Uint8Array, raw: Uint8Array): Uint8Array {
  // From Buffer's pool: a typed array of its own (a fresh ArrayBuffer each) was 3 % of the lab's CPU under load.
  const out = Buffer.allocUnsafe(answer.length);
  out.set(answer);
  out[0] = raw[0] as number;
  out[1] = raw[1] as number;
  return out;
}

/**
 * Builds the bytes for one query on one transport, faults applied. `memoHit` says the bytes came
 * from the resolver's memo of encoded answers rather than from dns-packet just now.
 */
export function replyFor(resolver: LabResolver, raw: Uint8Array, transport: Transport): { reply: Reply; fault: FaultSpec | undefined; memoHit: boolean } {
  const key = answerKey(raw, transport);
  const known = key === null ? undefined : resolver.answers.get(key);
  if (known) return { reply: withQueryId(known, raw), fault: undefined, memoHit: true };
  const read = decodeQueryWithPacket(raw);
  if (!read.ok) {
    // Unreadable query: FORMERR (or REFUSED for a question dns-packet cannot carry) if there is an ID to answer to.
    if (raw.length < 2) return { reply: null, fault: undefined, memoHit: false };
    return { reply: bareReply(raw, read.rcode, read.questionEnd), fault: undefined, memoHit: false };
  }
  const query = read.query;
  if (query.flags.qr) return { reply: null, fault: undefined, memoHit: false };
  const q = query.question[0];
  const fault = q ? resolver.fault(q) : undefined;
  const kind = fault?.fault ?? null;
  const out = (reply: Reply) => ({ reply, fault, memoHit: false });
  const udpLimit = query.edns ? Math.min(Math.max(query.edns.udpPayloadSize, PLAIN_UDP_LIMIT), MAX_UDP_PAYLOAD) : PLAIN_UDP_LIMIT;
  const truncated = (msg: DnsMessage): Uint8Array =>
    encodeWithPacket({ ...msg, flags: { ...msg.flags, tc: true }, answer: [], authority: [], additional: [] });
  const fit = (msg: DnsMessage): Uint8Array => {
    const bytes = encodeWithPacket(msg);
    if (transport === "udp") return bytes.length > udpLimit ? truncated(msg) : bytes;
    // Uncompressed (dns-packet never compresses), an answer could outgrow the TCP frame.
    return bytes.length > MAX_TCP_MESSAGE ? encodeWithPacket({ ...msg, rcode: Rcode.SERVFAIL, answer: [], authority: [], additional: [] }) : bytes;
  };
  switch (kind) {
    case "drop":
      return out(null);
    case "lossy":
      return out(fault && resolver.loses(fault) ? null : fit(resolver.resolve(query)));
    case "servfail":
      return out(encodeWithPacket({ ...resolver.resolve(query), rcode: Rcode.SERVFAIL, answer: [], authority: [] }));
    case "malformed":
      return out(malformedResponse(query));
    case "mismatched-id":
      return out(mismatchedIdResponse(resolver.resolve(query)));
    case "wrong-question":
      return out(wrongQuestionResponse(query));
    case "compression-loop":
      return out(compressionLoopResponse(query));
    case "truncated-record":
      return out(truncatedRecordResponse(resolver.resolve(query)));
    case "record-flood":
      return out(fit(floodedMessage(resolver.resolve(query), FLOOD_RECORDS)));
    case "dname-wrong-cname":
      return out(fit(wrongDnameCname(resolver.resolve(query))));
    case "signer-not-apex":
      return out(fit(signerNotApex(resolver.resolve(query))));
    case "ds-from-child":
      return out(fit(resolver.resolve(query, true)));
    case "truncate":
      return out(transport === "udp" ? truncated(resolver.resolve(query)) : fit(resolver.resolve(query)));
    default: {
      const bytes = fit(resolver.resolve(query));
      // A "delay" fault lands here too: only a name without any fault is memoised.
      if (key !== null && fault === undefined && bytes.length <= MEMO_ANSWER_OCTETS) resolver.answers.set(key, new Uint8Array(bytes));
      return out(bytes);
    }
  }
}

export async function startDnsServer(options: DnsServerOptions): Promise<DnsServerHandle> {
  const resolver = new LabResolver(options.zones, options.faults);
  const stats: DnsServerStats = { udp: 0, tcp: 0, memoHits: 0 };
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<net.Socket>();
  let closed = false;

  /** Answers after the configured delays; `send` is skipped once the server is closed. */
  const answer = (raw: Uint8Array, transport: Transport, send: (bytes: Uint8Array) => void) => {
    let built: ReturnType<typeof replyFor>;
    try {
      built = replyFor(resolver, raw, transport);
    } catch {
      // A bug in answering one query must not take down the lab (it shares a process with tests).
      built = { reply: raw.length >= 2 ? bareReply(raw, Rcode.SERVFAIL) : null, fault: undefined, memoHit: false };
    }
    const { reply, fault } = built;
    if (built.memoHit) stats.memoHits += 1;
    if (!reply) return;
    const delay = (options.delayMs ?? 0) + (fault?.fault === "delay" ? (fault.delayMs ?? 0) : 0);
    if (delay <= 0) {
      send(reply);
      return;
    }
    const t = setTimeout(() => {
      timers.delete(t);
      if (!closed) send(reply);
    }, delay);
    timers.add(t);
  };

  const { udp, tcp, port } = await bindBoth(options.host, options.port);

  udp.on("message", (msg, rinfo) => {
    stats.udp += 1;
    answer(msg, "udp", (bytes) => udp.send(bytes, rinfo.port, rinfo.address));
  });
  udp.on("error", () => undefined);

  tcp.on("connection", (socket) => {
    sockets.add(socket);
    socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    let buffer = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer.length > MAX_TCP_BUFFER) {
        socket.destroy();
        return;
      }
      // RFC 1035 §4.2.2 framing; several queries may arrive in one segment (RFC 7766 pipelining).
      while (buffer.length >= 2) {
        const len = buffer.readUInt16BE(0);
        if (buffer.length < 2 + len) break;
        const raw = buffer.subarray(2, 2 + len);
        buffer = buffer.subarray(2 + len);
        stats.tcp += 1;
        answer(raw, "tcp", (bytes) => {
          if (socket.destroyed) return;
          const frame = Buffer.alloc(2 + bytes.length);
          frame.writeUInt16BE(bytes.length, 0);
          frame.set(bytes, 2);
          socket.write(frame);
        });
      }
    });
  });
  tcp.on("error", () => undefined);

  return {
    host: options.host,
    port,
    stats: () => ({ ...stats }),
    udpBufferBytes: () => ({ receive: udp.getRecvBufferSize(), send: udp.getSendBufferSize() }),
    close: async () => {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}

/** Binds UDP and TCP on one port; with port 0, retries when TCP finds the UDP port taken. */
async function bindBoth(host: string, port: number): Promise<{ udp: dgram.Socket; tcp: net.Server; port: number }> {
  const family = host.includes(":") ? "udp6" : "udp4";
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = dgram.createSocket({ type: family, recvBufferSize: UDP_BUFFER_BYTES, sendBufferSize: UDP_BUFFER_BYTES });
    await new Promise<void>((resolve, reject) => {
      udp.once("error", reject);
      udp.bind(port, host, () => {
        udp.off("error", reject);
        resolve();
      });
    });
    const chosen = udp.address().port;
    const tcp = net.createServer();
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once("error", reject);
        tcp.listen({ port: chosen, host, exclusive: true }, () => {
          tcp.off("error", reject);
          resolve();
        });
      });
      return { udp, tcp, port: chosen };
    } catch (err) {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      if (port !== 0 || !(err instanceof Error && "code" in err && err.code === "EADDRINUSE")) throw err;
    }
  }
  throw new Error(`could not bind UDP and TCP on one port at ${host}`);
}
