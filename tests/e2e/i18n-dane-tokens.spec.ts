// lib/dane's tokens on the page in pt-PT (issue 10): a DANE-TA name mismatch run through the
// server, the store and back reads its trust anchor, the certificate's names and the MX host in
// Portuguese, the certificate step's key line says "assinatura: ECDSA com SHA-256", and the chain
// of trust picture's boxes are worded in Portuguese too.
import { expect, test } from "@playwright/test";

test.use({ locale: "pt-PT", extraHTTPHeaders: { "accept-language": "pt-PT,pt;q=0.9,en;q=0.5" } });

test("an Inbound test in pt-PT words the DANE-TA finding and the certificate's signature from tokens", async ({ page }) => {
  await page.goto("/test/inbound");
  await page.locator("#target").fill("dane-ta-wrong-name.test");
  await page.getByRole("button", { name: "Executar teste" }).click();
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "fail", { timeout: 30_000 });

  const problem = page.locator('[data-testid="problem"][data-finding="DANE_TA_NAME_MISMATCH"]').first();
  await expect(problem).toContainText(/corresponde à âncora de confiança «CN=mailsec lab TEST intermediate CA, O=mailsec lab» \(SHA-256 [0-9a-f]{16}…\), mas/);
  await expect(problem).toContainText("foi emitido para wrong-name.invalid, que não abrange mx1.dane-ta-wrong-name.test.");
  // Nothing fell back to a placeholder or to English (the tokens survived the store's schema).
  const text = (await problem.textContent()) ?? "";
  expect(text).not.toMatch(/\{\w+\}|\[DANE_|\b(?:or|no host name|carried in the record)\b/);

  // The chain-of-trust picture's boxes: the root's trust anchor DS reads "Âncora", its digest "resumo".
  const picture = page.getByTestId("trust-chain").locator("svg");
  await expect(picture).toContainText(/Âncora \d+/);
  await expect(picture).toContainText(/alg\. \d+, resumo \d+/);
  expect((await picture.textContent()) ?? "").not.toMatch(/\b(?:Anchor|digest)\b/);

  const certificate = page.locator('[role="treeitem"][data-step-id="mx-host:mx1.dane-ta-wrong-name.test/127.0.1.13/certificate"]');
  // "Expandir tudo" unfolds every branch and opens every step's details.
  await page.getByRole("button", { name: "Expandir tudo" }).click();
  const details = certificate.locator(":scope > div > [data-testid=step-details]");
  await expect(details).toBeVisible();
  await expect(details).toContainText("Chave: EC 256 bits P-256; assinatura: ECDSA com SHA-256");
});
