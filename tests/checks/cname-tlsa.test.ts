// RFC 7672 §2.2.2: for an MX host reached through a secure CNAME chain, which TLSA RRset governs.
import { describe, expect, it } from "vitest";
import { tlsaForAlias, type TlsaFacts } from "../../lib/checks/discovery";
import type { TlsaStatus } from "../../lib/report/schema";

const facts = (name: string, status: TlsaStatus): TlsaFacts => ({
  name,
  status,
  records: status === "secure" ? [{ usage: 3, selector: 1, matchingType: 1, data: new Uint8Array(32) }] : [],
  usable: status === "secure" ? 1 : 0,
  lookup: null,
});
const target = (status: TlsaStatus) => facts("_25._tcp.mail.hosting.example", status);
const alias = (status: TlsaStatus) => facts("_25._tcp.mx.example", status);

describe("rfc7672 §2.2.2 TLSA for a secure CNAME'd MX host", () => {
  it("uses the final target's TLSA whenever the target has any answer other than a proven absence", () => {
    for (const status of ["secure", "bogus", "servfail", "insecure"] as const) {
      expect(tlsaForAlias(target(status), alias("secure"))).toMatchObject({ name: target(status).name, status });
    }
  });

  it("falls back to the MX host name only when the target proves it has no TLSA", () => {
    expect(tlsaForAlias(target("absent"), alias("secure"))).toMatchObject({ name: "_25._tcp.mx.example", status: "secure" });
    expect(tlsaForAlias(target("absent"), alias("absent"))).toMatchObject({ status: "absent" });
  });

  it("keeps a bogus or failed lookup at the MX host name as a failure after the target's proven absence", () => {
    // Before the fix this read "absent" (no DANE), hiding a host a DANE sender must not use.
    expect(tlsaForAlias(target("absent"), alias("bogus"))).toMatchObject({ name: "_25._tcp.mx.example", status: "bogus" });
    expect(tlsaForAlias(target("absent"), alias("servfail"))).toMatchObject({ name: "_25._tcp.mx.example", status: "servfail" });
  });
});
