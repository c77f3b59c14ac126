// The abuse limits and the bad-input doors over real HTTP: a server of its own with a small
// budget (3 runs per 10 minutes, 1 run at a time), then the shared server for bodies that must
// be refused with a precise 4xx and never a 500.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { postgresMissing, startPostgres, type PostgresServer } from "../helpers/postgres-server";
import { appEnv, freePort, labSettings, startNext, stopNext, type NextServer } from "./next-server";

async function startRun(request: APIRequestContext, url: string, input: string, headers: Record<string, string> = {}) {
  return request.post(`${url}/api/runs`, { data: { test: "dane", input }, headers, timeout: 30_000 });
}

test("a client past its budget, and a full server, get 429 with Retry-After and a sentence the form shows", async ({ page, request }) => {
  test.setTimeout(120_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-limits-"));
  let server: NextServer | null = null;
  try {
    server = await startNext(
      await freePort(),
      { ...appEnv(labSettings(), path.join(work, "data")), MAILSEC_RATE_LIMIT: "3/10m", MAILSEC_MAX_CONCURRENT_RUNS: "1" },
      path.join(work, "next.log"),
    );
    const url = server.url;

    // One slow run holds the only slot: a second run is refused as "busy" while it lasts...
    const slow = fetch(`${url}/api/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ test: "dane", input: "slow-banner.test" }),
      signal: AbortSignal.timeout(30_000),
    });
    const slowResponse = await slow;
    expect(slowResponse.status).toBe(200);
    const busy = await startRun(request, url, "dane-ee.test");
    expect(busy.status()).toBe(429);
    expect(busy.headers()["retry-after"]).toBe("15");
    expect(await busy.json()).toEqual({
      error: "mailsec is already running its maximum of 1 tests at once; try again in 15 seconds.",
      reason: "busy",
      retryAfterSeconds: 15,
    });
    expect(await slowResponse.text()).toContain('"type":"done"');

    // ...and that refusal cost nothing: two more runs fit the budget of three, whatever the client
    // claims to be in X-Forwarded-For or in the server's own stamp header.
    for (const claimed of ["203.0.113.1", "203.0.113.2"]) {
      const ok = await startRun(request, url, "dane-ee.test", { "x-forwarded-for": claimed, "x-mailsec-client-address": claimed });
      expect(ok.status()).toBe(200);
      expect(await ok.text()).toContain('"type":"done"');
    }
    const limited = await startRun(request, url, "dane-ee.test", { "x-forwarded-for": "203.0.113.3" });
    expect(limited.status()).toBe(429);
    const retryAfter = Number(limited.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(await limited.json()).toEqual({
      error: "You have started 3 tests in the last 10 minutes; try again in 10 minutes.",
      reason: "rate-limited",
      retryAfterSeconds: retryAfter,
    });

    // The form shows the server's sentence under the field and starts nothing.
    await page.goto(`${url}/test/dane`);
    await page.getByLabel("Domain or e-mail address").fill("dane-ee.test");
    await page.getByRole("button", { name: "Run test" }).click();
    await expect(page.locator("#target-error")).toHaveText("You have started 3 tests in the last 10 minutes; try again in 10 minutes.");
    await expect(page.getByTestId("verdict")).toHaveCount(0);
  } finally {
    if (server) await stopNext(server);
    fs.rmSync(work, { recursive: true, force: true });
  }
});

test("two instances on one PostgreSQL share a client's budget", async ({ request }) => {
  test.skip(postgresMissing !== null, `skipped: ${postgresMissing}`);
  test.setTimeout(180_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-limits-pg-"));
  let database: PostgresServer | null = null;
  const servers: NextServer[] = [];
  try {
    database = await startPostgres();
    const env = { ...appEnv(labSettings(), path.join(work, "data")), DATABASE_URL: database.url, MAILSEC_RATE_LIMIT: "3/1h" };
    for (const name of ["a", "b"]) servers.push(await startNext(await freePort(), env, path.join(work, `next-${name}.log`)));
    const [a, b] = servers.map((s) => s.url) as [string, string];
    for (const url of [a, b, a]) {
      const ok = await startRun(request, url, "dane-ee.test");
      expect(ok.status()).toBe(200);
      expect(await ok.text()).toContain('"type":"done"');
    }
    const limited = await startRun(request, b, "dane-ee.test");
    expect(limited.status()).toBe(429);
    expect(((await limited.json()) as { error: string }).error).toBe("You have started 3 tests in the last hour; try again in 1 hour.");
  } finally {
    for (const server of servers) await stopNext(server);
    database?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
});

test("bad bodies through the JSON API get a precise 4xx, never a 500", async ({ request }) => {
  const post = (data: string | Buffer, contentType = "application/json") =>
    request.post("/api/runs", { data, headers: { "content-type": contentType } });
  const cases: [string, string | Buffer, number, string | RegExp][] = [
    ["wrong type", JSON.stringify({ test: "dane", input: ["example.com"] }), 400, /^input: /],
    ["extra field", JSON.stringify({ test: "dane", input: "example.com", admin: true }), 400, /admin/],
    ["not UTF-8", Buffer.from([0x7b, 0x22, 0x74, 0xff, 0xfe, 0x22, 0x7d]), 400, "The request body is not valid UTF-8."],
    ["huge body", JSON.stringify({ test: "dane", input: "a".repeat(100_000) }), 413, "The request body is larger than 4096 bytes."],
    ["RTL override", JSON.stringify({ test: "dane", input: "\u202Etset.ee-enad" }), 400, /U\+202E/],
    ["zero-width space", JSON.stringify({ test: "dane", input: "dane\u200B-ee.test" }), 400, /U\+200B/],
    ["IP literal", JSON.stringify({ test: "dane", input: "postmaster@[127.0.0.1]" }), 400, /an IP address is not a mail domain/],
    ["JSON null", "null", 400, /expected object/],
  ];
  for (const [what, data, status, message] of cases) {
    const response = await post(data);
    expect(response.status(), what).toBe(status);
    const error = ((await response.json()) as { error: string }).error;
    if (typeof message === "string") expect(error, what).toBe(message);
    else expect(error, what).toMatch(message);
  }
  const form = await post("test=dane&input=example.com", "application/x-www-form-urlencoded");
  expect(form.status()).toBe(415);
});

test("a mixed-script homograph runs under its A-label and the steps name it in both forms", async ({ request }) => {
  // "dane-ee.test" with a Cyrillic "е" (U+0435): a different name, which the lab does not serve.
  const response = await request.post("/api/runs", { data: { test: "dane", input: "dan\u0435-ee.test" }, timeout: 30_000 });
  expect(response.status()).toBe(200);
  const text = await response.text();
  expect(text).toContain('"type":"done"');
  expect(text).toContain("dan\u0435-ee.test (xn--");
});

test("the form shows the server's reason for an input it cannot test, and starts nothing", async ({ page }) => {
  await page.goto("/test/dane");
  const field = page.getByLabel("Domain or e-mail address");
  const inlineError = page.locator("#target-error");
  for (const [input, reason] of [
    ["192.0.2.1", "'192.0.2.1' cannot be tested: an IP address is not a mail domain; enter the domain whose MX records should be tested."],
    ["dane-ee.test\u202E", "the text contains an invisible or direction-changing character (U+202E); type the name again without it."],
  ] as const) {
    await field.fill(input);
    await page.getByRole("button", { name: "Run test" }).click();
    await expect(inlineError).toHaveText(reason);
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("verdict")).toHaveCount(0);
  }
});
