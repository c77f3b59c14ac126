// The DANE step of one address, judged from the host's DNS facts before any certificate.
import { describe, expect, it } from "vitest";
import { daneStepOutcome } from "../../lib/checks/address";
import type { HostFacts, TlsaFacts } from "../../lib/checks/discovery";
import type { DaneMatchResult } from "../../lib/dane/match";
import type { SmtpProbeResult } from "../../lib/smtp/types";

const tlsa: TlsaFacts = { name: "_25._tcp.mx1.example.test", status: "secure", records: [{ usage: 3, selector: 1, matchingType: 1, data: new Uint8Array(32) }], usable: 1, lookup: null, note: "" };
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
    expect(daneStepOutcome(host("secure"), tlsa, probe, matched).dane).toBe("pass");
  });

  it("explains a missing TLS session by the kind of TLSA records that made TLS mandatory", () => {
    const noTls: SmtpProbeResult = { ...probe, starttls: { offered: false, reply: null, accepted: false }, tls: null };
    expect(daneStepOutcome(host("secure"), tlsa, noTls, null)).toMatchObject({ dane: "fail", outcome: { findings: ["SMTP_STARTTLS_NOT_OFFERED"] } });
    const unusable: TlsaFacts = { ...tlsa, records: [{ usage: 1, selector: 1, matchingType: 1, data: new Uint8Array(32) }], usable: 0 };
    expect(daneStepOutcome(host("secure"), unusable, noTls, null)).toMatchObject({ dane: "unusable", outcome: { status: "error", findings: ["DANE_TLSA_NONE_USABLE"] } });
  });

  it("never reports DANE passed for an address learned from bogus records (RFC 7672 §2.1.1)", () => {
    const { dane, outcome } = daneStepOutcome(host("bogus"), tlsa, probe, matched);
    expect(dane).toBe("fail");
    expect(outcome).toMatchObject({ status: "error", findings: ["HOST_ADDRESS_BOGUS"] });
  });
});
