// POST /api/watches/<id>/run: queue a run of the watch now, beside its schedule (202).
import { runWatchNow } from "@/lib/jobs/watches";
import { authorized, isJobId, json, problem } from "@/lib/server/jobs-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await authorized(request);
  if (!auth.ok) return auth.response;
  const { id } = await params;
  return isJobId(id) && (await runWatchNow(auth.system, id)) ? json({ queued: true }, 202) : problem(404, "No watch with that id.");
}
