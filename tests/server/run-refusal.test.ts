// The 429 body API clients read: the limiter's own refusals, mapped to the public reasons.
import { describe, expect, it } from "vitest";
import { refusalBody, type Refusal } from "@/lib/server/run-door";
import { BUSY_RETRY_SECONDS, busyRefusal, clientRefusal } from "@/lib/server/rate-limit";

function refused(admission: ReturnType<typeof busyRefusal>): Refusal {
  if (admission.ok) throw new Error("expected a refusal");
  return admission;
}

describe("refusalBody", () => {
  it("a client over its budget is 'rate-limited', with the wait in seconds and the form's sentence", () => {
    const body = refusalBody(refused(clientRefusal(3, 10 * 60_000, 9 * 60_000 + 1)));
    expect(body).toEqual({
      error: "You have started 3 tests in the last 10 minutes; try again in 10 minutes.",
      reason: "rate-limited",
      retryAfterSeconds: 541,
    });
  });

  it("a full server is 'busy', with the busy wait", () => {
    const body = refusalBody(refused(busyRefusal(4)));
    expect(body).toEqual({
      error: `mailsec is already running its maximum of 4 tests at once; try again in ${BUSY_RETRY_SECONDS} seconds.`,
      reason: "busy",
      retryAfterSeconds: BUSY_RETRY_SECONDS,
    });
  });
});
