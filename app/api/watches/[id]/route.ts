// GET /api/watches/<id>: the watch (without its secret), its run history (oldest first) and its
// webhook deliveries. DELETE removes it with its history.
import { watchView } from "@/lib/jobs/watches";
import { authorizedId, json, problem } from "@/lib/server/jobs-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const found = await authorizedId(request, params, "watch");
  if (!found.ok) return found.response;
  const view = await watchView(found.system, found.id);
  return view ? json(view) : problem(404, "No watch with that id.");
}

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const found = await authorizedId(request, params, "watch");
  if (!found.ok) return found.response;
  return (await found.system.watches.remove(found.id)) ? new Response(null, { status: 204 }) : problem(404, "No watch with that id.");
}
