// The HTTP edge shared by the batch and watch routes: token first, then a bounded JSON body parsed
// with the route's schema; every refusal a JSON { error } with a 4xx and a sentence that names the
// field. Ids are checked for form before any query.
import "server-only";
import type { z } from "zod";
import { tokenRefusal } from "./api-token";
import { readBoundedBody } from "./http";
import { requestRefusal, zodProblems } from "./request-refusal";
import { jobSystem } from "./jobs";
import type { JobSystem } from "../jobs/system";

// Ids are 18 random bytes in base64url, like run ids.
const ID_PATTERN = /^[A-Za-z0-9_-]{24}$/;

export function problem(status: number, error: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error, ...extra }, { status, headers: { "cache-control": "no-store" } });
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

export function isJobId(id: string): boolean {
  return ID_PATTERN.test(id);
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");
}

/** The token check and the job system, or the response that refuses the request. */
export async function authorized(request: Request): Promise<{ ok: true; system: JobSystem } | { ok: false; response: Response }> {
  const refusal = tokenRefusal(request.headers);
  if (refusal) return { ok: false, response: refusal };
  try {
    return { ok: true, system: await jobSystem() };
  } catch (err) {
    console.error("mailsec: the job system could not be opened:", err);
    return { ok: false, response: problem(503, "Batches and watches are unavailable: the store or the job queue cannot be reached. Try again shortly.") };
  }
}

/** The token check, the job system and the route's `[id]` (checked for form), or the refusal. */
export async function authorizedId(request: Request, params: Promise<{ id: string }>, what: string): Promise<{ ok: true; system: JobSystem; id: string } | { ok: false; response: Response }> {
  const auth = await authorized(request);
  if (!auth.ok) return auth;
  const { id } = await params;
  return isJobId(id) ? { ok: true, system: auth.system, id } : { ok: false, response: problem(404, `No ${what} with that id.`) };
}

export async function readJson<S extends z.ZodType>(request: Request, maxBytes: number, schema: S): Promise<{ ok: true; value: z.infer<S> } | { ok: false; response: Response }> {
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) return { ok: false, response: problem(415, "Send the request as application/json.") };
  const body = await readBoundedBody(request, maxBytes);
  if (!body.ok) return { ok: false, response: problem(body.status, body.message) };
  let value: unknown;
  try {
    value = JSON.parse(body.text);
  } catch {
    return { ok: false, response: problem(400, "The request body is not valid JSON.") };
  }
  const parsed = schema.safeParse(value);
  // The English sentence for old clients; `refusal`, the same as tokens, for a form in its reader's language.
  if (!parsed.success) return { ok: false, response: problem(400, describe(parsed.error), { refusal: requestRefusal(zodProblems(parsed.error.issues)) }) };
  return { ok: true, value: parsed.data };
}
