// Finds English sentences in the string and template literals of TypeScript sources: the scanner
// behind tests/i18n/no-english-in-lib.test.ts. A literal is prose when it holds three or more
// words of letters (a key, a token, a record or a code has fewer, or none). Some contexts are
// English by design and named in CONTEXTS with the reason; the test names the files.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(import.meta.dirname, "../..");

const WORD = /^[("“'«]?[A-Za-z][a-z']+[)"”'».,;:!?]*$/;

export function isProse(text: string): boolean {
  return text.split(/\s+/).filter((w) => WORD.test(w)).length >= 3;
}

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" ");
  return null;
}

/** SQL is a language of its own, not a sentence a reader sees. */
const SQL = /^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|WITH|BEGIN|COMMIT|PRAGMA)\b/i;

/**
 * Contexts whose literals never become a run's text, or are English by contract:
 * - import/export specifiers: module paths;
 * - `throw new SomethingError(...)` and `new Error(...)`: a fault or an operator's mistake, for a
 *   stack trace or a log; a run shows one only as INTERNAL_ERROR's {detail}, as written, like any
 *   stack trace (a bug to report, not a sentence of the product);
 * - console.* and a logger's methods: lines on stderr or in the server log, never in a run;
 * - SQL text.
 */
function exempt(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isImportDeclaration(at) || ts.isExportDeclaration(at)) return true;
    if (ts.isNewExpression(at) && ts.isIdentifier(at.expression) && /Error$/.test(at.expression.text)) return true;
    if (ts.isCallExpression(at) && ts.isPropertyAccessExpression(at.expression)) {
      const target = at.expression.expression.getText();
      const method = at.expression.name.text;
      if (target === "console" || (/^(log|logger|this\.log|options\.log)$/.test(target) && /^(debug|info|warn|error|fatal|trace|child)$/.test(method))) return true;
    }
  }
  return false;
}

export interface Prose {
  file: string;
  line: number;
  text: string;
}

/** The prose literals of one file (path relative to the repository root). */
export function proseIn(file: string, source: string = readFileSync(path.join(ROOT, file), "utf8")): Prose[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: Prose[] = [];
  const visit = (node: ts.Node): void => {
    const text = literalText(node);
    if (text !== null && isProse(text) && !SQL.test(text) && !exempt(node)) {
      found.push({ file, line: tree.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.slice(0, 100) });
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

/** Every .ts/.tsx source under `dir` (relative to the root), tests excluded. */
export function sourcesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.tsx?$/.test(f) && !/\.(test|d)\.tsx?$/.test(f))
    .map((f) => path.join(dir, f).split(path.sep).join("/"))
    .sort();
}
