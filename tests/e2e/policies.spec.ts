// How the mail policies section reads (issue 11): one card per policy the run checked, its verdict
// as a word and an icon, its facts, and the findings of its step with what to change. Inbound runs
// on the lab's SPF/DMARC/DKIM scenarios; a DANE run shows MTA-STS and TLS-RPT only; MTA-STS
// policies fetched from the lab's policy hosts over HTTPS, a good one and two broken ones.
import { expect, test, type Locator, type Page } from "@playwright/test";

async function run(page: Page, testKind: "dane" | "inbound", target: string, selector?: string): Promise<void> {
  await page.goto(`/test/${testKind}`);
  await page.locator("#target").fill(target);
  if (selector) await page.getByLabel("DKIM selector (optional)").fill(selector);
  await page.getByRole("button", { name: "Run test" }).click();
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", /^(pass|warning|fail)$/, { timeout: 30_000 });
}

const section = (page: Page) => page.getByRole("region", { name: "Mail policies" });

test("an Inbound run with a DKIM selector: five cards, the short key's card says what to change", async ({ page }) => {
  await run(page, "inbound", "mail-auth.test", "s512");
  await expect(section(page)).toBeVisible();
  const cards = page.locator('[data-testid^="policy-"]');
  await expect(cards).toHaveCount(5);
  await expect(page.getByTestId("policy-spf")).toHaveAttribute("data-verdict", "pass");
  await expect(page.getByTestId("policy-spf")).toContainText("1 / 10");
  await expect(page.getByTestId("policy-dmarc")).toHaveAttribute("data-verdict", "pass");
  await expect(page.getByTestId("policy-dmarc")).toContainText("reject");
  const dkim = page.getByTestId("policy-dkim");
  await expect(dkim).toHaveAttribute("data-verdict", "fail");
  await expect(dkim).toContainText("s512");
  await expect(dkim).toContainText("512");
  await expect(dkim).toContainText("receivers refuse keys under 1024 bits");
  await expect(dkim).toContainText("Fix: Generate a 2048-bit key");
  // The status is a word too, never colour alone.
  await expect(dkim).toContainText("Fail");
  // The card's title links to the step that established it.
  await dkim.getByRole("link", { name: "DKIM key (RFC 6376)" }).click();
  await expect(page.locator('[role="treeitem"][data-step-id="dkim"]')).toBeInViewport();
  // "Run again" repeats the run with its selector.
  await expect(page.getByTestId("run-actions").getByRole("link", { name: "Run again" })).toHaveAttribute("href", /[?&]dkimSelector=s512(&|$)/);
  await page.screenshot({ path: "test-results/screenshots/policies-inbound.png", fullPage: true });
});

test("SPF over the lookup limit and DMARC p=none read as such", async ({ page }) => {
  await run(page, "inbound", "spf-lookups.test");
  const spf = page.getByTestId("policy-spf");
  await expect(spf).toHaveAttribute("data-verdict", "fail");
  await expect(spf).toContainText("11 / 10");
  await expect(spf).toContainText("takes 11 DNS lookups; the limit is 10");
  await expect(page.getByTestId("policy-dkim")).toHaveCount(0);

  await run(page, "inbound", "dmarc-none.test");
  const dmarc = page.getByTestId("policy-dmarc");
  await expect(dmarc).toHaveAttribute("data-verdict", "warning");
  await expect(dmarc).toContainText("p=none: receivers take no action");
  await expect(dmarc).toContainText("Fix: Once the reports show");
});

test("an outside DMARC report destination that has not authorized the domain, and what SPF's mx terms authorise", async ({ page }) => {
  await run(page, "inbound", "dmarc-external-bad.test");
  const dmarc = page.getByTestId("policy-dmarc");
  await expect(dmarc).toHaveAttribute("data-verdict", "warning");
  await expect(dmarc).toContainText("Outside report destinations");
  await expect(dmarc).toContainText("reports.dmarc-dest.test: has not authorized them: reports dropped");
  await expect(dmarc).toContainText("dmarc-wild.test: takes the reports");
  await expect(dmarc).toContainText("there is no v=DMARC1 record at dmarc-external-bad.test._report._dmarc.reports.dmarc-dest.test");
  await expect(dmarc).toContainText("Fix: Ask the operator of reports.dmarc-dest.test");

  await run(page, "inbound", "spf-mx.test");
  const spf = page.getByTestId("policy-spf");
  await expect(spf).toHaveAttribute("data-verdict", "pass");
  await expect(spf).toContainText("mx:_out.spf-mx.test/24//64: o1.spf-mx.test 192.0.2.0/24, 2001:db8:1::/64; o2.spf-mx.test 198.51.100.0/24");
});

