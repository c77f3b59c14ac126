// POST /api/watches { test, input, intervalSeconds (>= 3600), webhookUrl?, certDays?, rrsigDays? }:
// answers { id, secret, nextRunAt } (201). The secret signs the webhooks (HMAC-SHA256) and is
// shown only here. Needs an API token.
import { createWatch, WatchRequest } from "@/lib/jobs/watches";
import { authorized, json, problem, readJson } from "@/lib/server/jobs-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 8192;

export async function POST(request: Request): Promise<Response> {
  const auth = await authorized(request);
  if (!auth.ok) return auth.response;
  const body = await readJson(request, MAX_BODY_BYTES, WatchRequest);
  if (!body.ok) return body.response;
  const created = await createWatch(auth.system, body.value);
  if (!created.ok) return problem(400, created.message);
  return json({ id: created.id, secret: created.secret, nextRunAt: created.nextRunAt }, 201);
}
