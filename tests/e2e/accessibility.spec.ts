// An accessibility scan (axe-core, WCAG 2.x A/AA rules) of the home, running and result pages: no
// serious or critical violation (the batch page's is in batch.spec.ts, whose server has API tokens).
import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";

test("home page", async ({ page }) => {
  await page.goto("/");
  expect(await seriousViolations(page)).toEqual([]);
});

test("a running test", async ({ page }) => {
  await page.goto("/test/dane");
  await page.locator("#target").fill("tlsa-timeout.test");
  await page.getByRole("button", { name: "Run test" }).click();
  await expect(page.locator('[role="treeitem"][data-status="running"]').first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "running");
  expect(await seriousViolations(page)).toEqual([]);
});

test("result pages: a pass, a failure with the picture, a shared link, in both languages", async ({ page }) => {
  for (const [kind, target] of [["dane", "dane-ee.test"], ["dane", "tlsa-mismatch.test"], ["dnssec", "expired-rrsig.test"]] as const) {
    await page.goto(`/test/${kind}`);
    await page.locator("#target").fill(target);
    await page.getByRole("button", { name: "Run test" }).click();
    await expect(page.getByTestId("verdict")).not.toHaveAttribute("data-verdict", "running", { timeout: 30_000 });
    await page.getByRole("button", { name: "Expand all" }).click();
    expect(await seriousViolations(page), `${kind} ${target}`).toEqual([]);
  }
  const link = await page.getByTestId("share-link").getAttribute("href");
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "pt-PT", url: new URL(page.url()).origin }]);
  await page.goto(link!);
  await expect(page.locator("html")).toHaveAttribute("lang", "pt-PT");
  expect(await seriousViolations(page)).toEqual([]);
});
