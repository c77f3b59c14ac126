// The certificate path of a run (parse, DANE match, the certificate report with its WebPKI check)
// loads no @peculiar/x509: its module graph (tsyringe, reflect-metadata, asn1js) cost ~100 ms a
// process. A fresh node process runs that path on the lab chain, with the run engine's modules
// imported too, and says what got loaded; the same process importing lib/x509 shows the probe
// sees it when it is there.
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

const CHILD = `
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
const { parseChain, matchDane, analyzeCertificate } = await import(${JSON.stringify(`${ROOT}/lib/dane/index.ts`)});
const { labCertificate, PKI_DIR } = await import(${JSON.stringify(`${ROOT}/lib/lab/pki.ts`)});
await import(${JSON.stringify(`${ROOT}/lib/checks/run.ts`)});
if (process.env.LOAD_X509 === "1") await import(${JSON.stringify(`${ROOT}/lib/x509.ts`)});
const { X509Certificate } = await import("node:crypto");
const root = new Uint8Array(new X509Certificate(readFileSync(PKI_DIR + "root.cert.pem")).raw);
const chain = parseChain([...labCertificate("good").chainDer, root]);
const now = new Date();
const dane = matchDane({ records: [{ usage: 2, selector: 0, matchingType: 0, data: root }], chain, names: ["mx1.dane-ee.test"], now });
const report = analyzeCertificate({ chain, hostName: "mx1.dane-ee.test", now, roots: [readFileSync(PKI_DIR + "root.cert.pem", "utf8")] });
const cjs = Object.keys(createRequire(import.meta.url).cache).filter((k) => /@peculiar|asn1js|tsyringe|reflect-metadata/.test(k));
console.log(JSON.stringify({ dane: dane.outcome, trusted: report.readable && report.webpkiTrusted, reflectMetadata: typeof Reflect.getMetadata === "function", cjs }));
`;

function runChild(env: Record<string, string>): Promise<{ dane: string; trusted: boolean; reflectMetadata: boolean; cjs: string[] }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--import", "tsx", "--input-type=module", "-e", CHILD], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split("\n").pop() ?? "{}"));
    });
  });
}

describe("modules the certificate path loads", () => {
  it("parses, matches and checks WebPKI with node:crypto and the DER reader alone", async () => {
    const seen = await runChild({ LOAD_X509: "0" });
    // The path did its work: DANE-TA on the lab root and a WebPKI path to it as an extra root.
    expect(seen.dane).toBe("pass");
    expect(seen.trusted).toBe(true);
    expect(seen.reflectMetadata).toBe(false);
    expect(seen.cjs).toEqual([]);
  }, 60_000);

  it("would see @peculiar/x509 had it been loaded", async () => {
    const seen = await runChild({ LOAD_X509: "1" });
    expect(seen.reflectMetadata).toBe(true);
  }, 60_000);
});
