// The API's 400 for a bad request body through the real routes (POST /api/runs, POST /api/batches):
// the English `error` old clients read stays, and `refusal` carries the same as a key and params,
// which reads in English and in pt-PT (the run form and the batch form word it in the page's language).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { renderMessage } from "../../lib/report/i18n/render";
import { Message } from "../../lib/report/i18n/types";
import { appEnv, freePort, labSettings, startNext, stopNext, type NextServer } from "./next-server";

const TOKEN = "e2e-token-refusal-0123456789abcdef";
let server: NextServer;
let work: string;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-refusal-e2e-"));
  server = await startNext(await freePort(), { ...appEnv(labSettings(), path.join(work, "data")), MAILSEC_API_TOKENS: TOKEN }, path.join(work, "next.log"));
});

test.afterAll(async () => {
  if (server) await stopNext(server);
  fs.rmSync(work, { recursive: true, force: true });
});

const worded = (body: { refusal?: unknown }) => {
  const refusal = Message.parse(body.refusal);
  return { en: renderMessage("en", refusal, { strict: true }), pt: renderMessage("pt-PT", refusal, { strict: true }) };
};

test("POST /api/runs: a field's refusal keeps its English error and carries a refusal that reads in both languages", async ({ request }) => {
  const rrType = await request.post(`${server.url}/api/runs`, { data: { test: "dane", input: "example.test", rrType: "TLSA" } });
  expect(rrType.status()).toBe(400);
  const body = await rrType.json();
  expect(body.error).toBe("rrType: only the DNSSEC Validation test takes a record type.");
  expect(worded(body)).toEqual({ en: "rrType: only the DNSSEC Validation test takes a record type.", pt: "rrType: só o teste Validação DNSSEC aceita um tipo de registo." });

  const unknown = await (await request.post(`${server.url}/api/runs`, { data: { test: "dane", input: "example.test", verbose: true } })).json();
  expect(worded(unknown).pt).toBe("verbose: o mailsec não conhece este campo.");
  const notJson = await (await request.post(`${server.url}/api/runs`, { headers: { "content-type": "application/json" }, data: Buffer.from("{not json") })).json();
  expect(notJson.error).toBe("The request body is not valid JSON.");
  expect(worded(notJson).pt).toBe("o corpo do pedido não é JSON válido.");
});

test("POST /api/batches: the batch request's own validation carries a refusal that reads in both languages", async ({ request }) => {
  const headers = { authorization: `Bearer ${TOKEN}` };
  const empty = await request.post(`${server.url}/api/batches`, { headers, data: { test: "dane", inputs: [] } });
  expect(empty.status()).toBe(400);
  const body = await empty.json();
  expect(body.error).toBe("inputs: give at least one input");
  expect(worded(body)).toEqual({ en: "inputs: give at least 1 entry.", pt: "inputs: indique pelo menos 1 entrada." });
  const wrongTest = await (await request.post(`${server.url}/api/batches`, { headers, data: { test: "ftp", inputs: ["example.test"] } })).json();
  expect(worded(wrongTest).pt).toBe("test: escolha um de dane, inbound, dnssec, exchange.");
  // An input another field refuses: the refused entry's problem is the whole refusal, worded per language.
  const rr = await (await request.post(`${server.url}/api/batches`, { headers, data: { test: "dane", inputs: ["example.test"], options: { rrType: "TLSA" } } })).json();
  expect(rr.refused).toHaveLength(1);
  expect(renderMessage("pt-PT", Message.parse(rr.refused[0].problem), { strict: true })).toBe("rrType: só o teste Validação DNSSEC aceita um tipo de registo.");
});
