// The CLI as a user runs it (`node bin/mailsec.js`, what `npx mailsec` starts), against the lab:
// exit status 0/1/2, the tree on stdout, the result document with --json.
import { describe, expect, it } from "vitest";
import { ResultDocument } from "../../lib/report/schema";
import { labForCliTests, mailsec as runCli, type CliRun } from "../helpers/cli";

function mailsec(args: string[]): Promise<CliRun> {
  return runCli(args, 60_000);
}

const lab = labForCliTests();

describe.concurrent("mailsec CLI", () => {
  it("exits 0 and prints the tree for a passing domain", async () => {
    const run = await mailsec(["dane", "dane-ee.test", ...lab.args()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("[ OK ] Test successful");
    expect(run.stdout).toContain("Exchange Online: deliver");
    expect(run.stdout).toContain("Attempting to retrieve DNS MX records for domain 'dane-ee.test'.");
    // Not a TTY: no escape sequences, the status is in words.
    expect(run.stdout).not.toContain("\u001b[");
  });

  it("exits 1 and prints the result document with --json for a failing domain", async () => {
    const run = await mailsec(["dane", "postmaster@tlsa-mismatch.test", "--json", ...lab.args()]);
    expect(run.code).toBe(1);
    const result = ResultDocument.parse(JSON.parse(run.stdout));
    expect(result).toMatchObject({ test: "dane", domain: "tlsa-mismatch.test", verdict: "fail", exchangeOnline: { outcome: "defer", code: "4.7.323" } });
    expect(result.mx[0]?.addresses[0]?.dane).toBe("fail");
  });

  it("validates one name and type with dnssec --type", async () => {
    const run = await mailsec(["dnssec", "_25._tcp.mx1.dane-ee.test", "--type", "TLSA", "--json", ...lab.args()]);
    expect(run.code).toBe(0);
    expect(ResultDocument.parse(JSON.parse(run.stdout))).toMatchObject({ test: "dnssec", dnssec: "secure" });
  });

  it("exits 2 with a clear message for an invalid name", async () => {
    const run = await mailsec(["dane", "exa..mple.test", ...lab.args()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("empty label");
    expect(run.stdout).toBe("");
  });

  it("exits 2 for a bad option, showing the usage", async () => {
    const run = await mailsec(["dane", "dane-ee.test", "--smtp-port", "seventy"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--smtp-port");
    expect(run.stderr).toContain("Usage:");
  });

  it("on a timeout, exits 2 and shows the steps that finished before the timeout message", async () => {
    // The MX host accepts the connection and never sends its banner (the probe waits 30 s for
    // it): the DNS steps finish well within 6 s, the SMTP steps are cut by the timeout.
    const args = ["dane", "smtp-no-banner.test", ...lab.args(), "--timeout", "6"];
    const [run, json] = await Promise.all([mailsec(args), mailsec([...args, "--json"])]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("[ OK ] Attempting to resolve the A and AAAA records of 'mx1.smtp-no-banner.test'.");
    expect(run.stdout).toContain("[FAIL] Waiting for the SMTP greeting (220 banner).");
    expect(run.stderr).toContain("The test did not finish within 6 s and was stopped.");
    // The error event carries no partial document: --json prints the event itself, as the API
    // streams it: the failure's key and params, and its English message for version 3 readers.
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ type: "error", failure: { key: "run.timedOut", params: { seconds: 6 } }, message: "The test did not finish within 6 s and was stopped." });
  });

  it("exits 2 when no resolver answers", async () => {
    // Port 9 (discard) has no listener on loopback: every query is refused.
    const run = await mailsec(["dane", "dane-ee.test", "--resolver", "127.0.0.1:9", "--trust-anchor", lab.lab().trustAnchorFile]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("No resolver answered");
  });

  it("says why the test could not run in the reader's language (--lang pt-PT)", async () => {
    const [noResolver, unknownType] = await Promise.all([
      mailsec(["dane", "dane-ee.test", "--resolver", "127.0.0.1:9", "--trust-anchor", lab.lab().trustAnchorFile, "--lang", "pt-PT"]),
      mailsec(["dnssec", "dane-ee.test", "--type", "NOSUCH", ...lab.args(), "--lang", "pt-PT"]),
    ]);
    expect(noResolver.code).toBe(2);
    expect(noResolver.stderr).toMatch(/^mailsec: não foi possível executar o teste: Nenhum resolvedor respondeu \(a consulta de dane-ee\.test\.? MX: .+\)\.$/m);
    expect(unknownType.code).toBe(2);
    expect(unknownType.stderr).toContain("mailsec: não foi possível executar o teste: Tipo de registo desconhecido: «NOSUCH». Indique uma mnemónica como MX, A, AAAA, TLSA, DS ou DNSKEY.\n");
  });
});
