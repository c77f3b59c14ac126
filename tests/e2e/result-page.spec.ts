// The result page an admin reads in ten seconds (issue 14): the verdict with its cause on the first
// screen, the summary matrix, the problems found, the chain of trust as a picture, the tree with
// each MX host on top and failed branches open; on a desktop and on a phone, by keyboard.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./run-evidence";

// MAILSEC_DOCS_SCREENSHOTS=1 refreshes README's pictures in docs/screenshots.
const SHOTS = process.env.MAILSEC_DOCS_SCREENSHOTS === "1" ? "docs/screenshots" : "test-results/screenshots";
fs.mkdirSync(SHOTS, { recursive: true });
fs.mkdirSync("test-results/screenshots", { recursive: true });

const verdict = (page: Page) => page.getByTestId("verdict");

async function run(page: Page, test: "dane" | "inbound" | "dnssec", target: string, expected: "pass" | "warning" | "fail"): Promise<void> {
  await page.goto(`/test/${test}`);
  await page.locator("#target").fill(target);
  await page.getByRole("button", { name: "Run test" }).click();
  await expect(verdict(page)).toHaveAttribute("data-verdict", expected, { timeout: 30_000 });
}

/** The element's box lies inside the first screen of the viewport (no scrolling). */
async function onFirstScreen(page: Page, selector: string, screens = 1): Promise<boolean> {
  const viewport = page.viewportSize()!;
  const box = await page.locator(selector).first().boundingBox();
  return box !== null && box.y >= 0 && box.y + Math.min(box.height, 40) <= viewport.height * screens;
}

test("a pass: every matrix cell says success or n/a, no problems, the chain validates", async ({ page }) => {
  await run(page, "dane", "dane-ee.test", "pass");
  const row = page.getByTestId("summary-row");
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute("data-host", "mx1.dane-ee.test");
  await expect(row.locator('[data-cell="dane"]')).toHaveAttribute("data-status", "success");
  await expect(row.locator('[data-cell="starttls"]')).toHaveAttribute("data-status", "success");
  await expect(row.locator('[data-cell="matched"]')).toContainText(/^3 1 1 [0-9a-f]{64}$/);
  await expect(row.locator('[data-cell="dnssecMx"]')).toContainText("secure");
  await expect(page.getByTestId("problems")).toContainText("No problems found");
  await expect(page.getByTestId("trust-chain")).toHaveAttribute("data-broken", "0");
  await expect(page.getByTestId("trust-chain").locator('[data-status="broken"]')).toHaveCount(0);
  // Successful branches are folded; the MX host is a section of its own, not under the MX lookup.
  const host = page.locator('[role="treeitem"][data-step-id="mx-host:mx1.dane-ee.test"]');
  await expect(host).toHaveAttribute("aria-level", "1");
  await expect(host).toHaveAttribute("aria-expanded", "false");
  await expect(page.locator('[role="treeitem"][data-step-id="mx"]')).toHaveAttribute("data-status", "success");
  await expect(page).toHaveTitle("dane-ee.test · Test successful · DANE");
  await page.screenshot({ path: `${SHOTS}/result-pass.png`, fullPage: true });
});

test("a warning: one MX fails DANE, the other delivers; the failed branch is open", async ({ page }) => {
  await run(page, "dane", "one-mx-fails.test", "warning");
  await expect(page.getByTestId("summary-row")).toHaveCount(2);
  const bad = page.locator('[data-testid="summary-row"][data-host="mx1.one-mx-fails.test"]');
  await expect(bad.locator('[data-cell="dane"]')).toHaveAttribute("data-status", "error");
  await expect(bad.locator('[data-cell="matched"]')).toContainText("none matched");
  const good = page.locator('[data-testid="summary-row"][data-host="mx2.one-mx-fails.test"]');
  await expect(good.locator('[data-cell="dane"]')).toHaveAttribute("data-status", "success");
  const problems = page.getByTestId("problem");
  await expect(problems.first()).toHaveAttribute("data-finding", "DANE_TLSA_MISMATCH");
  await expect(problems.first().getByTestId("problem-fix")).toContainText("What to change");
  await expect(page.locator('[role="treeitem"][data-step-id="mx-host:mx1.one-mx-fails.test"]')).toHaveAttribute("aria-expanded", "true");
  // A matrix cell links to its step: following it shows the step and opens its details.
  await bad.locator('[data-cell="dane"] a').click();
  const daneStep = page.locator('[role="treeitem"][data-step-id="mx-host:mx1.one-mx-fails.test/127.0.1.33/dane"]');
  await expect(daneStep).toBeInViewport();
  await expect(daneStep.getByTestId("step-details").first()).toBeVisible();
});

