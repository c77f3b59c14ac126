// A malformed DNS answer on the page, in both languages (issue 10): the lab's TLSA answer whose
// counts lie goes through the server and the store as DNSSEC_NETWORK_FAILURE's attempts (tokens),
// and the result page words the server, the transport and the decoder's problem with its offset
// in the reader's language, with nothing left as a placeholder or in the other language.
import { expect, test, type Page } from "@playwright/test";

async function runDane(page: Page, button: string): Promise<string> {
  await page.goto("/test/dane");
  await page.locator("#target").fill("tlsa-malformed.test");
  await page.getByRole("button", { name: button }).click();
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "fail", { timeout: 30_000 });
  const problem = page.locator('[data-testid="problem"][data-finding="DNSSEC_NETWORK_FAILURE"]').first();
  await expect(problem).toBeVisible();
  const text = (await problem.textContent()) ?? "";
  expect(text).not.toMatch(/\{\w+\}|\[DNSSEC_|\[dns\./);
  return text;
}

test.describe("English", () => {
  test.use({ locale: "en-GB", extraHTTPHeaders: { "accept-language": "en-GB,en;q=0.9" } });
  test("a malformed TLSA answer names the server, UDP and the decoder's problem at its offset", async ({ page }) => {
    const text = await runDane(page, "Run test");
    expect(text).toMatch(/_25\._tcp\.mx1\.tlsa-malformed\.test\. TLSA: no answer from 127\.0\.0\.1:\d+ after \d+ tries/);
    expect(text).toMatch(/127\.0\.0\.1:\d+ over UDP: a malformed response: the name at offset \d+ runs past the end of its data/);
  });
});

test.describe("European Portuguese", () => {
  test.use({ locale: "pt-PT", extraHTTPHeaders: { "accept-language": "pt-PT,pt;q=0.9,en;q=0.5" } });
  test("uma resposta TLSA malformada nomeia o servidor, o UDP e o problema no seu deslocamento", async ({ page }) => {
    const text = await runDane(page, "Executar teste");
    expect(text).toMatch(/_25\._tcp\.mx1\.tlsa-malformed\.test\. TLSA: nenhuma resposta de 127\.0\.0\.1:\d+ após \d+ tentativas/);
    expect(text).toMatch(/127\.0\.0\.1:\d+ por UDP: uma resposta malformada: o nome no deslocamento \d+ ultrapassa o fim dos seus dados/);
    expect(text).not.toMatch(/\b(?:over UDP|malformed response|offset)\b/);
  });
});
