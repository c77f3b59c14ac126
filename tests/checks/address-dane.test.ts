// The DANE assessment of one address (lib/checks/assess-address.ts), judged from the host's DNS facts before any certificate.
import { describe, expect, it } from "vitest";
import { assessDane } from "../../lib/checks/assess-address";
import type { HostFacts, TlsaFacts } from "../../lib/checks/discovery";
import type { DaneMatchResult } from "../../lib/dane/match";
import type { SmtpProbeResult } from "../../lib/smtp/types";

const tlsa: TlsaFacts = { name: "_25._tcp.mx1.example.test", status: "secure", records: [{ usage: 3, selector: 1, matchingType: 1, data: new Uint8Array(32) }], usable: 1, lookup: null };
const host = (addressDnssec: HostFacts["addressDnssec"]): HostFacts => ({
  host: "mx1.example.test",
  preference: 10,
  lookups: [],
  addresses: [{ ip: "192.0.2.1", family: 4, dnssec: addressDnssec }],
  addressDnssec,
  cname: undefined,
  tlsa,
  names: ["mx1.example.test"],
  daneRequired: addressDnssec === "secure",
});
// A finished TLS conversation whose certificate matched: only the DNS facts differ between the cases.
const probe: SmtpProbeResult = {
  target: { ip: "192.0.2.1", port: 25 },
  connected: true,
  connectMs: 1,
  banner: { code: 220, lines: ["mx1.example.test ESMTP"] },
  ehlo: null,
  starttls: { offered: true, reply: null, accepted: true },
  tls: { version: "TLSv1.3", cipher: { name: "TLS_AES_128_GCM_SHA256", standardName: "TLS_AES_128_GCM_SHA256", version: "TLSv1.3" }, sni: "mx1.example.test", chainDer: [], handshakeMs: 1 },
  ehloTls: null,
  quit: null,
  transcript: [],
  bytesReceived: 0,
  elapsedMs: 1,
  error: null,
};
const matched: DaneMatchResult = { outcome: "pass", matched: { record: tlsa.records[0]!, usage: 3, depth: 0, anchor: null }, failure: null, warnings: [], perRecord: [] };

describe("DANE step of an address", () => {
  it("passes a matching certificate when the address records are secure", () => {
    expect(assessDane(host("secure"), tlsa, probe, matched).dane).toBe("pass");
  });

  it("explains a missing TLS session by the kind of TLSA records that made TLS mandatory", () => {
    const noTls: SmtpProbeResult = { ...probe, starttls: { offered: false, reply: null, accepted: false }, tls: null };
    expect(assessDane(host("secure"), tlsa, noTls, null)).toMatchObject({ dane: "fail", tier: "fail", findings: [{ code: "SMTP_STARTTLS_NOT_OFFERED", params: { ip: "192.0.2.1" } }] });
    const unusable: TlsaFacts = { ...tlsa, records: [{ usage: 1, selector: 1, matchingType: 1, data: new Uint8Array(32) }], usable: 0 };
    expect(assessDane(host("secure"), unusable, noTls, null)).toMatchObject({ dane: "unusable", tier: "fail", findings: [{ code: "DANE_TLSA_NONE_USABLE", params: { count: 1 } }] });
  });

  it("never reports DANE passed for an address learned from bogus records (RFC 7672 §2.1.1)", () => {
    const assessed = assessDane(host("bogus"), tlsa, probe, matched);
    expect(assessed).toMatchObject({ dane: "fail", tier: "fail", reason: "address-bogus", findings: [{ code: "HOST_ADDRESS_BOGUS", params: { host: "mx1.example.test" } }] });
  });
});
