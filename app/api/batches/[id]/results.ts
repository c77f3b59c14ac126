// The rows of GET /api/batches/<id>/results.csv and results.json: one per input, in input order
// (pending ones too, with verdict "pending"), each linking to its stored run by path: the Host
// header is the client's to choose, so it never goes into a link.
import { resultRows, type ResultRow } from "@/lib/jobs/batches";
import { authorized, isJobId, problem } from "@/lib/server/jobs-http";

export async function batchRows(request: Request, params: Promise<{ id: string }>): Promise<{ ok: true; id: string; rows: ResultRow[] } | { ok: false; response: Response }> {
  const auth = await authorized(request);
  if (!auth.ok) return auth;
  const { id } = await params;
  const batch = isJobId(id) ? await auth.system.batches.get(id) : null;
  if (!batch) return { ok: false, response: problem(404, "No batch with that id.") };
  return { ok: true, id, rows: resultRows(await auth.system.batches.items(id)) };
}
