// Every SPF, DMARC and DKIM lab scenario (lib/lab/mail-auth-scenarios.ts) through the real engine:
// the SPF walk, the _dmarc lookups and the DKIM key lookup go over UDP/TCP to the lab's signed
// zones through the validating resolver; the MX host is mx1.dane-ee.test with the lab root trusted
// (--ca-file), so what differs is only the records beside it. The lookup counts in the catalog
// were counted by hand from the records; the DKIM key sizes are read here by `openssl pkey`.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lib/lab";
import { DKIM_DOMAIN, dkimKeys, mailAuthExpectations, mailAuthScenarios } from "../../lib/lab/mail-auth-scenarios";
import { PKI_DIR } from "../../lib/lab/pki";
import { renderFinding, renderMessage } from "../../lib/report/i18n/render";
import type { ResultDocument } from "../../lib/report/schema";
import { codes, pool } from "../checks/lab-run";
import { runTrusted } from "./trusted-run";

let lab: Lab;
const results = new Map<string, ResultDocument | null>();
const plain = (domain: string) => domain.replace(/\.$/, "");

beforeAll(async () => {
  lab = await startLab();
  const jobs = [
    ...mailAuthScenarios.flatMap((s) => (["inbound", "dane"] as const).map((test) => ({ key: `${test}:${s.name}`, test, input: plain(s.domain), selector: undefined as string | undefined }))),
    ...dkimKeys.map((k) => ({ key: `dkim:${k.selector}`, test: "inbound" as const, input: plain(DKIM_DOMAIN), selector: k.selector })),
  ];
  await pool(jobs, 4, async ({ key, test, input, selector }) => results.set(key, await runTrusted(lab, test, input, selector ? { dkimSelector: selector } : {})));
}, 180_000);
afterAll(async () => {
  await lab?.stop();
});

describe.each(mailAuthScenarios.map((s) => s.name))("%s", (name) => {
  const expected = mailAuthExpectations[name]!;
  it("the spf and dmarc blocks, and the Inbound verdict", () => {
    const result = results.get(`inbound:${name}`);
    expect(result).toBeTruthy();
    if (expected.spf) expect(result?.spf).toMatchObject(expected.spf);
    if (expected.dmarc) expect(result?.dmarc).toMatchObject(expected.dmarc);
    expect(result?.verdict).toBe(expected.inbound);
    expect(result?.dkim).toBeUndefined();
  });
  it("the steps name the findings; a block that is not a pass is a warning step, never an error", () => {
    const steps = results.get(`inbound:${name}`)?.steps ?? [];
    const spf = steps.find((s) => s.id === "spf");
    const dmarc = steps.find((s) => s.id === "dmarc");
    for (const code of expected.findings ?? []) expect([...codes(spf), ...codes(dmarc)]).toContain(code);
    const result = results.get(`inbound:${name}`);
    expect(spf?.status).toBe(result?.spf?.verdict === "pass" ? (result.spf.record === "absent" ? "info" : "success") : "warning");
    expect(dmarc?.status).toBe(result?.dmarc?.verdict === "pass" ? (result.dmarc.record === "absent" ? "info" : "success") : "warning");
    for (const step of [spf, dmarc]) {
      for (const locale of ["en", "pt-PT"] as const) {
        expect(() => renderMessage(locale, step!.summary!, { strict: true })).not.toThrow();
        for (const f of step?.findings ?? []) expect(() => renderFinding(locale, f, { strict: true })).not.toThrow();
      }
    }
  });
  it("the DANE test neither reads nor shows them, and keeps RFC 7672's verdict", () => {
    const dane = results.get(`dane:${name}`);
    expect(dane?.verdict).toBe("pass");
    expect([dane?.spf, dane?.dmarc, dane?.dkim]).toEqual([undefined, undefined, undefined]);
    expect(dane?.steps.some((s) => s.id === "spf" || s.id === "dmarc")).toBe(false);
  });
});

describe("the SPF walk's evidence", () => {
  it("lists every record and lookup it made, indented by include depth", () => {
    const step = results.get("inbound:spf-lookups")?.steps.find((s) => s.id === "spf");
    const lines = (step?.details ?? []).map((d) => (typeof d === "string" ? d : renderMessage("en", d, { strict: true })));
    expect(lines.filter((l) => l.includes(" → "))).toHaveLength(11);
    expect(lines).toContain("    TXT _s1.spf-lookups.test: “v=spf1 a:h1.spf-lookups.test a:h2.spf-lookups.test a:h3.spf-lookups.test a:h4.spf-lookups.test -all”");
  });
  it("a loop is reported where it closes and not followed", () => {
    const step = results.get("inbound:spf-loop")?.steps.find((s) => s.id === "spf");
    expect(step?.findings).toContainEqual({ code: "SPF_INCLUDE_LOOP", params: { domain: "_b.spf-loop.test", target: "_a.spf-loop.test" } });
    expect(results.get("inbound:spf-loop")?.spf?.lookups).toBe(3);
  });
});

describe.each(dkimKeys.map((k) => k.selector))("DKIM selector %s", (selector) => {
  const k = dkimKeys.find((d) => d.selector === selector)!;
  it("the dkim block and step", () => {
    const result = results.get(`dkim:${selector}`);
    expect(result?.dkim).toMatchObject({ selector, name: `${selector}._domainkey.${plain(DKIM_DOMAIN)}`, ...k.expect, keyType: k.expect.record === "absent" ? null : k.keyType, keyBits: k.keyBits });
    expect(result?.verdict).toBe(k.inbound);
    const step = result?.steps.find((s) => s.id === "dkim");
    for (const code of k.findings ?? []) expect(codes(step)).toContain(code);
    expect(step?.status).toBe(k.expect.verdict === "pass" ? "success" : "warning");
  });
  if (k.pemFile) {
    it("its size is the one openssl reads from the published key", () => {
      const text = execFileSync("openssl", ["pkey", "-pubin", "-in", `${PKI_DIR}${k.pemFile}`, "-text", "-noout"]).toString();
      const stated = /\((\d+) bit\)/.exec(text)?.[1];
      const bits = stated !== undefined ? Number(stated) : (text.split("pub:")[1]?.match(/[0-9a-f]{2}/g)?.length ?? 0) * 8;
      expect(results.get(`dkim:${selector}`)?.dkim?.keyBits).toBe(bits);
    });
  }
});
