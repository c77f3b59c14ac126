// `inbound` on a representative subset of the lab: the SMTP facts and certificate checks per
// address, the DANE summary and the Exchange Online forecast, and the recipient check for an
// address input (RCPT TO only by default; the test message only when asked).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lib/lab";
import { findScenario } from "../../lib/lab/catalog";
import type { ResultDocument, Step } from "../../lib/report/schema";
import { codes, english, plain, runOnLab } from "./lab-run";

const SUBSET = ["dane-ee", "dane-ee-expired", "dane-ee-wrong-name", "no-starttls", "tls-handshake-fail", "ipv4-ipv6", "unsigned", "slow-banner"];

let lab: Lab;
const results = new Map<string, ResultDocument>();

function find(steps: readonly Step[], suffix: string): Step | undefined {
  for (const step of steps) {
    if (step.id.endsWith(suffix)) return step;
    const inner = find(step.children, suffix);
    if (inner) return inner;
  }
  return undefined;
}

beforeAll(async () => {
  lab = await startLab();
  await Promise.all(
    SUBSET.map(async (name) => {
      const run = await runOnLab(lab, "inbound", `${name}.test`);
      if (run.result) results.set(name, run.result);
    }),
  );
}, 120_000);

afterAll(async () => {
  await lab?.stop();
});

describe("inbound on a subset of the lab", () => {
  it.each(SUBSET)("%s: the forecast and the per-address DANE outcomes match the catalog", (name) => {
    const result = results.get(name);
    const scenario = findScenario(name);
    if (!result || !scenario) throw new Error(`no result for ${name}`);
    expect(result.test).toBe("inbound");
    expect({ outcome: result.exchangeOnline.outcome, code: result.exchangeOnline.code }).toEqual(scenario.expect.exchangeOnline);
    expect(result.mx.map((m) => m.addresses.map((a) => [a.ip, a.dane]))).toEqual(scenario.expect.mx.map((m) => m.addresses.map((a) => [a.ip, a.dane])));
  });

  it("reports the SMTP session and the certificate of a working server", () => {
    const address = results.get("dane-ee")?.mx[0]?.addresses[0];
    expect(address?.smtp).toMatchObject({ connected: true, starttls: true });
    expect(address?.smtp?.banner).toContain("ESMTP");
    expect(address?.smtp?.tlsVersion).toMatch(/^TLSv1\.[23]$/);
    expect(address?.certificate).toMatchObject({ chainLength: 2, webpkiTrusted: false });
    expect(address?.certificate?.sans).toContain("mx1.dane-ee.test");
    const certificate = find(results.get("dane-ee")?.steps ?? [], "/127.0.1.1/certificate");
    // The lab CA is not in Node's root store: the Inbound test says so, as the Analyzer would.
    expect(codes(certificate)).toContain("CERT_UNTRUSTED");
    expect(certificate?.details.some((d) => english(d).includes("SPKI SHA-256"))).toBe(true);
  });

  it("shows the server's replies as on the wire: continuation lines with '-', the last with a space", () => {
    const steps = results.get("dane-ee")?.steps ?? [];
    const ehlo = (find(steps, "/127.0.1.1/ehlo")?.details ?? []).map(english);
    expect(ehlo[0]).toBe("C: EHLO mailsec.invalid");
    const reply = ehlo.slice(1);
    expect(reply.length).toBeGreaterThan(1);
    expect(reply.slice(0, -1).every((l) => l.startsWith("250-"))).toBe(true);
    expect(reply.at(-1)).toMatch(/^250 /);
    expect(find(steps, "/127.0.1.1/banner")?.details).toEqual([expect.stringMatching(/^220 .*ESMTP/)]);
    expect(find(steps, "/127.0.1.1/starttls")?.details).toEqual(["C: STARTTLS", expect.stringMatching(/^220 /)]);
  });

  it("flags an expired certificate and a wrong name in the certificate step", () => {
    expect(codes(find(results.get("dane-ee-expired")?.steps ?? [], "/certificate"))).toContain("CERT_EXPIRED");
    expect(codes(find(results.get("dane-ee-wrong-name")?.steps ?? [], "/certificate"))).toContain("CERT_NAME_MISMATCH");
  });

  it("says why STARTTLS or TLS failed, and skips the steps that could not run", () => {
    const noTls = results.get("no-starttls");
    expect(find(noTls?.steps ?? [], "/starttls")).toMatchObject({ status: "error", findings: [{ code: "SMTP_STARTTLS_NOT_OFFERED" }] });
    expect(find(noTls?.steps ?? [], "/tls")?.status).toBe("skipped");
    expect(noTls?.mx[0]?.addresses[0]?.smtp?.starttls).toBe(false);
    const handshake = find(results.get("tls-handshake-fail")?.steps ?? [], "/tls");
    expect(handshake?.status).toBe("error");
    expect(english(handshake?.summary).length).toBeGreaterThan(10);
  });
});

describe("inbound with an address", () => {
  it("stops after RCPT TO unless a test message is asked for", async () => {
    const run = await runOnLab(lab, "inbound", "postmaster@dane-ee.test");
    const step = run.result?.steps.find((s) => s.id === "recipient");
    expect(step?.status).toBe("success");
    expect(english(step?.summary)).toContain("no message was sent");
    const attempt = step?.children[0];
    expect(attempt?.details).toContain("RCPT TO:<postmaster@dane-ee.test> 250 2.1.5 Ok");
    expect(attempt?.details.some((d) => english(d).startsWith("C: DATA"))).toBe(false);
  });

  it("sends one labelled test message over TLS when asked", async () => {
    const run = await runOnLab(lab, "inbound", "postmaster@dane-ee.test", { sendTestMessage: true });
    const step = run.result?.steps.find((s) => s.id === "recipient");
    expect(step?.status).toBe("success");
    expect(english(step?.summary)).toContain("accepted the test message");
    expect(step?.children[0]?.details.some((d) => english(d).startsWith("C: DATA"))).toBe(true);
  });

  it("fails when the only MX host cannot do TLS, so no envelope is sent", async () => {
    const run = await runOnLab(lab, "inbound", `postmaster@${plain(findScenario("no-starttls")?.domain ?? "")}`);
    expect(run.result?.steps.find((s) => s.id === "recipient")?.status).toBe("skipped");
    expect(run.result?.verdict).toBe("fail");
  });
});

describe("inbound with an address whose only host fails DANE", () => {
  it("does not hand the envelope to a host that failed authentication", async () => {
    const run = await runOnLab(lab, "inbound", "postmaster@dane-ta-expired.test");
    const step = run.result?.steps.find((s) => s.id === "recipient");
    expect(step?.status).toBe("skipped");
    expect(step?.children).toEqual([]);
  });
});
