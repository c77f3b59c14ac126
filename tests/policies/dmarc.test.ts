// DMARC (RFC 7489): the record's tags (§6.3), discovery through the organizational domain (§6.6.3)
// with the Public Suffix List (tldts, pinned here for the lab's unknown TLD `test.`), the policy in
// force, and the report URIs. The lab integration is mail-auth-lab.test.ts.
import { describe, expect, it } from "vitest";
import { assessDmarc, dmarcFallbackDomain, organizationalDomain, readDmarc, reportDestinations, selectDmarc } from "../../lib/policies/dmarc";
import type { TxtAnswer } from "../../lib/policies/txt";

const txt = (name: string, ...texts: string[]): TxtAnswer => ({ name: `${name}.`, outcome: texts.length > 0 ? "answer" : "nxdomain", status: "secure", texts });
const own = (domain: string, ...texts: string[]) => assessDmarc({ domain, own: txt(`_dmarc.${domain}`, ...texts), org: null, orgDomain: domain });
const codes = (a: { findings: { code: string }[] }) => a.findings.map((f) => f.code);

describe("the organizational domain (RFC 7489 §3.2, tldts)", () => {
  it("is the public suffix plus one label, ICANN and private sections alike", async () => {
    expect(await organizationalDomain("a.b.example.co.uk")).toBe("example.co.uk");
    expect(await organizationalDomain("mail.example.com.")).toBe("example.com");
    expect(await organizationalDomain("someone.github.io")).toBe("someone.github.io");
    expect(await organizationalDomain("co.uk")).toBeNull();
  });
  it("treats a TLD the list does not know (the lab's test.) as a suffix, by the list's '*' rule", async () => {
    expect(await organizationalDomain("sub.dmarc-org.test")).toBe("dmarc-org.test");
    expect(await organizationalDomain("test")).toBeNull();
    expect(await dmarcFallbackDomain("sub.dmarc-org.test")).toBe("dmarc-org.test");
    expect(await dmarcFallbackDomain("dmarc-org.test")).toBeNull();
  });
});

describe("the record", () => {
  it("reads tags with spaces around them, v first", () => {
    expect([...readDmarc("v=DMARC1 ; p = reject; rua=mailto:a@example.com;").tags]).toEqual([["v", "DMARC1"], ["p", "reject"], ["rua", "mailto:a@example.com"]]);
    expect(readDmarc("p=reject; v=DMARC1").problem).toBe("version-not-first");
    expect(readDmarc("v=DMARC1; p=reject; p=none").problem).toBe("p-repeated");
  });

  it("a good record: policy, alignment, pct, reports", () => {
    const a = own("example.com", "v=DMARC1; p=reject; sp=quarantine; adkim=s; aspf=r; pct=100; rua=mailto:d@example.com,mailto:e@example.net!10m; ruf=mailto:f@example.com");
    expect(a).toMatchObject({ record: "valid", policy: "reject", subdomainPolicy: "quarantine", adkim: "s", aspf: "r", pct: 100, inherited: false, recordDomain: "example.com", verdict: "pass" });
    expect(a.rua).toEqual(["mailto:d@example.com", "mailto:e@example.net!10m"]);
    expect(codes(a)).toEqual([]);
  });

  it("p=none is a warning (the issue); pct < 100 and sp=none are noted", () => {
    expect(own("example.com", "v=DMARC1; p=none; rua=mailto:d@example.com")).toMatchObject({ policy: "none", verdict: "warning" });
    expect(codes(own("example.com", "v=DMARC1; p=reject; pct=20; rua=mailto:d@example.com"))).toEqual(["DMARC_PCT_PARTIAL"]);
    expect(codes(own("example.com", "v=DMARC1; p=reject; sp=none; rua=mailto:d@example.com"))).toEqual(["DMARC_SUBDOMAIN_POLICY_NONE"]);
    expect(codes(own("example.com", "v=DMARC1; p=reject"))).toEqual(["DMARC_NO_RUA"]);
  });

  it("bad values and URIs", () => {
    expect(codes(own("example.com", "v=DMARC1; p=reject; pct=150; adkim=x; rua=d@example.com"))).toEqual(["DMARC_URI_BARE_ADDRESS", "DMARC_TAG_INVALID", "DMARC_TAG_INVALID"]);
    expect(codes(own("example.com", "v=DMARC1; p=reject; rua=ftp://example.com/x"))).toEqual(["DMARC_URI_INVALID"]);
  });

  it("no valid p: read as p=none with a usable rua, discarded without (§6.6.3)", () => {
    expect(own("example.com", "v=DMARC1; p=block; rua=mailto:d@example.com")).toMatchObject({ record: "valid", policy: "none", verdict: "warning" });
    expect(own("example.com", "v=DMARC1; rua=d@example.com")).toMatchObject({ record: "invalid", policy: null, verdict: "fail" });
  });

  it("none, several, unreadable", () => {
    expect(own("example.com")).toMatchObject({ record: "absent", verdict: "pass" });
    expect(own("example.com", "v=DMARC1; p=reject", "v=DMARC1; p=none")).toMatchObject({ record: "multiple", verdict: "fail" });
    expect(own("example.com", "v=DMARC1; p")).toMatchObject({ record: "invalid", verdict: "fail" });
    expect(own("example.com", "v=dmarc1; p=reject")).toMatchObject({ record: "absent" });
  });
});

