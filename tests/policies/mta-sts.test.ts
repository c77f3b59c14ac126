// MTA-STS (RFC 8461) record, policy, MX matching and the delivery decision, on the RFC's own
// examples (§3.1, §3.2) and on the faults the issue lists.
import { describe, expect, it } from "vitest";
import { assessMtaSts, mxMatches, readStsPolicy, readStsRecord, type PolicyFetch } from "../../lib/policies/mta-sts";
import type { TxtAnswer } from "../../lib/policies/txt";

const txt = (...texts: string[]): TxtAnswer => ({ name: "_mta-sts.example.com.", outcome: texts.length ? "answer" : "nxdomain", status: "insecure", texts });
const codes = (fs: readonly { code: string }[]) => fs.map((f) => f.code);

// RFC 8461 §3.2's example policy.
const RFC_POLICY = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\nmx: backupmx.example.com\nmax_age: 604800\n";

describe("the _mta-sts TXT record (RFC 8461 §3.1)", () => {
  it("reads the RFC's example record and its id", () => {
    expect(readStsRecord(txt("v=STSv1; id=20160831085700Z;"), "example.com")).toEqual({ record: "valid", id: "20160831085700Z", findings: [] });
  });
  it("ignores TXT records of other kinds, and is absent without one of its own", () => {
    expect(readStsRecord(txt("v=spf1 -all", "v=STSv1;id=1"), "example.com").record).toBe("valid");
    const absent = readStsRecord(txt("v=spf1 -all"), "example.com");
    expect(absent.record).toBe("absent");
    expect(codes(absent.findings)).toEqual(["MTASTS_RECORD_ABSENT"]);
  });
  it("two records: multiple (a sender assumes no policy)", () => {
    const r = readStsRecord(txt("v=STSv1; id=1", "v=STSv1; id=2"), "example.com");
    expect(r.record).toBe("multiple");
    expect(r.findings[0]).toEqual({ code: "MTASTS_RECORD_MULTIPLE", params: { name: "_mta-sts.example.com.", count: 2 } });
  });
  it.each([
    ["v=STSv1; id=2016-08-31", "MTASTS_RECORD_ID_INVALID"],
    ["v=STSv1; id=" + "a".repeat(33), "MTASTS_RECORD_ID_INVALID"],
    ["v=STSv1; id=", "MTASTS_RECORD_ID_INVALID"],
  ])("a bad id: %s", (record, code) => {
    const r = readStsRecord(txt(record), "example.com");
    expect(r.record).toBe("invalid");
    expect(codes(r.findings)).toEqual([code]);
  });
  it.each([
    ["v=STSv1; id=1; v=STSv1", "version-repeated"],
    ["v=STSv1", "id-missing"],
    ["v=STSv1; id=1; id=2", "id-repeated"],
    ["v=STSv1;; id=1", "empty-field"],
    ["v=STSv1; id=1; ext=a b", "bad-extension"],
    ["v=STSv1; id", "field-without-value"],
  ])("a syntax fault: %s (%s)", (record, problem) => {
    const r = readStsRecord(txt(record), "example.com");
    expect(r.record).toBe("invalid");
    expect(r.findings).toEqual([{ code: "MTASTS_RECORD_SYNTAX", params: { name: "_mta-sts.example.com.", record, problem } }]);
  });
  it("a well-formed extension is ignored; a 32-character id is fine", () => {
    expect(readStsRecord(txt(`v=STSv1; id=${"Z9".repeat(16)}; future=x.y`), "example.com").record).toBe("valid");
  });
  it("a failed lookup is a finding, not an absent record", () => {
    const r = readStsRecord({ name: "_mta-sts.example.com.", outcome: "failed", status: "bogus", texts: [] }, "example.com");
    expect(r.record).toBe("invalid");
    expect(codes(r.findings)).toEqual(["POLICY_TXT_LOOKUP_FAILED"]);
  });
});

