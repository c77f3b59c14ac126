// The lab DNS server's memo of encoded answers (lib/lab/dns-server.ts) and its UDP buffers, over
// real sockets: a memoised answer is byte for byte what dns-packet writes afresh for that query,
// under the query's own ID; the DO bit, the payload size and the transport each get their own
// answer; a faulted name is never memoised (each query meets its fault again); a new zone set is
// served from its own zones; a burst of queries sent at once is queued by the kernel, not dropped.
import dgram from "node:dgram";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RRClass, RRType, type DnsMessage, type RRTypeName } from "../../lib/dns/types";
import { buildQuery, decodeMessage } from "../../lib/dns/wire";
import { scenarios } from "../../lib/lab/catalog";
import { LabResolver, replyFor, startDnsServer, type DnsServerHandle } from "../../lib/lab/dns-server";
import { loadLabZones, type LoadedZone } from "../../lib/lab/zone-files";
import { tcpRaw, udpRaw, type RawQuery } from "./raw-dns";

const faults = scenarios.flatMap((s) => s.faults);
let zones: LoadedZone[];
let dns: DnsServerHandle;

beforeAll(async () => {
  zones = loadLabZones();
  dns = await startDnsServer({ host: "127.0.0.1", port: 0, zones, faults });
});

afterAll(async () => {
  await dns?.close();
});

const rawQuery = (q: RawQuery) =>
  buildQuery({ name: q.name, type: RRType[q.type], class: RRClass.IN }, { id: q.id ?? 0x1234, dnssecOk: q.dnssecOk ?? true, udpPayloadSize: q.udpPayloadSize ?? 1232 });

/** What the server would send for these query bytes with nothing memoised: a fresh resolver's dns-packet encoding. */
function afresh(q: RawQuery, transport: "udp" | "tcp"): Uint8Array | null {
  return replyFor(new LabResolver(zones, faults), rawQuery(q), transport).reply;
}

const idOf = (bytes: Uint8Array) => ((bytes[0] as number) << 8) | (bytes[1] as number);
const sigs = (m: DnsMessage) => m.answer.filter((r) => r.type === RRType.RRSIG).length;

async function udp(q: RawQuery): Promise<Uint8Array> {
  const bytes = await udpRaw(dns, q);
  if (!bytes) throw new Error(`no UDP answer for ${q.name} ${q.type}`);
  return bytes;
}

async function tcp(q: RawQuery): Promise<Uint8Array> {
  const bytes = await tcpRaw(dns, q);
  if (!bytes) throw new Error(`no TCP answer for ${q.name} ${q.type}`);
  return bytes;
}

