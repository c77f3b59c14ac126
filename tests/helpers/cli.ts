// Runs the CLI as a user does (`node bin/mailsec.js`, what `npx mailsec` starts) and reports its
// exit status and output; an unfinished or killed run reads as code -1.
import { execFile } from "node:child_process";
import path from "node:path";

const CLI = path.resolve(import.meta.dirname, "../../bin/mailsec.js");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function mailsec(args: string[], timeoutMs = 30_000): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: timeoutMs, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      const code = error && typeof error.code === "number" ? error.code : error ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