describe("the policy file (RFC 8461 §3.2)", () => {
  it("reads the RFC's example", () => {
    expect(readStsPolicy(RFC_POLICY)).toEqual({
      policy: { mode: "enforce", maxAge: 604800, mx: ["mail.example.com", "*.example.net", "backupmx.example.com"] },
      findings: [],
    });
  });
  it("accepts CRLF line ends and ignores unknown fields", () => {
    expect(readStsPolicy("version: STSv1\r\nmode: testing\r\nmx: mx.example.com\r\nmax_age: 86400\r\nfuture_field: yes\r\n").policy?.mode).toBe("testing");
  });
  it("a none policy needs no mx", () => {
    expect(readStsPolicy("version: STSv1\nmode: none\nmax_age: 86400\n").policy).toEqual({ mode: "none", maxAge: 86400, mx: [] });
  });
  it.each([
    ["mode: enforce\nmx: mx.example.com\nmax_age: 86400\n", "version"],
    ["version: STSv1\nmx: mx.example.com\nmax_age: 86400\n", "mode"],
    ["version: STSv1\nmode: enforce\nmx: mx.example.com\n", "max_age"],
    ["version: STSv1\nmode: enforce\nmax_age: 86400\n", "mx"],
  ])("a missing field makes it unusable (%#: %s)", (body, field) => {
    const r = readStsPolicy(body);
    expect(r.policy).toBeNull();
    expect(r.findings).toContainEqual({ code: "MTASTS_POLICY_FIELD_MISSING", params: { field } });
  });
  it.each([
    ["version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n", "bad-version"],
    ["version: STSv1\nmode: Enforce\nmx: a.example\nmax_age: 1\n", "bad-mode"],
    ["version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1w\n", "bad-max-age"],
    ["version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\nthis is html\n", "not-key-value"],
  ])("a bad value is a syntax finding (%#)", (body, problem) => {
    const r = readStsPolicy(body);
    expect(r.policy).toBeNull();
    expect(r.findings.map((f) => (f.code === "MTASTS_POLICY_SYNTAX" ? f.params.problem : f.code))).toContain(problem);
  });
  it("max_age above 31557600 is a warning, capped", () => {
    const r = readStsPolicy("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 99999999\n");
    expect(r.policy?.maxAge).toBe(31557600);
    expect(r.findings).toEqual([{ code: "MTASTS_POLICY_MAX_AGE_RANGE", params: { maxAge: 99999999, limit: 31557600 } }]);
  });
  it("a repeated field counts once and is a warning; a bad mx pattern is an error", () => {
    const r = readStsPolicy("version: STSv1\nmode: enforce\nmode: none\nmx: *.*.example\nmx: a.example\nmax_age: 5\n");
    expect(r.policy?.mode).toBe("enforce");
    expect(codes(r.findings)).toEqual(["MTASTS_POLICY_FIELD_REPEATED", "MTASTS_POLICY_MX_PATTERN"]);
  });
});

describe("MX patterns (RFC 8461 §4.1)", () => {
  it("a leading *. matches exactly one label", () => {
    expect(mxMatches("*.example.net", "mx1.example.net")).toBe(true);
    expect(mxMatches("*.example.net", "MX1.Example.NET.")).toBe(true);
    expect(mxMatches("*.example.net", "a.b.example.net")).toBe(false);
    expect(mxMatches("*.example.net", "example.net")).toBe(false);
    expect(mxMatches("*.example.net", "mx1.example.network")).toBe(false);
  });
  it("a plain pattern matches the name itself only", () => {
    expect(mxMatches("mail.example.com", "mail.example.com.")).toBe(true);
    expect(mxMatches("mail.example.com", "x.mail.example.com")).toBe(false);
  });
});

