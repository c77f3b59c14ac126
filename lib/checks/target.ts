// Which grammar an input is read with: a DNS name for the DNSSEC Validation test, a mail domain or
// address for the others (lib/checks/input.ts). Each door parses once with this (the API in
// lib/server/run-request.ts; run.ts for a caller that passes only the text, the CLI) and the
// parsed target travels on in RunInput.target.
import type { TestKind } from "../report/schema";
import { parseDnsName, parseInput, type ParsedInput } from "./input";

export function parseTarget(test: TestKind, text: string): ParsedInput {
  return test === "dnssec" ? parseDnsName(text) : parseInput(text);
}
