// The 429 body of POST /api/runs: the sentence the form shows as it is (`error`), plus what an
// API client acts on without parsing English: why (`reason`) and how long to wait.
import type { Admission } from "@/lib/server/rate-limit";

export type Refusal = Extract<Admission, { ok: false }>;

export interface RefusalBody {
  error: string;
  /** "rate-limited": this client spent its budget; "busy": the server is full for everyone. */
  reason: "rate-limited" | "busy";
  /** The same number as the Retry-After header. */
  retryAfterSeconds: number;
}

export function refusalBody(refusal: Refusal): RefusalBody {
  return {
    error: refusal.message,
    reason: refusal.reason === "client" ? "rate-limited" : "busy",
    retryAfterSeconds: refusal.retryAfterSeconds,
  };
}
