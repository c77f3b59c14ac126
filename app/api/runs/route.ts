// POST /api/runs: validate the request, start the run, stream its events as NDJSON.
import { RunRequest } from "@/lib/report/schema";
import { readBoundedBody } from "@/lib/server/http";
import { startRun } from "@/lib/server/runs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// A run request is a test name, an address of at most 320 characters and a flag.
const MAX_BODY_BYTES = 4096;

function problem(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: { "cache-control": "no-store" } });
}

export async function POST(request: Request): Promise<Response> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(contentType)) return problem(415, "Send the request as application/json.");
  const body = await readBoundedBody(request, MAX_BODY_BYTES);
  if (!body.ok) return problem(body.status, body.message);
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return problem(400, "The request body is not valid JSON.");
  }
  const parsed = RunRequest.safeParse(json);
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
      .join("; ");
    return problem(400, message);
  }
  let started: Awaited<ReturnType<typeof startRun>>;
  try {
    started = await startRun(parsed.data);
  } catch (err) {
    // The store is down (e.g. PostgreSQL unreachable): say so instead of a bare 500.
    console.error("mailsec: a run could not be started:", err);
    return problem(503, "The run could not be started: the result store is unavailable. Try again shortly.");
  }
  const { id, body: events } = started;
  return new Response(events, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "cache-control": "no-store",
      "x-run-id": id,
    },
  });
}
