// GET /api/batches/<id>/results.json: one object per input, as a file.
import { batchRows } from "../results";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const found = await batchRows(request, params);
  if (!found.ok) return found.response;
  return new Response(JSON.stringify(found.rows, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="mailsec-batch-${found.id}.json"`,
      "cache-control": "no-store",
    },
  });
}
