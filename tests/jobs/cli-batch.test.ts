// `mailsec batch FILE` on one machine: no DATABASE_URL, so the SQLite file under MAILSEC_DATA_DIR
// and the embedded runner, nothing else started. Run as a user does, as a separate process.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lib/lab";

const ROOT = path.resolve(import.meta.dirname, "../..");
let lab: Lab;
let dir: string;

beforeAll(async () => {
  lab = await startLab();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailsec-cli-batch-"));
});

afterAll(async () => {
  await lab?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `locale`: LANG for the run (the machine's own locale variables are dropped: English unless set). */
function batch(file: string, options: { timeout?: number; lang?: string; dataDir?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = ["--import", "tsx", path.join(ROOT, "bin/mailsec.ts"), "batch", file, "--resolver", lab.resolverString, "--trust-anchor", lab.trustAnchorFile, "--smtp-port", String(lab.smtpPort), "--allow-private", "--timeout", String(options.timeout ?? 10)];
  const { LC_ALL: _all, LC_MESSAGES: _messages, LANG: _lang, ...inherited } = process.env;
  const env = { ...inherited, DATABASE_URL: "", MAILSEC_DATA_DIR: options.dataDir ?? path.join(dir, "data"), NO_COLOR: "1", ...(options.lang ? { LANG: options.lang } : {}) };
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error && typeof error.code === "number" ? error.code : error ? -1 : 0, stdout, stderr });
    });
  });
}

describe("mailsec batch FILE", () => {
  it("prints one CSV row per input, lists refused lines, and exits 1 when one fails", async () => {
    const file = path.join(dir, "domains.csv");
    fs.writeFileSync(file, "# customers\ndane-ee.test,Customer A\n\nnot a domain!\ntlsa-mismatch.test\n");
    const run = await batch(file);
    expect(run.stderr).toContain("mailsec: input 2 refused: not a domain!: a domain name cannot contain spaces.\n");
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split("\r\n");
    expect(lines[0]).toBe("input,verdict,dnssec,exchange_code,mx_count,findings,link,error,readiness_stage,readiness_codes");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 4).join(","))).toEqual(["dane-ee.test,pass,secure,", "tlsa-mismatch.test,fail,secure,4.7.323"]);
    expect(fs.existsSync(path.join(dir, "data", "mailsec.sqlite"))).toBe(true);
  }, 70_000);

  it("says why in the reader's language (LANG=pt_PT): a refused input, and the error of a run that timed out", async () => {
    const file = path.join(dir, "pt.txt");
    // slow-banner.test waits 1.5 s before its greeting: a 1 s budget times the run out for real.
    fs.writeFileSync(file, "a..b.test\nslow-banner.test\n");
    const run = await batch(file, { timeout: 1, lang: "pt_PT.UTF-8", dataDir: path.join(dir, "data-pt") });
    expect(run.stderr).toContain("mailsec: entrada 1 recusada: a..b.test: o nome tem uma etiqueta vazia (dois pontos seguidos, ou um ponto no início).\n");
    expect(run.code).toBe(1);
    const [header, row] = run.stdout.trim().split("\r\n");
    expect(header).toBe("input,verdict,dnssec,exchange_code,mx_count,findings,link,error,readiness_stage,readiness_codes");
    expect(row).toMatch(/^slow-banner\.test,error,.*,O teste não terminou em 1 s e foi interrompido\.,,$/);
  }, 70_000);

  it("refuses a file with no inputs with exit status 2", async () => {
    const file = path.join(dir, "empty.txt");
    fs.writeFileSync(file, "# nothing\n\n");
    const run = await batch(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("has no inputs");
  }, 70_000);
});
