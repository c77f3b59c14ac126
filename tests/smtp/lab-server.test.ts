// The lab SMTP server itself, seen from a bare TCP client: the hostile behaviours really do what
// their names say, and close() leaves nothing behind.
import net from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer, type SmtpBehaviour, type SmtpServerHandle } from "../../lib/lab/smtp-server";
import { makeTestPki, type TestPki } from "./test-pki";

let pki: TestPki;
const running: SmtpServerHandle[] = [];
const clients: net.Socket[] = [];

beforeAll(async () => {
  pki = await makeTestPki("mx.lab.test");
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function start(behaviour: SmtpBehaviour, extra: { delayMs?: number; tls?: null } = {}): Promise<SmtpServerHandle> {
  const server = await startSmtpServer({
    host: "127.0.0.1",
    port: 0,
    hostname: "mx.lab.test",
    behaviour,
    tls: extra.tls === null ? null : { keyPem: pki.keyPem, chainPem: pki.chainPem },
    ...(extra.delayMs !== undefined ? { delayMs: extra.delayMs } : {}),
  });
  running.push(server);
  return server;
}

/** A raw client that counts what it receives and keeps at most `keep` bytes of it. */
async function connect(port: number, keep = 4096) {
  const socket = net.connect({ host: "127.0.0.1", port });
  clients.push(socket);
  socket.on("error", () => undefined);
  const state = { total: 0, head: "", closed: false, newlines: 0 };
  socket.on("data", (chunk: Buffer) => {
    state.total += chunk.length;
    for (const b of chunk) if (b === 0x0a) state.newlines += 1;
    if (state.head.length < keep) state.head += chunk.toString("latin1").slice(0, keep - state.head.length);
  });
  socket.on("close", () => (state.closed = true));
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  return { socket, state };
}

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return cond();
}

describe("lab SMTP server behaviours", () => {
  it("normal: banner, EHLO with the extensions, QUIT", async () => {
    const server = await start("normal");
    const { socket, state } = await connect(server.port);
    await until(() => state.head.includes("\r\n"), 1000);
    socket.write("EHLO c.test\r\nQUIT\r\n");
    expect(await until(() => state.closed, 1000)).toBe(true);
    expect(state.head).toBe(
      "220 mx.lab.test ESMTP mailsec lab\r\n250-mx.lab.test greets you\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-8BITMIME\r\n250-STARTTLS\r\n250 ENHANCEDSTATUSCODES\r\n221 2.0.0 Bye\r\n",
    );
  });

  it("normal: commands pipelined after STARTTLS are dropped, not answered in plaintext", async () => {
    const server = await start("normal");
    const { socket, state } = await connect(server.port);
    await until(() => state.head.includes("\r\n"), 1000);
    socket.write("STARTTLS\r\nNOOP\r\n");
    await until(() => state.head.includes("Ready"), 1000);
    await new Promise((r) => setTimeout(r, 100));
    expect(state.head).toBe("220 mx.lab.test ESMTP mailsec lab\r\n220 2.0.0 Ready to start TLS\r\n");
  });

  it("without a TLS configuration STARTTLS is answered 454", async () => {
    const server = await start("normal", { tls: null });
    const { socket, state } = await connect(server.port);
    await until(() => state.head.includes("\r\n"), 1000);
    socket.write("STARTTLS\r\n");
    expect(await until(() => state.head.includes("454 "), 1000)).toBe(true);
  });

  it("no-banner: silence", async () => {
    const server = await start("no-banner");
    const { state } = await connect(server.port);
    await new Promise((r) => setTimeout(r, 200));
    expect(state.total).toBe(0);
  });

  it("drip: one byte per delayMs", async () => {
    const server = await start("drip", { delayMs: 50 });
    const { state } = await connect(server.port);
    await new Promise((r) => setTimeout(r, 275));
    expect(state.total).toBeGreaterThanOrEqual(3);
    expect(state.total).toBeLessThanOrEqual(7);
    expect("220 mx.lab.test".startsWith(state.head)).toBe(true);
  });

  it("huge-banner: 10 MB without a line end", async () => {
    const server = await start("huge-banner");
    const { state } = await connect(server.port, 16);
    expect(await until(() => state.total >= 10 * 1024 * 1024 + 4, 10_000)).toBe(true);
    expect(state.head).toBe("220 xxxxxxxxxxxx");
    expect(state.newlines).toBe(0);
  });

  it("endless-lines: thousands of continuation lines, never a last line", async () => {
    const server = await start("endless-lines");
    const { state } = await connect(server.port, 200);
    expect(await until(() => state.newlines > 5000, 5000)).toBe(true);
    expect(state.head.split("\r\n").slice(0, 3).every((l) => l.startsWith("220-"))).toBe(true);
  });

  it("close() destroys open connections and frees the port", async () => {
    const server = await start("no-banner");
    const { state } = await connect(server.port);
    await server.close();
    running.splice(0);
    expect(await until(() => state.closed, 1000)).toBe(true);
    const refused = await new Promise<string>((resolve) => {
      const s = net.connect({ host: "127.0.0.1", port: server.port });
      s.on("connect", () => {
        s.destroy();
        resolve("connected");
      });
      s.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? "error"));
    });
    expect(refused).toBe("ECONNREFUSED");
    expect(server.connectionCount()).toBe(1);
  });
});
