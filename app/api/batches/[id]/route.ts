// GET /api/batches/<id>: progress as { id, total, done, counts: { pass, warning, fail, error } }.
import { authorized, isJobId, json, problem } from "@/lib/server/jobs-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await authorized(request);
  if (!auth.ok) return auth.response;
  const { id } = await params;
  const progress = isJobId(id) ? await auth.system.batches.progress(id) : null;
  return progress ? json(progress) : problem(404, "No batch with that id.");
}
