// probeSmtp against real SMTP servers (lib/lab/smtp-server.ts) on 127.0.0.1, ephemeral ports.
import net from "node:net";
import type { SecureVersion } from "node:tls";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer, type SmtpBehaviour, type SmtpServerHandle } from "../../lib/lab/smtp-server";
import { probeSmtp, type SmtpProbeOptions, type SmtpProbeResult } from "../../lib/smtp";
import { makeTestPki, type TestPki } from "./test-pki";

const MX = "mx1.probe.test";
const TIMEOUTS = { connectMs: 500, readMs: 400, tlsMs: 600, totalMs: 3000, greetingMs: 400 };
/** Slack for scheduling on a busy 2-core machine, on top of the configured bound. */
const SLACK_MS = 400;

let pki: TestPki;
const running: SmtpServerHandle[] = [];
const rawServers: { server: net.Server; sockets: Set<net.Socket> }[] = [];

function closeRaw(raw: { server: net.Server; sockets: Set<net.Socket> }): Promise<void> {
  for (const socket of raw.sockets) socket.destroy();
  return new Promise<void>((resolve) => raw.server.close(() => resolve()));
}

beforeAll(async () => {
  pki = await makeTestPki(MX);
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
  await Promise.all(rawServers.splice(0).map(closeRaw));
});
afterAll(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function lab(behaviour: SmtpBehaviour, delayMs?: number, tlsMaxVersion?: SecureVersion): Promise<SmtpServerHandle> {
  const server = await startSmtpServer({
    host: "127.0.0.1",
    port: 0,
    hostname: MX,
    behaviour,
    tls: { keyPem: pki.keyPem, chainPem: pki.chainPem },
    ...(delayMs !== undefined ? { delayMs } : {}),
    ...(tlsMaxVersion !== undefined ? { tlsMaxVersion } : {}),
  });
  running.push(server);
  return server;
}

/** A bare TCP server that writes `script` to each client, then optionally hangs up. */
async function scripted(script: string, hangUp: boolean): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    socket.write(script);
    if (hangUp) socket.end();
  });
  rawServers.push({ server, sockets });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

function probe(port: number, extra: Partial<SmtpProbeOptions> = {}): Promise<SmtpProbeResult> {
  return probeSmtp({ ip: "127.0.0.1", port, mxHost: MX, heloName: "probe.mailsec.test", allowPrivate: true, timeouts: TIMEOUTS, ...extra });
}

