#!/usr/bin/env node
// `npx mailsec` starts here: the CLI as compiled JavaScript (dist/cli, built from bin/mailsec.ts by
// `npm run build:cli`, which npm install runs through `prepare`). Running the TypeScript itself is
// for development: `npm run mailsec -- ...` (tsx).
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/mailsec.js", import.meta.url);
if (existsSync(entry)) {
  await import(entry.href);
} else {
  process.stderr.write("mailsec: the compiled CLI (dist/cli) is missing: run `npm run build:cli` (npm install runs it)\n");
  process.exitCode = 2;
}
