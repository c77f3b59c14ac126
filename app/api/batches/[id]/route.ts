// GET /api/batches/<id>: progress as { id, total, done, counts: { pass, warning, fail, error } },
// and for an Exchange Online readiness batch `stages`: { <stage>: finished items }.
import { authorizedId, json, problem } from "@/lib/server/jobs-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const found = await authorizedId(request, params, "batch");
  if (!found.ok) return found.response;
  const progress = await found.system.batches.progress(found.id);
  return progress ? json(progress) : problem(404, "No batch with that id.");
}
