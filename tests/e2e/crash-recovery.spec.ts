// A server that dies mid-run: after the restart the run's link shows it as interrupted, with every
// step it had, and new runs work. This spec runs its own `next start` (same build, own data dir)
// so it can kill it without disturbing the shared one.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { appEnv, freePort, labSettings, startNext, stopNext, type NextServer } from "./next-server";

const SHOTS = "test-results/screenshots";

async function readLines(body: ReadableStream<Uint8Array>, enough: (lines: string[]) => boolean, timeoutMs: number): Promise<string[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const lines: string[] = [];
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  while (!enough(lines)) {
    if (Date.now() > deadline) throw new Error(`stream did not deliver enough within ${timeoutMs} ms: ${lines.length} lines`);
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    lines.push(...parts.filter((line) => line.trim() !== ""));
  }
  await reader.cancel().catch(() => undefined);
  return lines;
}

async function postRun(url: string, input: string): Promise<Response> {
  return fetch(`${url}/api/runs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ test: "dane", input }),
  });
}

test("a run cut off by a killed server shows as interrupted with its steps; new runs work", async ({ page }) => {
  test.setTimeout(180_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-crash-"));
  const env = appEnv(labSettings(), path.join(work, "data"));
  const port = await freePort();
  const log = path.join(work, "next.log");
  let server: NextServer | null = await startNext(port, env, log);
  try {
    // tlsa-timeout waits seconds on one lookup: the kill lands while steps are still running.
    const response = await postRun(server.url, "tlsa-timeout.test");
    const id = response.headers.get("x-run-id");
    expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const seen = await readLines(response.body!, (lines) => lines.filter((l) => l.includes('"type":"step"')).length >= 4, 30_000);
    expect(seen.some((line) => line.includes('"type":"done"'))).toBe(false);
    await stopNext(server, "SIGKILL");
    server = null;

    server = await startNext(port, env, log);
    await page.goto(`${server.url}/r/${id}`);
    const verdict = page.getByTestId("verdict");
    await expect(verdict).toHaveAttribute("data-verdict", "interrupted");
    await expect(verdict.getByRole("heading")).toContainText("Test interrupted");
    await expect(page.getByRole("treeitem").first()).toBeVisible();
    expect(await page.getByRole("treeitem").count()).toBeGreaterThanOrEqual(4);
    await expect(page.locator('[role="treeitem"][data-status="unfinished"]').first()).toBeVisible();
    await expect(page.locator('[role="treeitem"][data-status="running"]')).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/interrupted.png`, fullPage: true });

    const stored = (await (await fetch(`${server.url}/api/runs/${id}`)).json()) as { status: string; steps: unknown[] };
    expect(stored.status).toBe("interrupted");
    expect(stored.steps.length).toBeGreaterThan(0);

    const again = await postRun(server.url, "dane-ee.test");
    const lines = await readLines(again.body!, (l) => l.some((line) => line.includes('"type":"done"')), 60_000);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: "done", result: { verdict: "pass" } });
  } finally {
    if (server) await stopNext(server);
    fs.rmSync(work, { recursive: true, force: true });
  }
});
