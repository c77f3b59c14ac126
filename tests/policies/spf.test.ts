// SPF (RFC 7208): the parser on the records of RFC 7208 Appendix A and on malformed terms (§12's
// grammar), and the lookup counter of §4.6.4 over hand-written walk trees (data, not a resolver:
// the walk itself runs against the lab in spf-lab.test.ts).
import { describe, expect, it } from "vitest";
import { assessSpf, lookupTerms, parseSpf, spfNetwork, spfRecords, type SpfHost, type SpfNode, type SpfQuery } from "../../lib/policies/spf";
import type { TxtAnswer } from "../../lib/policies/txt";

const answer = (name: string, ...texts: string[]): TxtAnswer => ({ name: `${name}.`, outcome: texts.length > 0 ? "answer" : "nodata", status: "secure", texts });
const node = (domain: string, text: string | null, queries: SpfQuery[] = []): SpfNode => ({ domain, answer: text === null ? answer(domain) : answer(domain, text), queries, truncated: false });
const q = (mechanism: SpfQuery["mechanism"], target: string | null, outcome: SpfQuery["outcome"], extra: Partial<SpfQuery> = {}): SpfQuery => ({ term: `${mechanism}:${target}`, mechanism, target, qualifier: "+", outcome, status: "secure", ...extra });

describe("RFC 7208 Appendix A records parse without a problem", () => {
  const appendixA = [
    "v=spf1 +all",
    "v=spf1 a -all",
    "v=spf1 a:example.org -all",
    "v=spf1 mx -all",
    "v=spf1 mx:example.org -all",
    "v=spf1 mx mx:example.org -all",
    "v=spf1 mx/30 mx:example.org/30 -all",
    "v=spf1 ptr -all",
    "v=spf1 ip4:192.0.2.128/28 -all",
    "v=spf1 mx include:mx.example.org -all",
    "v=spf1 redirect=_spf.example.com",
    "v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all",
    "v=spf1 -include:ip4._spf.%{d} -include:ptr._spf.%{d} +all",
    "v=spf1 ip6:2001:db8::/32 a//64 ~all",
    "v=spf1 a:mail.example.com/24//64 ?all exp=explain._spf.%{d}",
  ];
  for (const record of appendixA) {
    it(record, () => expect(parseSpf(record).problems).toEqual([]));
  }

  it("reads qualifiers, targets and cidr lengths", () => {
    const { terms } = parseSpf("v=spf1 -a:mail.example.com/24 ~mx ?include:_spf.example.net ip4:192.0.2.1 redirect=_spf.example.com");
    expect(terms.map((t) => (t.kind === "mechanism" ? [t.qualifier, t.name, t.target] : [t.name, t.value]))).toEqual([
      ["-", "a", "mail.example.com"],
      ["~", "mx", null],
      ["?", "include", "_spf.example.net"],
      ["+", "ip4", "192.0.2.1"],
      ["redirect", "_spf.example.com"],
    ]);
  });
});

describe("syntax errors are problems, one per bad term (§4.6, §12)", () => {
  const cases: [string, string, string][] = [
    ["v=spf1 foo -all", "foo", "unknown-mechanism"],
    ["v=spf1 include -all", "include", "domain-missing"],
    ["v=spf1 include:example -all", "include:example", "domain-invalid"],
    ["v=spf1 ip4:192.0.2.300 -all", "ip4:192.0.2.300", "ip4-invalid"],
    ["v=spf1 ip4:192.0.2.0/33 -all", "ip4:192.0.2.0/33", "cidr-invalid"],
    ["v=spf1 ip6:2001:db8::/129 -all", "ip6:2001:db8::/129", "cidr-invalid"],
    ["v=spf1 ip6:192.0.2.1 -all", "ip6:192.0.2.1", "ip6-invalid"],
    ["v=spf1 a:example.com/024 -all", "a:example.com/024", "cidr-invalid"],
    ["v=spf1 -all:foo", "-all:foo", "value-unexpected"],
    ["v=spf1 exists:%{z}.example.com -all", "exists:%{z}.example.com", "macro-invalid"],
    ["v=spf1 redirect=%{d", "redirect=%{d", "macro-invalid"],
    ["v=spf1 -foo=bar", "-foo=bar", "modifier-name"],
  ];
  for (const [record, term, problem] of cases) {
    it(`${record} -> ${problem}`, () => expect(parseSpf(record).problems).toEqual([{ term, problem }]));
  }

  it("notes redirect= twice", () => expect(parseSpf("v=spf1 redirect=a.example redirect=b.example").repeated).toEqual(["redirect"]));
  it("ignores unknown modifiers (§6)", () => expect(parseSpf("v=spf1 mx foo=bar -all").problems).toEqual([]));
});

