// Every lab scenario's result renders in English and European Portuguese through the CLI's
// renderer without a missing key or parameter: the engine runs in-process against the lab (dane and
// inbound on every scenario, dnssec on every name the catalog has an expectation for), the result
// goes through JSON and the schema as a stored run would, and renders with every detail shown. The
// renderer throws under test on any gap (lib/report/i18n/render.ts), so a gap fails its scenario.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderResult } from "../../bin/render";
import { startLab, type Lab } from "../../lib/lab";
import { scenarios } from "../../lib/lab/catalog";
import { renderFinding } from "../../lib/report/i18n/render";
import { LOCALES } from "../../lib/report/i18n/types";
import { ResultDocument, type Step } from "../../lib/report/schema";
import { plain, pool, runOnLab, type LabRun } from "../checks/lab-run";

interface Case {
  label: string;
  run: () => Promise<LabRun>;
}

let lab: Lab;
const runs = new Map<string, LabRun>();
const cases: Case[] = [];

beforeAll(async () => {
  lab = await startLab();
  for (const s of scenarios) {
    cases.push({ label: `dane ${s.name}`, run: () => runOnLab(lab, "dane", plain(s.domain)) });
    cases.push({ label: `inbound ${s.name}`, run: () => runOnLab(lab, "inbound", plain(s.domain)) });
    for (const e of s.dnssecExpect) cases.push({ label: `dnssec ${plain(e.name)} ${e.type}`, run: () => runOnLab(lab, "dnssec", plain(e.name), { rrType: e.type }) });
  }
  const done = await pool(cases, 12, async (c) => [c.label, await c.run()] as const);
  for (const [label, run] of done) runs.set(label, run);
}, 240_000);

afterAll(async () => {
  await lab?.stop();
});

function findingsOf(steps: readonly Step[]): NonNullable<Step["findings"]> {
  return steps.flatMap((s) => [...(s.findings ?? []), ...findingsOf(s.children)]);
}

const labels = [...scenarios.flatMap((s) => [`dane ${s.name}`, `inbound ${s.name}`, ...s.dnssecExpect.map((e) => `dnssec ${plain(e.name)} ${e.type}`)])];

describe("every lab result renders in both languages", () => {
  it("ran every case", () => {
    expect(runs.size).toBe(new Set(labels).size);
  });

  it.each(labels)("%s", (label) => {
    const run = runs.get(label);
    expect(run?.error ?? null).toBeNull();
    if (!run?.result) throw new Error(`no result for ${label}`);
    // What a shared link or `--json` consumer reads back: the document after JSON and the schema.
    const stored = ResultDocument.parse(JSON.parse(JSON.stringify(run.result)));
    const text = Object.fromEntries(LOCALES.map((locale) => [locale, renderResult(stored, { color: false, allDetails: true, locale })]));
    for (const locale of LOCALES) {
      expect(text[locale], locale).not.toMatch(/\[[A-Za-z_.]+\](?:\n|$)/m);
      expect(text[locale], locale).not.toMatch(/\{[A-Za-z]\w*\}/);
      // Every finding the run names renders its message, why and fix in this language, params included.
      for (const f of findingsOf(stored.steps)) renderFinding(locale, f);
    }
    expect(text["pt-PT"]).not.toBe(text.en);
  });
});
