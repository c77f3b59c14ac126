// The app on PostgreSQL: with DATABASE_URL set, runs are written there (not to the SQLite file)
// and a shared link is served from it. Uses its own `next start` and a throwaway PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { postgresMissing, startPostgres, type PostgresServer } from "../helpers/postgres-server";
import { appEnv, freePort, labSettings, startNext, stopNext, type NextServer } from "./next-server";

test.skip(postgresMissing !== null, `skipped: ${postgresMissing}`);

test("with DATABASE_URL the runs live in PostgreSQL and share links read them from there", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-pg-app-"));
  const dataDir = path.join(work, "data");
  let database: PostgresServer | null = null;
  let server: NextServer | null = null;
  try {
    database = await startPostgres();
    server = await startNext(await freePort(), { ...appEnv(labSettings(), dataDir), DATABASE_URL: database.url }, path.join(work, "next.log"));
    await page.goto(`${server.url}/test/dane`);
    await page.getByLabel("Domain or e-mail address").fill("dane-ee.test");
    await page.getByRole("button", { name: "Run test" }).click();
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "pass", { timeout: 30_000 });
    const link = await page.getByTestId("share-link").getAttribute("href");
    const id = link!.slice("/r/".length);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const runs = await client.query<{ status: string; input: string }>("SELECT status, input FROM runs WHERE id = $1", [id]);
    const events = await client.query<{ n: string }>("SELECT COUNT(*) AS n FROM run_events WHERE run_id = $1", [id]);
    await client.end();
    expect(runs.rows).toEqual([{ status: "done", input: "dane-ee.test" }]);
    expect(Number(events.rows[0]?.n)).toBeGreaterThan(5);
    expect(fs.existsSync(dataDir)).toBe(false);

    const fresh = await browser.newContext();
    const shared = await fresh.newPage();
    await shared.goto(`${server.url}${link}`);
    await expect(shared.getByTestId("verdict").getByRole("heading")).toHaveText("Test successful");
    await fresh.close();
  } finally {
    if (server) await stopNext(server);
    database?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
});
