// GET /api/runs/<id>: the stored run (in progress, finished, failed or interrupted); 404 otherwise.
// With ?download=1 it is sent as a file: the result document once the run is done.
import { englishFailure } from "@/lib/report/run-failure-text";
import { getStoredRun } from "@/lib/server/results";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const run = await getStoredRun(id);
  if (!run) return Response.json({ error: "No run with that id." }, { status: 404, headers: { "cache-control": "no-store" } });
  const download = new URL(request.url).searchParams.get("download") === "1";
  // `failure` is the key the page words in its reader's language; `error` the same in English, the
  // field readers from before failures were keys take.
  if (!download) return Response.json({ ...run, error: run.failure ? englishFailure(run.failure) : null }, { headers: { "cache-control": "no-store" } });
  return new Response(JSON.stringify(run.result ?? run, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="mailsec-${run.test}-${run.id}.json"`,
      "cache-control": "no-store",
    },
  });
}