describe("inherited from the organizational domain (§6.6.3)", () => {
  it("uses sp= for the subdomain, p= when there is no sp=", () => {
    const withSp = assessDmarc({ domain: "sub.example.com", own: txt("_dmarc.sub.example.com"), org: txt("_dmarc.example.com", "v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@example.com"), orgDomain: "example.com" });
    expect(withSp).toMatchObject({ record: "valid", policy: "quarantine", inherited: true, recordDomain: "example.com", verdict: "pass" });
    expect(codes(withSp)).toEqual(["DMARC_INHERITED"]);
    const noSp = assessDmarc({ domain: "sub.example.com", own: txt("_dmarc.sub.example.com"), org: txt("_dmarc.example.com", "v=DMARC1; p=none; rua=mailto:d@example.com"), orgDomain: "example.com" });
    expect(noSp).toMatchObject({ policy: "none", inherited: true, verdict: "warning" });
  });
  it("a record of its own wins, and no record anywhere is absent", () => {
    const mine = assessDmarc({ domain: "sub.example.com", own: txt("_dmarc.sub.example.com", "v=DMARC1; p=reject; rua=mailto:d@example.com"), org: txt("_dmarc.example.com", "v=DMARC1; p=none"), orgDomain: "example.com" });
    expect(mine).toMatchObject({ policy: "reject", inherited: false });
    const none = assessDmarc({ domain: "sub.example.com", own: txt("_dmarc.sub.example.com"), org: txt("_dmarc.example.com"), orgDomain: "example.com" });
    expect(none).toMatchObject({ record: "absent", inherited: false, verdict: "pass" });
    expect(none.findings).toEqual([{ code: "DMARC_RECORD_ABSENT", params: { domain: "sub.example.com", orgDomain: "example.com" } }]);
  });
});