describe("probeSmtp, normal server", () => {
  it("captures exactly the sent chain (leaf + intermediate, no root), TLS version and cipher", async () => {
    const server = await lab("normal");
    const r = await probe(server.port);
    expect(r.error).toBeNull();
    expect(r.connected).toBe(true);
    expect(r.banner).toEqual({ code: 220, lines: [`${MX} ESMTP mailsec lab`] });
    expect(r.ehlo?.extensions).toEqual(["PIPELINING", "SIZE 10240000", "8BITMIME", "STARTTLS", "ENHANCEDSTATUSCODES"]);
    expect(r.starttls).toEqual({ offered: true, accepted: true, reply: { code: 220, lines: ["2.0.0 Ready to start TLS"] } });
    expect(r.tls?.version).toBe("TLSv1.3");
    expect(r.tls?.cipher.standardName).toMatch(/^TLS_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)$/);
    expect(r.tls?.sni).toBe(MX);
    const chain = (r.tls?.chainDer ?? []).map((d) => Buffer.from(d).toString("hex"));
    expect(chain).toEqual([pki.leaf, pki.intermediate].map((c) => Buffer.from(c.rawData).toString("hex")));
    expect(chain).not.toContain(Buffer.from(pki.root.rawData).toString("hex"));
    // Over TLS the server no longer advertises STARTTLS: proof the second EHLO ran inside TLS.
    expect(r.ehloTls?.extensions).not.toContain("STARTTLS");
    expect(r.quit?.code).toBe(221);
    expect(r.transcript.filter((t) => t.dir === "C").map((t) => t.text)).toEqual([
      "EHLO probe.mailsec.test",
      "STARTTLS",
      "EHLO probe.mailsec.test",
      "QUIT",
    ]);
  });

  it("never reuses a TLS session: a second probe gets the full chain again", async () => {
    const server = await lab("normal");
    const first = await probe(server.port);
    const second = await probe(server.port);
    expect(first.tls?.chainDer).toHaveLength(2);
    expect(second.tls?.chainDer).toHaveLength(2);
  });

  for (const version of ["TLSv1", "TLSv1.1", "TLSv1.2"] as const) {
    it(`still captures an old server that stops at ${version}`, async () => {
      const server = await lab("normal", undefined, version);
      const r = await probe(server.port);
      expect(r.error).toBeNull();
      expect(r.tls?.version).toBe(version);
      expect(r.tls?.chainDer).toHaveLength(2);
    });
  }

  it("delivers the envelope and the message over TLS when asked", async () => {
    const server = await lab("normal");
    const r = await probe(server.port, { envelope: { from: "probe@mailsec.test", to: "postmaster@probe.test", data: "Subject: mailsec test\n\n.leading dot\n" } });
    expect(r.error).toBeNull();
    expect(r.envelope).toMatchObject({ mail: { code: 250 }, rcpt: { code: 250 }, data: { code: 354 }, message: { code: 250 } });
  });

  it("stops after RCPT TO when no message is given", async () => {
    const server = await lab("normal");
    const r = await probe(server.port, { envelope: { from: "probe@mailsec.test", to: "postmaster@probe.test" } });
    expect(r.envelope).toMatchObject({ rcpt: { code: 250 }, data: null, message: null });
    expect(r.transcript.some((t) => t.text === "DATA")).toBe(false);
  });

  it("reports a rejected recipient in the envelope without calling it a failure of the probe", async () => {
    const server = await lab("reject-rcpt");
    const r = await probe(server.port, { envelope: { from: "probe@mailsec.test", to: "nobody@probe.test", data: "x" } });
    expect(r.error).toBeNull();
    expect(r.envelope?.rcpt).toEqual({ code: 550, lines: ["5.1.1 Recipient address rejected: user unknown"] });
    expect(r.envelope?.data).toBeNull();
    expect(r.quit?.code).toBe(221);
  });

  it("refuses an envelope address that would smuggle a command", async () => {
    await expect(probe(1, { envelope: { from: "a@b.test>\r\nRCPT TO:<x@y.test", to: "c@d.test" } })).rejects.toThrow(TypeError);
  });

  it("waits out a slow banner that arrives within the read timeout", async () => {
    const server = await lab("slow-banner", 150);
    const r = await probe(server.port);
    expect(r.error).toBeNull();
    expect(r.transcript.find((t) => t.dir === "S")?.atMs).toBeGreaterThanOrEqual(140);
  });
});

