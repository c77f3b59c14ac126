// The rows of GET /api/batches/<id>/results.csv and results.json: one per input, in input order
// (pending ones too, with verdict "pending"), each linking to its stored run by path: the Host
// header is the client's to choose, so it never goes into a link.
import { resultRows, type ResultRow } from "@/lib/jobs/batches";
import { authorizedId, problem } from "@/lib/server/jobs-http";

export async function batchRows(request: Request, params: Promise<{ id: string }>): Promise<{ ok: true; id: string; rows: ResultRow[] } | { ok: false; response: Response }> {
  const found = await authorizedId(request, params, "batch");
  if (!found.ok) return found;
  if (!(await found.system.batches.get(found.id))) return { ok: false, response: problem(404, "No batch with that id.") };
  return { ok: true, id: found.id, rows: resultRows(await found.system.batches.items(found.id)) };
}
