// The UDP/TCP transport against real responders on 127.0.0.1 (ports chosen by the OS).
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { createCachingTransport } from "../../lib/dns/cache";
import { createNetworkTransport, parseResolvConf, parseResolverList } from "../../lib/dns/transport";
import { DnsTransportError, RRType, Rcode, type DnsAttempt, type DnsMessage, type Question, type ResourceRecord } from "../../lib/dns/types";
import { encodeMessage } from "../../lib/dns/wire";
import { parseZoneFile } from "../../lib/dns/zonefile";
import { answerTo, closedUdpPort, startResponder, type Handler, type Responder } from "./responder";

const open: Responder[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

async function responder(handler: Handler): Promise<Responder> {
  const r = await startResponder(handler);
  open.push(r);
  return r;
}

function a(name: string, address: string): ResourceRecord {
  return parseZoneFile(`${name} 60 IN A ${address}`)[0] as ResourceRecord;
}

const Q: Question = { name: "www.example.", type: RRType.A, class: 1 };
const answerA = (query: DnsMessage, address = "192.0.2.1"): DnsMessage => answerTo(query, { answer: [a(query.question[0]!.name, address)] });
const addresses = (m: DnsMessage): string[] => m.answer.map((r) => (r.data.kind === "A" ? r.data.address : "?"));
const server = (r: Responder): { host: string; port: number } => ({ host: "127.0.0.1", port: r.port });

/** The tries a failed query made (its failure must be `unanswered`). */
function attemptsOf(err: DnsTransportError): DnsAttempt[] {
  if (err.failure.kind !== "unanswered") throw new Error(`expected an unanswered query, got ${err.failure.kind}`);
  return err.failure.attempts;
}

async function rejection(p: Promise<unknown>): Promise<DnsTransportError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DnsTransportError) return err;
    throw err;
  }
  throw new Error("expected the query to fail");
}

