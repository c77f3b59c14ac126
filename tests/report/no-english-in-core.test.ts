// Issue 10: no English sentence is built outside lib/report's catalogues. The steps of lib/checks
// carry message keys and findings; lib/dane reports findings as data. This walks the TypeScript
// syntax of those modules and fails on a string or template literal that reads as prose (three
// words or more), except where English is the contract: an Error or RunAbort message (the run's
// error event and logs), and the body of the test message the Inbound test sends.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { enSteps } from "../../lib/report/i18n/en/steps";

const ROOT = path.resolve(__dirname, "../..");
/** Directories whose every literal is checked. */
const SCANNED = ["lib/checks", "lib/dane/findingText.ts"];
/**
 * English by contract: the door's refusals (lib/checks/input.ts: the HTTP 400 body and the CLI's
 * message, one sentence per problem), the run's error-event texts, the test mail's body.
 */
const SKIPPED_FILES = new Set(["lib/checks/input.ts"]);
const ENGLISH_BY_CONTRACT = new Set(["testMessage", "ERROR_EVENT"]);

function files(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (entry.endsWith(".ts")) return [full];
  return readdirSync(full, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => path.join(full, f))
    .filter((f) => !SKIPPED_FILES.has(path.relative(ROOT, f)));
}

/** Three or more words of letters, apart by spaces: a sentence, not a key, a token or a record. */
const isProse = (text: string): boolean => text.split(/\s+/).filter((w) => /^[(]?[A-Za-z][a-z']+[).,;:]*$/.test(w)).length >= 3;

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" ");
  return null;
}

function exempt(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isNewExpression(at) && ts.isIdentifier(at.expression) && /Error$|^RunAbort$/.test(at.expression.text)) return true;
    if (ts.isImportDeclaration(at) || ts.isExportDeclaration(at)) return true;
    if ((ts.isFunctionDeclaration(at) || ts.isVariableDeclaration(at)) && at.name && ts.isIdentifier(at.name) && ENGLISH_BY_CONTRACT.has(at.name.text)) return true;
  }
  return false;
}

export function proseLiterals(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const text = literalText(node);
    if (text !== null && isProse(text) && !exempt(node)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${path.relative(ROOT, file)}:${line + 1}: ${text.slice(0, 80)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("no English sentences outside lib/report's catalogues", () => {
  it("finds prose where it is planted (the scan can fail)", () => {
    const planted = path.join(ROOT, "tests/report/fixtures/english-summary.ts.txt");
    expect(proseLiterals(planted)).toEqual([expect.stringContaining("The MX lookup failed for")]);
  });

  it("has none in lib/checks and the DANE matcher's findings", () => {
    expect(SCANNED.flatMap(files).flatMap(proseLiterals)).toEqual([]);
  });

  it("builds step texts only from message keys the English catalogue defines", () => {
    // The catalogue as the code sees it: en/steps.ts with the area files spread into it.
    const keys = new Set(Object.keys(enSteps));
    const used = SCANNED.flatMap(files).flatMap((file) => [...readFileSync(file, "utf8").matchAll(/\bmessage\(\s*"([^"]+)"/g)].map((m) => m[1]!));
    expect(used.filter((key) => !keys.has(key))).toEqual([]);
  });
});
