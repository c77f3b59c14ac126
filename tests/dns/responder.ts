// A tiny DNS responder for the transport tests: UDP and TCP on the same loopback port (chosen by
// the OS), answering through encodeMessage whatever the test's handler returns, and recording
// every query it received.
import dgram from "node:dgram";
import net from "node:net";
import type { DnsMessage } from "../../lib/dns/types";
import { decodeMessage, encodeMessage } from "../../lib/dns/wire";

export interface Received {
  via: "udp" | "tcp";
  query: DnsMessage;
  /** The asker's source port (UDP). */
  fromPort?: number;
}

/** Returns the messages (or raw bytes) to send back, in order; [] stays silent. */
export type Handler = (query: DnsMessage, via: "udp" | "tcp") => Array<DnsMessage | Uint8Array>;

export interface Responder {
  port: number;
  received: Received[];
  close(): Promise<void>;
}

function encode(m: DnsMessage | Uint8Array): Uint8Array {
  return m instanceof Uint8Array ? m : encodeMessage(m, { compress: true });
}

/** Binds UDP on an OS-chosen port, then TCP on the same number; retries if TCP's is taken. */
async function bindPair(tcp: net.Server): Promise<{ udp: dgram.Socket; port: number }> {
  for (let tries = 0; tries < 20; tries++) {
    const udp = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => udp.bind(0, "127.0.0.1", resolve));
    const port = udp.address().port;
    const ok = await new Promise<boolean>((resolve) => {
      const onError = (): void => resolve(false);
      tcp.once("error", onError);
      tcp.listen(port, "127.0.0.1", () => {
        tcp.off("error", onError);
        resolve(true);
      });
    });
    if (ok) return { udp, port };
    await new Promise<void>((resolve) => udp.close(() => resolve()));
  }
  throw new Error("could not bind UDP and TCP on one loopback port");
}

export async function startResponder(handler: Handler): Promise<Responder> {
  const received: Received[] = [];
  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((sock) => {
    sockets.add(sock);
    sock.on("close", () => sockets.delete(sock));
    sock.on("error", () => sock.destroy());
    let buf = Buffer.alloc(0);
    sock.on("data", (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const len = buf.readUInt16BE(0);
        const query = decodeMessage(new Uint8Array(buf.subarray(2, 2 + len)));
        buf = buf.subarray(2 + len);
        received.push({ via: "tcp", query });
        for (const out of handler(query, "tcp")) {
          const bytes = encode(out);
          const framed = Buffer.alloc(2 + bytes.length);
          framed.writeUInt16BE(bytes.length, 0);
          framed.set(bytes, 2);
          sock.write(framed);
        }
      }
    });
  });
  const { udp, port } = await bindPair(tcp);
  udp.on("message", (msg, rinfo) => {
    const query = decodeMessage(new Uint8Array(msg));
    received.push({ via: "udp", query, fromPort: rinfo.port });
    for (const out of handler(query, "udp")) udp.send(encode(out), rinfo.port, rinfo.address);
  });
  return {
    port,
    received,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([
        new Promise<void>((resolve) => tcp.close(() => resolve())),
        new Promise<void>((resolve) => udp.close(() => resolve())),
      ]);
    },
  };
}

/** A response to `query` carrying `answer` (by default one A record) and the given flags/rcode. */
export function answerTo(query: DnsMessage, patch: Partial<DnsMessage> = {}): DnsMessage {
  return {
    id: query.id,
    opcode: 0,
    rcode: 0,
    flags: { qr: true, aa: false, tc: false, rd: true, ra: true, ad: false, cd: query.flags.cd },
    question: query.question,
    answer: [],
    authority: [],
    additional: [],
    edns: { udpPayloadSize: 1232, dnssecOk: true, extendedRcode: 0, version: 0 },
    ...patch,
  };
}

/** A loopback UDP port nothing listens on (bound, then closed): a datagram to it draws ICMP port unreachable. */
export function closedUdpPort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const s = dgram.createSocket("udp4");
    s.bind(0, "127.0.0.1", () => {
      const port = s.address().port;
      s.close(() => resolve(port));
    });
  });
}