test("a DANE run shows MTA-STS and TLS-RPT beside RFC 7672's verdict, nothing of SPF or DMARC", async ({ page }) => {
  await run(page, "dane", "dane-ee.test");
  await expect(section(page)).toContainText("They do not change the DANE verdict");
  await expect(page.getByTestId("policy-mtaSts")).toContainText("No record is published.");
  await expect(page.getByTestId("policy-tlsRpt")).toBeVisible();
  await expect(page.getByTestId("policy-spf")).toHaveCount(0);
  await expect(page.getByTestId("policy-dmarc")).toHaveCount(0);
});

// MTA-STS end to end: the policy behind mta-sts.<domain> is fetched from the lab's HTTPS server
// (global-setup gives the server its port and trusts the lab's TEST root), so what the card shows
// came over HTTPS with a WebPKI-checked certificate, not from the DNS record alone.
const fact = (card: Locator, label: string) => card.locator(`dt:text-is("${label}") + dd`);

test("an MTA-STS policy fetched over HTTPS: enforce mode covering the MX, senders enforce it", async ({ page }) => {
  await run(page, "dane", "sts-enforce.test");
  const sts = page.getByTestId("policy-mtaSts");
  await expect(sts).toHaveAttribute("data-verdict", "pass");
  await expect(sts).toContainText("One valid record is published.");
  // The status as an icon and a word.
  await expect(sts.locator("[data-status]")).toHaveAttribute("data-status", "success");
  await expect(sts.locator("[data-status]")).toHaveText("Pass");
  // The policy file's own lines (lib/lab/policy-scenarios.ts), not anything the TXT record holds.
  await expect(fact(sts, "Mode")).toHaveText("enforce");
  await expect(fact(sts, "max_age (s)")).toHaveText("604800");
  await expect(fact(sts, "MX patterns")).toHaveText("mx1.dane-ee.test");
  // enforced: the MX host is listed and its certificate is WebPKI-valid with the lab's root trusted.
  await expect(fact(sts, "Senders")).toHaveText("enforced");
  await expect(sts.locator("li")).toHaveCount(0);
  await expect(fact(page.getByTestId("policy-tlsRpt"), "Reports to")).toHaveText("mailto:tlsrpt@example.net");
});

test("the policy host's certificate has expired: no usable policy, the DANE verdict unchanged", async ({ page }) => {
  await run(page, "dane", "sts-expired-cert.test");
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "pass");
  const sts = page.getByTestId("policy-mtaSts");
  await expect(sts).toHaveAttribute("data-verdict", "fail");
  await expect(sts.locator("[data-status]")).toHaveAttribute("data-status", "error");
  await expect(sts.locator("[data-status]")).toHaveText("Fail");
  await expect(fact(sts, "Senders")).toHaveText("no-policy");
  await expect(fact(sts, "Mode")).toHaveText("—");
  await expect(sts.locator('li[data-severity="error"]').filter({ hasText: "The certificate of mta-sts.sts-expired-cert.test (at 127.0.2.1) is not valid for it: it has expired." })).toContainText(
    "Fix: Install a certificate from a public CA whose names include mta-sts.sts-expired-cert.test",
  );
  await expect(sts).toContainText("sts-expired-cert.test announces MTA-STS but offers no usable policy: a broken deployment.");
});

test("an enforced policy that leaves out one of the two MX hosts fails the Inbound test", async ({ page }) => {
  await run(page, "inbound", "sts-uncovered.test");
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "fail");
  const sts = page.getByTestId("policy-mtaSts");
  await expect(sts).toHaveAttribute("data-verdict", "fail");
  await expect(fact(sts, "Mode")).toHaveText("enforce");
  await expect(fact(sts, "MX patterns")).toHaveText("mx1.dane-ee.test");
  await expect(fact(sts, "Senders")).toHaveText("enforced");
  const uncovered = sts.locator("li").filter({ hasText: "The MX host mx1.dane-ta-spki.test matches none of the policy's mx patterns (mx1.dane-ee.test)" });
  await expect(uncovered).toHaveAttribute("data-severity", "error");
  await expect(uncovered).toContainText("Fix: Add an “mx: mx1.dane-ta-spki.test” line");
  // The covered host is not named in any finding.
  await expect(sts.locator("li").filter({ hasText: "The MX host mx1.dane-ee.test" })).toHaveCount(0);
});

test.describe("in European Portuguese", () => {
  test.use({ locale: "pt-PT", extraHTTPHeaders: { "accept-language": "pt-PT,pt;q=0.9" } });
  test("the section and the inherited DMARC record read in Portuguese", async ({ page }) => {
    await page.goto("/test/inbound");
    await page.locator("#target").fill("sub.dmarc-org.test");
    await page.locator("form button[type=submit]").click();
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", /^(pass|warning|fail)$/, { timeout: 30_000 });
    await expect(page.getByRole("region", { name: "Políticas de correio" })).toBeVisible();
    const dmarc = page.getByTestId("policy-dmarc");
    await expect(dmarc).toContainText("quarantine");
    await expect(dmarc).toContainText("dmarc-org.test");
    await expect(dmarc).toContainText("aplica-se o registo do seu domínio organizacional dmarc-org.test");
  });
});
