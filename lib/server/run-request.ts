// Checking a POST /api/runs request before anything starts: every refusal is a 4xx with a
// sentence naming what is wrong, so a bad request never costs a run, a slot or a 500.
import { refusal, type ParsedDomain } from "../checks/input";
import { parseTarget } from "../checks/target";
import { tryRrTypeCode } from "../dns/rrtypes";
import { RunRequest } from "../report/schema";

/** A request that passed every check, with its input already parsed: the engine does not parse it again. */
export type CheckedRunRequest = RunRequest & { target: ParsedDomain };

export type RequestCheck = { ok: true; request: CheckedRunRequest } | { ok: false; status: 400 | 415; message: string };

export function checkContentType(contentType: string | null): RequestCheck | null {
  return /^application\/json\b/i.test(contentType ?? "") ? null : { ok: false, status: 415, message: "Send the request as application/json." };
}

/** The body's text (already bounded and decoded as UTF-8) -> a run request, or why not. */
export function parseRunRequest(text: string): RequestCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, message: "The request body is not valid JSON." };
  }
  // Strict: a misspelt field ("sendTestMesage") is an error, not silently a default.
  const parsed = RunRequest.strict().safeParse(json);
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
      .join("; ");
    return { ok: false, status: 400, message };
  }
  const request = parsed.data;
  // parseInput/parseDnsName refuse invisible and direction-changing characters too, so the CLI
  // and this API share one check.
  const target = parseTarget(request.test, request.input);
  if (!target.ok) return { ok: false, status: 400, message: `input: ${refusal(target)}` };
  if (request.sendTestMessage && request.test !== "inbound") {
    return { ok: false, status: 400, message: "sendTestMessage: only the Inbound SMTP Email test sends a message." };
  }
  if (request.dkimSelector !== undefined && request.test !== "inbound") {
    return { ok: false, status: 400, message: "dkimSelector: only the Inbound SMTP Email test checks a DKIM key." };
  }
  if (request.expectedMx !== undefined && request.test !== "exchange") {
    return { ok: false, status: 400, message: "expectedMx: only the Exchange Online readiness test takes an expected MX." };
  }
  if (request.rrType !== undefined) {
    if (request.test !== "dnssec") return { ok: false, status: 400, message: "rrType: only the DNSSEC Validation test takes a record type." };
    if (tryRrTypeCode(request.rrType) === null) {
      return { ok: false, status: 400, message: `rrType: '${request.rrType}' is not a record type mailsec knows; use a mnemonic such as MX, TLSA, A or TYPEnnn.` };
    }
  }
  return { ok: true, request: { ...request, target } };
}
