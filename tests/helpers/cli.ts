// Runs the CLI as a user does (`node bin/mailsec.js`, what `npx mailsec` starts: the compiled
// bundle in dist/cli) and reports its exit status and output; an unfinished or killed run reads as
// code -1. The bundle is rebuilt once per test file first, so the tests run today's sources.
import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { startLab, type Lab } from "../../lib/lab";
import { buildCli } from "../../scripts/build-cli";

const CLI = path.resolve(import.meta.dirname, "../../bin/mailsec.js");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

let built: Promise<unknown> | null = null;

/**
 * `env` is added to the parent's environment, from which the locale variables are dropped: the
 * report's language follows LC_ALL/LC_MESSAGES/LANG, and a test must not read Portuguese because
 * the machine running it is set to pt_PT (or English because it is not).
 */
export async function mailsec(args: string[], timeoutMs = 30_000, env: Record<string, string> = {}): Promise<CliRun> {
  built ??= buildCli();
  await built;
  const { LC_ALL: _all, LC_MESSAGES: _messages, LANG: _lang, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: timeoutMs, env: { ...inherited, NO_COLOR: "1", ...env } }, (error, stdout, stderr) => {
      const code = error && typeof error.code === "number" ? error.code : error ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The options that point a run at the lab: its resolver, trust anchor and SMTP port. */
export function labCliArgs(lab: Lab): string[] {
  return ["--resolver", lab.resolverString, "--trust-anchor", lab.trustAnchorFile, "--smtp-port", String(lab.smtpPort), "--allow-private"];
}

/** Starts the lab before a test file's tests and stops it after them. */
export function labForCliTests(): { lab: () => Lab; args: () => string[] } {
  let lab: Lab | undefined;
  beforeAll(async () => {
    lab = await startLab();
  }, 60_000);
  afterAll(async () => {
    await lab?.stop();
  });
  const started = (): Lab => {
    if (!lab) throw new Error("the lab is not running (labForCliTests() must be called at the top of the file)");
    return lab;
  };
  return { lab: started, args: () => labCliArgs(started()) };
}
