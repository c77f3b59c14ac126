// What a watch compares, on result documents of real lab runs: a certificate near its end is an
// alert only when no TLSA record would match its replacement (a DANE-TA record, or a DANE-EE
// record published ahead for the next key), a signature on the chain near its expiration is an
// alert, and one run against the next yields the changes a webhook reports.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareSignals, signalsOf } from "../../lib/jobs/watch-compare";
import { startLab, type Lab } from "../../lib/lab";
import type { ResultDocument } from "../../lib/report/schema";
import { runOnLab } from "../checks/lab-run";

const DAY = 86_400_000;
let lab: Lab;
const results = new Map<string, ResultDocument>();

beforeAll(async () => {
  lab = await startLab();
  for (const name of ["dane-ee", "rollover-ee-ee", "rollover-ee-ta", "dane-ta-spki", "tlsa-mismatch", "unsigned"]) {
    const run = await runOnLab(lab, "dane", `${name}.test`);
    if (!run.result) throw new Error(`${name}: ${run.error}`);
    results.set(name, run.result);
  }
}, 60_000);

afterAll(async () => {
  await lab?.stop();
});

function result(name: string): ResultDocument {
  const r = results.get(name);
  if (!r) throw new Error(`no run of ${name}`);
  return r;
}

function notAfter(name: string): number {
  const cert = result(name).mx[0]?.addresses[0]?.certificate;
  if (!cert) throw new Error(`${name} presented no certificate`);
  return Date.parse(cert.notAfter);
}

const thresholds = { certDays: 21, rrsigDays: 3 };

describe("watch alerts", () => {
  it("raise a certificate alert within N days only when no TLSA record would match a replacement", () => {
    // (The lab's signatures end before its certificates: only the certificate alerts are looked at here.)
    const certificateAlerts = (name: string, at: Date) => signalsOf(result(name), at, thresholds).alerts.filter((a) => a.startsWith("certificate"));
    const soon = (name: string) => certificateAlerts(name, new Date(notAfter(name) - 10 * DAY));
    expect(soon("dane-ee")).toEqual([expect.stringMatching(/^certificate-expiring:mx1\.dane-ee\.test\/127\./)]);
    expect(soon("rollover-ee-ee")).toEqual([]);
    expect(soon("rollover-ee-ta")).toEqual([]);
    expect(soon("dane-ta-spki")).toEqual([]);
    expect(soon("unsigned")).toHaveLength(1);
    expect(certificateAlerts("dane-ee", new Date(notAfter("dane-ee") - 30 * DAY))).toEqual([]);
  });

  it("raise one signature alert per zone of the chain whose signatures expire within N days", () => {
    const zones = result("dane-ee").trustChain?.zones ?? [];
    expect(zones.map((z) => z.name)).toEqual([".", "test.", "dane-ee.test."]);
    const earliest = Math.min(...zones.flatMap((z) => z.signatures.map((s) => Date.parse(s.expiration))));
    const farCert = { certDays: 1, rrsigDays: 3 };
    expect(signalsOf(result("dane-ee"), new Date(earliest - 2 * DAY), farCert).alerts.filter((a) => a.startsWith("rrsig"))).toEqual([
      "rrsig-expiring:.",
      "rrsig-expiring:dane-ee.test.",
      "rrsig-expiring:test.",
    ]);
    expect(signalsOf(result("dane-ee"), new Date(earliest - 5 * DAY), farCert).alerts.filter((a) => a.startsWith("rrsig"))).toEqual([]);
  });
});

describe("comparing a run with the previous one", () => {
  const now = new Date();
  it("reports a changed verdict and the findings that appeared or cleared", () => {
    const good = signalsOf(result("dane-ee"), now, thresholds);
    const bad = signalsOf(result("tlsa-mismatch"), now, thresholds);
    const worse = compareSignals(good, bad);
    expect(worse).toContainEqual({ kind: "verdict-changed", subject: "pass->fail" });
    expect(worse).toContainEqual({ kind: "finding-appeared", subject: "DANE_TLSA_MISMATCH" });
    expect(compareSignals(bad, good)).toContainEqual({ kind: "finding-cleared", subject: "DANE_TLSA_MISMATCH" });
    expect(compareSignals(good, good)).toEqual([]);
  });

  it("reports only alerts for a first run, and a run that could not run as verdict error", () => {
    const zones = result("dane-ee").trustChain?.zones ?? [];
    const earliest = Math.min(...zones.flatMap((z) => z.signatures.map((s) => Date.parse(s.expiration))));
    const first = compareSignals(null, signalsOf(result("dane-ee"), new Date(earliest - DAY), thresholds));
    expect(first.map((c) => c.kind)).toEqual(["alert-raised", "alert-raised", "alert-raised"]);
    expect(compareSignals(null, signalsOf(result("dane-ee"), now, thresholds))).toEqual([]);
    expect(compareSignals(signalsOf(result("dane-ee"), now, thresholds), signalsOf(null, now, thresholds))).toContainEqual({ kind: "verdict-changed", subject: "pass->error" });
  });
});
