// The web UI in European Portuguese (issue 10): Accept-Language chooses it, the switch remembers a
// choice, <html lang> follows, dates and numbers are formatted for the locale, and a DANE test
// reads its verdict, a finding and its fix in Portuguese.
import { expect, test } from "@playwright/test";

test.use({ locale: "pt-PT", extraHTTPHeaders: { "accept-language": "pt-PT,pt;q=0.9,en;q=0.5" } });

test("a DANE test in pt-PT: verdict, finding and fix in Portuguese", async ({ page }) => {
  await page.goto("/test/dane");
  await expect(page.locator("html")).toHaveAttribute("lang", "pt-PT");
  await page.getByLabel("Domínio ou endereço de correio eletrónico").fill("tlsa-mismatch.test");
  await page.getByRole("button", { name: "Executar teste" }).click();
  const verdict = page.getByTestId("verdict");
  await expect(verdict).toHaveAttribute("data-verdict", "fail", { timeout: 30_000 });
  await expect(verdict.getByRole("heading")).toHaveText("O teste falhou");
  await expect(page).toHaveTitle("tlsa-mismatch.test · O teste falhou · DANE");
  const problem = page.getByTestId("problem").first();
  await expect(problem).toHaveAttribute("data-finding", "DANE_TLSA_MISMATCH");
  await expect(problem.getByTestId("problem-fix")).toContainText("O que alterar:");
  // The catalogue's own words (lib/report/i18n/pt-PT), not the English ones.
  const fix = (await problem.getByTestId("problem-fix").textContent()) ?? "";
  expect(fix).not.toMatch(/\b(the|record|publish)\b/i);
  await expect(page.getByTestId("summary")).toContainText("nenhum corresponde");
  await expect(page.getByRole("button", { name: "Expandir tudo" })).toBeVisible();
  // Dates as Portugal writes them (day first: "02/12/2026, 00:00:09"), in UTC.
  const started = verdict.locator("time").first();
  const iso = (await started.getAttribute("datetime"))!;
  const [y, m, d] = iso.slice(0, 10).split("-");
  await expect(started).toHaveText(`${d}/${m}/${y}, ${iso.slice(11, 19)}`);
  await page.screenshot({ path: "test-results/screenshots/result-fail-pt-PT.png", fullPage: true });
});

test("the switch: English chosen stays chosen over Accept-Language, and back", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Teste a segurança do correio de entrada de um domínio");
  await page.getByTestId("language").selectOption("en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Test a domain's inbound mail security");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Test a domain's inbound mail security");
  await page.getByTestId("language").selectOption("pt-PT");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Teste a segurança do correio de entrada de um domínio");
});

test("Accept-Language in English or an unknown language gives English", async ({ browser }) => {
  for (const header of ["en-GB,en;q=0.8", "de-DE,de;q=0.9"]) {
    // The browser's own locale too: this file's test.use() would otherwise send pt-PT.
    const context = await browser.newContext({ locale: header.split(",")[0]!, extraHTTPHeaders: { "accept-language": header } });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await context.close();
  }
});
