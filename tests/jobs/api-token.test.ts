// The token gate of batches and watches, and the settings it reads.
import { describe, expect, it } from "vitest";
import { checkBearer, tokenMatches } from "../../lib/jobs/api-token";
import { parseJobSettings } from "../../lib/jobs/settings";

const A = "token-aaaaaaaaaaaaaaaaaaaaaaaa";
const B = "token-bbbbbbbbbbbbbbbbbbbbbbbb";

describe("API tokens", () => {
  it("match only a configured token, exactly", () => {
    expect(tokenMatches(A, [A, B])).toBe(true);
    expect(tokenMatches(B, [A, B])).toBe(true);
    expect(tokenMatches(`${A}x`, [A, B])).toBe(false);
    expect(tokenMatches(A.slice(0, -1), [A, B])).toBe(false);
    expect(tokenMatches("", [A])).toBe(false);
  });

  it("come as Authorization: Bearer, and every refusal says why", () => {
    expect(checkBearer(`Bearer ${A}`, [A])).toEqual({ ok: true });
    expect(checkBearer(`bearer   ${A} `, [A])).toEqual({ ok: true });
    expect(checkBearer(null, [A])).toMatchObject({ ok: false, status: 401, message: expect.stringContaining("Authorization: Bearer") });
    expect(checkBearer(`Basic ${A}`, [A])).toMatchObject({ ok: false, status: 401 });
    expect(checkBearer(`Bearer ${B}`, [A])).toMatchObject({ ok: false, status: 401, message: "That API token is not valid here." });
    expect(checkBearer(`Bearer ${A}`, [])).toMatchObject({ ok: false, status: 403, message: expect.stringContaining("MAILSEC_API_TOKENS") });
  });

  it("are read from MAILSEC_API_TOKENS, and a short one stops the server with the variable's name", () => {
    expect(parseJobSettings({ MAILSEC_API_TOKENS: ` ${A}, ${B} ,` }).apiTokens).toEqual([A, B]);
    expect(parseJobSettings({}).apiTokens).toEqual([]);
    expect(() => parseJobSettings({ MAILSEC_API_TOKENS: "short" })).toThrow(/MAILSEC_API_TOKENS: each token must be at least 22/);
    expect(() => parseJobSettings({ MAILSEC_WORKER_CONCURRENCY: "0" })).toThrow(/MAILSEC_WORKER_CONCURRENCY: must be a whole number from 1 to 256/);
  });

  it("give a job lease that outlasts the run timeout unless one is set", () => {
    expect(parseJobSettings({ MAILSEC_RUN_TIMEOUT_SECONDS: "60" }).leaseSeconds).toBe(90);
    expect(parseJobSettings({ MAILSEC_JOB_LEASE_SECONDS: "20" }).leaseSeconds).toBe(20);
  });
});