describe("report destinations outside the organizational domain (§7.1)", () => {
  const input = (domain: string, record: string, inherited = false) =>
    inherited
      ? { domain, own: txt(`_dmarc.${domain}`), org: txt(`_dmarc.example.com`, record), orgDomain: "example.com" }
      : { domain, own: txt(`_dmarc.${domain}`, record), org: null, orgDomain: domain };

  it("asks only for mailto: hosts of another organizational domain, once each, by the domain the record was found at", async () => {
    const record = "v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:b@Reports.Example.com,mailto:agg@dmarc.vendor.net!10m,mailto:x@dmarc.vendor.net; ruf=https://r.other.org/,mailto:f@other.org?subject=dmarc";
    expect(await reportDestinations(input("example.com", record))).toEqual([
      { tag: "rua", uri: "mailto:agg@dmarc.vendor.net!10m", host: "dmarc.vendor.net", name: "example.com._report._dmarc.dmarc.vendor.net" },
      { tag: "ruf", uri: "mailto:f@other.org?subject=dmarc", host: "other.org", name: "example.com._report._dmarc.other.org" },
    ]);
    // Inherited from the organizational domain: the policy domain is the one that published it.
    expect((await reportDestinations(input("mail.example.com", "v=DMARC1; p=none; rua=mailto:agg@dmarc.vendor.net", true))).map((d) => d.name)).toEqual(["example.com._report._dmarc.dmarc.vendor.net"]);
    expect(await reportDestinations(input("example.com", "v=DMARC1; p=reject; rua=mailto:d@mail.example.com"))).toEqual([]);
    expect(await reportDestinations({ domain: "example.com", own: txt("_dmarc.example.com"), org: null, orgDomain: "example.com" })).toEqual([]);
  });

  it("the assessment and the destinations read the one record selectDmarc picks, and name its domain alike", async () => {
    // The organizational domain as a caller may write it (a DNS name: any case, a final dot).
    const inherited = { domain: "Mail.Example.com.", own: txt("_dmarc.mail.example.com"), org: txt("_dmarc.example.com", "v=DMARC1; p=reject; rua=mailto:agg@dmarc.vendor.net"), orgDomain: "Example.COM." };
    expect(selectDmarc(inherited)).toMatchObject({ domain: "mail.example.com", inherited: true, recordDomain: "example.com", records: ["v=DMARC1; p=reject; rua=mailto:agg@dmarc.vendor.net"] });
    const destinations = await reportDestinations(inherited);
    expect(destinations.map((d) => d.name)).toEqual(["example.com._report._dmarc.dmarc.vendor.net"]);
    const a = assessDmarc({ ...inherited, external: destinations.map((destination) => ({ destination, answer: txt(destination.name, "v=DMARC1") })) });
    expect(a).toMatchObject({ record: "valid", inherited: true, recordDomain: "example.com", policy: "reject" });
    expect(a.findings).toContainEqual({ code: "DMARC_INHERITED", params: { domain: "mail.example.com", orgDomain: "example.com" } });
    // Several records at the name that applies: none is in force, for the destinations as for the verdict.
    const several = { domain: "example.com", own: txt("_dmarc.example.com", "v=DMARC1; p=none; rua=mailto:a@x.vendor.net", "v=DMARC1; p=reject"), org: null, orgDomain: "example.com" };
    expect(selectDmarc(several).records).toHaveLength(2);
    expect(await reportDestinations(several)).toEqual([]);
    expect(assessDmarc(several).record).toBe("multiple");
  });

  it("a destination without a v=DMARC1 record at the name is a warning naming it; a failed lookup is information", async () => {
    const record = "v=DMARC1; p=reject; rua=mailto:a@dmarc.vendor.net,mailto:b@ok.example.org,mailto:c@down.example.net";
    const base = input("example.com", record);
    const [vendor, ok, down] = await reportDestinations(base);
    const a = assessDmarc({
      ...base,
      external: [
        { destination: vendor!, answer: txt(vendor!.name, "v=spf1 -all") },
        { destination: ok!, answer: txt(ok!.name, "v=DMARC1") },
        { destination: down!, answer: { ...txt(down!.name), outcome: "failed", status: "indeterminate" } },
      ],
    });
    expect(a.findings).toContainEqual({ code: "DMARC_REPORT_NOT_AUTHORIZED", params: { tag: "rua", uri: "mailto:a@dmarc.vendor.net", destination: "dmarc.vendor.net", name: "example.com._report._dmarc.dmarc.vendor.net" } });
    expect(a.findings).toContainEqual({ code: "DMARC_REPORT_AUTH_FAILED", params: { uri: "mailto:c@down.example.net", name: "example.com._report._dmarc.down.example.net", status: "indeterminate" } });
    expect(a.reportDestinations?.map((d) => d.authorized)).toEqual([false, true, null]);
    expect(a.verdict).toBe("warning");
  });
});

