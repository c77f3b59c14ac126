// The pure Exchange Online readiness assessment (lib/exchange): every refusal code, every stage,
// the next step with its cmdlet, and the TTL advice, from facts written here by hand after the
// seed's procedure (Microsoft's article on inbound SMTP DANE with DNSSEC), not from mailsec's output.
import { describe, expect, it } from "vitest";
import { exchangeReadiness, findNewMx, isLegacyMx, isNewMxShape, legacyMxName, mxToken, verifiedForMicrosoft, type MxRecord, type ReadinessInput } from "../../lib/exchange";
import { mxMatches } from "../../lib/policies/mta-sts";
import { READINESS_CODES, READINESS_STAGES } from "../../lib/report/exchange-readiness-block";

const D = "contoso.com";
const L = "contoso-com.mail.protection.outlook.com";
const N = "contoso-com.o-v1.mx.microsoft";
const mx = (host: string, preference: number, addressDnssec: MxRecord["addressDnssec"] = isNewMxShape(host) ? "secure" : "insecure", tlsa: MxRecord["tlsa"] = null): MxRecord => ({ host, preference, addressDnssec, tlsa });
const noSts = { record: false, policy: false, mode: null, patterns: [], maxAge: null } as const;

function input(over: Partial<ReadinessInput> = {}): ReadinessInput {
  return { domain: D, expectedMx: null, mxOutcome: "records", mx: [mx(L, 0)], mxTtl: 30, sts: noSts, apexTexts: [], mxMatches, ...over };
}
const run = (over: Partial<ReadinessInput>) => exchangeReadiness(input(over)).block;
const tlsa = (dane: ("pass" | "fail")[], status: "secure" | "bogus" | "absent" = "secure") => ({ name: `_25._tcp.${N}`, status, records: status === "absent" ? 0 : 3, dane });

describe("names (the seed's token rule)", () => {
  it("turns dots into hyphens: contoso.com -> contoso-com, contosotest.com -> contosotest-com", () => {
    expect(mxToken("contoso.com")).toBe("contoso-com");
    expect(mxToken("ContosoTest.COM.")).toBe("contosotest-com");
    expect(mxToken("mail.sub.example.org")).toBe("mail-sub-example-org");
    expect(legacyMxName("contoso.com")).toBe(L);
  });
  it("predicts no token where the seed gives no rule: an existing hyphen, a token longer than a label", () => {
    expect(mxToken("my-company.com")).toBeNull();
    expect(mxToken(`${"a".repeat(40)}.${"b".repeat(30)}.com`)).toBeNull();
  });
  it("recognises the three legacy endings and the new shape", () => {
    expect(isLegacyMx("x.mail.protection.outlook.com.")).toBe(true);
    expect(isLegacyMx("mail.eo.outlook.com")).toBe(true);
    expect(isLegacyMx("x-de.mail.protection.outlook.de")).toBe(true);
    expect(isLegacyMx("mail.protection.outlook.com.evil.test")).toBe(false);
    expect(isNewMxShape(N)).toBe(true);
    expect(isNewMxShape("a.b.c.mx.microsoft")).toBe(false);
    expect(isNewMxShape("a.mx.microsoft")).toBe(false);
    expect(findNewMx(D, ["other-com.o-v2.mx.microsoft", N])).toBe(N);
    expect(findNewMx("my-company.com", ["mycompany-com01e.o-v2.mx.microsoft"])).toBe("mycompany-com01e.o-v2.mx.microsoft");
  });
  it("reads Microsoft 365 verification from the apex TXT records", () => {
    expect(verifiedForMicrosoft(["MS=ms12345678"])).toBe(true);
    expect(verifiedForMicrosoft(["v=spf1 include:spf.protection.outlook.com -all"])).toBe(true);
    expect(verifiedForMicrosoft(["v=spf1 mx -all", "MS=other"])).toBe(false);
  });
});

