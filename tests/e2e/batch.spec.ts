// Batches and watches in the built app on the single-machine default (SQLite, the embedded
// runner in the server): the token gate, the API's shapes, the upload page with its progress bar
// and downloads, an Exchange Online readiness batch's stage counts and readiness columns, and a
// watch's page with its chart; the batch and watch pages in European Portuguese. Uses its own
// `next start` with a token set.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { appEnv, freePort, labSettings, startNext, stopNext, type NextServer } from "./next-server";

const TOKEN = "e2e-token-0123456789abcdefghij";
let server: NextServer;
let work: string;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-batch-e2e-"));
  server = await startNext(await freePort(), { ...appEnv(labSettings(), path.join(work, "data")), MAILSEC_API_TOKENS: `other-token-abcdefghijklmnop,${TOKEN}` }, path.join(work, "next.log"));
});

test.afterAll(async () => {
  if (server) await stopNext(server);
  fs.rmSync(work, { recursive: true, force: true });
});

const auth = { authorization: `Bearer ${TOKEN}` };

test("the batch API needs a valid token, lists refused inputs and serves one row per input", async ({ request }) => {
  const body = { test: "dane", inputs: ["dane-ee.test", "bad input!", "tlsa-mismatch.test"] };
  expect((await request.post(`${server.url}/api/batches`, { data: body })).status()).toBe(401);
  const wrong = await request.post(`${server.url}/api/batches`, { data: body, headers: { authorization: `Bearer ${TOKEN}x` } });
  expect(wrong.status()).toBe(401);
  expect(wrong.headers()["www-authenticate"]).toContain("Bearer");
  const tooMany = await request.post(`${server.url}/api/batches`, { data: { test: "dane", inputs: Array(10_001).fill("a.test") }, headers: auth });
  expect(tooMany.status()).toBe(400);
  expect((await tooMany.json()).error).toContain("inputs: a batch takes at most 10000 inputs");

  const created = await request.post(`${server.url}/api/batches`, { data: body, headers: auth });
  expect(created.status()).toBe(201);
  const { id, total, refused } = (await created.json()) as { id: string; total: number; refused: { index: number; input: string; reason: string; problem?: unknown }[] };
  expect(total).toBe(2);
  // The English sentence as before, and the key and params a reader's language words.
  expect(refused).toEqual([{ index: 1, input: "bad input!", reason: expect.stringMatching(/^input: /), problem: { key: "input.problem", params: { inputProblem: "spaces", input: "bad input!" } } }]);

  await expect
    .poll(async () => (await (await request.get(`${server.url}/api/batches/${id}`, { headers: auth })).json()).done, { timeout: 30_000 })
    .toBe(2);
  const progress = await (await request.get(`${server.url}/api/batches/${id}`, { headers: auth })).json();
  expect(progress).toEqual({ id, total: 2, done: 2, counts: { pass: 1, warning: 0, fail: 1, error: 0 } });
  expect((await request.get(`${server.url}/api/batches/${id}`)).status()).toBe(401);

  const csv = await request.get(`${server.url}/api/batches/${id}/results.csv`, { headers: auth });
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe("input,verdict,dnssec,exchange_code,mx_count,findings,link,error,readiness_stage,readiness_codes");
  expect(lines[1]).toMatch(/^dane-ee\.test,pass,secure,,1,,\/r\/[A-Za-z0-9_-]{24},,,$/);
  expect(lines[2]).toMatch(/^tlsa-mismatch\.test,fail,secure,4\.7\.323,1,[A-Z_ ]*DANE_TLSA_MISMATCH/);

  const rows = (await (await request.get(`${server.url}/api/batches/${id}/results.json`, { headers: auth })).json()) as { input: string; link: string }[];
  expect(rows.map((r) => r.input)).toEqual(["dane-ee.test", "tlsa-mismatch.test"]);
  // Each row's link is a normal stored run.
  const run = await request.get(`${server.url}/api/runs/${rows[0]?.link.split("/r/")[1]}`);
  expect((await run.json()).result.verdict).toBe("pass");
});

