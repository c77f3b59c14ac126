// A minimal DNS client for the lab tests: one query over real UDP or TCP, raw bytes back, so a test
// can look at malformed and hostile answers the real transport would refuse to hand over.
import dgram from "node:dgram";
import net from "node:net";
import { RRClass, RRType, type DnsMessage, type RRTypeName } from "../../lib/dns/types";
import { buildQuery, decodeMessage } from "../../lib/dns/wire";

export interface Server {
  host: string;
  port: number;
}

export interface RawQuery {
  name: string;
  type: RRTypeName;
  dnssecOk?: boolean;
  udpPayloadSize?: number;
  id?: number;
  timeoutMs?: number;
}

const query = (q: RawQuery) =>
  buildQuery(
    { name: q.name, type: RRType[q.type], class: RRClass.IN },
    { id: q.id ?? 0x1234, dnssecOk: q.dnssecOk ?? true, udpPayloadSize: q.udpPayloadSize ?? 1232 },
  );

/** Resolves with the first datagram, or null when none arrives within the timeout. */
export function udpRaw(server: Server, q: RawQuery): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(server.host.includes(":") ? "udp6" : "udp4");
    const timer = setTimeout(() => finish(null), q.timeoutMs ?? 2000);
    const finish = (value: Uint8Array | null, err?: Error) => {
      clearTimeout(timer);
      socket.close();
      if (err) reject(err);
      else resolve(value);
    };
    socket.on("message", (msg) => finish(new Uint8Array(msg)));
    socket.on("error", (err) => finish(null, err));
    socket.send(query(q), server.port, server.host);
  });
}

/** One query over TCP with RFC 1035 framing; null on timeout. */
export function tcpRaw(server: Server, q: RawQuery): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: server.host, port: server.port });
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => finish(null), q.timeoutMs ?? 2000);
    const finish = (value: Uint8Array | null, err?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(value);
    };
    socket.on("connect", () => {
      const body = query(q);
      const frame = Buffer.alloc(2 + body.length);
      frame.writeUInt16BE(body.length, 0);
      frame.set(body, 2);
      socket.write(frame);
    });
    socket.on("data", (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) finish(new Uint8Array(buf.subarray(2, 2 + buf.readUInt16BE(0))));
    });
    socket.on("error", (err) => finish(null, err));
  });
}

/** UDP, then TCP when the UDP answer is truncated: what a stub does. Throws on timeout. */
export async function ask(server: Server, q: RawQuery): Promise<{ message: DnsMessage; transport: "udp" | "tcp" }> {
  const udp = await udpRaw(server, q);
  if (!udp) throw new Error(`no UDP answer for ${q.name} ${q.type}`);
  const first = decodeMessage(udp);
  if (!first.flags.tc) return { message: first, transport: "udp" };
  const tcp = await tcpRaw(server, q);
  if (!tcp) throw new Error(`no TCP answer for ${q.name} ${q.type}`);
  return { message: decodeMessage(tcp), transport: "tcp" };
}
