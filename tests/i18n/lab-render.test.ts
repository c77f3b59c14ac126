// Every lab scenario's result renders in English and European Portuguese through the CLI's
// renderer without a missing key or parameter: the engine runs in-process against the lab (dane and
// inbound on every scenario, dnssec on every name the catalog has an expectation for), the result
// goes through JSON and the schema as a stored run would, and renders with every detail shown. The
// renderer throws under test on any gap (lib/report/i18n/render.ts), so a gap fails its scenario.
// Each rendered text (every step title, summary and keyed detail, every finding's message, why and
// fix) is also read for the marks of a hole: an empty slot ("Then: ", "with .", "()"), "undefined",
// "NaN", two spaces, a space before punctuation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderResult } from "../../bin/render";
import { startLab, type Lab } from "../../lib/lab";
import { scenarios } from "../../lib/lab/catalog";
import { icuArguments } from "../../lib/report/i18n/icu";
import { catalogueFor, renderFinding, renderMessage } from "../../lib/report/i18n/render";
import { LOCALES, type Locale, type Message, type MessageParams } from "../../lib/report/i18n/types";
import { ResultDocument, type Step } from "../../lib/report/schema";
import { allSteps, plain, pool, runOnLab, type LabRun } from "../checks/lab-run";

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

/** What a text that lost a parameter or joined two clauses badly looks like (leading indentation is layout). */
const HOLES: readonly [string, RegExp][] = [
  ["undefined", /\bundefined\b/],
  ["NaN", /\bNaN\b/],
  ["two spaces", /\S {2}/],
  ["a space before punctuation", / [.,;:!?)»”]/],
  ["an empty slot", /\(\s*\)|«\s*»|“\s*”|'\s*'|: [.,;:)]|\b(with|of|to|at|in|from|by|for|com|de|em|para) [.,;:)]/],
  ["a dangling colon", /: +$/],
  ["a trailing space", / $/],
];

export function holesIn(text: string): string[] {
  return HOLES.filter(([, re]) => re.test(text)).map(([name]) => name);
}

/**
 * The params with every non-empty text argument of `source` replaced by "x": what the template
 * makes of them, without a value's own punctuation (the root zone "." or a server's reply) reading
 * as a hole. Empty texts stay empty (those are the holes), numbers and select tokens as they are.
 */
function masked(locale: Locale, source: string | undefined, params: Readonly<MessageParams>): MessageParams {
  const out: MessageParams = { ...params };
  if (source === undefined) return out;
  for (const { name, kind } of icuArguments(locale, source)) {
    const value = out[name];
    if (kind === "text" && typeof value === "string" && value !== "") out[name] = "x";
  }
  return out;
}

describe("no rendered text has a hole in it", () => {
  it("finds the holes where they are planted (the check can fail)", () => {
    expect(holesIn("TLS established: TLSv1.3; the server sent 2 certificates. Then: ")).toEqual(["a dangling colon", "a trailing space"]);
    expect(holesIn("Exchange Online would defer with .")).toEqual(["a space before punctuation", "an empty slot"]);
    expect(holesIn("x: no SMTP session ().")).toEqual(["an empty slot"]);
    expect(holesIn("waited undefined ms, NaN bytes")).toEqual(["undefined", "NaN"]);
    expect(holesIn("two  spaces , here")).toEqual(["two spaces", "a space before punctuation"]);
    expect(holesIn("    Names: x, list your senders (ip4:, include:); SMTP transcript:")).toEqual([]);
    // And through the renderer: smtp.tls with an empty {then} (a version 2 run's) reads whole.
    const tls = { key: "smtp.tls", params: { version: "TLSv1.3", cipher: "x", count: 2, then: "" } };
    const deferred = { key: "exchange.summary", params: { outcome: "defer", code: "" } };
    for (const locale of LOCALES) {
      expect(holesIn(renderMessage(locale, tls)), locale).toEqual([]);
      expect(holesIn(renderMessage(locale, deferred)), locale).toEqual([]);
    }
    expect(holesIn(renderMessage("en", { key: "address.unreachable", params: { ip: "x", detail: "" } }))).toEqual(["an empty slot"]);
  });

  it.each(labels)("%s", (label) => {
    const result = runs.get(label)?.result;
    if (!result) throw new Error(`no result for ${label}`);
    const stored = ResultDocument.parse(JSON.parse(JSON.stringify(result)));
    const found: string[] = [];
    const check = (where: string, text: string) => {
      for (const hole of holesIn(text)) found.push(`${where}: ${hole}: ${JSON.stringify(text)}`);
    };
    for (const locale of LOCALES) {
      const texts = catalogueFor(locale);
      const message = (m: Message) => renderMessage(locale, { key: m.key, params: masked(locale, texts.messages[m.key], m.params) });
      for (const step of allSteps(stored.steps)) {
        check(`${locale} ${step.id} title`, message(step.title));
        if (step.summary) check(`${locale} ${step.id} summary`, message(step.summary));
        // Keyed details only: a raw line is evidence (a record, a transcript line) shown as it came.
        for (const detail of step.details) if (typeof detail !== "string") check(`${locale} ${step.id} ${detail.key}`, message(detail));
        for (const f of step.findings ?? []) {
          for (const field of ["message", "why", "remediation"] as const) {
            const text = renderFinding(locale, { code: f.code, params: masked(locale, texts.findings[f.code]?.[field], f.params) })[field];
            if (text !== "") check(`${locale} ${step.id} ${f.code}.${field}`, text);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });
});