test("a fail at 1280×800: the cause is on the first screen, with its fix below", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await run(page, "dane", "tlsa-mismatch.test", "fail");
  await expect(page.getByTestId("main-problem")).toContainText(/TLSA/);
  expect(await onFirstScreen(page, '[data-testid="main-problem"]')).toBe(true);
  await expect(page.getByTestId("problem").first()).toHaveAttribute("data-finding", "DANE_TLSA_MISMATCH");
  await expect(page.getByTestId("summary-row").locator('[data-cell="matched"]')).toContainText("none matched");
  await expect(page).toHaveTitle("tlsa-mismatch.test · Test failed · DANE");
  // Only the failed step's details offer themselves; one Copy per block of evidence.
  const dane = page.locator('[role="treeitem"][data-step-id="mx-host:mx1.tlsa-mismatch.test/127.0.1.6/dane"]');
  await expect(dane).toHaveAttribute("data-status", "error");
  const connect = page.locator('[role="treeitem"][data-step-id="mx-host:mx1.tlsa-mismatch.test/127.0.1.6/connect"]');
  await expect(connect.getByRole("button", { name: "Additional details" })).toHaveCount(0);
  await page.getByRole("button", { name: "Expand all" }).click();
  const ehlo = page.locator('[role="treeitem"][data-step-id="mx-host:mx1.tlsa-mismatch.test/127.0.1.6/ehlo"] > div [data-testid="step-details"]').first();
  await expect(ehlo.getByRole("button", { name: "Copy" })).toHaveCount(1);
  await page.getByRole("button", { name: "Collapse all" }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/result-fail.png`, fullPage: true });
});

test("a fail at 390×844: the cause after at most one scroll, and nothing wider than the screen", async ({ browser, watchRuns }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  watchRuns(context);
  const page = await context.newPage();
  await run(page, "dane", "tlsa-mismatch.test", "fail");
  expect(await onFirstScreen(page, '[data-testid="main-problem"]', 2)).toBe(true);
  await page.getByRole("button", { name: "Expand all" }).click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/screenshots/result-fail-phone.png", fullPage: true });
  // A pass shows the matched TLSA record, one 70-character token, in its cell.
  await run(page, "dane", "dane-ee.test", "pass");
  await page.getByRole("button", { name: "Expand all" }).click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await context.close();
});

test("a bogus chain: the picture marks the broken signature red and the zones above it green", async ({ page }) => {
  await run(page, "dnssec", "expired-rrsig.test", "fail");
  const picture = page.getByTestId("trust-chain");
  await expect(picture.locator("svg")).toBeVisible();
  await expect(picture.locator('[data-edge="rrsig"][data-status="broken"]')).toHaveCount(1);
  await expect(picture.locator('[data-edge="rrsig"][data-status="broken"]')).toContainText("expired");
  await expect(picture.locator('[data-node="rrset"][data-status="broken"]')).toContainText("MX");
  await expect(picture.locator('[data-zone="."]')).toHaveAttribute("data-status", "ok");
  await expect(picture.locator('[data-zone="test."]')).toHaveAttribute("data-status", "ok");
  await expect(picture.locator('[data-node="key"]').first()).toContainText(/^(KSK|ZSK|CSK) \d+/);
  // The DNSSEC test has no Exchange Online panel; the text alternative says the same as the picture.
  await expect(page.getByTestId("exchange")).toHaveCount(0);
  await picture.getByText("The chain as text").click();
  await expect(picture.getByText(/expired-rrsig\.test\. MX.*This breaks the chain/)).toBeVisible();
  const download = page.waitForEvent("download");
  await picture.getByRole("button", { name: "Download SVG" }).click();
  expect((await download).suggestedFilename()).toBe("expired-rrsig.test-chain-of-trust.svg");
  // A DS that designates no key: the DS → DNSKEY link is the broken one.
  await run(page, "dnssec", "bad-ds.test", "fail");
  // (Attached, not "visible": a vertical edge has a zero-width box.)
  await expect(page.getByTestId("trust-chain").locator('[data-edge="ds"][data-status="broken"]')).not.toHaveCount(0);
});

test("the form: a URL becomes its host, a long name is told the limit, a test message needs an address", async ({ page }) => {
  await page.goto("/test/dane");
  await page.locator("#target").fill("x".repeat(400));
  await page.getByRole("button", { name: "Run test" }).click();
  await expect(page.locator("#target-error")).toHaveText("A domain name has at most 253 characters; this one has 400.");
  await page.locator("#target").fill("https://dane-ee.test/some/page?x=1");
  await page.getByRole("button", { name: "Run test" }).click();
  await expect(page.locator("#target")).toHaveValue("dane-ee.test");
  await expect(page.locator("#target-note")).toContainText("dane-ee.test");
  await expect(verdict(page)).toHaveAttribute("data-verdict", "pass", { timeout: 30_000 });

  await page.goto("/test/inbound");
  await page.locator("#target").fill("dane-ee.test");
  const send = page.getByRole("checkbox", { name: /Send a test message/ });
  await expect(send).toBeDisabled();
  await expect(page.locator("#send-hint")).toContainText("Needs an e-mail address");
  await page.locator("#target").fill("postmaster@dane-ee.test");
  await expect(send).toBeEnabled();
});

test("Run again keeps the record type of a DNSSEC run", async ({ page }) => {
  await page.goto("/test/dnssec");
  await page.locator("#target").fill("dane-ee.test");
  await page.getByLabel("Record type").selectOption("A");
  await page.getByRole("button", { name: "Run test" }).click();
  await expect(verdict(page)).not.toHaveAttribute("data-verdict", "running", { timeout: 30_000 });
  const again = page.getByRole("link", { name: "Run again" });
  await expect(again).toHaveAttribute("href", /type=A(&|$)/);
  await again.click();
  await expect(page.getByLabel("Record type")).toHaveValue("A");
  await expect(verdict(page)).not.toHaveAttribute("data-verdict", "running", { timeout: 30_000 });
});

test("the home page: Enter runs the DANE test, the others are one click away", async ({ page }) => {
  await page.goto("/");
  const input = page.locator("#home-target");
  await expect(input).toBeVisible();
  await expect(page.getByRole("button", { name: "Inbound SMTP Email" })).toBeVisible();
  await expect(page.getByRole("button", { name: "DNSSEC Validation" })).toBeVisible();
  await input.fill("dane-ee.test");
  await input.press("Enter");
  await expect(page).toHaveURL(/\/test\/dane\?/);
  await expect(verdict(page)).toHaveAttribute("data-verdict", "pass", { timeout: 30_000 });
  await page.goto("/");
  await page.locator("#home-target").fill("dane-ee.test");
  await page.getByRole("button", { name: "DNSSEC Validation" }).click();
  await expect(page).toHaveURL(/\/test\/dnssec\?/);
});

test("keyboard: Tab reaches the form, Enter runs; arrows walk the tree and unfold a folded host", async ({ page }) => {
  await page.goto("/test/dane");
  await page.locator("#target").focus();
  await page.keyboard.type("dane-ee.test");
  await page.keyboard.press("Enter");
  await expect(verdict(page)).toHaveAttribute("data-verdict", "pass", { timeout: 30_000 });
  const host = page.locator('[role="treeitem"][data-step-id="mx-host:mx1.dane-ee.test"]');
  await page.locator('[role="treeitem"]').first().focus();
  for (let i = 0; i < 10 && !(await host.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("ArrowDown");
  await expect(host).toBeFocused();
  await expect(host).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("ArrowRight");
  await expect(host).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowRight");
  await expect(page.locator('[role="treeitem"][data-step-id="mx-host:mx1.dane-ee.test/addresses"]')).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(host).toBeFocused();
});
