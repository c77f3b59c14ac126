// /api/runs through the front door on a plain node:http server, as `next start` gets it, with the
// run door wired to a real SQLite store, the memory limiter and the engine in this thread against
// the lab: the NDJSON stream (every line stored before it is sent, the run's id in x-run-id, the
// security headers), the run going on and being stored after its client left, and each refusal
// (415, 413 declared and streamed, 400 with its key, 429 with Retry-After, 503, 405).
import Database from "better-sqlite3";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTest } from "../../lib/checks";
import { startLab, type Lab } from "../../lib/lab";
import { driveEngine } from "../../lib/server/engine-events";
import type { Engine } from "../../lib/server/engine-protocol";
import { installFrontDoor } from "../../lib/server/front-door";
import { memoryRunLimiter, type RunLimiter } from "../../lib/server/rate-limit";
import { runDoor, RUNS_PATH } from "../../lib/server/run-door";
import type { RunServices } from "../../lib/server/runs";
import { BASELINE_CSP, SECURITY_HEADERS } from "../../lib/server/security-headers";
import { openSqliteStore, SQLITE_FILE_NAME, type RunStore } from "../../lib/store";
import { labEngineSettings } from "./lab-engine-settings";

let lab: Lab;
let store: RunStore;
let reader: Database.Database;
let dir: string;
let server: http.Server;
let base = "";
let limiter: RunLimiter;
let services: RunServices;
// The door's services per test: the limiter and the store may be swapped under the installed door.
let current: { services: RunServices; trustProxy: boolean };

