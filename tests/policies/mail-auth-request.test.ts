// The DKIM selector at the three doors (one zod schema, DkimSelector): the API body, the CLI's
// --dkim-selector, the form's RunRequest. Only the Inbound SMTP Email test takes one.
import { describe, expect, it } from "vitest";
import { DkimSelector } from "../../lib/report/mail-auth-blocks";
import { RunRequest } from "../../lib/report/schema";
import { parseRunRequest } from "../../lib/server/run-request";
import { mailsec } from "../helpers/cli";

describe("the selector's syntax (RFC 6376 §3.1: sub-domain labels)", () => {
  it.each(["s1", "selector1", "google", "k1._x", "2026-01.mail", "A_B"])("accepts %s", (s) => expect(DkimSelector.safeParse(s).success).toBe(true));
  it.each(["", "a b", "a..b", ".a", "a.", "-a", "a/b", "x".repeat(64), "ä"])("refuses %j", (s) => expect(DkimSelector.safeParse(s).success).toBe(false));
  it("is trimmed", () => expect(RunRequest.parse({ test: "inbound", input: "example.com", dkimSelector: " s1 " }).dkimSelector).toBe("s1"));
});

describe("the API", () => {
  it("takes a selector for the Inbound test", () => {
    const checked = parseRunRequest(JSON.stringify({ test: "inbound", input: "example.com", dkimSelector: "s1" }));
    expect(checked.ok && checked.request.dkimSelector).toBe("s1");
  });
  it("refuses one for another test, and a malformed one, with the field named", () => {
    expect(parseRunRequest(JSON.stringify({ test: "dane", input: "example.com", dkimSelector: "s1" }))).toMatchObject({ ok: false, status: 400, message: expect.stringContaining("dkimSelector:") });
    expect(parseRunRequest(JSON.stringify({ test: "inbound", input: "example.com", dkimSelector: "a b" }))).toMatchObject({ ok: false, status: 400, message: expect.stringContaining("dkimSelector:") });
  });
});

describe.concurrent("the CLI", () => {
  it("refuses --dkim-selector outside the inbound test", async () => {
    const run = await mailsec(["dane", "example.com", "--resolver", "127.0.0.1:9", "--dkim-selector", "s1"]);
    expect([run.code, run.stdout]).toEqual([2, ""]);
    expect(run.stderr).toContain("--dkim-selector works with the inbound test");
  });
  it("names the option when the selector is malformed", async () => {
    const run = await mailsec(["inbound", "example.com", "--resolver", "127.0.0.1:9", "--dkim-selector", "a b"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--dkim-selector: Give a DKIM selector");
  });
});
