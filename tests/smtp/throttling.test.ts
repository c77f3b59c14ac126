// A server that throttles is not a broken server (issue 15): 421/450 at the banner, EHLO or
// STARTTLS, or a reset right after connect, end as kind "throttled" with the server's own
// (sanitised) words, and the probe tries once more after a bounded, jittered wait. A tarpitting
// greeting is measured. Real TCP servers on 127.0.0.1, scripted per scenario.
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { probeSmtp, type SmtpProbeOptions } from "../../lib/smtp";

interface Script {
  /** What to do on connect: send this greeting, reset the connection, or close it. */
  greet: string | "reset" | "close";
  greetDelayMs?: number;
  ehlo?: string;
  starttls?: string;
}

const servers: { server: net.Server; sockets: Set<net.Socket> }[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(({ server, sockets }) => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    }),
  );
});

/** Serves `scripts[i]` to the i-th connection (the last one to any later connection). */
async function scripted(...scripts: Script[]): Promise<{ port: number; connections: () => number }> {
  const sockets = new Set<net.Socket>();
  let count = 0;
  const server = net.createServer((socket) => {
    const script = scripts[Math.min(count, scripts.length - 1)]!;
    count++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    const greet = () => {
      if (script.greet === "reset") socket.resetAndDestroy();
      else if (script.greet === "close") socket.end();
      else socket.write(`${script.greet}\r\n`);
    };
    setTimeout(greet, script.greetDelayMs ?? 0);
    let buffer = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const verb = buffer.slice(0, nl).trim().split(" ")[0]!.toUpperCase();
        buffer = buffer.slice(nl + 1);
        if (verb === "EHLO") socket.write(`${script.ehlo ?? "250-mx greets\r\n250 STARTTLS"}\r\n`);
        else if (verb === "STARTTLS") socket.write(`${script.starttls ?? "454 4.7.0 TLS not available"}\r\n`);
        else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("502 unknown\r\n");
      }
    });
  });
  servers.push({ server, sockets });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as net.AddressInfo).port, connections: () => count };
}

const FAST = { connectMs: 500, readMs: 800, tlsMs: 800, totalMs: 4000, greetingMs: 800, throttleRetryMinMs: 50, throttleRetryMaxMs: 150 };
const probe = (port: number, extra: Partial<SmtpProbeOptions> = {}) =>
  probeSmtp({ ip: "127.0.0.1", port, mxHost: "mx.throttle.test", heloName: "probe.mailsec.test", allowPrivate: true, timeouts: FAST, ...extra });

describe("throttling is not a verdict", () => {
  it.each([
    ["a 421 greeting", { greet: "421 4.7.0 mx.example Too many connections, try later" }, "banner", "421 4.7.0 mx.example Too many connections, try later"],
    ["a 450 greeting", { greet: "450 4.7.1 Client host rejected: try again later" }, "banner", "450 4.7.1"],
    ["a 421 after EHLO", { greet: "220 mx ESMTP", ehlo: "421 4.7.0 Rate limit exceeded" }, "ehlo", "421 4.7.0 Rate limit exceeded"],
    ["a 421 to STARTTLS", { greet: "220 mx ESMTP", starttls: "421 4.3.2 Service shutting down" }, "starttls", "421 4.3.2"],
    // No words: the server reset or closed the connection; `how` says which (the reply stays empty).
    ["a reset right after connect", { greet: "reset" as const }, "connect", ""],
    ["a close right after connect", { greet: "close" as const }, "connect", ""],
  ])("%s reads as throttled, with the server's words, and is tried once more", async (_, script: Script, stage, words) => {
    const server = await scripted(script);
    const r = await probe(server.port);
    expect(r.error?.kind).toBe("throttled");
    expect(r.throttled?.stage).toBe(stage);
    if (words === "") {
      expect(r.throttled?.reply).toBe("");
      expect(r.throttled?.how).toMatch(/^(reset|closed)$/);
      expect(r.error?.problem).toMatchObject({ reason: `throttled-${r.throttled?.how}`, stage });
    } else {
      expect(r.throttled?.reply).toContain(words);
      expect(r.error?.problem).toMatchObject({ reason: "throttled", stage, text: expect.stringContaining(words) });
    }
    expect(r.retry?.first.stage).toBe(stage);
    expect(r.retry?.afterMs).toBeGreaterThanOrEqual(50);
    expect(r.retry?.afterMs).toBeLessThanOrEqual(150);
    expect(server.connections()).toBe(2);
  });

  it("a server that throttles once and then answers gives the second attempt's full result", async () => {
    const server = await scripted({ greet: "421 4.7.0 busy" }, { greet: "220 mx ESMTP", ehlo: "250 mx greets" });
    const r = await probe(server.port);
    expect(r.throttled).toBeUndefined();
    expect(r.error?.kind).toBe("starttls-not-offered");
    expect(r.retry?.first).toEqual({ stage: "banner", reply: "421 4.7.0 busy" });
    expect(r.transcript.map((t) => t.text)).toContain("421 4.7.0 busy");
  });

  it("shows a hostile throttle text with visible escapes", async () => {
    const server = await scripted({ greet: "421 slow down \u001b[2J\u202Eevil" });
    const r = await probe(server.port, { timeouts: { ...FAST, throttleRetryMaxMs: 0 } });
    expect(r.throttled?.reply).toBe("421 slow down \\u001B[2J\\u202Eevil");
    expect(r.retry).toBeUndefined();
    expect(server.connections()).toBe(1);
  });

  it("a 554 greeting stays a refusal, not throttling", async () => {
    const server = await scripted({ greet: "554 5.7.1 No SMTP service here" });
    const r = await probe(server.port);
    expect(r.error?.kind).toBe("banner-rejected");
    expect(r.throttled).toBeUndefined();
    expect(server.connections()).toBe(1);
  });

  it("the retry's wait ends with the caller's abort signal", async () => {
    const server = await scripted({ greet: "421 busy" });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 300);
    const started = Date.now();
    const r = await probe(server.port, { signal: abort.signal, timeouts: { ...FAST, throttleRetryMinMs: 20_000, throttleRetryMaxMs: 20_000 } });
    expect(r.error?.kind).toBe("throttled");
    expect(r.retry).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(server.connections()).toBe(1);
  });

  it("a spent connection budget means no connection at all", async () => {
    const server = await scripted({ greet: "220 mx ESMTP" });
    const r = await probe(server.port, { admit: () => Promise.resolve(false) });
    expect(r.error?.kind).toBe("budget-exhausted");
    expect(r.connected).toBe(false);
    expect(server.connections()).toBe(0);
  });
});

describe("a tarpitting greeting is measured", () => {
  it("waits up to greetingMs, longer than a reply's read bound, and reports the delay", async () => {
    const server = await scripted({ greet: "220 mx ESMTP", greetDelayMs: 600, ehlo: "250 mx greets" });
    const r = await probe(server.port, { timeouts: { ...FAST, readMs: 300, greetingMs: 2000 } });
    expect(r.banner?.code).toBe(220);
    expect(r.greetingMs).toBeGreaterThanOrEqual(550);
    expect(r.error?.kind).toBe("starttls-not-offered");
  });

  it("past greetingMs the silence is no-banner, naming the bound", async () => {
    const server = await scripted({ greet: "220 mx ESMTP", greetDelayMs: 1500 });
    const r = await probe(server.port, { timeouts: { ...FAST, greetingMs: 300 } });
    expect(r.error?.kind).toBe("no-banner");
    expect(r.error?.problem).toEqual({ reason: "no-banner", stage: "banner", ms: 300 });
  });
});
