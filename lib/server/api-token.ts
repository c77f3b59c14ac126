// Batches and watches cost far more than one run, so their routes need an API token; single runs
// stay anonymous and rate-limited. The check itself is lib/jobs/api-token.ts.
import "server-only";
import { checkBearer } from "../jobs/api-token";
import { jobSettings } from "./jobs";

/** The refusal as a JSON response (with the challenge header a 401 needs), or null when allowed. */
export function tokenRefusal(headers: Headers): Response | null {
  const check = checkBearer(headers.get("authorization"), jobSettings().apiTokens);
  if (check.ok) return null;
  return Response.json(
    { error: check.message },
    { status: check.status, headers: { "cache-control": "no-store", ...(check.status === 401 ? { "www-authenticate": 'Bearer realm="mailsec"' } : {}) } },
  );
}
