// A body the run door refuses must not keep the server reading. On a keep-alive connection node
// reads and drops the rest of a body after the answer, so a client that never ends its body would
// keep the main thread parsing it until node's requestTimeout (300 s): each refusal given before
// the body was read closes the connection instead (http.ts sendJson). Found in review of 09f818d;
// the Next route before it stopped reading too. Real sockets on loopback, the real front door and
// run door; no run is ever started (the services refuse if asked).
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installFrontDoor } from "../../lib/server/front-door";
import { readNodeBody, sendJson } from "../../lib/server/http";
import { runDoor, RUNS_PATH } from "../../lib/server/run-door";
import type { RunServices } from "../../lib/server/runs";

let server: http.Server;
let port = 0;

const refuse = (): Promise<never> => Promise.reject(new Error("no run may start in this test"));
const services: RunServices = {
  store: refuse,
  limiter: refuse,
  engine: () => {
    throw new Error("no run may start in this test");
  },
  runTimeoutMs: 1_000,
};

beforeAll(async () => {
  installFrontDoor({ [RUNS_PATH]: runDoor(services, false) });
  server = http.createServer((_req, res) => {
    res.statusCode = 404;
    res.end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Sends `head`, then `chunk` forever; resolves with what was sent when the server closes the connection, or when `limit` bytes went out. */
function pushForever(head: string, chunk: string, limit: number): Promise<{ sent: number; closedByServer: boolean; reply: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let sent = 0;
    let reply = "";
    let done = false;
    const finish = (closedByServer: boolean): void => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ sent, closedByServer, reply });
    };
    socket.on("data", (d) => (reply += d.toString("latin1")));
    socket.on("error", () => finish(true));
    socket.on("close", () => finish(true));
    const pump = (): void => {
      while (!done) {
        if (sent >= limit) return finish(false);
        sent += chunk.length;
        if (!socket.write(chunk)) return;
      }
    };
    socket.on("drain", pump);
    socket.write(head);
    pump();
  });
}

const LIMIT = 64 * 1024 * 1024;

describe("a body past the run door's bound", () => {
  it("gets its 413 and the connection closed, not read on while the client sends (chunked)", async () => {
    const head = `POST ${RUNS_PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const chunk = `1000\r\n${"a".repeat(4096)}\r\n`;
    const out = await pushForever(head, chunk, LIMIT);
    expect(out.reply.startsWith("HTTP/1.1 413"), out.reply.slice(0, 80)).toBe(true);
    expect(out.closedByServer, `the server read ${out.sent} bytes of an endless body and kept reading`).toBe(true);
  }, 60_000);

  it("gets its 413 and the connection closed when the declared length is over the bound", async () => {
    const head = `POST ${RUNS_PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000000000\r\n\r\n`;
    const out = await pushForever(head, "a".repeat(65536), LIMIT);
    expect(out.reply.startsWith("HTTP/1.1 413"), out.reply.slice(0, 80)).toBe(true);
    expect(out.closedByServer, `the server read ${out.sent} bytes of a body it had refused and kept reading`).toBe(true);
  }, 60_000);

  it("closes the connection of an endless body it refuses for its content type (415) or its method (405)", async () => {
    const chunk = `1000\r\n${"a".repeat(4096)}\r\n`;
    for (const [head, status] of [
      [`POST ${RUNS_PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n`, "415"],
      [`PUT ${RUNS_PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`, "405"],
    ] as const) {
      const out = await pushForever(head, chunk, LIMIT);
      expect(out.reply.startsWith(`HTTP/1.1 ${status}`), out.reply.slice(0, 80)).toBe(true);
      expect(out.reply.toLowerCase()).toContain("connection: close");
      expect(out.closedByServer, `the server read ${out.sent} bytes after its ${status} and kept reading`).toBe(true);
    }
  }, 60_000);
});

describe("a refusal of a request whose body was read, or that has none", () => {
  it("keeps a bodiless request's connection open after its 405", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = (): Promise<{ status: number; connection: string | undefined }> =>
      new Promise((resolve, reject) => {
        http
          .get({ host: "127.0.0.1", port, path: RUNS_PATH, agent }, (res) => {
            res.resume();
            res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
          })
          .on("error", reject);
      });
    const answer = await get();
    agent.destroy();
    expect(answer).toEqual({ status: 405, connection: "keep-alive" });
  });

  it("keeps the connection open for the next request (400 of a bad run request)", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const ask = (): Promise<{ status: number; connection: string | undefined; socket: unknown }> =>
      new Promise((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port, path: RUNS_PATH, method: "POST", agent, headers: { "content-type": "application/json" } }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, socket: req.socket }));
        });
        req.on("error", reject);
        req.end(JSON.stringify({ test: "dane", input: "" }));
      });
    const first = await ask();
    const second = await ask();
    agent.destroy();
    expect(first.status).toBe(400);
    expect(first.connection).toBe("keep-alive");
    expect(second.socket).toBe(first.socket);
  });
});

describe("a body that does not arrive", () => {
  it("gets a 408 at the body's deadline and its connection closed, not held until node's requestTimeout", async () => {
    // The door's own reader on a server of its own, with a short deadline for the test (BODY_DEADLINE_MS in the door).
    const slow = http.createServer((req, res) => {
      void readNodeBody(req, 4096, 300).then((body) => (body.ok ? sendJson(res, 200, { ok: true }) : sendJson(res, body.status, { error: body.message })));
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    const slowPort = (slow.address() as AddressInfo).port;
    const socket = net.connect(slowPort, "127.0.0.1");
    let reply = "";
    socket.on("data", (d) => (reply += d.toString("latin1")));
    const closed = new Promise<boolean>((resolve) => {
      socket.on("close", () => resolve(true));
      setTimeout(() => resolve(false), 5_000);
    });
    socket.write(`POST /x HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{"test":`);
    const byServer = await closed;
    socket.destroy();
    slow.closeAllConnections();
    await new Promise<void>((resolve) => slow.close(() => resolve()));
    expect(reply.startsWith("HTTP/1.1 408"), reply.slice(0, 80)).toBe(true);
    expect(reply.toLowerCase()).toContain("connection: close");
    expect(byServer).toBe(true);
  }, 20_000);
});
