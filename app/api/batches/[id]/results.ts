// The rows of GET /api/batches/<id>/results.csv and results.json: one per input, in input order
// (pending ones too, with verdict "pending"), each linking to its stored run by path: the Host
// header is the client's to choose, so it never goes into a link. A row's error (why its run ended
// without a result) is worded in the client's Accept-Language.
import { resultRows, type ResultRow } from "@/lib/jobs/batches";
import { localeFromAcceptLanguage } from "@/lib/report/i18n/locales";
import { authorizedId, problem } from "@/lib/server/jobs-http";

export async function batchRows(request: Request, params: Promise<{ id: string }>): Promise<{ ok: true; id: string; rows: ResultRow[] } | { ok: false; response: Response }> {
  const found = await authorizedId(request, params, "batch");
  if (!found.ok) return found;
  if (!(await found.system.batches.get(found.id))) return { ok: false, response: problem(404, "No batch with that id.") };
  // The error column in the language the client asks for (Accept-Language), English otherwise.
  const locale = localeFromAcceptLanguage(request.headers.get("accept-language")) ?? "en";
  return { ok: true, id: found.id, rows: resultRows(await found.system.batches.items(found.id), locale) };
}