describe("stages", () => {
  const cases: [string, Partial<ReadinessInput>, string, string[], string][] = [
    ["legacy MX alone", { mx: [mx(L, 0)] }, "legacy-only", ["EX013"], "enable-dnssec"],
    ["new MX at 20 beside legacy at 0", { mx: [mx(L, 0), mx(N, 20)] }, "new-mx-added", ["EX003", "EX006"], "swap-priorities"],
    ["new 0, legacy 30", { mx: [mx(N, 0), mx(L, 30)] }, "new-mx-primary", ["EX005"], "delete-legacy"],
    ["new MX alone, TTL 3600", { mx: [mx(N, 0)], mxTtl: 3600 }, "new-mx-only", [], "enable-dane"],
    ["new MX alone, TLSA matches", { mx: [mx(N, 0, "secure", tlsa(["pass"]))], mxTtl: 3600 }, "dane-enabled", [], "done"],
    ["MX elsewhere", { mx: [mx("mx1.example.net", 10)] }, "not-exchange", ["EX013"], "none"],
    ["onmicrosoft.com", { domain: "contoso.onmicrosoft.com" }, "unsupported", ["DomainNotSupported"], "use-custom-domain"],
  ];
  it.each(cases)("%s -> %s", (_, over, stage, codes, next) => {
    const b = run(over);
    expect(b.stage).toBe(stage);
    expect(b.codes).toEqual(codes);
    expect(b.nextStep).toBe(next);
  });
  it("covers every stage", () => {
    expect(new Set(cases.map((c) => c[2]))).toEqual(new Set(READINESS_STAGES));
  });
});

describe("codes", () => {
  const E = N;
  const cases: [string, Partial<ReadinessInput>, string][] = [
    ["EX002", { expectedMx: E, mx: [mx("contoso-com.o-v2.mx.microsoft", 0)] }, "new-mx-only"],
    ["EX003", { mx: [mx(N, 10)], mxTtl: 3600 }, "new-mx-only"],
    ["EX004", { mx: [mx(L, 0), mx(N, 0)] }, "new-mx-added"],
    ["EX005", { mx: [mx(N, 0), mx(L, 30)] }, "new-mx-primary"],
    ["EX006", { mx: [mx(L, 0), mx(N, 20)] }, "new-mx-added"],
    ["EX007", { expectedMx: E, mx: [mx(L, 0)] }, "legacy-only"],
    ["EX008", { mx: [mx(L, 0), mx(N, 50)] }, "new-mx-added"],
    ["EX009", { mx: [mx(L, 0), mx(N, 10)] }, "new-mx-added"],
    ["EX010", { mxOutcome: "bogus" }, "unsupported"],
    ["EX012", { mxOutcome: "no-mx", mx: [] }, "not-exchange"],
    ["EX013", { mx: [mx(L, 0)] }, "legacy-only"],
    ["ED003", { mx: [mx(N, 0, "insecure")], mxTtl: 3600 }, "new-mx-only"],
    ["ES001", { mx: [mx(N, 0), mx(L, 30)], sts: { record: true, policy: true, mode: "enforce", patterns: ["*.mail.protection.outlook.com"], maxAge: 604800 } }, "new-mx-primary"],
    ["ES002", { sts: { record: true, policy: true, mode: "testing", patterns: ["*.mail.protection.outlook.com"], maxAge: 86400 } }, "legacy-only"],
    ["DomainNotSupported", { domain: "tenant.onmicrosoft.com" }, "unsupported"],
    ["DnsNxDomain", { mxOutcome: "nxdomain", mx: [] }, "unsupported"],
    ["DnsQueryFailed", { mxOutcome: "failed", mx: [] }, "unsupported"],
  ];
  it.each(cases)("%s", (code, over, stage) => {
    const r = exchangeReadiness(input(over));
    expect(r.block.codes).toContain(code);
    expect(r.block.stage).toBe(stage);
    // Every code comes with the finding that explains it.
    expect(r.findings.length).toBeGreaterThan(0);
  });
  it("covers every code", () => {
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(READINESS_CODES));
  });
  it("EX008/EX009 compare with the step's preference: 0 once the new MX leads", () => {
    expect(run({ mx: [mx(N, 5), mx(L, 30)] }).codes).toEqual(["EX003", "EX005", "EX008"]);
  });
  it("a record listed twice counts once, at its best preference", () => {
    expect(run({ mx: [mx(N, 20), mx(N, 0)], mxTtl: 3600 }).stage).toBe("new-mx-only");
  });
});

