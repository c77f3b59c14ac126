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

describe("an SPF mx term's hosts and their addresses (RFC 7208 §4.6.4, §5.4)", () => {
  const spfStep = (name: string) => results.get(`inbound:${name}`)?.steps.find((s) => s.id === "spf");
  it("spf-mx: the hosts each a and mx term authorises, mx hosts by preference, with the term's prefix lengths", () => {
    expect(results.get("inbound:spf-mx")?.spf?.mechanisms).toEqual([
      { domain: "spf-mx.test", term: "mx", hosts: [{ name: "mx1.dane-ee.test", outcome: "answer", networks: ["127.0.1.1"] }] },
      {
        domain: "spf-mx.test",
        term: "mx:_out.spf-mx.test/24//64",
        hosts: [
          { name: "o1.spf-mx.test", outcome: "answer", networks: ["192.0.2.0/24", "2001:db8:1::/64"] },
          { name: "o2.spf-mx.test", outcome: "answer", networks: ["198.51.100.0/24"] },
        ],
      },
      // a//48: the IPv4 address whole, the IPv6 one as its /48.
      { domain: "spf-mx.test", term: "a:o1.spf-mx.test//48", hosts: [{ name: "o1.spf-mx.test", outcome: "answer", networks: ["192.0.2.11", "2001:db8:1::/48"] }] },
    ]);
    const lines = (spfStep("spf-mx")?.details ?? []).map((d) => (typeof d === "string" ? d : renderMessage("en", d, { strict: true })));
    expect(lines).toContain("    o1.spf-mx.test: 192.0.2.0/24, 2001:db8:1::/64");
  });
  it("spf-mx-many: 11 MX hosts are a permerror and none of their addresses is asked", () => {
    expect(codes(spfStep("spf-mx-many"))).toContain("SPF_MX_TOO_MANY");
    expect(spfStep("spf-mx-many")?.findings).toContainEqual({ code: "SPF_MX_TOO_MANY", params: { name: "_many.spf-mx-many.test", count: 11, limit: 10 } });
    expect(results.get("inbound:spf-mx-many")?.spf?.mechanisms).toEqual([{ domain: "spf-mx-many.test", term: "mx:_many.spf-mx-many.test", hosts: [] }]);
  });
  it("spf-mx-void: each MX host without an address is a void lookup, named with how it was missing", () => {
    const findings = (spfStep("spf-mx-void")?.findings ?? []).filter((f) => f.code === "SPF_MX_HOST_VOID");
    expect(findings.map((f) => [f.params.host, f.params.outcome])).toEqual([
      ["v1.spf-mx-void.test", "nxdomain"],
      ["v2.spf-mx-void.test", "nxdomain"],
      ["v3.spf-mx-void.test", "nodata"],
    ]);
  });
});

describe("DMARC report destinations outside the domain (RFC 7489 §7.1)", () => {
  it("dmarc-external: one destination authorizes by name, the other by a wildcard", () => {
    expect(results.get("inbound:dmarc-external")?.dmarc?.reportDestinations).toEqual([
      { tag: "rua", uri: "mailto:agg@reports.dmarc-dest.test!10m", host: "reports.dmarc-dest.test", name: "dmarc-external.test._report._dmarc.reports.dmarc-dest.test", authorized: true },
      { tag: "ruf", uri: "mailto:forensic@dmarc-wild.test", host: "dmarc-wild.test", name: "dmarc-external.test._report._dmarc.dmarc-wild.test", authorized: true },
    ]);
  });
  it("dmarc-external-bad: the unauthorized destination is named; the wildcard still authorizes the other", () => {
    const step = results.get("inbound:dmarc-external-bad")?.steps.find((s) => s.id === "dmarc");
    expect(step?.findings).toContainEqual({
      code: "DMARC_REPORT_NOT_AUTHORIZED",
      params: { tag: "rua", uri: "mailto:agg@reports.dmarc-dest.test", destination: "reports.dmarc-dest.test", name: "dmarc-external-bad.test._report._dmarc.reports.dmarc-dest.test" },
    });
    expect(results.get("inbound:dmarc-external-bad")?.dmarc?.reportDestinations?.map((d) => [d.host, d.authorized])).toEqual([
      ["reports.dmarc-dest.test", false],
      ["dmarc-wild.test", true],
    ]);
  });
  it("a destination inside the organizational domain is not asked about", () => {
    expect(results.get("inbound:mail-auth")?.dmarc?.reportDestinations).toEqual([]);
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
    // Several records at the name: each is judged (RFC 6376 §3.6.2.2), in the order the answer gave them.
    if (k.alsoPemFile) expect(result?.dkim?.keys?.map((key) => key.keyBits ?? 0).sort((x, y) => x - y)).toEqual([512, 2048]);
    else expect(result?.dkim?.keys).toBeUndefined();
  });
  if (k.expect.record === "valid") {
    it("the summary names the key type as RFC 6376 and RFC 8463 write it, in English and in pt-PT", () => {
      const summary = results.get(`dkim:${selector}`)?.steps.find((s) => s.id === "dkim")?.summary;
      const type = k.keyType === "ed25519" ? "Ed25519" : "RSA";
      expect(renderMessage("en", summary!, { strict: true })).toBe(`An ${type} key of ${k.keyBits} bits is published.`);
      expect(renderMessage("pt-PT", summary!, { strict: true })).toBe(`Está publicada uma chave ${type} de ${k.keyBits} bits.`);
    });
  }
  if (k.pemFile) {
    it("its size is the one openssl reads from the published key", () => {
      const text = execFileSync("openssl", ["pkey", "-pubin", "-in", `${PKI_DIR}${k.pemFile}`, "-text", "-noout"]).toString();
      const stated = /\((\d+) bit\)/.exec(text)?.[1];
      const bits = stated !== undefined ? Number(stated) : (text.split("pub:")[1]?.match(/[0-9a-f]{2}/g)?.length ?? 0) * 8;
      expect(results.get(`dkim:${selector}`)?.dkim?.keyBits).toBe(bits);
    });
  }
});