describe("the answer memo", () => {
  it("answers a repeated question from the memo with what dns-packet writes afresh, under each query's own ID", async () => {
    const dane = scenarios.filter((s) => s.category === "dane" && s.faults.length === 0).slice(0, 6);
    const questions: { name: string; type: RRTypeName }[] = [
      { name: ".", type: "DNSKEY" },
      { name: "test.", type: "DS" },
      { name: "no-such-name.test.", type: "A" },
      ...dane.flatMap((s) => [
        { name: s.domain, type: "MX" as const },
        { name: `_25._tcp.${s.mx[0]?.host ?? s.domain}`, type: "TLSA" as const },
      ]),
    ];
    for (const [i, q] of questions.entries()) {
      const first = { ...q, id: 0x1000 + i };
      const second = { ...q, id: 0x2000 + i };
      const hitsBefore = dns.stats().memoHits;
      const a = await udp(first);
      const b = await udp(second);
      expect(dns.stats().memoHits - hitsBefore, `${q.name} ${q.type}`).toBeGreaterThanOrEqual(1);
      expect(idOf(a)).toBe(first.id);
      expect(idOf(b)).toBe(second.id);
      expect(Buffer.from(b)).toEqual(Buffer.from(afresh(second, "udp") ?? []));
      expect(Buffer.from(a.subarray(2))).toEqual(Buffer.from(b.subarray(2)));
    }
  });

  it("keeps the DO bit, the payload size and the transport apart", async () => {
    // RSA keys and signatures: ~900 octets with DO, more than 512 and less than 1232.
    const zone = "alg-8.test.";
    const withDo: RawQuery = { name: zone, type: "DNSKEY", dnssecOk: true };
    const withoutDo: RawQuery = { name: zone, type: "DNSKEY", dnssecOk: false };
    const small: RawQuery = { name: zone, type: "DNSKEY", dnssecOk: true, udpPayloadSize: 512 };
    // Twice around, so the second round is all memo hits, in an order that would mix them up if they shared a key.
    const hitsBefore = dns.stats().memoHits;
    for (let round = 0; round < 2; round++) {
      const signed = decodeMessage(await udp(withDo));
      const bare = decodeMessage(await udp(withoutDo));
      const truncated = decodeMessage(await udp(small));
      const overTcp = decodeMessage(await tcp(small));
      expect(sigs(signed)).toBeGreaterThan(0);
      expect(signed.flags.tc).toBe(false);
      expect(bare.answer.length).toBeGreaterThan(0);
      expect(sigs(bare)).toBe(0);
      expect(truncated.flags.tc).toBe(true);
      expect(truncated.answer).toHaveLength(0);
      expect(overTcp.flags.tc).toBe(false);
      expect(overTcp.answer).toEqual(signed.answer);
    }
    expect(dns.stats().memoHits - hitsBefore).toBeGreaterThanOrEqual(4);
  });

  it("never memoises a faulted name: every query meets its fault again", async () => {
    const named = (fault: string) => {
      const f = faults.find((x) => x.fault === fault && x.type);
      if (!f?.type) throw new Error(`no catalog fault ${fault} with a type`);
      return { name: f.name, type: f.type, delayMs: f.delayMs ?? 0 };
    };
    const truncate = named("truncate");
    const drop = named("drop");
    const delay = faults.find((x) => x.fault === "delay" && (x.delayMs ?? 0) >= 100);
    if (!delay) throw new Error("no catalog delay fault of 100 ms or more");
    const hitsBefore = dns.stats().memoHits;
    for (let round = 0; round < 2; round++) {
      const cut = decodeMessage(await udp(truncate));
      expect(cut.flags.tc).toBe(true);
      expect(decodeMessage(await tcp(truncate)).answer.length).toBeGreaterThan(0);
      expect(await udpRaw(dns, { ...drop, timeoutMs: 400 })).toBeNull();
      const t0 = performance.now();
      await udp({ name: delay.name, type: delay.type ?? "A" });
      expect(performance.now() - t0).toBeGreaterThanOrEqual((delay.delayMs ?? 0) - 20);
    }
    expect(dns.stats().memoHits - hitsBefore).toBe(0);
  });

  it("serves a new zone set from its own zones, not from another server's memo", async () => {
    const other = loadLabZones("csk");
    const keysOf = (set: LoadedZone[]) =>
      set
        .find((z) => z.origin === ".")
        ?.records.filter((r) => r.type === RRType.DNSKEY)
        .map((r) => Buffer.from(r.rdata).toString("hex"))
        .sort();
    expect(keysOf(other)).not.toEqual(keysOf(zones));
    const second = await startDnsServer({ host: "127.0.0.1", port: 0, zones: other });
    try {
      const q: RawQuery = { name: ".", type: "DNSKEY", dnssecOk: false };
      for (let round = 0; round < 2; round++) {
        const here = decodeMessage(await udp(q));
        const there = decodeMessage((await udpRaw(second, q)) ?? new Uint8Array(0));
        const served = (m: DnsMessage) => m.answer.map((r) => Buffer.from(r.rdata).toString("hex")).sort();
        expect(served(here)).toEqual(keysOf(zones));
        expect(served(there)).toEqual(keysOf(other));
      }
      expect(second.stats().memoHits).toBe(1);
    } finally {
      await second.close();
    }
  });
});

describe("the UDP socket", () => {
  const requested = 4 * 1024 * 1024;
  const rmemMax = Number(readFileSync("/proc/sys/net/core/rmem_max", "utf8").trim());

  it("asks the kernel for 4 MiB buffers, granted up to net.core.rmem_max / wmem_max", () => {
    const wmemMax = Number(readFileSync("/proc/sys/net/core/wmem_max", "utf8").trim());
    const { receive, send } = dns.udpBufferBytes();
    // Linux reports twice what it granted; it grants the request capped at the maximum.
    expect(receive).toBe(2 * Math.min(requested, rmemMax));
    expect(send).toBe(2 * Math.min(requested, wmemMax));
  });

  it("queues a burst of 1000 queries sent at once and answers every one", async () => {
    // ~830 octets of kernel accounting per queued query: 1000 need ~0.8 MiB, four times the default buffer.
    expect(Math.min(requested, rmemMax), "net.core.rmem_max is too small for the lab's bursts").toBeGreaterThanOrEqual(1024 * 1024);
    const count = 1000;
    const client = dgram.createSocket({ type: "udp4", recvBufferSize: requested });
    await new Promise<void>((resolve) => client.bind(0, "127.0.0.1", () => resolve()));
    const answered = new Set<number>();
    const all = new Promise<void>((resolve) => {
      client.on("message", (msg) => {
        answered.add(msg.readUInt16BE(0));
        if (answered.size === count) resolve();
      });
    });
    const names = scenarios.filter((s) => s.category === "dane" && s.faults.length === 0).map((s) => s.domain);
    try {
      for (let id = 0; id < count; id++) client.send(rawQuery({ name: names[id % names.length] ?? ".", type: "MX", id }), dns.port, "127.0.0.1");
      await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    } finally {
      client.close();
    }
    expect(answered.size).toBe(count);
  });
});
