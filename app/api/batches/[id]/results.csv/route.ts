// GET /api/batches/<id>/results.csv: one row per input, as a file.
import { resultsCsv } from "@/lib/jobs/batches";
import { batchRows } from "../results";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const found = await batchRows(request, params);
  if (!found.ok) return found.response;
  return new Response(resultsCsv(found.rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="mailsec-batch-${found.id}.csv"`,
      "cache-control": "no-store",
    },
  });
}