describe("which TXT records are SPF records (§4.5)", () => {
  it("takes v=spf1 followed by a space or the end, in any case, and nothing else", () => {
    expect(spfRecords(["v=spf1 -all", "V=SPF1", "v=spf10 -all", "v=spf1-all", "google-site-verification=x"])).toEqual(["v=spf1 -all", "V=SPF1"]);
  });
});

describe("lookupTerms", () => {
  it("lists include/a/mx/ptr/exists in order, defaults a and mx to the record's domain, and drops redirect beside all (§6.1)", () => {
    const terms = lookupTerms(parseSpf("v=spf1 ip4:192.0.2.1 a mx:Other.Example. ptr include:_i.example exists:%{i}.x.example redirect=r.example -all"), "Example.COM.");
    expect(terms.map((t) => [t.mechanism, t.target])).toEqual([
      ["a", "example.com"],
      ["mx", "other.example"],
      ["ptr", "example.com"],
      ["include", "_i.example"],
      ["exists", null],
    ]);
    expect(lookupTerms(parseSpf("v=spf1 mx redirect=r.example"), "example.com").map((t) => t.mechanism)).toEqual(["mx", "redirect"]);
  });
});

describe("the lookup counter (§4.6.4) over a walked tree", () => {
  it("counts terms through includes and redirect: 11 is over the limit", () => {
    const s1 = node("_s1.example", "v=spf1 a:h1.example a:h2.example a:h3.example a:h4.example -all", ["h1", "h2", "h3", "h4"].map((h) => q("a", `${h}.example`, "answer")));
    const s2 = node("_s2.example", "v=spf1 a:h5.example a:h6.example mx:example.com -all", [q("a", "h5.example", "answer"), q("a", "h6.example", "answer"), q("mx", "example.com", "answer", { mxHosts: 1 })]);
    const root = node("example.com", "v=spf1 a mx include:_s1.example include:_s2.example -all", [
      q("a", "example.com", "answer"),
      q("mx", "example.com", "answer", { mxHosts: 2 }),
      q("include", "_s1.example", "answer", { child: s1 }),
      q("include", "_s2.example", "answer", { child: s2 }),
    ]);
    const a = assessSpf(root);
    expect([a.lookups, a.voidLookups, a.verdict, a.all]).toEqual([11, 0, "fail", "fail"]);
    expect(a.findings.map((f) => f.code)).toEqual(["SPF_TOO_MANY_LOOKUPS"]);
  });

  it("10 lookups pass", () => {
    const root = node("example.com", "v=spf1 " + Array.from({ length: 10 }, (_, i) => `a:h${i}.example`).join(" ") + " -all", Array.from({ length: 10 }, (_, i) => q("a", `h${i}.example`, "answer")));
    expect([assessSpf(root).lookups, assessSpf(root).verdict]).toEqual([10, "pass"]);
  });

  it("counts void lookups: 3 is over the limit of 2, each one named", () => {
    const root = node("example.com", "v=spf1 a:n1.example a:n2.example mx:n3.example -all", [q("a", "n1.example", "nxdomain"), q("a", "n2.example", "nodata"), q("mx", "n3.example", "nxdomain")]);
    const a = assessSpf(root);
    expect([a.lookups, a.voidLookups, a.verdict]).toEqual([3, 3, "fail"]);
    expect(a.findings.map((f) => f.code)).toEqual(["SPF_VOID_LOOKUP", "SPF_VOID_LOOKUP", "SPF_VOID_LOOKUP", "SPF_TOO_MANY_VOID_LOOKUPS"]);
  });

  it("a loop is a finding and is not followed; an include without a record is a permanent error", () => {
    const b = node("_b.example", "v=spf1 include:_a.example -all", [q("include", "_a.example", "not-queried", { loop: true })]);
    const a = node("_a.example", "v=spf1 include:_b.example -all", [q("include", "_b.example", "answer", { child: b })]);
    const root = node("example.com", "v=spf1 include:_a.example include:gone.example -all", [q("include", "_a.example", "answer", { child: a }), q("include", "gone.example", "nxdomain")]);
    const r = assessSpf(root);
    expect(r.verdict).toBe("fail");
    expect(r.lookups).toBe(4);
    expect(r.findings.map((f) => f.code)).toEqual(["SPF_INCLUDE_LOOP", "SPF_INCLUDE_NO_RECORD"]);
  });

  it("+all, ?all, ptr and a missing all", () => {
    expect(assessSpf(node("x.example", "v=spf1 mx +all", [q("mx", "x.example", "answer")])).findings.map((f) => f.code)).toEqual(["SPF_ALL_PASS"]);
    expect(assessSpf(node("x.example", "v=spf1 all", [])).all).toBe("pass");
    expect(assessSpf(node("x.example", "v=spf1 ?all", [])).findings.map((f) => f.code)).toEqual(["SPF_ALL_NEUTRAL"]);
    expect(assessSpf(node("x.example", "v=spf1 ptr -all", [q("ptr", "x.example", "not-queried")])).findings.map((f) => f.code)).toEqual(["SPF_PTR_USED"]);
    expect(assessSpf(node("x.example", "v=spf1 ip4:192.0.2.1", [])).findings.map((f) => f.code)).toEqual(["SPF_ALL_MISSING"]);
  });

  it("a redirect's all is the record's all; no 'all missing' with a redirect", () => {
    const target = node("_spf.example", "v=spf1 mx ~all", [q("mx", "_spf.example", "answer")]);
    const r = assessSpf(node("x.example", "v=spf1 redirect=_spf.example", [q("redirect", "_spf.example", "answer", { child: target })]));
    expect([r.lookups, r.all, r.redirect, r.verdict, r.findings]).toEqual([2, "softfail", "_spf.example", "pass", []]);
  });

  it("include of a record with +all passes everyone", () => {
    const open = node("open.example", "v=spf1 +all", []);
    expect(assessSpf(node("x.example", "v=spf1 include:open.example -all", [q("include", "open.example", "answer", { child: open })])).findings.map((f) => f.code)).toEqual(["SPF_ALL_PASS"]);
  });

  it("no record, several records, a failed lookup", () => {
    expect(assessSpf(node("x.example", null))).toMatchObject({ record: "absent", verdict: "pass" });
    const two: SpfNode = { domain: "x.example", answer: answer("x.example", "v=spf1 -all", "v=spf1 mx -all"), queries: [], truncated: false };
    expect(assessSpf(two)).toMatchObject({ record: "multiple", verdict: "fail" });
    const failed: SpfNode = { domain: "x.example", answer: { name: "x.example.", outcome: "failed", status: "bogus", texts: [] }, queries: [], truncated: false };
    expect(assessSpf(failed)).toMatchObject({ record: "invalid", verdict: "warning" });
  });
});

