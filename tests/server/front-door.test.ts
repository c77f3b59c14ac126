// The front door on a plain node:http server, as `next start` gets it: whatever the handler does
// (a bare 500, a redirect written without headers), the response carries the security headers,
// and a method Next's adapter cannot carry gets a 405 instead of reaching the handler.
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installFrontDoor } from "../../lib/server/front-door";
import { BASELINE_CSP, SECURITY_HEADERS } from "../../lib/server/security-headers";

let server: http.Server;
let port = 0;
const handled: string[] = [];

/** Sends one request as raw bytes (fetch refuses TRACE and rewrites odd paths) and returns the head. */
function raw(request: string): Promise<{ status: number; headers: Map<string, string> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.end(request));
    let text = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("error", reject);
    socket.setTimeout(5000, () => socket.destroy(new Error("no answer")));
    socket.on("close", () => {
      const [head = ""] = text.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()] as const));
      resolve({ status: Number(statusLine.split(" ")[1]), headers });
    });
  });
}

beforeAll(async () => {
  installFrontDoor();
  server = http.createServer((req, res) => {
    handled.push(`${req.method} ${req.url}`);
    if (req.url === "/crash") {
      res.statusCode = 500;
      res.end("Internal Server Error");
    } else if (req.url === "/a//b") {
      res.statusCode = 308;
      res.setHeader("location", "/a/b");
      res.end("/a/b");
    } else {
      res.end("ok");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the front door", () => {
  it.each([
    ["a handler's bare 500", "GET /crash HTTP/1.1\r\nHost: x\r\n\r\n", 500],
    ["a redirect written by the framework", "GET /a//b HTTP/1.1\r\nHost: x\r\n\r\n", 308],
    ["an ordinary answer", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 200],
  ])("puts the security headers on %s", async (_, request, status) => {
    const response = await raw(request);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-security-policy")).toBe(BASELINE_CSP);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name), name).toBe(value);
  });

  // TRACK and CONNECT never become "request" events: Node's parser answers 400 or drops them.
  it("answers TRACE with 405 and the headers, without the handler", async () => {
    handled.length = 0;
    const response = await raw("TRACE / HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(handled).toEqual([]);
  });
});
