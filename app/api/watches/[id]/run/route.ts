// POST /api/watches/<id>/run: queue a run of the watch now, beside its schedule (202).
import { runWatchNow } from "@/lib/jobs/watches";
import { authorizedId, json, problem } from "@/lib/server/jobs-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const found = await authorizedId(request, params, "watch");
  if (!found.ok) return found.response;
  return (await runWatchNow(found.system, found.id)) ? json({ queued: true }, 202) : problem(404, "No watch with that id.");
}
