// GET /api/watches/<id>: the watch (without its secret), its run history (oldest first) and its
// webhook deliveries. DELETE removes it with its history.
import { watchView } from "@/lib/jobs/watches";
import { authorized, isJobId, json, problem } from "@/lib/server/jobs-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await authorized(request);
  if (!auth.ok) return auth.response;
  const { id } = await params;
  const view = isJobId(id) ? await watchView(auth.system, id) : null;
  return view ? json(view) : problem(404, "No watch with that id.");
}

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await authorized(request);
  if (!auth.ok) return auth.response;
  const { id } = await params;
  const removed = isJobId(id) && (await auth.system.watches.remove(id));
  return removed ? new Response(null, { status: 204 }) : problem(404, "No watch with that id.");
}
