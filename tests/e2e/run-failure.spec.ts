// A run that fails says why in the reader's language (issue 10): the error event and the stored run
// carry a key, the page words it. This spec runs its own `next start` (same build, own data dir)
// with a one-second run budget, so a DANE test of slow-banner.test (whose greeting takes 1.5 s)
// times out for real; it reads the failure live, on the shared link, and in the API's JSON.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { appEnv, freePort, labSettings, startNext, stopNext, type NextServer } from "./next-server";

const PT = "O teste não terminou em 1 s e foi interrompido.";
const EN = "The test did not finish within 1 s and was stopped.";
const TOKEN = "e2e-failure-token-0123456789abcdef";

let server: NextServer | undefined;
let work = "";

test.beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-e2e-failure-"));
  const env = { ...appEnv(labSettings(), path.join(work, "data")), MAILSEC_RUN_TIMEOUT_SECONDS: "1", MAILSEC_API_TOKENS: TOKEN };
  server = await startNext(await freePort(), env, path.join(work, "next.log"));
});

test.afterAll(async () => {
  if (server) await stopNext(server);
  fs.rmSync(work, { recursive: true, force: true });
});

test.use({ locale: "pt-PT", extraHTTPHeaders: { "accept-language": "pt-PT,pt;q=0.9" } });

test("a timed-out run shows its failure in European Portuguese, live and on its link; the API keeps the key and the English", async ({ page }) => {
  const url = server!.url;
  await page.goto(`${url}/test/dane`);
  await page.getByLabel("Domínio ou endereço de correio eletrónico").fill("slow-banner.test");
  await page.getByRole("button", { name: "Executar teste" }).click();
  const verdict = page.getByTestId("verdict");
  await expect(verdict).toHaveAttribute("data-verdict", "error", { timeout: 30_000 });
  await expect(verdict.getByTestId("run-failure")).toHaveText(PT);

  // The same failure, stored: a run started through the API, read back on its link.
  const response = await fetch(`${url}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ test: "dane", input: "slow-banner.test" }) });
  const lines = (await response.text()).split("\n").filter((line) => line.trim() !== "");
  const first = JSON.parse(lines[0]!) as { type: string; id: string };
  const last = JSON.parse(lines.at(-1)!) as unknown;
  expect(last).toEqual({ type: "error", failure: { key: "run.timedOut", params: { seconds: 1 } }, message: EN });

  await page.goto(`${url}/r/${first.id}`);
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "error");
  await expect(page.getByTestId("run-failure")).toHaveText(PT);

  const stored = (await (await fetch(`${url}/api/runs/${first.id}`)).json()) as Record<string, unknown>;
  expect(stored).toMatchObject({ status: "error", failure: { key: "run.timedOut", params: { seconds: 1 } }, error: EN });
});

test("the form words the server's refusal of an input in European Portuguese, and starts nothing", async ({ page }) => {
  await page.goto(`${server!.url}/test/dane`);
  const field = page.getByLabel("Domínio ou endereço de correio eletrónico");
  await field.fill("192.0.2.1");
  await page.getByRole("button", { name: "Executar teste" }).click();
  await expect(page.locator("#target-error")).toHaveText("«192.0.2.1» não pode ser testado: um endereço IP não é um domínio de correio; introduza o domínio cujos registos MX devem ser testados.");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("verdict")).toHaveCount(0);
});

test("a batch item whose run timed out: its error column in the language the client asks for", async () => {
  const url = server!.url;
  const auth = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
  const created = await fetch(`${url}/api/batches`, { method: "POST", headers: auth, body: JSON.stringify({ test: "dane", inputs: ["slow-banner.test"] }) });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await expect
    .poll(async () => ((await (await fetch(`${url}/api/batches/${id}`, { headers: auth })).json()) as { done: number }).done, { timeout: 30_000 })
    .toBe(1);
  const rows = async (language: string) => (await (await fetch(`${url}/api/batches/${id}/results.json`, { headers: { ...auth, "accept-language": language } })).json()) as { verdict: string; error: string }[];
  expect(await rows("pt-PT,pt;q=0.9")).toMatchObject([{ verdict: "error", error: PT }]);
  expect(await rows("en-GB")).toMatchObject([{ verdict: "error", error: EN }]);
});
