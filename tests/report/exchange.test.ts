import { describe, expect, it } from "vitest";
import { EXCHANGE_GIVE_UP_HOURS, EXCHANGE_RETRY_MINUTES, exchangeFindingCode, exchangeForecast, exchangeOnlineOutcome, type ExchangeAddressFacts, type ExchangeFacts, type ExchangeHostFacts } from "../../lib/report/exchange";
import { findingDefinition } from "../../lib/report/findings";

const passing: ExchangeAddressFacts = { ip: "192.0.2.1", connected: true, tls: true, dane: "pass", certExpiredUnderDaneTa: false };

function host(name: string, over: Partial<ExchangeHostFacts> = {}, address: Partial<ExchangeAddressFacts> = {}): ExchangeHostFacts {
  return { host: name, addressDnssec: "secure", tlsa: { status: "secure", usable: 1 }, addresses: [{ ...passing, ...address }], ...over };
}

function facts(hosts: ExchangeHostFacts[], over: Partial<ExchangeFacts> = {}): ExchangeFacts {
  return { domain: "example.test", mxLookup: "records", mxDnssec: "secure", hosts, ...over };
}

describe("Exchange Online outcome", () => {
  it("delivers through a host whose certificate matches its TLSA records", () => {
    const out = exchangeOnlineOutcome(facts([host("mx1.example.test")]));
    expect(out).toMatchObject({ outcome: "deliver", code: null });
    expect(out.reason).toBe("dane");
  });

  it("defers with 4.7.324 when the MX RRset is bogus, whatever the hosts do", () => {
    const out = exchangeOnlineOutcome(facts([host("mx1.example.test")], { mxDnssec: "bogus" }));
    expect(out).toMatchObject({ outcome: "defer", code: "4.7.324" });
    expect(out.reason).toBe("mx-bogus");
  });

  it("defers with 4.4.312 when the MX lookup gets no answer", () => {
    expect(exchangeOnlineOutcome(facts([], { mxLookup: "failed", mxDnssec: "indeterminate" }))).toMatchObject({ outcome: "defer", code: "4.4.312" });
  });

  it("refuses nothing and sends nothing for a null MX", () => {
    expect(exchangeOnlineOutcome(facts([], { mxLookup: "null-mx" }))).toMatchObject({ outcome: "no-mail", code: null });
  });

  it("sends nothing to a domain that does not exist", () => {
    expect(exchangeOnlineOutcome(facts([], { mxLookup: "nxdomain" }))).toMatchObject({ outcome: "no-mail", code: null });
  });

  it("sends nothing to a domain with neither MX nor address records (RFC 5321 §5.1), instead of queueing for 24 h", () => {
    const bare = host("example.test", { addresses: [], tlsa: { status: "absent", usable: 0 } });
    const out = exchangeOnlineOutcome(facts([bare], { mxLookup: "implicit" }));
    expect(out).toMatchObject({ outcome: "no-mail", code: null });
    expect(out.reason).toBe("no-address");
    // A failed address lookup proves nothing: that stays a DNS failure, retried.
    const failed = exchangeOnlineOutcome(facts([{ ...bare, addressDnssec: "indeterminate" }], { mxLookup: "implicit" }));
    expect(failed).toMatchObject({ outcome: "defer", code: "4.4.312" });
    // A real MX host without addresses is an unreachable host, not a statement about the domain.
    expect(exchangeOnlineOutcome(facts([{ ...bare, host: "mx1.example.test" }]))).toMatchObject({ outcome: "defer", code: null });
  });

  it("defers with 4.7.321 when the only host has TLSA but no STARTTLS", () => {
    const out = exchangeOnlineOutcome(facts([host("mx1.example.test", {}, { tls: false, dane: "fail" })]));
    expect(out).toMatchObject({ outcome: "defer", code: "4.7.321" });
    expect(out.reason).toBe("no-starttls");
  });

  it("defers with 4.7.323 when no TLSA record matches", () => {
    expect(exchangeOnlineOutcome(facts([host("mx1.example.test", {}, { dane: "fail" })]))).toMatchObject({ code: "4.7.323" });
  });

  it("defers with 4.7.322 for an expired leaf under DANE-TA", () => {
    expect(exchangeOnlineOutcome(facts([host("mx1.example.test", {}, { dane: "fail", certExpiredUnderDaneTa: true })]))).toMatchObject({ code: "4.7.322" });
  });

  it("defers with 4.7.324 when the TLSA lookup is bogus or SERVFAIL", () => {
    expect(exchangeOnlineOutcome(facts([host("mx1.example.test", { tlsa: { status: "bogus", usable: 0 } })]))).toMatchObject({ code: "4.7.324" });
    expect(exchangeOnlineOutcome(facts([host("mx1.example.test", { tlsa: { status: "servfail", usable: 0 } })]))).toMatchObject({ code: "4.7.324" });
  });

  it("delivers through the second host when only the first fails DANE", () => {
    const { outcome: out, finding } = exchangeForecast(facts([host("mx1.example.test", {}, { dane: "fail" }), host("mx2.example.test", { tlsa: { status: "absent", usable: 0 } }, { dane: "not-applicable" })]));
    expect(out).toMatchObject({ outcome: "deliver", code: null });
    expect(out.reason).toBe("no-dane");
    expect(finding).toEqual({ code: "EXO_DELIVER", params: { host: "mx2.example.test" } });
  });

  it("blocks when every MX host fails DANE, reporting the most preferred host's code", () => {
    const out = exchangeOnlineOutcome(facts([host("mx1.example.test", {}, { tls: false, dane: "fail" }), host("mx2.example.test", {}, { dane: "fail" })]));
    expect(out).toMatchObject({ outcome: "defer", code: "4.7.321" });
  });

  it("delivers when one address of a host fails DANE and another passes", () => {
    const h = host("mx1.example.test");
    h.addresses = [{ ...passing, ip: "::1", dane: "fail" }, passing];
    expect(exchangeOnlineOutcome(facts([h]))).toMatchObject({ outcome: "deliver" });
  });

  it("requires TLS but no authentication when every TLSA record is unusable", () => {
    expect(exchangeOnlineOutcome(facts([host("mx1.example.test", { tlsa: { status: "secure", usable: 0 } }, { dane: "unusable" })]))).toMatchObject({ outcome: "deliver" });
    expect(exchangeOnlineOutcome(facts([host("mx1.example.test", { tlsa: { status: "secure", usable: 0 } }, { dane: "unusable", tls: false })]))).toMatchObject({ code: "4.7.321" });
  });

  it("ignores DANE entirely when the MX RRset is insecure", () => {
    expect(exchangeOnlineOutcome(facts([host("mx1.example.test", {}, { tls: false, dane: "fail" })], { mxDnssec: "insecure" }))).toMatchObject({ outcome: "deliver" });
  });

  it("ignores TLSA for a host whose addresses are insecure", () => {
    expect(exchangeOnlineOutcome(facts([host("mx1.example.test", { addressDnssec: "insecure", tlsa: { status: "bogus", usable: 0 } }, { dane: "not-applicable" })]))).toMatchObject({ outcome: "deliver" });
  });

  it("defers with 4.7.324 when a host's addresses are bogus and it is the only host", () => {
    expect(exchangeOnlineOutcome(facts([host("mx1.example.test", { addressDnssec: "bogus" })]))).toMatchObject({ code: "4.7.324" });
  });

  it("defers without a DANE code when no host accepts a connection", () => {
    const out = exchangeOnlineOutcome(facts([host("mx1.example.test", { tlsa: { status: "absent", usable: 0 } }, { connected: false, tls: false, dane: "not-applicable" })]));
    expect(out).toMatchObject({ outcome: "defer", code: null });
  });

  it("names a finding for every outcome, each defined in the catalogue", () => {
    for (const code of ["4.7.321", "4.7.322", "4.7.323", "4.7.324", "4.4.312", null] as const) {
      const finding = exchangeFindingCode({ outcome: "defer", code, reason: "" });
      expect(findingDefinition(finding)?.remediation.length).toBeGreaterThan(20);
    }
  });

  it("retries 15 min, 15 min, then hourly, giving up after 24 hours", () => {
    expect(EXCHANGE_RETRY_MINUTES.slice(0, 3)).toEqual([15, 15, 60]);
    const lastRetry = EXCHANGE_RETRY_MINUTES.reduce((a, b) => a + b, 0);
    expect(lastRetry).toBeLessThanOrEqual(EXCHANGE_GIVE_UP_HOURS * 60);
    expect(lastRetry + 60).toBeGreaterThan(EXCHANGE_GIVE_UP_HOURS * 60);
  });
});