test("the batch page uploads a list, shows progress to the end and downloads the CSV", async ({ page }) => {
  await page.goto(`${server.url}/batches`);
  await page.getByLabel("API token").fill(TOKEN);
  await page.getByLabel("Domains or e-mail addresses, one a line").fill("dane-ee.test\nno-starttls.test\n# a comment\nexpired-rrsig.test\n");
  await expect(page.getByText("3 inputs", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Start the batch" }).click();
  await expect(page).toHaveURL(/\/batches\/[A-Za-z0-9_-]{24}$/);
  const bar = page.getByRole("progressbar", { name: "Batch progress" });
  await expect(bar).toHaveAttribute("aria-valuenow", "3", { timeout: 30_000 });
  await expect(page.getByText("3 of 3 done")).toBeVisible();
  await expect(page.getByTestId("batch-counts")).toContainText("Fail2");
  // One row per input in the order given (the comment line is no input), each linking to its run.
  const rows = page.getByTestId("batch-rows").locator("tbody tr");
  await expect(rows.locator("th")).toHaveText(["dane-ee.test", "no-starttls.test", "expired-rrsig.test"]);
  await expect(rows.locator("td:nth-child(2)")).toHaveText(["pass", "fail", "fail"]);
  await expect(rows.nth(0)).toContainText("secure");
  await expect(rows.nth(2)).toContainText("bogus");
  await expect(rows.nth(2)).toContainText("DNSSEC_");
  // Narrowed to the failed ones: the filter names its count, the pass row is gone.
  await page.getByRole("group", { name: "Show the rows of one verdict" }).getByRole("button", { name: "fail (2)" }).click();
  await expect(rows.locator("th")).toHaveText(["no-starttls.test", "expired-rrsig.test"]);
  await expect(page.getByRole("button", { name: "fail (2)" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "All (3)" }).click();
  await expect(rows).toHaveCount(3);
  const link = rows.nth(0).getByRole("link", { name: "Open the result" });
  await expect(link).toHaveAttribute("href", /^\/r\/[A-Za-z0-9_-]{24}$/);
  expect(await seriousViolations(page)).toEqual([]);
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Results as CSV" }).click()]);
  const text = fs.readFileSync((await file.path()) ?? "", "utf8");
  expect(text.split("\r\n").filter((l) => l !== "")).toHaveLength(4);
});

test("the batch page's rows show an unfinished item as pending and follow it to its verdict", async ({ page }) => {
  await page.goto(`${server.url}/batches`);
  await page.getByLabel("API token").fill(TOKEN);
  // tlsa-timeout.test waits out its TLSA question's tries (seconds); dane-ee.test is done at once.
  await page.getByLabel("Domains or e-mail addresses, one a line").fill("tlsa-timeout.test\ndane-ee.test\n");
  await page.getByRole("button", { name: "Start the batch" }).click();
  await expect(page).toHaveURL(/\/batches\/[A-Za-z0-9_-]{24}$/);
  const rows = page.getByTestId("batch-rows").locator("tbody tr");
  await expect(rows.locator("td:nth-child(2)")).toHaveText(["pending", "pass"], { timeout: 30_000 });
  await expect(page.getByRole("button", { name: "pending (1)" })).toBeVisible();
  await expect(rows.locator("td:nth-child(2)")).toHaveText(["fail", "pass"], { timeout: 45_000 });
  await expect(page.getByRole("button", { name: "pending (1)" })).toHaveCount(0);
  await expect(rows.nth(0)).toContainText("4.7.324");
});

// The Exchange Online option: no expected MX in a batch, so the new MX is known by its shape
// (lib/exchange/readiness.ts). exostsenforce.test's ES001 needs its MTA-STS policy, fetched over
// HTTPS from the lab (global-setup's settings reach this spec's server through appEnv).
test("an Exchange Online readiness batch: stage counts on the page, each row's stage and codes in the CSV and on its run", async ({ page }) => {
  await page.goto(`${server.url}/batches`);
  await page.getByLabel("API token").fill(TOKEN);
  await page.getByRole("combobox", { name: /^Test/ }).selectOption({ label: "Exchange Online inbound DANE readiness" });
  await page.getByLabel("Domains or e-mail addresses, one a line").fill("exolegacy.test\nexostsnoexp.test\nexostsenforce.test\nexodane.test\n");
  await expect(page.getByText("4 inputs", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Start the batch" }).click();
  await expect(page).toHaveURL(/\/batches\/[A-Za-z0-9_-]{24}$/);
  await expect(page.getByRole("progressbar", { name: "Batch progress" })).toHaveAttribute("aria-valuenow", "4", { timeout: 60_000 });
  await expect(page.getByText("4 of 4 done")).toBeVisible();
  const counts = page.getByTestId("batch-counts");
  await expect(counts).toContainText("Pass1");
  await expect(counts).toContainText("Warning2");
  await expect(counts).toContainText("Fail1");
  await expect(counts).toContainText("Could not run0");
  // The stages in the order a migration walks them, each with its count.
  const stages = page.getByRole("region", { name: "Exchange Online readiness: domains at each stage" });
  await expect(stages.getByRole("listitem")).toHaveText(["Legacy MX only: 2", "New MX primary: 1", "DANE enabled: 1"]);
  await expect(stages.locator('li[data-stage="legacy-only"]')).toHaveText("Legacy MX only: 2");
  // The rows name each input's stage and codes where an ordinary batch has the Exchange code.
  const table = page.getByTestId("batch-rows");
  await expect(table.locator("thead th").nth(3)).toHaveText("Readiness stage and codes");
  await expect(table.locator("tbody td:nth-child(4)")).toHaveText(["Legacy MX onlyEX013", "Legacy MX onlyES002 EX013", "New MX primaryES001 EX005", "DANE enabled"]);

  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Results as CSV" }).click()]);
  const lines = fs.readFileSync((await file.path()) ?? "", "utf8").split("\r\n").filter((l) => l !== "");
  expect(lines).toHaveLength(5);
  expect(lines[0]?.split(",").slice(-2)).toEqual(["readiness_stage", "readiness_codes"]);
  const row = (input: string) => {
    const line = lines.find((l) => l.startsWith(`${input},`));
    if (!line) throw new Error(`no CSV row for ${input}: ${lines.join(" | ")}`);
    const cells = line.split(",");
    return { verdict: cells[1], link: cells[6], stage: cells[8], codes: cells[9] };
  };
  expect(row("exolegacy.test")).toMatchObject({ verdict: "warning", stage: "legacy-only", codes: "EX013" });
  expect(row("exostsnoexp.test")).toMatchObject({ verdict: "warning", stage: "legacy-only", codes: "ES002 EX013" });
  expect(row("exodane.test")).toMatchObject({ verdict: "pass", stage: "dane-enabled", codes: "" });
  const enforce = row("exostsenforce.test");
  expect(enforce).toMatchObject({ verdict: "fail", stage: "new-mx-primary", codes: "ES001 EX005" });

  // The row's link opens its run, whose readiness section says the same.
  expect(enforce.link).toMatch(/^\/r\/[A-Za-z0-9_-]{24}$/);
  await page.goto(`${server.url}${enforce.link}`);
  const section = page.getByTestId("exchange-readiness");
  await expect(section).toHaveAttribute("data-stage", "new-mx-primary", { timeout: 30_000 });
  await expect(page.getByTestId("readiness-stage")).toContainText("New MX primary");
  await expect(page.getByTestId("readiness-codes")).toHaveText(/^ES001\s*EX005$/);
  await expect(section.locator('[data-code="EXR_ES001"]')).toContainText("none of its mx lines (*.mail.protection.outlook.com) matches the expected MX exostsenforce-test.o-v1.mx.microsoft");
});

test("a watch is created on its page, checked now, and its history charted", async ({ page }) => {
  await page.goto(`${server.url}/watches`);
  await page.getByLabel("API token").fill(TOKEN);
  await page.getByLabel("Domain or e-mail address").fill("dane-ee.test");
  await page.getByRole("button", { name: "Watch this domain" }).click();
  await expect(page.getByTestId("watch-secret")).toHaveText(/^[A-Za-z0-9_-]{43}$/);
  await page.getByRole("link", { name: "Open the watch" }).click();
  await expect(page).toHaveURL(/\/watches\/[A-Za-z0-9_-]{24}$/);
  await page.getByRole("button", { name: "Check now" }).click();
  const chart = page.getByRole("img", { name: "Verdicts over time" });
  await expect.poll(() => chart.locator("circle").count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(page.getByRole("cell", { name: "pass", exact: true })).toBeVisible();
});

test.describe("in European Portuguese", () => {
  test.use({ locale: "pt-PT", extraHTTPHeaders: { "accept-language": "pt-PT,pt;q=0.9,en;q=0.5" } });

  test("the batch pages read in pt-PT, numbers as Portugal writes them", async ({ page }) => {
    await page.goto(`${server.url}/batches`);
    await expect(page.locator("html")).toHaveAttribute("lang", "pt-PT");
    await expect(page).toHaveTitle("Execução em lote · mailsec");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Testar muitos domínios de uma vez");
    // 10 000 with the locale's group separator (a no-break space), not "10,000".
    await expect(page.getByText(/^Até 10\s000 domínios ou endereços/)).toBeVisible();
    await page.getByRole("button", { name: "Iniciar o lote" }).click();
    await expect(page.locator("main").getByRole("alert")).toHaveText("Indique pelo menos um domínio ou endereço de correio eletrónico.");
    await page.getByLabel("Token da API").fill(TOKEN);
    await page.getByLabel("Domínios ou endereços de correio eletrónico, um por linha").fill("dane-ee.test\nbad input!\ntlsa-mismatch.test\n");
    await expect(page.getByText("3 entradas", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Iniciar o lote" }).click();
    await expect(page).toHaveURL(/\/batches\/[A-Za-z0-9_-]{24}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lote");
    const bar = page.getByRole("progressbar", { name: "Progresso do lote" });
    await expect(bar).toHaveAttribute("aria-valuenow", "2", { timeout: 30_000 });
    await expect(page.getByText("2 de 2 concluídas")).toBeVisible();
    await expect(page.getByText("100%", { exact: true })).toBeVisible();
    const counts = page.getByTestId("batch-counts");
    await expect(counts).toContainText("Aprovados1");
    await expect(counts).toContainText("Falhados1");
    await expect(counts).toContainText("Não executados0");
    // The refused input, handed from the form: the heading ours, the reason the server's key, in Portuguese.
    await expect(page.getByText("1 entrada recusada:")).toBeVisible();
    await expect(page.getByText("bad input! (entrada 2): um nome de domínio não pode conter espaços.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Resultados em CSV" })).toBeVisible();
    // The rows in Portuguese: headers, verdicts, DNSSEC statuses, the filter and the link.
    const table = page.getByTestId("batch-rows");
    await expect(table.locator("thead th")).toHaveText(["Entrada", "Veredicto", "DNSSEC (MX)", "Código do Exchange Online", "Constatações", "Execução"]);
    await expect(table.locator("tbody td:nth-child(2)")).toHaveText(["aprovado", "falhou"]);
    await expect(table.locator("tbody td:nth-child(3)")).toHaveText(["seguro", "seguro"]);
    await expect(table.locator("tbody tr").nth(1)).toContainText("4.7.323");
    await expect(page.getByRole("group", { name: "Mostrar as linhas de um veredicto" }).getByRole("button")).toHaveText(["Todas (2)", "falhou (1)", "aprovado (1)"]);
    await expect(table.getByRole("link", { name: "Abrir o resultado" })).toHaveCount(2);
    // No English sentence of the page is left.
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).not.toMatch(/\b(done|Pass|pass|fail|Warning|Could not run|Results|Try again|The runs go on|Open the result|Input|Verdict|Findings)\b/);
  });

  test("a watch's page reads in pt-PT, with dates day first", async ({ page }) => {
    await page.goto(`${server.url}/watches`);
    await expect(page).toHaveTitle("Vigiar um domínio · mailsec");
    await page.getByLabel("Token da API").fill(TOKEN);
    await page.getByLabel("Domínio ou endereço de correio eletrónico").fill("dane-ee.test");
    await page.getByRole("button", { name: "Vigiar este domínio" }).click();
    await expect(page.getByText("A vigilância está definida; a primeira execução está na fila.")).toBeVisible();
    await page.getByRole("link", { name: "Abrir a vigilância" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vigilância");
    await expect(page.getByText(/· a cada 24 h · próxima execução \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}/)).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText(/Alertas: certificado a menos de 21 dias, assinaturas a menos de 3 dias · webhook nenhum/)).toBeVisible();
    await page.getByRole("button", { name: "Verificar agora" }).click();
    await expect(page.getByRole("status")).toHaveText("Uma execução está na fila; esta página atualiza-se sozinha.");
    const chart = page.getByRole("img", { name: "Veredictos ao longo do tempo" });
    await expect.poll(() => chart.locator("circle").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(page.getByRole("cell", { name: "aprovado", exact: true }).first()).toBeVisible();
  });
});
