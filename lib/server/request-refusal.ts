// The API's refusal of a request body as a key and params (lib/report/i18n/{en,pt-PT}/input.ts
// words it): what each zod issue says about which field, as tokens, so the run form and the batch
// form show it in the page's language. The 400 body keeps its English `message`/`error` beside it
// for the clients that read that.
import type { z } from "zod";
import { message, type Message } from "../report/i18n/message";
import type { MessageParamValue } from "../report/i18n/types";

/** One problem of a request: the field (a dotted path, "none" for the body as a whole) and its token. */
export type RequestProblem = Readonly<Record<string, string | number>> & { field: string; requestProblem: string };

/** The refusal of the whole request: every problem, worded one by one and joined (render.ts LISTS). */
export function requestRefusal(problems: readonly RequestProblem[]): Message {
  return message("request.refused", { requestProblems: problems as unknown as MessageParamValue });
}

/** Most issues a refusal lists: a body with thousands of unknown keys still answers a short text. */
const MAX_PROBLEMS = 20;

/** What zod says of a body, as problems; the input's own emptiness or length reads as the door's (input.problem). */
export function zodProblems(issues: readonly z.core.$ZodIssue[], input: { test?: unknown } = {}): RequestProblem[] {
  const out: RequestProblem[] = [];
  for (const issue of issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "none";
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ field: key, requestProblem: "unknown-field" });
    } else if (field === "input" && issue.code === "too_small") {
      out.push({ field, requestProblem: "input", inputProblem: input.test === "dnssec" ? "empty-dns" : "empty-mail" });
    } else if (field === "input" && issue.code === "too_big") {
      out.push({ field, requestProblem: "input", inputProblem: "too-long", max: Number(issue.maximum) });
    } else if (issue.code === "too_small" || issue.code === "too_big") {
      const bound = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
      out.push({ field, requestProblem: issue.code, origin: issue.origin === "array" ? "array" : "string", bound });
    } else if (issue.code === "invalid_type") {
      out.push({ field, requestProblem: "type", expected: String(issue.expected) });
    } else if (issue.code === "invalid_value") {
      out.push({ field, requestProblem: "choice", options: issue.values.map(String).join(", ") });
    } else if (issue.code === "invalid_format") {
      out.push({ field, requestProblem: "format" });
    } else {
      out.push({ field, requestProblem: "invalid" });
    }
  }
  return out.slice(0, MAX_PROBLEMS);
}