describe("network transport", () => {
  it("asks with RD, CD, EDNS0 DO and 1232 octets, and returns the answer with where it came from", async () => {
    const r = await responder((q) => [answerA(q)]);
    const t = createNetworkTransport({ servers: [server(r)] });
    const ex = await t.query(Q);
    expect(addresses(ex.message)).toEqual(["192.0.2.1"]);
    expect(ex).toMatchObject({ server: `127.0.0.1:${r.port}`, transport: "udp", question: Q });
    expect(ex.size).toBeGreaterThan(12);
    const sent = r.received[0]!.query;
    expect(sent.flags).toMatchObject({ rd: true, cd: true, qr: false });
    expect(sent.edns).toMatchObject({ dnssecOk: true, udpPayloadSize: 1232 });
  });

  it("uses a different random ID for each query", async () => {
    const r = await responder((q) => [answerA(q)]);
    const t = createNetworkTransport({ servers: [server(r)] });
    for (let k = 0; k < 8; k++) await t.query(Q);
    expect(new Set(r.received.map((x) => x.query.id)).size).toBeGreaterThan(1);
  });

  it("drops an answer with the wrong ID and accepts the right one that follows", async () => {
    const r = await responder((q) => [answerA({ ...q, id: (q.id + 1) & 0xffff }, "198.51.100.66"), answerA(q, "192.0.2.7")]);
    const ex = await createNetworkTransport({ servers: [server(r)], timeoutMs: 1000 }).query(Q);
    expect(addresses(ex.message)).toEqual(["192.0.2.7"]);
  });

  it("accepts the question name in another case (0x20-style), the same name", async () => {
    const r = await responder((q) => [answerA({ ...q, question: [{ ...q.question[0]!, name: "WWW.Example." }] })]);
    const ex = await createNetworkTransport({ servers: [server(r)] }).query(Q);
    expect(ex.message.question[0]?.name).toBe("WWW.Example.");
  });

  it("drops answers for another question and times out saying why", async () => {
    const r = await responder((q) => [
      answerA({ ...q, question: [{ name: "evil.example.", type: RRType.A, class: 1 }] }),
      answerA({ ...q, question: [{ ...q.question[0]!, type: RRType.AAAA }] }),
    ]);
    const err = await rejection(createNetworkTransport({ servers: [server(r)], timeoutMs: 200, attempts: 2 }).query(Q));
    expect(err.kind).toBe("timeout");
    const at = `127.0.0.1:${r.port}`;
    expect(err.failure).toMatchObject({ kind: "unanswered", cause: "timeout", servers: [at], tries: 2, timeoutMs: 200 });
    // Both tries dropped the same two answers: one entry each, counted.
    expect(attemptsOf(err)).toEqual([
      { server: at, transport: "udp", times: 2, problem: "mismatch", mismatch: "question-name", got: "evil.example.", asked: "www.example." },
      { server: at, transport: "udp", times: 2, problem: "mismatch", mismatch: "question-type", got: "AAAA", asked: "A" },
      { server: at, transport: "udp", times: 2, problem: "timeout", ms: 200 },
    ]);
    expect(r.received).toHaveLength(2);
  });

  it("a flood of answers that each differ (a spoofed ID each) leaves a bounded list: the first 23 dropped, counted, and the timeout", async () => {
    const spoofed = 200;
    const r = await responder((q) => Array.from({ length: spoofed }, (_, k) => answerA({ ...q, id: (q.id + 1 + k) & 0xffff })));
    const err = await rejection(createNetworkTransport({ servers: [server(r)], timeoutMs: 400, attempts: 1 }).query(Q));
    expect(err.kind).toBe("timeout");
    const attempts = attemptsOf(err);
    expect(attempts).toHaveLength(24);
    expect(attempts.slice(0, 23).every((e) => e.problem === "mismatch" && e.mismatch === "id" && e.times === 1)).toBe(true);
    expect(new Set(attempts.slice(0, 23).map((e) => (e.problem === "mismatch" ? e.got : ""))).size).toBe(23);
    expect(attempts[23]).toEqual({ server: `127.0.0.1:${r.port}`, transport: "udp", times: 1, problem: "timeout", ms: 400 });
  });

  it("over several tries of floods, the whole query's list stays bounded and still ends with the last try's timeout", async () => {
    // Each try's spoofed IDs differ from the last try's (the query ID is new), so the query meets
    // far more than 24 distinct entries; the one that ended the last try is kept, last.
    const r = await responder((q) => Array.from({ length: 60 }, (_, k) => answerA({ ...q, id: (q.id + 1 + k) & 0xffff })));
    const err = await rejection(createNetworkTransport({ servers: [server(r)], timeoutMs: 300, attempts: 2 }).query(Q));
    expect(err.kind).toBe("timeout");
    const attempts = attemptsOf(err);
    expect(attempts).toHaveLength(24);
    expect(attempts.slice(0, 23).every((e) => e.problem === "mismatch" && e.mismatch === "id")).toBe(true);
    expect(attempts[23]).toMatchObject({ server: `127.0.0.1:${r.port}`, transport: "udp", problem: "timeout", ms: 300 });
  });

  it("the same spoofed answer sent again and again is one entry with its count", async () => {
    const r = await responder((q) => Array.from({ length: 40 }, () => answerA({ ...q, id: (q.id + 1) & 0xffff })));
    const err = await rejection(createNetworkTransport({ servers: [server(r)], timeoutMs: 400, attempts: 1 }).query(Q));
    const attempts = attemptsOf(err);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toMatchObject({ problem: "mismatch", mismatch: "id", times: 40 });
    expect(attempts[1]).toMatchObject({ problem: "timeout", times: 1 });
  });

  it("drops a malformed datagram and reports it when nothing better arrives", async () => {
    const r = await responder(() => [Uint8Array.from([1, 2, 3])]);
    const err = await rejection(createNetworkTransport({ servers: [server(r)], timeoutMs: 150, attempts: 1 }).query(Q));
    expect(err.kind).toBe("malformed");
    expect(attemptsOf(err)[0]).toEqual({ server: `127.0.0.1:${r.port}`, transport: "udp", times: 1, problem: "malformed", wire: "header-short", part: "header", offset: 0, size: 3 });
  });

  it("retries over TCP with its own framing when the UDP answer has TC=1", async () => {
    const many = Array.from({ length: 120 }, (_, k) => a("www.example.", `10.0.${k >> 8}.${k & 255}`));
    const r = await responder((q, via) => [via === "udp" ? answerTo(q, { flags: { ...answerTo(q).flags, tc: true } }) : answerTo(q, { answer: many })]);
    const ex = await createNetworkTransport({ servers: [server(r)] }).query(Q);
    expect(ex.transport).toBe("tcp");
    expect(ex.message.answer).toHaveLength(120);
    expect(ex.size).toBeGreaterThan(1232);
    expect(r.received.map((x) => x.via)).toEqual(["udp", "tcp"]);
  });

  it("retries over TCP when the TC=1 UDP answer is cut mid-record (RFC 2181 §9), without waiting out the timeout", async () => {
    const many = Array.from({ length: 120 }, (_, k) => a("www.example.", `10.0.${k >> 8}.${k & 255}`));
    const r = await responder((q, via) => {
      if (via === "tcp") return [answerTo(q, { answer: many })];
      // The counts still say 120 records; only the first octets of them arrived.
      const whole = encodeMessage(answerTo(q, { answer: many, flags: { ...answerTo(q).flags, tc: true } }), { compress: true });
      return [whole.subarray(0, 512)];
    });
    const t0 = performance.now();
    const ex = await createNetworkTransport({ servers: [server(r)], attempts: 1, timeoutMs: 1500 }).query(Q);
    expect(ex.transport).toBe("tcp");
    expect(ex.message.answer).toHaveLength(120);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r.received.map((x) => x.via)).toEqual(["udp", "tcp"]);
  });

  it("drops a cut-off UDP answer without TC=1 as malformed", async () => {
    const many = Array.from({ length: 60 }, (_, k) => a("www.example.", `10.0.0.${k}`));
    const r = await responder((q) => [encodeMessage(answerTo(q, { answer: many }), { compress: true }).subarray(0, 300)]);
    const err = await rejection(createNetworkTransport({ servers: [server(r)], attempts: 1, timeoutMs: 200 }).query(Q));
    expect(err.kind).toBe("malformed");
    expect(r.received.map((x) => x.via)).toEqual(["udp"]);
  });

  it("refuses a TCP answer larger than maxResponseBytes", async () => {
    const many = Array.from({ length: 50 }, (_, k) => a("www.example.", `10.0.0.${k}`));
    const r = await responder((q, via) => [via === "udp" ? answerTo(q, { flags: { ...answerTo(q).flags, tc: true } }) : answerTo(q, { answer: many })]);
    const err = await rejection(createNetworkTransport({ servers: [server(r)], attempts: 1, maxResponseBytes: 300 }).query(Q));
    expect(err.kind).toBe("oversize");
    expect(attemptsOf(err)).toEqual([{ server: `127.0.0.1:${r.port}`, transport: "tcp", times: 1, problem: "oversize", size: expect.any(Number) as number, limit: 300 }]);
  });

  it("moves on to the second server when the first stays silent", async () => {
    const silent = await responder(() => []);
    const good = await responder((q) => [answerA(q, "192.0.2.2")]);
    const started = performance.now();
    const ex = await createNetworkTransport({ servers: [server(silent), server(good)], timeoutMs: 300 }).query(Q);
    expect(addresses(ex.message)).toEqual(["192.0.2.2"]);
    expect(ex.server).toBe(`127.0.0.1:${good.port}`);
    expect(silent.received).toHaveLength(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("moves on at once when the first server's port is closed (ICMP refused)", async () => {
    const closedPort = await closedUdpPort();
    const good = await responder((q) => [answerA(q, "192.0.2.3")]);
    const started = performance.now();
    const ex = await createNetworkTransport({ servers: [{ host: "127.0.0.1", port: closedPort }, server(good)], timeoutMs: 3000 }).query(Q);
    expect(addresses(ex.message)).toEqual(["192.0.2.3"]);
    expect(performance.now() - started).toBeLessThan(2500);
    const err = await rejection(createNetworkTransport({ servers: [{ host: "127.0.0.1", port: closedPort }], timeoutMs: 3000, attempts: 2 }).query(Q));
    expect(err.kind).toBe("network");
    expect(attemptsOf(err)).toEqual([{ server: `127.0.0.1:${closedPort}`, transport: "udp", times: 2, problem: "network", errno: "ECONNREFUSED" }]);
  });

  it("gives up after the configured tries with a message an admin understands", async () => {
    const silent = await responder(() => []);
    const err = await rejection(createNetworkTransport({ servers: [server(silent)], timeoutMs: 100, attempts: 3 }).query({ name: "example.com.", type: RRType.MX, class: 1 }));
    expect(err.kind).toBe("timeout");
    expect(err.failure).toEqual({
      kind: "unanswered",
      cause: "timeout",
      servers: [`127.0.0.1:${silent.port}`],
      tries: 3,
      timeoutMs: 100,
      attempts: [{ server: `127.0.0.1:${silent.port}`, transport: "udp", times: 3, problem: "timeout", ms: 100 }],
    });
    expect(silent.received).toHaveLength(3);
  });

  it("honours an AbortSignal long before the timeout", async () => {
    const silent = await responder(() => []);
    const t = createNetworkTransport({ servers: [server(silent)], timeoutMs: 5000 });
    const started = performance.now();
    const err = await rejection(t.query(Q, { signal: AbortSignal.timeout(100) }));
    expect(err.kind).toBe("aborted");
    expect(performance.now() - started).toBeLessThan(2000);
    const already = new AbortController();
    already.abort();
    expect((await rejection(t.query(Q, { signal: already.signal }))).kind).toBe("aborted");
  });

  it("many queries in flight on one run's signal hold one abort listener, and the abort still cancels each", async () => {
    const silent = await responder(() => []);
    const t = createNetworkTransport({ servers: [server(silent)], attempts: 1, timeoutMs: 5000 });
    const controller = new AbortController();
    const pending = Array.from({ length: 20 }, (_, k) => rejection(t.query({ ...Q, name: `n${k}.example.` }, { signal: controller.signal })));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    const started = performance.now();
    controller.abort();
    const errors = await Promise.all(pending);
    expect(errors.map((e) => e.kind)).toEqual(Array.from({ length: 20 }, () => "aborted"));
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("returns SERVFAIL and NXDOMAIN as answers, not errors", async () => {
    const r = await responder((q) => [answerTo(q, { rcode: q.question[0]!.name.startsWith("nx") ? Rcode.NXDOMAIN : Rcode.SERVFAIL })]);
    const t = createNetworkTransport({ servers: [server(r)] });
    expect((await t.query(Q)).message.rcode).toBe(Rcode.SERVFAIL);
    expect((await t.query({ ...Q, name: "nx.example." })).message.rcode).toBe(Rcode.NXDOMAIN);
  });
});

/** UDP sockets this process holds open, after waiting (bounded) for closed ones to go. */
async function udpSocketsSettled(atMost: number): Promise<number> {
  const count = () => process.getActiveResourcesInfo().filter((r) => r === "UDPWrap").length;
  for (let k = 0; k < 50 && count() > atMost; k++) await new Promise((resolve) => setTimeout(resolve, 20));
  return count();
}

describe("UDP sockets shared by the questions in flight together", () => {
  const names = ["a.example.", "b.example.", "c.example.", "d.example.", "e.example.", "f.example."];
  const addressOf = (name: string) => `192.0.2.${names.indexOf(name) + 10}`;

  it("questions sent together share one socket, each takes the answer with its ID, and the socket closes after", async () => {
    const before = await udpSocketsSettled(Infinity);
    const seen: DnsMessage[] = [];
    // Silent until every question has arrived, then all answers at once, last question first, to
    // the port the last one came from: only a shared socket hears the earlier questions' answers.
    const r = await responder((q) => {
      seen.push(q);
      return seen.length < names.length ? [] : [...seen].reverse().map((m) => answerA(m, addressOf(m.question[0]!.name)));
    });
    const t = createNetworkTransport({ servers: [server(r)], timeoutMs: 2000, attempts: 1 });
    const answers = await Promise.all(names.map((name) => t.query({ ...Q, name })));
    expect(answers.map((ex) => addresses(ex.message)[0])).toEqual(names.map(addressOf));
    expect(new Set(r.received.map((x) => x.fromPort)).size).toBe(1);
    expect(await udpSocketsSettled(before)).toBeLessThanOrEqual(before);
    // The next burst opens a socket of its own.
    seen.length = 0;
    await Promise.all(names.map((name) => t.query({ ...Q, name })));
    expect(new Set(r.received.map((x) => x.fromPort)).size).toBe(2);
  });

  it("an answer whose ID no question has is dropped by each, and named when they time out", async () => {
    const r = await responder((q) => [answerA({ ...q, id: (q.id + 7) & 0xffff })]);
    const t = createNetworkTransport({ servers: [server(r)], timeoutMs: 200, attempts: 1 });
    const errors = await Promise.all(["a.example.", "b.example."].map((name) => rejection(t.query({ ...Q, name }))));
    for (const err of errors) {
      expect(err.kind).toBe("timeout");
      expect(attemptsOf(err)[0]).toMatchObject({ problem: "mismatch", mismatch: "id" });
    }
  });

  it("a refused port ends every question on the socket at once, and each moves on to the next server", async () => {
    const closedPort = await closedUdpPort();
    const good = await responder((q) => [answerA(q, addressOf(q.question[0]!.name))]);
    const t = createNetworkTransport({ servers: [{ host: "127.0.0.1", port: closedPort }, server(good)], timeoutMs: 3000 });
    const started = performance.now();
    const answers = await Promise.all(names.map((name) => t.query({ ...Q, name })));
    expect(answers.map((ex) => addresses(ex.message)[0])).toEqual(names.map(addressOf));
    expect(answers.every((ex) => ex.server === `127.0.0.1:${good.port}`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(2500);
  });
});

describe("network transport with several resolvers", () => {
  it("moves on to the next resolver when one answers REFUSED or SERVFAIL", async () => {
    const refusing = await responder((q) => [answerTo(q, { rcode: Rcode.REFUSED })]);
    const good = await responder((q) => [answerA(q)]);
    const t = createNetworkTransport({ servers: [server(refusing), server(good)], attempts: 2 });
    const ex = await t.query(Q);
    expect(ex.message.rcode).toBe(Rcode.NOERROR);
    expect(ex.server).toBe(`127.0.0.1:${good.port}`);
    expect(addresses(ex.message)).toEqual(["192.0.2.1"]);
  });

  it("returns the last refusal when no resolver does better, rather than an error", async () => {
    const failing = await responder((q) => [answerTo(q, { rcode: Rcode.SERVFAIL })]);
    const silent = await responder(() => []);
    const t = createNetworkTransport({ servers: [server(failing), server(silent)], attempts: 2, timeoutMs: 100 });
    const ex = await t.query(Q);
    expect(ex.message.rcode).toBe(Rcode.SERVFAIL);
    expect(ex.server).toBe(`127.0.0.1:${failing.port}`);
    expect(silent.received).toHaveLength(1);
  });
});

describe("per-run cache", () => {
  it("shares one in-flight query among concurrent identical questions (any case)", async () => {
    const r = await responder((q) => [answerA(q)]);
    const t = createCachingTransport(createNetworkTransport({ servers: [server(r)] }), { maxQueries: 10 });
    const names = ["www.example.", "WWW.example.", "www.EXAMPLE.", "www.example", "Www.Example."];
    const results = await Promise.all(names.map((name) => t.query({ ...Q, name })));
    expect(new Set(results).size).toBe(1);
    expect(r.received).toHaveLength(1);
    await t.query(Q);
    expect(r.received).toHaveLength(1);
    expect(t.stats()).toEqual({ queries: 1, cacheHits: 5 });
    await t.query({ ...Q, type: RRType.AAAA });
    expect(r.received).toHaveLength(2);
  });

  it("stops a run that asks more distinct questions than its budget", async () => {
    const r = await responder((q) => [answerA(q)]);
    const t = createCachingTransport(createNetworkTransport({ servers: [server(r)] }), { maxQueries: 2 });
    await t.query({ ...Q, name: "a.example." });
    await t.query({ ...Q, name: "b.example." });
    const err = await rejection(t.query({ ...Q, name: "c.example." }));
    expect(err.kind).toBe("budget");
    expect(err.failure).toEqual({ kind: "budget", queries: 2 });
    expect(r.received).toHaveLength(2);
    // Cached questions are still answered after the budget is spent.
    await expect(t.query({ ...Q, name: "a.example." })).resolves.toBeTruthy();
  });

  it("forgets an aborted query so the question can be asked again", async () => {
    let answer = false;
    const r = await responder((q) => (answer ? [answerA(q)] : []));
    const t = createCachingTransport(createNetworkTransport({ servers: [server(r)], timeoutMs: 2000 }), { maxQueries: 5 });
    expect((await rejection(t.query(Q, { signal: AbortSignal.timeout(50) }))).kind).toBe("aborted");
    answer = true;
    const ex = await t.query(Q);
    expect(addresses(ex.message)).toEqual(["192.0.2.1"]);
  });
});

describe("resolver lists", () => {
  it("parses IPv4, bracketed IPv6 with ports and bare addresses with port 53", () => {
    expect(parseResolverList("127.0.0.1:5353,[::1]:53,10.0.0.1, ::1 ,[fe80::1]")).toEqual([
      { host: "127.0.0.1", port: 5353 },
      { host: "::1", port: 53 },
      { host: "10.0.0.1", port: 53 },
      { host: "::1", port: 53 },
      { host: "fe80::1", port: 53 },
    ]);
  });

  it("rejects names, bad ports and empty lists", () => {
    expect(() => parseResolverList("dns.google")).toThrow(/not an IP address/);
    expect(() => parseResolverList("127.0.0.1:0")).toThrow(/invalid port/);
    expect(() => parseResolverList("127.0.0.1:99999")).toThrow(/invalid port/);
    expect(() => parseResolverList(" , ")).toThrow(/no resolver/);
  });

  it("reads nameserver lines from resolv.conf text, defaulting to the local resolver", () => {
    expect(parseResolvConf("# comment\nsearch example\nnameserver 192.0.2.53\nnameserver 2001:db8::53\noptions edns0\n")).toEqual([
      { host: "192.0.2.53", port: 53 },
      { host: "2001:db8::53", port: 53 },
    ]);
    expect(parseResolvConf("search example\n")).toEqual([{ host: "127.0.0.1", port: 53 }]);
  });
});
