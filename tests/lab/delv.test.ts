// Independent evidence for the lab's DNSSEC statuses (issue 9): BIND's validator (`delv`, Debian
// bind9-dnsutils) resolves every name/type the catalog gives a DNSSEC expectation for, through the
// running lab (whose zones external signers made and whose answers dns-packet wrote), on the
// default zone set and on every signer-style set, and must judge it as the catalog says mailsec
// must (with a style's documented differences, SignerSet.differs). A catalog status no real validator agrees with is a
// lab or catalog bug; this test finds it without trusting any code of ours on the validating side.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passScenarios, scenarios, SIGNER_SETS, startLab, type Lab, type SignerStyle } from "../../lib/lab";
import { worldZones } from "../../lib/lab/world";
import type { DnssecStatus } from "../../lib/report/schema";

/** delv retries for tens of seconds on no answer: names whose faults make it wait are left out. */
// DELV_MS only bounds a hung delv; an answered query takes about a second (most of it start-up).
const WAITS = new Set(["drop", "mismatched-id", "wrong-question", "delay"]);
const DELV_MS = 20_000;

type DelvStatus = DnssecStatus | "no verdict";

/** delv's comment lines, in BIND's words, as a DNSSEC status. */
function delvStatus(output: string, killed: boolean): DelvStatus {
  if (killed) return "indeterminate";
  const lines = output.split("\n").filter((l) => l.startsWith(";"));
  const has = (re: RegExp) => lines.some((l) => re.test(l));
  // A CNAME chain prints a line per link: one unsigned link makes the answer insecure.
  if (has(/^; (negative response, )?unsigned answer/)) return "insecure";
  if (has(/^; (negative response, )?fully validated/)) return "secure";
  if (has(/no valid (RRSIG|signature|DS|KEY)|verify failed|broken trust chain|insecurity proof failed|bad signature|RRSIG has expired|not yet valid/)) return "bogus";
  if (has(/resolution failed|bad compression pointer|unexpected end of input|format error|SERVFAIL/)) return "indeterminate";
  return "no verdict";
}

function delv(args: string[]): Promise<{ output: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    execFile("delv", args, { timeout: DELV_MS }, (err, stdout, stderr) => {
      if (err && "code" in err && err.code === "ENOENT") reject(new Error("delv is not installed (Debian bind9-dnsutils; scripts/test.sh installs it)"));
      else resolve({ output: `${stdout}\n${stderr}`, killed: err !== null && "killed" in err && err.killed === true });
    });
  });
}

const SETS: [string, SignerStyle | null][] = [["the default zone set", null], ...SIGNER_SETS.map((s): [string, SignerStyle] => [`the ${s.style} zone set`, s.style])];

describe.each(SETS)("BIND's delv judges every name of %s as the catalog says mailsec must", (_, signer) => {
  let lab: Lab;
  let dir: string;
  let anchors: string;
  beforeAll(async () => {
    lab = await startLab({ withSmtp: false, ...(signer ? { signer } : {}) });
    dir = mkdtempSync(join(tmpdir(), "mailsec-delv-"));
    anchors = join(dir, "trust-anchors.conf");
    // The lab's root DS in delv's (named.conf) syntax.
    const ds = lab.trustAnchorText.split("\n").find((l) => /\sDS\s/.test(l) && !l.startsWith(";"));
    const [tag, alg, digestType, digest] = (ds ?? "").trim().split(/\s+/).slice(-4);
    if (!tag || !alg || !digestType || !digest) throw new Error(`no DS in the lab's trust anchor: ${lab.trustAnchorText}`);
    writeFileSync(anchors, `trust-anchors { "." static-ds ${tag} ${alg} ${digestType} "${digest}"; };\n`);
  });
  afterAll(async () => {
    await lab?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("each scenario's MX and every dnssecExpect entry", async () => {
    const set = SIGNER_SETS.find((s) => s.style === signer);
    // A style's documented differences (SignerSet.differs) are what delv must find there too.
    const status = (scenario: string, name: string, type: string, catalog: DnssecStatus) =>
      set?.differs?.find((d) => d.scenario === scenario)?.dnssec[`${name} ${type}`] ?? catalog;
    const cases = (signer ? passScenarios() : scenarios)
      .filter((s) => !s.faults.some((f) => WAITS.has(f.fault)))
      .flatMap((s) => [{ scenario: s.name, name: s.domain, type: "MX", status: s.expect.dnssec }, ...s.dnssecExpect.map((d) => ({ scenario: s.name, ...d }))])
      .map((c) => ({ ...c, status: status(c.scenario, c.name, c.type, c.status) }));
    expect(cases.length).toBeGreaterThan(signer ? 20 : 60);
    // The default set's cases reach below every zone of the lab's world (com., outlook.com., mx.microsoft., …).
    if (!signer) for (const w of worldZones) expect(cases.some((c) => c.name.toLowerCase().endsWith(`.${w.origin}`)), w.origin).toBe(true);
    const disagreements: string[] = [];
    const queue = [...cases];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let c = queue.shift(); c; c = queue.shift()) {
          const { output, killed } = await delv(["-a", anchors, "+root=.", `@${lab.resolver.host}`, "-p", String(lab.resolver.port), c.name, c.type]);
          let judged = delvStatus(output, killed);
          // A DS proven absent at a delegation (NODATA, or an opt-out span) is a validated negative
          // answer to delv, and the proof that the child is insecure to mailsec: the same finding.
          if (c.type === "DS" && judged === "secure" && c.status === "insecure" && /negative response/.test(output)) judged = "insecure";
          if (judged !== c.status) {
            const said = output.split("\n").filter((l) => l.startsWith(";")).slice(0, 3).join(" | ");
            disagreements.push(`${c.scenario}: ${c.name} ${c.type}: delv ${judged}, catalog ${c.status} (delv: ${said})`);
          }
        }
      }),
    );
    expect(disagreements).toEqual([]);
  }, 90_000);
});
