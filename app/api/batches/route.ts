// POST /api/batches { test, inputs, options }: up to 10,000 inputs, each checked by the single
// run's door; answers { id, total, refused } (201), or 400 with every input refused and why.
// Needs an API token. The runs happen in the job queue; GET /api/batches/<id> follows them.
import { BatchRequest, createBatch } from "@/lib/jobs/batches";
import { authorized, json, problem, readJson } from "@/lib/server/jobs-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// 10,000 inputs of up to 320 characters, quoted, with commas: a little over 3.3 MB.
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export async function POST(request: Request): Promise<Response> {
  const auth = await authorized(request);
  if (!auth.ok) return auth.response;
  const body = await readJson(request, MAX_BODY_BYTES, BatchRequest);
  if (!body.ok) return body.response;
  try {
    const created = await createBatch(auth.system, body.value);
    if (!created.ok) return problem(400, "No input of the batch can be run.", { refused: created.refused });
    return json({ id: created.id, total: created.total, refused: created.refused }, 201);
  } catch (err) {
    console.error("mailsec: a batch could not be created:", err);
    return problem(503, "The batch could not be created: the store or the job queue is unavailable. Try again shortly.");
  }
}