describe("what a compliant sender does (RFC 8461 §5)", () => {
  const valid = readStsRecord(txt("v=STSv1; id=20160831085700Z;"), "example.com");
  const ok = (body: string): PolicyFetch => ({ ok: true, url: "https://mta-sts.example.com/.well-known/mta-sts.txt", ip: "192.0.2.1", body });
  const policy = (mode: string, ...mx: string[]) => ["version: STSv1", `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), "max_age: 604800", ""].join("\n");

  it("enforce covering every MX with valid certificates: enforced, pass", () => {
    const a = assessMtaSts({ domain: "example.com", record: valid, fetch: ok(RFC_POLICY), mx: [{ host: "mail.example.com.", certificateValid: true }, { host: "mx2.example.net.", certificateValid: null }] });
    expect(a).toMatchObject({ record: "valid", id: "20160831085700Z", policy: "valid", mode: "enforce", maxAge: 604800, delivery: "enforced", verdict: "pass" });
    expect(a.mxCovered).toEqual({ "mail.example.com.": true, "mx2.example.net.": true });
    expect(a.findings).toEqual([]);
  });
  it("enforce not covering one MX: enforced for the other, but the deployment fails", () => {
    const a = assessMtaSts({ domain: "example.com", record: valid, fetch: ok(policy("enforce", "mx1.example.com")), mx: [{ host: "mx1.example.com", certificateValid: true }, { host: "mx2.example.com", certificateValid: true }] });
    expect(a).toMatchObject({ delivery: "enforced", verdict: "fail", mxCovered: { "mx1.example.com": true, "mx2.example.com": false } });
    expect(a.findings).toEqual([{ code: "MTASTS_MX_NOT_COVERED", params: { host: "mx2.example.com", patterns: "mx1.example.com" } }]);
  });
  it("enforce where no MX passes: refused", () => {
    const a = assessMtaSts({ domain: "example.com", record: valid, fetch: ok(policy("enforce", "*.example.com")), mx: [{ host: "mx.example.com", certificateValid: false }, { host: "other.example.org", certificateValid: true }] });
    expect(a).toMatchObject({ delivery: "refused", verdict: "fail" });
    expect(codes(a.findings)).toEqual(["MTASTS_MX_CERTIFICATE", "MTASTS_MX_NOT_COVERED", "MTASTS_REFUSED"]);
  });
  it("testing mode: report-only; an uncovered MX is a warning", () => {
    const a = assessMtaSts({ domain: "example.com", record: valid, fetch: ok(policy("testing", "mx1.example.com")), mx: [{ host: "mx1.example.com", certificateValid: true }, { host: "mx2.example.com", certificateValid: true }] });
    expect(a).toMatchObject({ delivery: "report-only", verdict: "warning", mode: "testing" });
    expect(codes(a.findings)).toEqual(["MTASTS_TESTING_MX_NOT_COVERED", "MTASTS_MODE_TESTING"]);
  });
  it("mode none: none, pass", () => {
    const a = assessMtaSts({ domain: "example.com", record: valid, fetch: ok("version: STSv1\nmode: none\nmax_age: 86400\n"), mx: [{ host: "mx.example.com", certificateValid: true }] });
    expect(a).toMatchObject({ delivery: "none", verdict: "pass" });
  });
  it("a record without a policy: no-policy, fail (a broken deployment)", () => {
    const a = assessMtaSts({ domain: "example.com", record: valid, fetch: { ok: false, url: "https://mta-sts.example.com/.well-known/mta-sts.txt", failure: { kind: "status", status: 404 } }, mx: [] });
    expect(a).toMatchObject({ policy: "fetch-failed", delivery: "no-policy", verdict: "fail" });
    expect(codes(a.findings)).toEqual(["MTASTS_POLICY_HTTP_STATUS", "MTASTS_NO_POLICY"]);
  });
  it("two records with a good policy: the policy is shown, but no sender uses it", () => {
    const multiple = readStsRecord(txt("v=STSv1; id=1", "v=STSv1; id=2"), "example.com");
    const a = assessMtaSts({ domain: "example.com", record: multiple, fetch: ok(RFC_POLICY), mx: [{ host: "mail.example.com", certificateValid: true }] });
    expect(a).toMatchObject({ record: "multiple", policy: "valid", mode: "enforce", delivery: "no-policy", verdict: "fail" });
  });
  it("no record: none, pass, nothing fetched", () => {
    const absent = readStsRecord(txt(), "example.com");
    expect(assessMtaSts({ domain: "example.com", record: absent, fetch: null, mx: [] })).toMatchObject({ record: "absent", policy: "not-fetched", delivery: "none", verdict: "pass" });
  });
});