describe("Exchange Online outcome when mailsec could not test the server (issue 15)", () => {
  const policy = { untested: { kind: "policy" as const, range: "10.0.0.0/8" }, connected: false, tls: false, dane: "not-applicable" as const };
  const throttled = { untested: { kind: "throttled" as const, reply: "421 4.7.0 Too many connections" }, connected: false, tls: false, dane: "fail" as const };

  it("a target refused by mailsec's address policy is not 'did not accept an SMTP session'", () => {
    const out = exchangeOnlineOutcome(facts([host("mx1.example.test", {}, policy)]));
    expect(out).toMatchObject({ outcome: "inconclusive", code: null });
    expect(out.reason).toBe("policy");
    expect(exchangeFindingCode(out)).toBe("EXO_INCONCLUSIVE");
  });

  it("a throttling server under DANE is inconclusive, not 4.7.321", () => {
    const out = exchangeOnlineOutcome(facts([host("mx1.example.test", {}, throttled)]));
    expect(out).toMatchObject({ outcome: "inconclusive", code: null });
    expect(out.reason).toBe("throttled");
  });

  it("a real failure elsewhere still decides: the server's own answer outranks what mailsec could not test", () => {
    const out = exchangeOnlineOutcome(facts([host("mx1.example.test", {}, throttled), host("mx2.example.test", {}, { tls: false })]));
    expect(out).toMatchObject({ outcome: "defer", code: "4.7.321" });
    expect(out.reason).toBe("no-starttls");
  });

  it("a usable host still delivers, whatever another was", () => {
    expect(exchangeOnlineOutcome(facts([host("mx1.example.test", {}, policy), host("mx2.example.test")])).outcome).toBe("deliver");
  });
});