describe("probeSmtp, each failure gives its kind and message within the bounds", () => {
  // The problem is data (lib/smtp SmtpProblem): lib/report/i18n words it (tests/i18n/smtp-problem.test.ts).
  const ms = expect.any(Number);
  const cases: { behaviour: SmtpBehaviour; delayMs?: number; kind: string; problem: Record<string, unknown>; bound: number }[] = [
    { behaviour: "no-starttls", kind: "starttls-not-offered", problem: { reason: "not-offered", stage: "ehlo" }, bound: TIMEOUTS.readMs },
    { behaviour: "starttls-refused", kind: "starttls-refused", problem: { reason: "rejected", stage: "starttls", code: 454, text: expect.stringMatching(/^454 4\.7\.0 TLS not available/) }, bound: TIMEOUTS.readMs },
    { behaviour: "tls-handshake-fail", kind: "tls-handshake-failed", problem: { reason: "tls-alert", stage: "tls", ms, code: 40, text: "handshake_failure" }, bound: TIMEOUTS.tlsMs },
    { behaviour: "drop-mid-handshake", kind: "tls-handshake-failed", problem: { reason: "tls-closed", stage: "tls", ms }, bound: TIMEOUTS.tlsMs },
    { behaviour: "slow-banner", delayMs: 2000, kind: "no-banner", problem: { reason: "no-banner", stage: "banner", ms: 400 }, bound: TIMEOUTS.readMs },
    { behaviour: "no-banner", kind: "no-banner", problem: { reason: "no-banner", stage: "banner", ms: 400 }, bound: TIMEOUTS.readMs },
    { behaviour: "drip", kind: "read-timeout", problem: { reason: "read-timeout", stage: "banner", ms: 400, bytes: 1 }, bound: TIMEOUTS.readMs },
    { behaviour: "endless-lines", kind: "too-many-lines", problem: { reason: "too-many-lines", stage: "banner", limit: 100 }, bound: TIMEOUTS.readMs },
    { behaviour: "huge-banner", kind: "line-too-long", problem: { reason: "line-too-long", stage: "banner", limit: 2048 }, bound: TIMEOUTS.readMs },
    { behaviour: "starttls-injection", kind: "starttls-injection", problem: { reason: "injection", stage: "starttls", bytes: expect.any(Number) }, bound: TIMEOUTS.readMs },
  ];
  for (const c of cases) {
    it(`${c.behaviour} -> ${c.kind}`, async () => {
      const server = await lab(c.behaviour, c.delayMs);
      const r = await probe(server.port);
      expect(r.error?.kind).toBe(c.kind);
      expect(r.error?.problem).toMatchObject(c.problem);
      expect(r.elapsedMs).toBeLessThan(c.bound + SLACK_MS);
      expect(r.connected).toBe(true);
    });
  }

  it("huge-banner and endless-lines: reading stops near the limits, far below what the server sends", async () => {
    for (const behaviour of ["huge-banner", "endless-lines"] as const) {
      const server = await lab(behaviour);
      const r = await probe(server.port);
      // One socket read (64 KiB) past the limit at most, against a 10 MB / endless stream.
      expect(r.bytesReceived).toBeGreaterThan(2048);
      expect(r.bytesReceived).toBeLessThan(200 * 1024);
      expect(r.transcript.length).toBeLessThan(20);
    }
  });

  it("STARTTLS injection: no TLS is attempted and the injected text is not taken as a reply", async () => {
    const server = await lab("starttls-injection");
    const r = await probe(server.port);
    expect(r.starttls.accepted).toBe(true);
    expect(r.tls).toBeNull();
    expect(r.transcript.some((t) => t.text.includes("injected"))).toBe(false);
  });

  it("a chain longer than the limit is cut and reported", async () => {
    const server = await lab("normal");
    const r = await probe(server.port, { limits: { maxChainCerts: 1 } });
    expect(r.error).toEqual({ kind: "chain-too-long", problem: { reason: "chain-certs", stage: "tls", limit: 1 } });
    expect(r.tls?.chainDer).toHaveLength(1);
    expect(r.quit?.code).toBe(221);
  });

  it("a server that sends more than the per-connection byte budget is cut", async () => {
    const server = await lab("normal");
    const r = await probe(server.port, { limits: { maxBytesPerConnection: 100 } });
    expect(r.error?.kind).toBe("protocol-error");
    expect(r.error?.problem).toEqual({ reason: "too-much-data", stage: "ehlo", limit: 100 });
  });

  it("a 554 greeting is banner-rejected, then QUIT", async () => {
    const port = await scripted("554 5.7.1 No SMTP service here\r\n221 bye\r\n", false);
    const r = await probe(port);
    expect(r.error).toEqual({ kind: "banner-rejected", problem: { reason: "rejected", stage: "banner", code: 554, text: "554 5.7.1 No SMTP service here" } });
    expect(r.quit?.code).toBe(221);
  });

  it("a server that hangs up after the banner gives connection-closed", async () => {
    const port = await scripted("220 bye soon\r\n", true);
    const r = await probe(port);
    expect(r.error?.kind).toBe("connection-closed");
    expect(r.error?.problem).toMatchObject({ reason: "closed", stage: "ehlo", ms: expect.any(Number) });
  });

  it("a non-SMTP peer is a protocol error", async () => {
    const port = await scripted("SSH-2.0-OpenSSH_9.2\r\n", false);
    const r = await probe(port);
    expect(r.error?.kind).toBe("protocol-error");
    expect(r.error?.problem).toEqual({ reason: "not-a-reply", stage: "banner", text: "SSH-2.0-OpenSSH_9.2" });
  });

  it("EHLO rejected with 5xx falls back to HELO, which rules STARTTLS out", async () => {
    const port = await scripted("220 old\r\n502 5.5.1 EHLO not understood\r\n250 old.example\r\n221 bye\r\n", false);
    const r = await probe(port);
    expect(r.ehlo).toEqual({ reply: { code: 250, lines: ["old.example"] }, extensions: [], usedHelo: true });
    expect(r.error?.kind).toBe("starttls-not-offered");
    expect(r.error?.problem).toEqual({ reason: "helo-only", stage: "ehlo" });
  });

  it("nothing listening gives connect-refused", async () => {
    const port = await scripted("", false);
    await Promise.all(rawServers.splice(0).map(closeRaw));
    const r = await probe(port);
    expect(r.connected).toBe(false);
    expect(r.error?.kind).toBe("connect-refused");
    expect(r.error?.problem).toEqual({ reason: "connect-refused", stage: "connect", code: "ECONNREFUSED" });
  });

  it("the total budget cuts a probe whose single reads are within bounds", async () => {
    const server = await lab("no-banner");
    const r = await probe(server.port, { timeouts: { ...TIMEOUTS, readMs: 5000, totalMs: 300 } });
    expect(r.error?.kind).toBe("total-timeout");
    expect(r.elapsedMs).toBeLessThan(300 + SLACK_MS);
  });

  it("the caller's abort signal ends the probe", async () => {
    const server = await lab("no-banner");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const r = await probe(server.port, { signal: controller.signal, timeouts: { ...TIMEOUTS, readMs: 5000 } });
    expect(r.error?.kind).toBe("aborted");
    expect(r.elapsedMs).toBeLessThan(100 + SLACK_MS);
  });
});