describe("DANE on the new MX", () => {
  it("one matching record per address is enough (Exchange publishes several, some fail by design)", () => {
    expect(run({ mx: [mx(N, 0, "secure", tlsa(["pass", "pass"]))], mxTtl: 3600 }).stage).toBe("dane-enabled");
  });
  it("published but matching nowhere: not dane-enabled, roll back with Disable-SmtpDaneInbound", () => {
    const r = exchangeReadiness(input({ mx: [mx(N, 0, "secure", tlsa(["fail"]))], mxTtl: 3600 }));
    expect(r.block).toMatchObject({ stage: "new-mx-only", nextStep: "disable-dane", cmdlet: "Disable-SmtpDaneInbound" });
    expect(r.findings.map((f) => f.code)).toContain("EXR_TLSA_NO_MATCH");
  });
  it("a bogus TLSA answer is a failure, not a stage", () => {
    const r = exchangeReadiness(input({ mx: [mx(N, 0, "secure", tlsa([], "bogus"))], mxTtl: 3600 }));
    expect(r.block.nextStep).toBe("disable-dane");
    expect(r.findings.map((f) => f.code)).toContain("EXR_TLSA_FAILED");
  });
  it("ED003 rolls back with Disable-DnssecForVerifiedDomain", () => {
    expect(run({ mx: [mx(N, 0, "insecure")], mxTtl: 3600 })).toMatchObject({ nextStep: "rollback-dnssec", cmdlet: "Disable-DnssecForVerifiedDomain" });
  });
});

describe("next step, cmdlet, TTL and waits", () => {
  it("starts by lowering a long TTL (and waits out the old one)", () => {
    const r = exchangeReadiness(input({ mxTtl: 3600 }));
    expect(r.block).toMatchObject({ stage: "legacy-only", nextStep: "lower-ttl", ttlAdvice: "lower", waitSeconds: 3600, cmdlet: null });
    expect(r.findings.map((f) => f.code)).toContain("EXR_TTL_LOWER_FIRST");
  });
  it("never under 30 s", () => {
    const r = exchangeReadiness(input({ mx: [mx(L, 0), mx(N, 20)], mxTtl: 10 }));
    expect(r.block).toMatchObject({ ttlAdvice: "below-minimum", nextStep: "lower-ttl" });
    expect(r.findings.map((f) => f.code)).toContain("EXR_TTL_BELOW_MINIMUM");
  });
  it("with the TTL low, Enable-DnssecForVerifiedDomain gives the DnssecMxValue", () => {
    expect(run({ mxTtl: 30 })).toMatchObject({ nextStep: "enable-dnssec", cmdlet: "Enable-DnssecForVerifiedDomain" });
  });
  it("with the value known, add it (Get-DnssecStatusForVerifiedDomain shows it again)", () => {
    expect(run({ expectedMx: N })).toMatchObject({ nextStep: "add-new-mx", cmdlet: "Get-DnssecStatusForVerifiedDomain", expectedMx: N });
  });
  it("MTA-STS in enforce during the migration: testing first, waiting out max_age", () => {
    const r = exchangeReadiness(input({ mx: [mx(L, 0), mx(N, 20)], sts: { record: true, policy: true, mode: "enforce", patterns: [L, N], maxAge: 604800 } }));
    expect(r.block).toMatchObject({ nextStep: "sts-testing", waitSeconds: 604800 });
    expect(r.findings.map((f) => f.code)).toContain("EXR_STS_ENFORCE_DURING_MIGRATION");
  });
  it("raises the TTL to 3600 once the new MX is alone, then Enable-SmtpDaneInbound and 30 minutes for the TLSA records", () => {
    expect(run({ mx: [mx(N, 0)], mxTtl: 300 })).toMatchObject({ nextStep: "raise-ttl", ttlAdvice: "raise" });
    expect(run({ mx: [mx(N, 0)], mxTtl: 3600 })).toMatchObject({ nextStep: "enable-dane", cmdlet: "Enable-SmtpDaneInbound", waitSeconds: 1800 });
  });
  it("puts MTA-STS back to enforce at the end", () => {
    const r = exchangeReadiness(input({ mx: [mx(N, 0, "secure", tlsa(["pass"]))], mxTtl: 3600, sts: { record: true, policy: true, mode: "testing", patterns: [N], maxAge: 86400 } }));
    expect(r.block.nextStep).toBe("sts-enforce");
    expect(r.findings.map((f) => f.code)).toContain("EXR_STS_ENFORCE_AGAIN");
  });
  it("explains a gateway in front instead of failing it", () => {
    const r = exchangeReadiness(input({ mx: [mx("gw.example.net", 10)], apexTexts: ["MS=ms12345678"] }));
    expect(r.block).toMatchObject({ stage: "not-exchange", gateway: true, nextStep: "gateway-smarthost", cmdlet: "Enable-DnssecForVerifiedDomain" });
    expect(r.findings.map((f) => f.code)).toContain("EXR_GATEWAY");
  });
});
