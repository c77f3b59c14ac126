// Checking a POST /api/runs request before anything starts: every refusal is a 4xx with a
// sentence naming what is wrong, so a bad request never costs a run, a slot or a 500.
import { refusal, type ParsedDomain } from "../checks/input";
import { parseTarget } from "../checks/target";
import { tryRrTypeCode } from "../dns/rrtypes";
import { message, type Message } from "../report/i18n/message";
import { renderMessage } from "../report/i18n/render";
import { RunRequest } from "../report/schema";
import { requestRefusal, zodProblems, type RequestProblem } from "./request-refusal";

/** A request that passed every check, with its input already parsed: the engine does not parse it again. */
export type CheckedRunRequest = RunRequest & { target: ParsedDomain };

/**
 * `message`: the refusal in English (the API's 400 body, as old clients read it). `refusal`: the
 * same as a key and params, so the form and a batch word it in their reader's language: input.refused
 * when it is about the input itself (lib/checks/input.ts), request.refused for any other field.
 */
export type RequestCheck = { ok: true; request: CheckedRunRequest } | { ok: false; status: 400 | 415; message: string; refusal: Message };

/** A refusal of one field (or of the body: field "none") with its English sentence for `message`. */
function refuse(status: 400 | 415, english: string, problem: RequestProblem): RequestCheck {
  return { ok: false, status, message: english, refusal: requestRefusal([problem]) };
}

export function checkContentType(contentType: string | null): RequestCheck | null {
  return /^application\/json\b/i.test(contentType ?? "") ? null : refuse(415, "Send the request as application/json.", { field: "none", requestProblem: "content-type" });
}

/**
 * The schema's refusal of the input alone (empty, or longer than any address) as the door's token;
 * null when any other field is wrong too (their English sentences say it).
 */
function inputRefusal(json: unknown, issues: readonly { path: readonly PropertyKey[]; code: string; maximum?: unknown }[]): Message | null {
  const issue = issues[0];
  if (issues.length !== 1 || !issue || issue.path.join(".") !== "input") return null;
  const input = typeof json === "object" && json !== null && "input" in json && typeof json.input === "string" ? json.input.trim() : null;
  if (input === null) return null;
  const test = typeof json === "object" && json !== null && "test" in json ? json.test : null;
  if (issue.code === "too_small") return message("input.refused", { inputProblem: test === "dnssec" ? "empty-dns" : "empty-mail", input });
  if (issue.code === "too_big" && typeof issue.maximum === "number") return message("input.refused", { inputProblem: "too-long", input: `${input.slice(0, 40)}…`, max: issue.maximum });
  return null;
}

// Strict: a misspelt field ("sendTestMesage") is an error, not silently a default. Built once:
// zod compiles a schema's parser at its first use, so a schema made per request costs that each time.
const StrictRunRequest = RunRequest.strict();

/** The body's text (already bounded and decoded as UTF-8) -> a run request, or why not. */
export function parseRunRequest(text: string): RequestCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse(400, "The request body is not valid JSON.", { field: "none", requestProblem: "not-json" });
  }
  const parsed = StrictRunRequest.safeParse(json);
  if (!parsed.success) {
    const refused = inputRefusal(json, parsed.error.issues);
    const message = parsed.error.issues
      .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
      .join("; ");
    const test = typeof json === "object" && json !== null && "test" in json ? json.test : undefined;
    return { ok: false, status: 400, message, refusal: refused ?? requestRefusal(zodProblems(parsed.error.issues, { test })) };
  }
  const request = parsed.data;
  // parseInput/parseDnsName refuse invisible and direction-changing characters too, so the CLI
  // and this API share one check.
  const target = parseTarget(request.test, request.input);
  if (!target.ok) {
    const refused = refusal(target);
    return { ok: false, status: 400, message: `input: ${renderMessage("en", refused)}`, refusal: refused };
  }
  if (request.sendTestMessage && request.test !== "inbound") {
    return refuse(400, "sendTestMessage: only the Inbound SMTP Email test sends a message.", { field: "sendTestMessage", requestProblem: "inbound-only" });
  }
  if (request.dkimSelector !== undefined && request.test !== "inbound") {
    return refuse(400, "dkimSelector: only the Inbound SMTP Email test checks a DKIM key.", { field: "dkimSelector", requestProblem: "inbound-only" });
  }
  if (request.expectedMx !== undefined && request.test !== "exchange") {
    return refuse(400, "expectedMx: only the Exchange Online readiness test takes an expected MX.", { field: "expectedMx", requestProblem: "exchange-only" });
  }
  if (request.rrType !== undefined) {
    if (request.test !== "dnssec") return refuse(400, "rrType: only the DNSSEC Validation test takes a record type.", { field: "rrType", requestProblem: "dnssec-only" });
    if (tryRrTypeCode(request.rrType) === null) {
      return refuse(400, `rrType: '${request.rrType}' is not a record type mailsec knows; use a mnemonic such as MX, TLSA, A or TYPEnnn.`, { field: "rrType", requestProblem: "unknown-rr-type", rrType: request.rrType });
    }
  }
  return { ok: true, request: { ...request, target } };
}