describe("probeSmtp releases its sockets", () => {
  const openSockets = () => process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap" || r === "TLSWrap").length;
  async function socketsDrain(): Promise<number> {
    const end = Date.now() + 1000;
    while (openSockets() > 0 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
    return openSockets();
  }

  // Each lab server keeps its side open for as long as the client does (no-banner, drip and
  // endless-lines never hang up), so a socket the probe forgot shows up as two open handles.
  for (const behaviour of ["normal", "no-banner", "drip", "endless-lines", "huge-banner", "tls-handshake-fail", "drop-mid-handshake", "starttls-injection", "no-starttls"] as const) {
    it(`after ${behaviour}`, async () => {
      // Sockets of earlier tests close asynchronously: start from none.
      expect(await socketsDrain()).toBe(0);
      const server = await lab(behaviour);
      const r = await probe(server.port, { timeouts: { ...TIMEOUTS, readMs: 200 } });
      expect(r.connected).toBe(true);
      expect(await socketsDrain()).toBe(0);
    });
  }
});

describe("probeSmtp and the SSRF guard", () => {
  it("refuses 127.0.0.1 without allowPrivate and never opens a socket", async () => {
    const server = await lab("normal");
    const r = await probe(server.port, { allowPrivate: false });
    expect(r.connected).toBe(false);
    expect(r.refused?.range).toBe("127.0.0.0/8");
    expect(r.error?.kind).toBe("refused-target");
    expect(r.error?.problem).toEqual({ reason: "guard", text: "127.0.0.0/8" });
    // Give a stray connection time to land before asserting there was none.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.connectionCount()).toBe(0);
  });

  it("refuses an IPv4-mapped loopback address the same way", async () => {
    const server = await lab("normal");
    const r = await probe(server.port, { ip: "::ffff:127.0.0.1", allowPrivate: false });
    expect(r.error?.kind).toBe("refused-target");
    expect(server.connectionCount()).toBe(0);
  });

  it("refuses a host name even with allowPrivate: only the address connected to is judged", async () => {
    const server = await lab("normal");
    const r = await probe(server.port, { ip: "localhost", allowPrivate: true });
    expect(r.error?.kind).toBe("refused-target");
    expect(r.refused).toMatchObject({ range: "not-ip", reason: "not-ip" });
    expect(r.error?.problem).toEqual({ reason: "not-ip", text: "localhost" });
    expect(server.connectionCount()).toBe(0);
  });

  it("probes the IPv6 loopback ::1 in the lab, and refuses it outside", async () => {
    const server = await startSmtpServer({ host: "::1", port: 0, hostname: MX, behaviour: "normal", tls: { keyPem: pki.keyPem, chainPem: pki.chainPem } });
    running.push(server);
    const refused = await probe(server.port, { ip: "::1", allowPrivate: false });
    expect(refused.refused?.range).toBe("::1/128");
    expect(server.connectionCount()).toBe(0);
    const r = await probe(server.port, { ip: "::1" });
    expect(r.error).toBeNull();
    expect(r.tls?.chainDer).toHaveLength(2);
    expect(r.transcript[0]?.note).toEqual({ event: "connecting", ip: "::1", port: server.port });
  });

  it("allowPrivate lets the lab's loopback address through", async () => {
    const server = await lab("normal");
    const r = await probe(server.port, { allowPrivate: true });
    expect(r.error).toBeNull();
    expect(server.connectionCount()).toBe(1);
  });
});
