// POST /api/runs: check the request, admit it past the abuse limits, start the run, stream its
// events as NDJSON. Every refusal is a 4xx (or 503) with a sentence the form shows as it is.
import { serverEnv } from "@/lib/server/env";
import { clientAddress } from "@/lib/server/client-address";
import { readBoundedBody } from "@/lib/server/http";
import { checkContentType, parseRunRequest } from "@/lib/server/run-request";
import { startRun } from "@/lib/server/runs";
import { refusalBody } from "./refusal";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// A run request is a test name, an address of at most 320 characters and a flag.
const MAX_BODY_BYTES = 4096;

function problem(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: { "cache-control": "no-store" } });
}

export async function POST(request: Request): Promise<Response> {
  const badType = checkContentType(request.headers.get("content-type"));
  if (badType && !badType.ok) return problem(badType.status, badType.message);
  const body = await readBoundedBody(request, MAX_BODY_BYTES);
  if (!body.ok) return problem(body.status, body.message);
  const parsed = parseRunRequest(body.text);
  // A refusal of the input also goes as its key, which the form words in its reader's language.
  if (!parsed.ok) return Response.json({ error: parsed.message, ...(parsed.refusal ? { refusal: parsed.refusal } : {}) }, { status: parsed.status, headers: { "cache-control": "no-store" } });
  let started: Awaited<ReturnType<typeof startRun>>;
  try {
    started = await startRun(parsed.request, clientAddress(request.headers, serverEnv().trustProxy));
  } catch (err) {
    // The store or the limiter's database is down (e.g. PostgreSQL unreachable): say so instead of a bare 500.
    console.error("mailsec: a run could not be started:", err);
    return problem(503, "The run could not be started: the result store is unavailable. Try again shortly.");
  }
  if (!started.ok) {
    return Response.json(refusalBody(started), {
      status: 429,
      headers: { "cache-control": "no-store", "retry-after": String(started.retryAfterSeconds) },
    });
  }
  return new Response(started.body, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "cache-control": "no-store",
      "x-run-id": started.id,
    },
  });
}
