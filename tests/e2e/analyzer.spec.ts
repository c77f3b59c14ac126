// The web analyzer as a user meets it, against the app served over the lab (global-setup.ts).
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";

const SHOTS = "test-results/screenshots";
fs.mkdirSync(SHOTS, { recursive: true });

async function startDane(page: Page, target: string): Promise<void> {
  await page.goto("/test/dane");
  await page.getByLabel("Domain or e-mail address").fill(target);
  await page.getByRole("button", { name: "Run test" }).click();
}

const verdict = (page: Page) => page.getByTestId("verdict");
const treeItems = (page: Page) => page.getByRole("tree", { name: "Test steps" }).getByRole("treeitem");

async function treeTitles(page: Page): Promise<string[]> {
  return page.locator('[role="treeitem"] > div p.font-medium').allTextContents();
}

test("the home page offers the three tests", async ({ page }) => {
  await page.goto("/");
  for (const name of ["Inbound SMTP Email", "DANE Validation (including DNSSEC)", "DNSSEC Validation"]) {
    await expect(page.getByRole("link", { name: new RegExp(name.replace(/[()]/g, "\\$&")) })).toBeVisible();
  }
  await page.screenshot({ path: `${SHOTS}/home.png`, fullPage: true });
});

test("steps appear while the run is still going", async ({ page }) => {
  await page.goto("/test/dane");
  // Record, from inside the page, any moment where a step shows "running" while the verdict is
  // still open: proof that steps arrive before the run ends, whatever the machine's speed.
  await page.evaluate(() => {
    const seen = window as unknown as { sawLiveStep?: boolean };
    new MutationObserver(() => {
      if (document.querySelector('[data-verdict="running"]') && document.querySelector('[role="treeitem"][data-status="running"]')) seen.sawLiveStep = true;
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  // The lab never answers this domain's TLSA query: the run waits seconds on it, mid-tree.
  await page.getByLabel("Domain or e-mail address").fill("tlsa-timeout.test");
  await page.getByRole("button", { name: "Run test" }).click();
  await page.waitForFunction(() => (window as unknown as { sawLiveStep?: boolean }).sawLiveStep === true);
  await page.screenshot({ path: `${SHOTS}/live-run.png`, fullPage: true });
  await expect(verdict(page)).toHaveAttribute("data-verdict", "fail", { timeout: 45_000 });
  await expect(page.getByTestId("exchange-code")).toHaveText("4.7.324");
  await expect(page.locator('[role="treeitem"][data-status="running"]')).toHaveCount(0);
});

test("a passing DANE-EE domain: 'Test successful' and delivery", async ({ page }) => {
  await startDane(page, "dane-ee.test");
  await expect(verdict(page)).toHaveAttribute("data-verdict", "pass", { timeout: 30_000 });
  await expect(verdict(page).getByRole("heading")).toHaveText("Test successful");
  await expect(page.getByTestId("exchange")).toContainText("Would deliver");
  await expect(page.locator('[role="treeitem"][data-status="success"]').first()).toBeVisible();
});

test("a run carries on after its reader leaves, and its link follows it to the end", async ({ page, browser, request }) => {
  await page.goto("/");
  const id = await page.evaluate(async () => {
    const response = await fetch("/api/runs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ test: "dane", input: "tlsa-timeout.test" }),
    });
    const runId = response.headers.get("x-run-id");
    await response.body?.cancel();
    return runId;
  });
  expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
  // Rendered on the server from the store while the run is still waiting on the TLSA lookup.
  const early = await request.get(`/r/${id}`);
  expect(await early.text()).toContain("Test in progress");

  const fresh = await browser.newContext();
  const shared = await fresh.newPage();
  await shared.goto(`/r/${id}`);
  await expect(verdict(shared)).toHaveAttribute("data-verdict", "fail", { timeout: 45_000 });
  await expect(shared.getByTestId("exchange-code")).toHaveText("4.7.324");
  const stored = await request.get(`/api/runs/${id}`);
  expect(await stored.json()).toMatchObject({ id, status: "done", result: { verdict: "fail" } });
  await fresh.close();
});

test("a TLSA mismatch fails with 4.7.323, details expand, and the share link shows the same tree", async ({ page, browser }) => {
  await startDane(page, "tlsa-mismatch.test");
  await expect(verdict(page)).toHaveAttribute("data-verdict", "fail", { timeout: 30_000 });
  await expect(verdict(page).getByRole("heading")).toHaveText("Test failed");
  await expect(page.getByTestId("exchange-code")).toHaveText("4.7.323");
  await expect(page.getByTestId("exchange")).toContainText("Retry schedule");

  // Details are collapsed until asked for; "Expand all" opens every one.
  const details = page.getByTestId("step-details");
  await expect(details.first()).toBeHidden();
  await page.getByRole("button", { name: "Expand all" }).click();
  await expect(details.first()).toBeVisible();
  const failed = page.locator('[role="treeitem"][data-status="error"]').last();
  await expect(failed.getByTestId("step-details").first()).toContainText("What to change");
  await expect(page.locator("pre", { hasText: /TLSA 3 1 1 [0-9a-f]{16}/i }).first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/failed-result.png`, fullPage: true });

  const titles = await treeTitles(page);
  expect(titles.length).toBeGreaterThan(3);
  const link = await page.getByTestId("share-link").getAttribute("href");
  expect(link).toMatch(/^\/r\/[A-Za-z0-9_-]{24}$/);

  // A fresh context (no state from the run) on a phone-sized screen: the helpdesk opening the ticket.
  const fresh = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const shared = await fresh.newPage();
  await shared.goto(link!);
  await expect(verdict(shared).getByRole("heading")).toHaveText("Test failed");
  await shared.screenshot({ path: `${SHOTS}/shared-phone.png`, fullPage: true });
  await expect(shared.getByTestId("exchange-code")).toHaveText("4.7.323");
  expect(await treeTitles(shared)).toEqual(titles);
  const download = await shared.request.get(`/api/runs/${link!.slice(3)}?download=1`);
  const document: unknown = await download.json();
  expect(document).toMatchObject({ verdict: "fail", exchangeOnline: { code: "4.7.323" }, input: "tlsa-mismatch.test" });
  await fresh.close();
});

test("the tree works from the keyboard", async ({ page }) => {
  await startDane(page, "dane-ee.test");
  await expect(verdict(page)).toHaveAttribute("data-verdict", "pass", { timeout: 30_000 });
  const first = treeItems(page).first();
  await first.focus();
  await page.keyboard.press("ArrowDown");
  const second = treeItems(page).nth(1);
  await expect(second).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(second.getByTestId("step-details").first()).toBeVisible();
  await page.keyboard.press("ArrowUp");
  await expect(first).toBeFocused();
});

test("the print style keeps the tree and every detail, without the controls", async ({ page }) => {
  await startDane(page, "dane-ee.test");
  await expect(verdict(page)).toHaveAttribute("data-verdict", "pass", { timeout: 30_000 });
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Expand all" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Run test" })).toBeHidden();
  await expect(page.getByTestId("step-details").first()).toBeVisible();
  await expect(page.getByTestId("verdict")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/print.png`, fullPage: true });
});

test("the Inbound SMTP Email test sends no message unless asked, and settles", async ({ page }) => {
  await page.goto("/test/inbound");
  const sendBox = page.getByRole("checkbox", { name: /Send a test message/ });
  await expect(sendBox).not.toBeChecked();
  await page.getByLabel("Domain or e-mail address").fill("postmaster@dane-ee.test");
  const sent = page.waitForRequest((r) => r.url().endsWith("/api/runs") && r.method() === "POST");
  await page.getByRole("button", { name: "Run test" }).click();
  expect((await sent).postDataJSON()).toEqual({ test: "inbound", input: "postmaster@dane-ee.test", sendTestMessage: false });
  await expect(verdict(page)).not.toHaveAttribute("data-verdict", "running", { timeout: 30_000 });
  await expect(verdict(page)).toContainText("Inbound SMTP Email");
  // With the lab root trusted every check of the MX host succeeds, so its branch opens folded.
  await page.getByRole("button", { name: "Expand all" }).click();
  await expect(page.getByRole("treeitem", { name: /STARTTLS/ }).first()).toBeVisible();
});

test("the DNSSEC Validation test fails a domain whose DS matches no key", async ({ page }) => {
  await page.goto("/test/dnssec");
  await page.getByLabel("Domain name").fill("bad-ds.test");
  await page.getByRole("button", { name: "Run test" }).click();
  await expect(verdict(page)).toHaveAttribute("data-verdict", "fail", { timeout: 30_000 });
  await expect(verdict(page).getByRole("heading")).toHaveText("Test failed");
  await expect(page.locator('[role="treeitem"][data-status="error"]').first()).toContainText(/[Bb]ogus/);
});

test("a bad input shows the inline error and starts nothing", async ({ page }) => {
  await page.goto("/test/dane");
  await page.getByRole("button", { name: "Run test" }).click();
  const inlineError = page.locator("#target-error");
  await expect(inlineError).toHaveText("Enter a domain or an e-mail address.");
  await expect(page.getByLabel("Domain or e-mail address")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Domain or e-mail address").fill(`${"x".repeat(64)}@${"y".repeat(250)}.test`);
  await page.getByRole("button", { name: "Run test" }).click();
  await expect(inlineError).toHaveText("A domain name has at most 253 characters; this one has 255.");
  await expect(verdict(page)).toHaveCount(0);
});

test("HTML in untrusted strings is shown as text", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  // Markup may stand in an address only inside a quoted local part (RFC 5321 §4.1.2).
  const hostile = `"<img src=x onerror=document.title='pwned'><b id=injected>x</b>"@dane-ee.test`;
  await startDane(page, hostile);
  await expect(verdict(page)).not.toHaveAttribute("data-verdict", "running", { timeout: 30_000 });
  await expect(verdict(page)).toContainText(hostile);
  await expect(page.locator("#injected")).toHaveCount(0);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.title()).not.toBe("pwned");

  // The peer's own strings: html-banner.test's MX greets with markup, and its certificate's subject
  // carries markup too (shown in RFC 4514 form, where "<" and ">" are backslash-escaped).
  await startDane(page, "html-banner.test");
  await expect(verdict(page)).toHaveAttribute("data-verdict", "pass", { timeout: 30_000 });
  await page.getByRole("button", { name: "Expand all" }).click();
  await expect(page.getByText("220 mx1.html-banner.test ESMTP <img src=x onerror=alert(1)><b>bold</b>").first()).toBeVisible();
  await expect(page.getByText("<img src=x onerror=alert(1)>").first()).toBeVisible();
  await expect(page.getByText(String.raw`CN=mailsec lab TEST \<b\>mx\</b\> leaf`).first()).toBeVisible();
  await expect(page.getByText(String.raw`O=mailsec lab \<img src=x onerror=alert(1)\>`).first()).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator("b").filter({ hasText: /^(bold|mx)$/ })).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test("the API rejects bad bodies with a message and every response carries the security headers", async ({ request }) => {
  const bad = await request.post("/api/runs", { data: { test: "dane", input: "" } });
  expect(bad.status()).toBe(400);
  // The English error for old clients, and the same refusal as a key the form words in its language.
  expect(await bad.json()).toMatchObject({ error: "input: Enter a domain or an e-mail address.", refusal: { key: "input.refused" } });
  const wrongTest = await request.post("/api/runs", { data: { test: "ftp", input: "example.test" } });
  expect(wrongTest.status()).toBe(400);
  expect((await wrongTest.json()).error).toMatch(/^test: /);
  const huge = await request.post("/api/runs", { data: { test: "dane", input: "a".repeat(10_000) } });
  expect(huge.status()).toBe(413);
  const notJson = await request.post("/api/runs", { headers: { "content-type": "application/json" }, data: "{not json" });
  expect(notJson.status()).toBe(400);
  expect((await request.get("/api/runs/not-an-id")).status()).toBe(404);
  expect((await request.get("/r/AAAAAAAAAAAAAAAAAAAAAAAA")).status()).toBe(404);

  const home = await (await request.get("/")).text();
  const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(home)?.[1];
  expect(script).toBeDefined();
  for (const path of ["/", "/test/dane", "/r/AAAAAAAAAAAAAAAAAAAAAAAA", "/api/runs/AAAAAAAAAAAAAAAAAAAAAAAA", script!]) {
    const response = await request.get(path);
    const headers = response.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toContain("unsafe-inline");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["x-powered-by"]).toBeUndefined();
  }
});

test("pages run under the CSP without violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await startDane(page, "dane-ee.test");
  await expect(verdict(page)).toHaveAttribute("data-verdict", "pass", { timeout: 30_000 });
  expect(violations).toEqual([]);
});
