import { describe, expect, it } from "vitest";
import { scenarios, smtpEndpoints } from "../../lib/lab/catalog";
import { sharedServers } from "../../lib/lab/world";

describe("lab scenario catalog", () => {
  it("has at least 30 scenarios with unique names and domains, each domain naming its scenario", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(30);
    const names = scenarios.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(scenarios.map((s) => s.domain)).size).toBe(scenarios.length);
    for (const s of scenarios) {
      expect(s.domain.endsWith("."), s.name).toBe(true);
      expect(s.domain.split("."), s.name).toContain(s.name);
      // Most are <name>.test.; the others are the Exchange tenant and the DMARC subdomain.
      if (s.domain !== `${s.name}.test.`) expect(["exotenant", "dmarc-org"], s.name).toContain(s.name);
    }
  });

  it("gives every MX address its own loopback address, ::1 exactly once, the shared servers' apart", () => {
    const ips = [...smtpEndpoints().map((e) => e.address.ip), ...sharedServers.map((s) => s.ip)];
    expect(new Set(ips).size).toBe(ips.length);
    expect(ips.filter((ip) => ip === "::1")).toHaveLength(1);
    for (const ip of ips.filter((ip) => ip !== "::1")) expect(ip).toMatch(/^127\.0\.1\.(\d{1,3})$/);
  });

  it("serves a shared address only with its shared server's behaviour and certificate", () => {
    const shared = scenarios.flatMap((s) => s.mx.flatMap((h) => h.addresses.filter((a) => a.shared).map((a) => ({ host: h.host, a }))));
    expect(shared.length).toBeGreaterThan(20);
    for (const { host, a } of shared) {
      const server = sharedServers.find((s) => s.ip === a.ip);
      expect(server, `${host} ${a.ip}`).toBeDefined();
      expect({ smtp: a.smtp, cert: a.cert }, host).toEqual({ smtp: server?.smtp, cert: server?.cert });
    }
  });

  it("gives every Exchange world scenario a readiness expectation and an expected MX under mx.microsoft", () => {
    for (const s of scenarios.filter((x) => x.category === "exchange")) {
      expect(s.expect.exchangeReadiness, s.name).toBeDefined();
      expect(s.expect.exchangeReadiness?.codes, s.name).toEqual([...(s.expect.exchangeReadiness?.codes ?? [])].sort());
      if (s.exchangeExpectedMx !== undefined) expect(s.exchangeExpectedMx, s.name).toMatch(/^[a-z0-9-]+\.o-v1\.mx\.microsoft$/);
    }
  });

  it("expects only hosts and addresses the scenario serves", () => {
    for (const s of scenarios) {
      for (const mx of s.expect.mx) {
        const spec = s.mx.find((h) => h.host === `${mx.host}.`);
        expect(spec, `${s.name}: ${mx.host}`).toBeDefined();
        // A policy scenario's MX record names another scenario's host: that scenario serves its addresses.
        const served = spec?.addresses.length ? spec : scenarios.flatMap((o) => o.mx).find((h) => h.host === `${mx.host}.` && h.addresses.length > 0);
        // A host with no address anywhere (an implicit MX at a bare domain) is expected with none.
        expect(mx.addresses.map((a) => a.ip)).toEqual(served?.addresses.map((a) => a.ip) ?? []);
      }
    }
  });

  it("gives a host under a DNAME the CNAME target the substitution yields (RFC 6672 §2.2)", () => {
    const viaDname = scenarios.flatMap((s) => s.mx).filter((h) => h.dname);
    expect(viaDname.length).toBeGreaterThan(0);
    for (const h of viaDname) {
      const { owner, target } = h.dname ?? { owner: "", target: "" };
      expect(h.host.endsWith(`.${owner}`), h.host).toBe(true);
      expect(h.cnameTo, h.host).toBe(h.host.slice(0, -owner.length) + target);
    }
  });

  it("keeps Exchange Online codes consistent with the outcome", () => {
    for (const s of scenarios) {
      const { outcome, code } = s.expect.exchangeOnline;
      // A deferral without a code is a connection failure before SMTP (hostile servers only).
      if (outcome === "defer" && s.category !== "hostile") expect(code, s.name).not.toBeNull();
      if (outcome !== "defer") expect(code, s.name).toBeNull();
      if (s.expect.verdict === "pass") expect(outcome, s.name).toBe("deliver");
    }
  });

  it("covers every case issue 3 lists", () => {
    const names = new Set(scenarios.map((s) => s.name));
    for (const n of [
      "dane-ee", "dane-ta-spki", "dane-ta-cert", "tlsa-mismatch", "no-starttls", "dane-ta-expired", "dane-ee-expired",
      "dane-ta-wrong-name", "tlsa-unusable", "expired-rrsig", "bad-ds", "tlsa-servfail", "unsigned", "no-tlsa-nsec",
      "no-tlsa-nsec3", "mixed-tlsa", "all-mx-fail", "cname-mx", "null-mx", "no-mx", "nxdomain", "alg-8", "alg-13",
      "alg-15", "alg-7", "nsec3-optout", "rollover-ee-ee", "rollover-ee-ta", "ipv4-ipv6",
    ]) expect(names.has(n), n).toBe(true);
  });
});
