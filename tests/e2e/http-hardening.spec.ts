// Every answer of the built app carries the security headers and none is a 500, whatever the URL
// or method (issue 15): malformed percent-escapes in dynamic segments, the trailing-slash and
// repeated-slash redirects, long paths, odd methods. Requests are written as raw bytes so the path
// reaches the server exactly as given (fetch and Playwright's request would normalise it).
import net from "node:net";
import { expect, test } from "@playwright/test";

const PORT = Number(process.env.MAILSEC_E2E_PORT ?? "3999");
const REQUIRED = ["content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options", "cross-origin-opener-policy", "permissions-policy"];

function send(method: string, path: string): Promise<{ status: number; headers: Map<string, string> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(PORT, "127.0.0.1", () => socket.write(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\nConnection: close\r\n\r\n`));
    let text = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      text += chunk;
      // The head is all this test reads; a page body may be long.
      if (text.includes("\r\n\r\n")) socket.destroy();
    });
    socket.on("error", reject);
    socket.setTimeout(15_000, () => socket.destroy(new Error(`no answer to ${method} ${path.slice(0, 60)}`)));
    socket.on("close", () => {
      const [statusLine = "", ...lines] = (text.split("\r\n\r\n")[0] ?? "").split("\r\n");
      resolve({ status: Number(statusLine.split(" ")[1]), headers: new Map(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()])) });
    });
  });
}

const CASES: [method: string, path: string, status: number | null][] = [
  ["GET", "/api/runs/%ZZ", 400],
  ["GET", "/api/runs/%E0%A4%A", 400],
  ["GET", "/r/%", 400],
  ["GET", "/r/%C0%AF", 400],
  ["GET", "/test/%ZZ", 400],
  ["GET", "/_next/static/%ZZ", 400],
  ["GET", "/r/abcdef/", 308],
  ["GET", "/api/runs/abcdef/?download=1", 308],
  ["GET", "//evil.example/", 308],
  ["GET", "/\\evil.example", 308],
  ["GET", "/r//abcdef", 308],
  ["GET", `/r/${"a".repeat(4000)}`, 404],
  ["GET", `/api/runs/${"%41".repeat(2000)}`, 404],
  ["GET", `/${"x/".repeat(1500)}y`, 404],
  ["GET", "/api/runs/abcdef?download=%ZZ", 404],
  ["GET", "/nowhere", 404],
  ["GET", "/", 200],
  ["HEAD", "/", 200],
  ["TRACE", "/", 405],
  ["TRACE", "/api/runs", 405],
  ["PROPFIND", "/", null],
  ["DELETE", "/api/runs", 405],
  ["PUT", "/api/runs/abcdef", 405],
  ["OPTIONS", "/api/runs", null],
  ["GET", "/api/runs", 405],
];

test("no URL or method gets a 500 or an answer without the security headers", async () => {
  test.setTimeout(120_000);
  const seen: string[] = [];
  for (const [method, path, status] of CASES) {
    const response = await send(method, path);
    const label = `${method} ${path.slice(0, 60)} -> ${response.status}`;
    seen.push(label);
    expect(response.status, label).toBeLessThan(500);
    if (status !== null) expect(response.status, label).toBe(status);
    for (const header of REQUIRED) expect(response.headers.has(header), `${label}: ${header}`).toBe(true);
    // A redirect stays on this site, whatever the path held.
    const location = response.headers.get("location");
    if (location !== undefined) expect(location, label).toMatch(/^\/(?![/\\])/);
  }
  expect(seen).toHaveLength(CASES.length);
});

test("POST /api/runs refuses a local part outside RFC 5321 with a precise 400, before any run starts", async () => {
  for (const [input, words] of [
    ["postmaster> NOTIFY=SUCCESS@dane-ee.test", "contains '>'"],
    [`${"a".repeat(250)}@dane-ee.test`, "a local part holds at most 64"],
    ["a b@dane-ee.test", "contains a space"],
  ] as const) {
    const response = await fetch(`http://127.0.0.1:${PORT}/api/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ test: "inbound", input }),
      signal: AbortSignal.timeout(15_000),
    });
    expect(response.status, input).toBe(400);
    expect(response.headers.get("x-run-id"), input).toBeNull();
    expect(((await response.json()) as { error: string }).error, input).toContain(words);
  }
});
