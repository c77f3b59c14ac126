// /api/runs, served by the front door (front-door.ts) on the node request itself, outside Next:
// a run costs the main thread its store writes and its socket writes, not Next's routing, a web
// Request and Response, web streams and a promise (with its async hooks) per event. POST checks
// the request (content type, a body of at most MAX_BODY_BYTES, the run request's schema), admits
// it past the limiter, starts the run and streams its events as NDJSON; every refusal is a 4xx
// (or 503) with a sentence the form shows as it is. OPTIONS says what the path answers; every
// other method gets 405. Pure of Next: startup.ts hands it the server's store, limiter and engine.
import type http from "node:http";
import { clientAddress } from "./client-address";
import type { Door } from "./front-door";
import { methodNotAllowed, readNodeBody, RUN_FAILED, sendJson, STORE_DOWN } from "./http";
import type { Admission } from "./rate-limit";
import { checkContentType, parseRunRequest } from "./run-request";
import { startRun, type RunServices } from "./runs";
import type { EventChannel } from "./event-channel";

export const RUNS_PATH = "/api/runs";
// A run request is a test name, an address of at most 320 characters and a flag.
const MAX_BODY_BYTES = 4096;
const ALLOW = "OPTIONS, POST";
const NDJSON = "application/x-ndjson; charset=utf-8";

export type Refusal = Extract<Admission, { ok: false }>;

/** The 429 body: the sentence the form shows as it is (`error`), plus what an API client acts on without parsing English. */
export interface RefusalBody {
  error: string;
  /** "rate-limited": this client spent its budget; "busy": the server is full for everyone. */
  reason: "rate-limited" | "busy";
  /** The same number as the Retry-After header. */
  retryAfterSeconds: number;
}

export function refusalBody(refusal: Refusal): RefusalBody {
  return {
    error: refusal.message,
    reason: refusal.reason === "client" ? "rate-limited" : "busy",
    retryAfterSeconds: refusal.retryAfterSeconds,
  };
}

/** A node request's headers as client-address.ts reads them (node joins a repeated header with ", ", as fetch does). */
function headersOf(req: http.IncomingMessage): Pick<Headers, "get"> {
  return {
    get(name) {
      const value = req.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/**
 * Writes the run's lines to `res` as they come: what is buffered when the writer wakes leaves in
 * one write (one chunk, one socket write); a full socket buffer waits for "drain" while the lines
 * wait in the channel; a client that leaves detaches the channel, and the run goes on and is stored.
 */
function stream(res: http.ServerResponse, id: string, events: EventChannel<string>): void {
  res.writeHead(200, { "content-type": NDJSON, "cache-control": "no-store", "x-run-id": id });
  res.once("close", () => {
    if (!res.writableFinished) events.detach();
  });
  const pump = (): void => {
    if (res.destroyed) return;
    const lines = events.takeAll();
    const flowing = lines.length === 0 || res.write(lines.length === 1 ? (lines[0] as string) : lines.join(""));
    if (events.ended) res.end();
    else if (flowing) events.whenReady(later);
    else res.once("drain", pump);
  };
  // Woken at the first line a commit hands over: the others of that commit follow in the same
  // turn, so the write waits for the turn's end to take them all.
  const later = (): void => process.nextTick(pump);
  events.whenReady(later);
}

async function post(services: RunServices, trustProxy: boolean, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const badType = checkContentType(req.headers["content-type"] ?? null);
  if (badType && !badType.ok) return sendJson(res, badType.status, { error: badType.message });
  const body = await readNodeBody(req, MAX_BODY_BYTES);
  if (!body.ok) return sendJson(res, body.status, { error: body.message });
  const parsed = parseRunRequest(body.text);
  // A refusal of the input also goes as its key, which the form words in its reader's language.
  if (!parsed.ok) return sendJson(res, parsed.status, { error: parsed.message, ...(parsed.refusal ? { refusal: parsed.refusal } : {}) });
  let started: Awaited<ReturnType<typeof startRun>>;
  try {
    started = await startRun(services, parsed.request, clientAddress(headersOf(req), trustProxy));
  } catch (err) {
    // The store or the limiter's database is down (e.g. PostgreSQL unreachable): say so instead of a bare 500.
    console.error("mailsec: a run could not be started:", err);
    return sendJson(res, 503, { error: STORE_DOWN });
  }
  if (!started.ok) return sendJson(res, 429, refusalBody(started), { "retry-after": String(started.retryAfterSeconds) });
  stream(res, started.id, started.events);
}

/** The door of RUNS_PATH. `trustProxy`: MAILSEC_TRUST_PROXY (client-address.ts). */
export function runDoor(services: RunServices, trustProxy: boolean): Door {
  return (req, res) => {
    const method = req.method ?? "";
    if (method === "POST") {
      post(services, trustProxy, req, res).catch((err: unknown) => {
        console.error("mailsec: POST /api/runs failed:", err);
        if (!res.headersSent) sendJson(res, 500, { error: RUN_FAILED });
        else res.destroy();
      });
    } else if (method === "OPTIONS") {
      res.writeHead(204, { allow: ALLOW });
      res.end();
    } else {
      methodNotAllowed(res, method, RUNS_PATH, ALLOW);
    }
  };
}