describe("what a and mx terms authorise (§5.3, §5.4) and their address lookups (§4.6.4)", () => {
  const host = (name: string, outcome: SpfHost["outcome"], ...addresses: string[]): SpfHost => ({ name, outcome, status: outcome === "not-queried" ? null : "secure", addresses });

  it("reads a and mx dual-cidr-length (§5.6) into the lookup terms, absent when not written", () => {
    const terms = lookupTerms(parseSpf("v=spf1 mx:example.org/24//64 a//48 mx/30 a -all"), "example.com");
    expect(terms.map((t) => [t.mechanism, t.target, t.cidr4, t.cidr6])).toEqual([
      ["mx", "example.org", 24, 64],
      ["a", "example.com", undefined, 48],
      ["mx", "example.com", 30, undefined],
      ["a", "example.com", undefined, undefined],
    ]);
  });

  it("writes an address as the network its prefix length authorises, the address alone without one", () => {
    expect(spfNetwork("192.0.2.77", 24, 64)).toBe("192.0.2.0/24");
    expect(spfNetwork("2001:db8:1:2:3::9", 24, 48)).toBe("2001:db8:1::/48");
    expect(spfNetwork("192.0.2.77", undefined, 64)).toBe("192.0.2.77");
    expect(spfNetwork("192.0.2.77", 32, undefined)).toBe("192.0.2.77/32");
  });

  it("lists each term's hosts and networks in evaluation order; the MX lookup is one lookup term however many hosts it names", () => {
    const root = node("example.com", "v=spf1 a mx:example.org/24//64 -all", [
      { ...q("a", "example.com", "answer", { hosts: [host("example.com", "answer", "192.0.2.1")] }), term: "a" },
      { ...q("mx", "example.org", "answer", { mxHosts: 2, cidr4: 24, cidr6: 64, hosts: [host("mx1.example.org", "answer", "198.51.100.7", "2001:db8::7"), host("mx2.example.org", "answer", "203.0.113.9")] }), term: "mx:example.org/24//64" },
    ]);
    const a = assessSpf(root);
    expect([a.lookups, a.voidLookups, a.verdict]).toEqual([2, 0, "pass"]);
    expect(a.mechanisms).toEqual([
      { domain: "example.com", term: "a", hosts: [{ name: "example.com", outcome: "answer", networks: ["192.0.2.1"] }] },
      {
        domain: "example.com",
        term: "mx:example.org/24//64",
        hosts: [
          { name: "mx1.example.org", outcome: "answer", networks: ["198.51.100.0/24", "2001:db8::/64"] },
          { name: "mx2.example.org", outcome: "answer", networks: ["203.0.113.0/24"] },
        ],
      },
    ]);
  });

  it("an MX host without an address is a void lookup of its own, named; three of them are over the limit", () => {
    const root = node("example.com", "v=spf1 mx -all", [
      q("mx", "example.com", "answer", { mxHosts: 3, hosts: [host("a.example.com", "nxdomain"), host("b.example.com", "nodata"), host("c.example.com", "answer", "192.0.2.3"), host("d.example.com", "failed")] }),
    ]);
    const a = assessSpf(root);
    expect([a.lookups, a.voidLookups, a.verdict]).toEqual([1, 2, "warning"]);
    expect(a.findings).toContainEqual({ code: "SPF_MX_HOST_VOID", params: { term: "mx:example.com", name: "example.com", host: "a.example.com", outcome: "nxdomain" } });
    expect(a.findings).toContainEqual({ code: "SPF_LOOKUP_FAILED", params: { name: "d.example.com", type: "A/AAAA", status: "secure" } });
    expect(a.findings.map((f) => f.code)).not.toContain("SPF_TOO_MANY_VOID_LOOKUPS");
    const three = node("example.com", "v=spf1 mx a:gone.example -all", [q("mx", "example.com", "answer", { mxHosts: 2, hosts: [host("a.example.com", "nxdomain"), host("b.example.com", "nodata")] }), q("a", "gone.example", "nxdomain")]);
    expect(assessSpf(three).findings.map((f) => f.code)).toContain("SPF_TOO_MANY_VOID_LOOKUPS");
  });

  it("more than 10 MX hosts is a permerror with no host asked; a host past the walk's bound makes it truncated", () => {
    const many = assessSpf(node("example.com", "v=spf1 mx -all", [q("mx", "example.com", "answer", { mxHosts: 11, hosts: [] })]));
    expect(many.findings).toContainEqual({ code: "SPF_MX_TOO_MANY", params: { name: "example.com", count: 11, limit: 10 } });
    expect([many.verdict, many.voidLookups, many.mechanisms]).toEqual(["fail", 0, [{ domain: "example.com", term: "mx:example.com", hosts: [] }]]);
    const bound = assessSpf(node("example.com", "v=spf1 mx -all", [q("mx", "example.com", "answer", { mxHosts: 1, hosts: [host("a.example.com", "not-queried")] })]));
    expect(bound.findings.map((f) => f.code)).toContain("SPF_WALK_TRUNCATED");
  });
});