beforeAll(async () => {
  lab = await startLab();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-run-door-"));
  store = openSqliteStore(dir, "run-door-test");
  reader = new Database(path.join(dir, SQLITE_FILE_NAME), { readonly: true });
  const { zoneCacheSeconds: _, ...settings } = labEngineSettings(lab, 0);
  const engine: Engine = {
    start: (input, signal, output) => void driveEngine(runTest, input, settings, signal, output),
    warm: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  limiter = memoryRunLimiter({ perClient: null, maxConcurrent: 50, slotTtlMs: 60_000 });
  services = { store: () => Promise.resolve(store), limiter: () => Promise.resolve(limiter), engine: () => engine, runTimeoutMs: 30_000 };
  current = { services, trustProxy: false };
  installFrontDoor({ [RUNS_PATH]: (req, res) => runDoor(current.services, current.trustProxy)(req, res) });
  server = http.createServer((_req, res) => {
    // Next, had the door let the request through.
    res.statusCode = 404;
    res.end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  reader?.close();
  await store?.close();
  await lab?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const post = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = { "content-type": "application/json" }) =>
  fetch(`${base}${RUNS_PATH}`, { method: "POST", headers, body, signal: AbortSignal.timeout(30_000), ...(typeof body === "string" ? {} : { duplex: "half" }) } as RequestInit);

async function finished(id: string): Promise<NonNullable<Awaited<ReturnType<RunStore["getRun"]>>>> {
  for (let i = 0; i < 300; i++) {
    const run = await store.getRun(id);
    if (run && run.status !== "running") return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${id} never finished`);
}

describe("POST /api/runs in the front door", () => {
  it("streams the run as NDJSON with its id, the security headers, and only lines the store holds", async () => {
    const response = await post(JSON.stringify({ test: "dane", input: "dane-ee.test" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-security-policy")).toBe(BASELINE_CSP);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name), name).toBe(value);
    const id = response.headers.get("x-run-id") ?? "";
    expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const storedWhenRead: { lines: number; stored: number }[] = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      storedWhenRead.push({ lines: text.split("\n").filter((l) => l.includes('"type":"step"')).length, stored: storedSteps(id) });
    }
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.trimEnd().split("\n").map((l) => JSON.parse(l) as { type: string; id?: string; result?: { verdict: string } });
    expect(lines[0]).toMatchObject({ type: "run", id, test: "dane", input: "dane-ee.test" });
    expect(lines.at(-1)?.type).toBe("done");
    expect(lines.filter((l) => l.type === "step").length).toBeGreaterThan(5);
    for (const seen of storedWhenRead) expect(seen.stored).toBeGreaterThanOrEqual(seen.lines);
    const run = await finished(id);
    expect(run.status).toBe("done");
    expect(run.result?.verdict).toBe(lines.at(-1)?.result?.verdict);
  });

  it("goes on with a run whose client left, stores it to its end, and frees its slot", async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}${RUNS_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ test: "dane", input: "dane-ee.test" }),
      signal: controller.signal,
    });
    const id = response.headers.get("x-run-id") ?? "";
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    controller.abort();
    const run = await finished(id);
    expect(run.status).toBe("done");
    expect(run.result?.verdict).toBe("pass");
    // The slot went back: a limiter of one run at a time admits the next.
    const one = memoryRunLimiter({ perClient: null, maxConcurrent: 1, slotTtlMs: 60_000 });
    current = { services: { ...services, limiter: () => Promise.resolve(one) }, trustProxy: false };
    try {
      const first = await post(JSON.stringify({ test: "dane", input: "dane-ee.test" }));
      const firstId = first.headers.get("x-run-id") ?? "";
      void first.body?.cancel();
      await finished(firstId);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = await post(JSON.stringify({ test: "dane", input: "dane-ee.test" }));
      expect(second.status).toBe(200);
      expect(await second.text()).toContain('"type":"done"');
    } finally {
      current = { services, trustProxy: false };
    }
  });

  it("refuses a bad request with the status and body the form reads, before any run", async () => {
    const before = countRuns();
    const form = await post("test=dane", { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    expect(await form.json()).toEqual({ error: "Send the request as application/json." });
    const declared = await post(JSON.stringify({ test: "dane", input: "a".repeat(5000) }));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: "The request body is larger than 4096 bytes." });
    // Chunked, no Content-Length: the bound is read from the stream, and the 413 still arrives.
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode("x".repeat(1000)));
        controller.close();
      },
    });
    const streamed = await post(chunked);
    expect(streamed.status).toBe(413);
    expect(streamed.headers.get("cache-control")).toBe("no-store");
    const notUtf8 = await fetch(`${base}${RUNS_PATH}`, { method: "POST", headers: { "content-type": "application/json" }, body: new Uint8Array([0x7b, 0xff, 0x7d]) });
    expect(notUtf8.status).toBe(400);
    expect(await notUtf8.json()).toEqual({ error: "The request body is not valid UTF-8." });
    const rrType = await post(JSON.stringify({ test: "dane", input: "example.test", rrType: "TLSA" }));
    expect(rrType.status).toBe(400);
    expect(rrType.headers.get("x-run-id")).toBeNull();
    const body = (await rrType.json()) as { error: string; refusal: { key: string } };
    expect(body.error).toBe("rrType: only the DNSSEC Validation test takes a record type.");
    expect(body.refusal.key).toBe("request.refused");
    expect(countRuns()).toBe(before);
  });

  it("answers 429 with Retry-After when the limiter refuses, counting the trusted proxy's client", async () => {
    const perClient = memoryRunLimiter({ perClient: { runs: 1, windowMs: 600_000 }, maxConcurrent: 50, slotTtlMs: 60_000 });
    const start = (forwarded: string) => post(JSON.stringify({ test: "dane", input: "dane-ee.test" }), { "content-type": "application/json", "x-forwarded-for": forwarded });
    try {
      current = { services: { ...services, limiter: () => Promise.resolve(perClient) }, trustProxy: false };
      const first = await start("203.0.113.1");
      expect(first.status).toBe(200);
      await first.text();
      // Not trusted: the socket's address counts, whatever the client claims.
      const claimed = await start("203.0.113.2");
      expect(claimed.status).toBe(429);
      expect(claimed.headers.get("retry-after")).toBe("600");
      expect(await claimed.json()).toEqual({ error: "You have started 1 test in the last 10 minutes; try again in 10 minutes.", reason: "rate-limited", retryAfterSeconds: 600 });
      // Trusted: the last X-Forwarded-For entry is the client.
      current = { services: current.services, trustProxy: true };
      const other = await start("198.51.100.7, 203.0.113.3");
      expect(other.status).toBe(200);
      await other.text();
      expect((await start("203.0.113.3")).status).toBe(429);
    } finally {
      current = { services, trustProxy: false };
    }
  });

  it("answers 503 when the store cannot be opened", async () => {
    current = { services: { ...services, store: () => Promise.reject(new Error("the database is down")) }, trustProxy: false };
    try {
      const response = await post(JSON.stringify({ test: "dane", input: "dane-ee.test" }));
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: "The run could not be started: the result store is unavailable. Try again shortly." });
    } finally {
      current = { services, trustProxy: false };
    }
  });

  it("answers OPTIONS with what the path takes, other methods with 405, and leaves other paths to Next", async () => {
    const options = await fetch(`${base}${RUNS_PATH}`, { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("OPTIONS, POST");
    for (const method of ["GET", "HEAD", "DELETE", "PUT"]) {
      const response = await fetch(`${base}${RUNS_PATH}?x=1`, { method });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow"), method).toBe("OPTIONS, POST");
      expect(response.headers.get("x-frame-options"), method).toBe("DENY");
      await response.arrayBuffer();
    }
    for (const other of ["/api/runs/", "/api/runs/abc", "/api/runsx"]) {
      const response = await fetch(`${base}${other}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      expect(await response.text(), other).toBe("next");
    }
  });
});

const storedSteps = (id: string): number => (reader.prepare("SELECT COUNT(*) AS n FROM run_events WHERE run_id = ?").get(id) as { n: number }).n;
const countRuns = (): number => (reader.prepare("SELECT COUNT(*) AS n FROM runs").get() as { n: number }).n;
