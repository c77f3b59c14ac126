// When a browser test fails, what the server stored for each run it started is the evidence: the
// trace shows the page, not which step warned or why. Every POST /api/runs answer carries the run's
// id (x-run-id); on a failure each of those runs is attached to the test's report as its stored JSON,
// with a line per step that warned or failed and its finding codes.
import fs from "node:fs";
import { test as base, type BrowserContext } from "@playwright/test";

interface StepLike {
  id: string;
  status: string;
  findings?: { code: string }[];
  children: StepLike[];
}

/** "mx-host:mx1.dane-ee.test/127.0.1.1/connect warning SMTP_CONNECTION_BUDGET", one per flagged step. */
function flaggedSteps(steps: readonly StepLike[]): string[] {
  return steps.flatMap((s) => [
    ...(s.status === "warning" || s.status === "error" ? [`${s.id} ${s.status} ${(s.findings ?? []).map((f) => f.code).join(" ")}`.trimEnd()] : []),
    ...flaggedSteps(s.children),
  ]);
}

export const test = base.extend<{ watchRuns: (context: BrowserContext) => void }>({
  watchRuns: [
    async ({ context, request }, use, testInfo) => {
      const ids: string[] = [];
      const watch = (c: BrowserContext): void => {
        c.on("response", (response) => {
          const id = response.headers()["x-run-id"];
          if (id && response.request().method() === "POST" && new URL(response.url()).pathname === "/api/runs") ids.push(id);
        });
      };
      watch(context);
      // A test that opens a context of its own hands it over.
      await use(watch);
      if (testInfo.status === testInfo.expectedStatus) return;
      for (const id of ids) {
        const response = await request.get(`/api/runs/${id}`).catch(() => null);
        const body = response ? await response.text() : "(the server did not answer)";
        let flagged = "";
        try {
          const run = JSON.parse(body) as { status?: string; result?: { verdict?: string } | null; steps?: StepLike[] };
          flagged = [`status ${run.status ?? "?"}, verdict ${run.result?.verdict ?? "none"}`, ...flaggedSteps(run.steps ?? [])].join("\n");
        } catch {
          flagged = "(not JSON)";
        }
        // The summary prints with the failure; the JSON is a file beside the trace in test-results.
        await testInfo.attach(`run-${id}.txt`, { body: flagged, contentType: "text/plain" });
        const file = testInfo.outputPath(`run-${id}.json`);
        fs.writeFileSync(file, body);
        await testInfo.attach(`run-${id}.json`, { path: file, contentType: "application/json" });
      }
    },
    { auto: true },
  ],
});

export { expect } from "@playwright/test";
