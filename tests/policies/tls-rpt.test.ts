// SMTP TLS Reporting records (RFC 8460 §3), on the RFC's examples (§3.1) and the classic mistakes.
import { describe, expect, it } from "vitest";
import { assessTlsRpt } from "../../lib/policies/tls-rpt";
import type { TxtAnswer } from "../../lib/policies/txt";

const txt = (...texts: string[]): TxtAnswer => ({ name: "_smtp._tls.example.com.", outcome: texts.length ? "answer" : "nodata", status: "secure", texts });

describe("the _smtp._tls TXT record (RFC 8460 §3)", () => {
  it("reads the RFC's two examples", () => {
    expect(assessTlsRpt(txt("v=TLSRPTv1;rua=mailto:reports@example.com"), "example.com")).toEqual({ record: "valid", rua: ["mailto:reports@example.com"], verdict: "pass", findings: [] });
    expect(assessTlsRpt(txt("v=TLSRPTv1; rua=https://reporting.example.com/v1/tlsrpt"), "example.com").rua).toEqual(["https://reporting.example.com/v1/tlsrpt"]);
  });
  it("a list of URIs; unknown extensions ignored", () => {
    const a = assessTlsRpt(txt("v=TLSRPTv1; rua=mailto:a@example.com , https://r.example.com/x; ext=1;"), "example.com");
    expect(a).toMatchObject({ record: "valid", rua: ["mailto:a@example.com", "https://r.example.com/x"], verdict: "pass" });
  });
  it("a bare address is the classic mistake", () => {
    const a = assessTlsRpt(txt("v=TLSRPTv1; rua=tlsrpt@example.com"), "example.com");
    expect(a).toMatchObject({ record: "invalid", verdict: "warning" });
    expect(a.findings).toEqual([{ code: "TLSRPT_RUA_BARE_ADDRESS", params: { uri: "tlsrpt@example.com" } }]);
  });
  it("one bad URI beside a good one: still valid, with a warning", () => {
    const a = assessTlsRpt(txt("v=TLSRPTv1; rua=http://r.example.com/,mailto:a@example.com"), "example.com");
    expect(a).toMatchObject({ record: "valid", verdict: "warning" });
    expect(a.findings).toEqual([{ code: "TLSRPT_RUA_INVALID", params: { uri: "http://r.example.com/", problem: "scheme" } }]);
  });
  it.each([
    ["v=TLSRPTv1", "TLSRPT_RUA_MISSING"],
    ["v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com", "TLSRPT_RECORD_SYNTAX"],
    ["v=TLSRPTv1; rua=mailto:", "TLSRPT_RUA_INVALID"],
  ])("%s → %s", (record, code) => {
    const a = assessTlsRpt(txt(record), "example.com");
    expect(a.record).toBe("invalid");
    expect(a.findings.map((f) => f.code)).toEqual([code]);
  });
  it("two records: multiple; none: absent (info, pass)", () => {
    expect(assessTlsRpt(txt("v=TLSRPTv1; rua=mailto:a@example.com", "v=TLSRPTv1; rua=mailto:b@example.com"), "example.com")).toMatchObject({ record: "multiple", verdict: "warning" });
    expect(assessTlsRpt(txt("v=spf1 -all"), "example.com")).toMatchObject({ record: "absent", verdict: "pass", findings: [{ code: "TLSRPT_RECORD_ABSENT" }] });
  });
});
