// How the Exchange Online readiness test reads in a browser (issue 12): the home page offers it as
// the fourth test; a domain in the middle of the migration (the lab's exoadded.test: the legacy MX
// at 0 and the new mx.microsoft MX at 20) shows its stage, the codes the cmdlets would give with
// their cause and action, the next step and the TTL advice; an MTA-STS policy (fetched over HTTPS
// from the lab) that would bounce mail to the new MX; the same run reads in Portuguese.
import { expect, test, type Page } from "@playwright/test";

const EXPECTED = "exoadded-test.o-v1.mx.microsoft";

async function run(page: Page, domain: string, expectedMx?: string): Promise<void> {
  await page.goto("/test/exchange");
  await page.locator("#target").fill(domain);
  if (expectedMx) await page.getByTestId("expected-mx").fill(expectedMx);
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", /^(pass|warning|fail)$/, { timeout: 45_000 });
}

test("the home page offers the fourth test", async ({ page }) => {
  await page.goto("/");
  await page.locator("#home-target").fill("exoadded.test");
  await page.getByRole("button", { name: "Exchange Online inbound DANE readiness" }).click();
  await expect(page).toHaveURL(/\/test\/exchange\?/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Exchange Online inbound DANE readiness");
  await expect(page.getByTestId("exchange-readiness")).toBeVisible({ timeout: 45_000 });
});

test("a migration in progress: new MX added beside the legacy one", async ({ page }) => {
  await run(page, "exoadded.test", EXPECTED);
  const section = page.getByTestId("exchange-readiness");
  await expect(section).toHaveAttribute("data-stage", "new-mx-added");
  await expect(page.getByTestId("readiness-stage")).toContainText("New MX added");
  await expect(page.getByTestId("readiness-codes")).toHaveText(/EX003\s*EX006/);
  // Each code with its cause and its action.
  const ex006 = section.locator('[data-code="EXR_EX006"]');
  await expect(ex006).toContainText("is preferred over the expected MX exoadded-test.o-v1.mx.microsoft");
  await expect(ex006).toContainText("senders deliver there first");
  await expect(ex006).toContainText("preference 30 for the legacy MX and 0 for the new one");
  await expect(section.locator('[data-code="EXR_EX003"]')).toContainText("is at preference 20, not 0");
  await expect(page.getByTestId("readiness-summary")).toContainText("Next: swap the MX preferences");
  await expect(page.getByTestId("readiness-ttl")).toContainText("The TTL suits this stage.");
  await expect(section).toContainText("exoadded-test.mail.protection.outlook.com");
  // The section links to the step behind it.
  await section.getByRole("link", { name: "Exchange Online readiness" }).click();
  await expect(page.locator('[role="treeitem"][data-step-id="exchange-readiness"]')).toBeInViewport();
  await page.screenshot({ path: "test-results/screenshots/exchange-added.png", fullPage: true });
});

test("the next step names its cmdlet: the new MX alone, DANE next", async ({ page }) => {
  await run(page, "exoonly.test");
  await expect(page.getByTestId("exchange-readiness")).toHaveAttribute("data-stage", "new-mx-only");
  await expect(page.getByTestId("readiness-cmdlet")).toHaveText(/^Enable-SmtpDaneInbound -DomainName exoonly\.test$/);
  await expect(page.getByTestId("readiness-next")).toContainText("1800 s");
  await expect(page.getByTestId("readiness-no-codes")).toBeVisible();
});

// The policy comes from the lab's HTTPS server (mta-sts.exostsenforce.test, its certificate under
// the lab root the server trusts): ES001 can only be given once the policy's mx lines are read.
test("an MTA-STS policy in enforce mode that leaves out the new MX: ES001, set MTA-STS to testing first", async ({ page }) => {
  await run(page, "exostsenforce.test", "exostsenforce-test.o-v1.mx.microsoft");
  const section = page.getByTestId("exchange-readiness");
  await expect(section).toHaveAttribute("data-stage", "new-mx-primary");
  await expect(page.getByTestId("readiness-codes")).toHaveText(/^ES001\s*EX005$/);
  const es001 = section.locator('[data-code="EXR_ES001"]');
  await expect(es001).toHaveAttribute("data-severity", "error");
  await expect(es001).toContainText(
    "ES001: the MTA-STS policy of exostsenforce.test is in enforce mode and none of its mx lines (*.mail.protection.outlook.com) matches the expected MX exostsenforce-test.o-v1.mx.microsoft.",
  );
  await expect(es001).toContainText("Set the policy to mode: testing, add an mx line for exostsenforce-test.o-v1.mx.microsoft");
  await expect(page.getByTestId("readiness-summary")).toContainText("Next: set MTA-STS to testing.");
  // The same policy on its card: read from the policy file, the new MX outside it.
  const sts = page.getByTestId("policy-mtaSts");
  await expect(sts.locator('dt:text-is("Mode") + dd')).toHaveText("enforce");
  await expect(sts.locator('dt:text-is("MX patterns") + dd')).toHaveText("*.mail.protection.outlook.com");
  await expect(sts).toContainText("The MX host exostsenforce-test.o-v1.mx.microsoft matches none of the policy's mx patterns (*.mail.protection.outlook.com)");
});

test("the same migration in European Portuguese", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "pt-PT", url: baseURL ?? "http://127.0.0.1" }]);
  await run(page, "exoprimary.test");
  const section = page.getByTestId("exchange-readiness");
  await expect(section).toHaveAttribute("data-stage", "new-mx-primary");
  await expect(page.getByTestId("readiness-stage")).toContainText("Novo MX à frente");
  await expect(page.getByTestId("readiness-summary")).toContainText("A seguir: eliminar o MX antigo");
  await expect(section.locator('[data-code="EXR_EX005"]')).toContainText("elimine o registo MX antigo");
});
