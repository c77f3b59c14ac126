import { createPrivateKey, X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { scenarios, smtpEndpoints } from "../../lib/lab/catalog";
import { labCertificate, labRootPem } from "../../lib/lab/pki";

const cert = (der: Uint8Array | undefined) => new X509Certificate(Buffer.from(der ?? new Uint8Array()));
const now = new Date("2026-11-28T00:00:00Z");
const inDate = (c: X509Certificate) => new Date(c.validFrom) <= now && now <= new Date(c.validTo);

describe("lab PKI", () => {
  it("chains the good leaf to the TEST root through the intermediate", () => {
    const { chainDer } = labCertificate("good");
    const [leaf, intermediate] = [cert(chainDer[0]), cert(chainDer[1])];
    const root = new X509Certificate(labRootPem());
    expect(root.subject).toContain("mailsec lab TEST root CA");
    expect(leaf.checkIssued(intermediate)).toBe(true);
    expect(leaf.verify(intermediate.publicKey)).toBe(true);
    expect(intermediate.verify(root.publicKey)).toBe(true);
    expect(inDate(leaf)).toBe(true);
  });

  it("names every MX host the catalog serves with each profile", () => {
    for (const { address, host } of smtpEndpoints()) {
      if (address.cert === null || address.cert === "wrong-name") continue;
      const leaf = cert(labCertificate(address.cert).leafDer);
      expect(leaf.checkHost(host.host.replace(/\.$/, "")), `${address.cert} ${host.host}`).toBeDefined();
    }
  });

  it("names every host a shared server answers for (lib/lab/world.ts) in that server's certificate", () => {
    const shared = scenarios.flatMap((s) => s.mx.flatMap((h) => h.addresses.filter((a) => a.shared).map((a) => ({ host: h.host, a }))));
    expect(shared.length).toBeGreaterThan(0);
    for (const { host, a } of shared) {
      if (a.cert === null) throw new Error(`${host}: a shared address without a certificate`);
      expect(cert(labCertificate(a.cert).leafDer).checkHost(host.replace(/\.$/, "")), `${a.cert} ${host}`).toBeDefined();
    }
  });

  it("has the deliberate defects: expired, not yet valid, wrong name, self-signed", () => {
    expect(new Date(cert(labCertificate("expired").leafDer).validTo) < now).toBe(true);
    expect(new Date(cert(labCertificate("not-yet-valid").leafDer).validFrom) > now).toBe(true);
    expect(cert(labCertificate("wrong-name").leafDer).checkHost("mx1.dane-ta-wrong-name.test")).toBeUndefined();
    const self = labCertificate("self-signed");
    expect(self.chainDer).toHaveLength(1);
    const ss = cert(self.leafDer);
    expect(ss.issuer).toBe(ss.subject);
    expect(ss.verify(ss.publicKey)).toBe(true);
  });

  it("pairs each key with its leaf", () => {
    for (const profile of ["good", "expired", "not-yet-valid", "wrong-name", "self-signed", "html-subject", "exchange-legacy", "exchange-new"] as const) {
      const c = labCertificate(profile);
      expect(cert(c.leafDer).checkPrivateKey(createPrivateKey(c.keyPem)), profile).toBe(true);
    }
  });
});
