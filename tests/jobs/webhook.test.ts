// Webhook delivery against a real HTTP receiver on loopback: the outbound guard's policy holds
// (loopback only with allow-private, for literal addresses and for names alike), the body is
// signed, and a non-2xx answer is a failure the queue retries.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendWebhook, webhookUrlProblem } from "../../lib/jobs/webhook";
import { startReceiver, type Receiver } from "./receiver";

let ok: Receiver;
let failing: Receiver;

beforeAll(async () => {
  ok = await startReceiver([200]);
  failing = await startReceiver([503]);
});

afterAll(async () => {
  await ok?.close();
  await failing?.close();
});

const body = JSON.stringify({ type: "mailsec.watch.changed", changes: [] });

describe("sending a webhook", () => {
  it("refuses loopback without allow-private, by address and by name, and sends nothing", async () => {
    const before = ok.received.length;
    const literal = await sendWebhook(ok.url, body, "s3cret", "d1", { allowPrivate: false, timeoutMs: 5000 });
    expect(literal).toEqual({ ok: false, error: expect.stringContaining("127.0.0.1 is loopback") });
    const named = await sendWebhook(ok.url.replace("127.0.0.1", "localhost"), body, "s3cret", "d1", { allowPrivate: false, timeoutMs: 5000 });
    expect(named.ok).toBe(false);
    expect(ok.received.length).toBe(before);
  });

  it("delivers with allow-private, signed with HMAC-SHA256 over timestamp and body", async () => {
    const sent = await sendWebhook(ok.url, body, "s3cret", "delivery-7", { allowPrivate: true, timeoutMs: 5000 });
    expect(sent).toEqual({ ok: true, status: 200 });
    const got = ok.received.at(-1);
    expect(got?.body).toBe(body);
    expect(got?.headers["content-type"]).toBe("application/json");
    expect(got?.headers["x-mailsec-delivery"]).toBe("delivery-7");
    const ts = String(got?.headers["x-mailsec-timestamp"]);
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
    expect(got?.headers["x-mailsec-signature"]).toBe(`sha256=${crypto.createHmac("sha256", "s3cret").update(`${ts}.${body}`).digest("hex")}`);
  });

  it("reports a non-2xx answer and an unreachable receiver as failures", async () => {
    expect(await sendWebhook(failing.url, body, "k", "d", { allowPrivate: true, timeoutMs: 5000 })).toEqual({ ok: false, error: "the receiver answered HTTP 503" });
    const closed = await sendWebhook("http://127.0.0.1:9/hook", body, "k", "d", { allowPrivate: true, timeoutMs: 5000 });
    expect(closed.ok).toBe(false);
  });

  it("takes only http(s) URLs without credentials", () => {
    expect(webhookUrlProblem("https://hooks.example/x")).toBeNull();
    expect(webhookUrlProblem("ftp://hooks.example/x")).toMatch(/http/);
    expect(webhookUrlProblem("https://user:pw@hooks.example/x")).toMatch(/user name or password/);
    expect(webhookUrlProblem("not a url")).toBe("is not a URL");
  });
});
