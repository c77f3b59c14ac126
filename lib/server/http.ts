// The JSON API's HTTP edge: a request body read with a hard size bound from the stream itself
// (a Content-Length header can be absent, chunked, or lie), from a web Request (Next's routes) or
// a node request (the front door's run door) by the same rule, and the JSON answers the run door
// writes on the node response.
import type http from "node:http";

export type BodyResult = { ok: true; text: string } | { ok: false; status: 400 | 408 | 413; message: string };

/**
 * How long the run door waits for a body of at most a few KiB (a run request is ~100 bytes): a
 * client trickling it would otherwise hold its connection until node's requestTimeout (300 s).
 */
export const BODY_DEADLINE_MS = 10_000;

const tooLarge = (maxBytes: number): BodyResult => ({ ok: false, status: 413, message: `The request body is larger than ${maxBytes} bytes.` });

/** A body collected chunk by chunk up to its bound, then decoded as strict UTF-8. */
class BoundedBody {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  constructor(readonly maxBytes: number) {}

  /** Whether a declared Content-Length is already over the bound. */
  static declaredTooLarge(contentLength: string | null | undefined, maxBytes: number): boolean {
    return Number(contentLength ?? "0") > maxBytes;
  }

  /** Keeps `chunk`; false once the body is over the bound. */
  add(chunk: Uint8Array): boolean {
    this.size += chunk.byteLength;
    if (this.size > this.maxBytes) return false;
    this.chunks.push(chunk);
    return true;
  }

  result(): BodyResult {
    try {
      return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(this.chunks)) };
    } catch {
      return { ok: false, status: 400, message: "The request body is not valid UTF-8." };
    }
  }
}

export async function readBoundedBody(request: Request, maxBytes: number): Promise<BodyResult> {
  if (BoundedBody.declaredTooLarge(request.headers.get("content-length"), maxBytes)) return tooLarge(maxBytes);
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const body = new BoundedBody(maxBytes);
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!body.add(value)) {
      await reader.cancel().catch(() => undefined);
      return tooLarge(maxBytes);
    }
  }
  return body.result();
}

/**
 * The same bound on a node request. Past the bound the rest is read and dropped until the answer
 * is written (so the 413 reaches the client instead of a reset connection), and sendJson's
 * `connection: close` then ends the connection instead of reading on.
 */
export function readNodeBody(req: http.IncomingMessage, maxBytes: number, deadlineMs = BODY_DEADLINE_MS): Promise<BodyResult> {
  if (BoundedBody.declaredTooLarge(req.headers["content-length"], maxBytes)) return Promise.resolve(tooLarge(maxBytes));
  const body = new BoundedBody(maxBytes);
  return new Promise((resolve) => {
    const settle = (result: BodyResult): void => {
      clearTimeout(timer);
      req.off("data", onData).off("end", onEnd);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      if (body.add(chunk)) return;
      req.resume();
      settle(tooLarge(maxBytes));
    };
    const onEnd = (): void => settle(body.result());
    const timer = setTimeout(() => {
      req.resume();
      settle({ ok: false, status: 408, message: `The request body did not arrive within ${deadlineMs / 1000} s.` });
    }, deadlineMs);
    req.on("data", onData).on("end", onEnd);
    // The client left mid-body: nobody reads the answer; the door writes it to a closed socket.
    req.once("error", () => settle({ ok: false, status: 400, message: "The request body was cut off." }));
  });
}

/** A JSON answer of the run door; the security headers are on `res` already (front-door.ts). */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  // An answer given before the request's body was all read (a refusal: 413, 415, 405...) closes the
  // connection: on keep-alive node would read and drop the rest of the body, and a client that
  // never ends it would keep this thread parsing until node's requestTimeout.
  const req = res.req;
  const hasBody = req.headers["transfer-encoding"] !== undefined || (req.headers["content-length"] ?? "0") !== "0";
  const close = hasBody && !req.complete ? { connection: "close" } : {};
  res.writeHead(status, { ...headers, ...close, "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** POST /api/runs could not open the store or the limiter's database. */
export const STORE_DOWN = "The run could not be started: the result store is unavailable. Try again shortly.";

/** A fault of the door itself, never expected: the client gets an answer, the log the cause. */
export const RUN_FAILED = "The run could not be started.";

/** `path` answers only `allowed` (OPTIONS, and the methods it serves). */
export function methodNotAllowed(res: http.ServerResponse, method: string, path: string, allowed: string): void {
  sendJson(res, 405, { error: `${path} does not answer ${method} requests.` }, { allow: allowed });
}
