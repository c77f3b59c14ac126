// The per-certificate memo (lib/dane/cert-memo.ts): a certificate's facts are computed once and
// found again by its bytes, OpenSSL's parse from the TLS handshake is taken over, and the memo
// stays bounded however many certificates a process sees.
import { X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { certFacts, forgetCertificate, forgetCertificates, handOverOpenSsl } from "../../lib/dane/cert-memo";
import { parseCert } from "../../lib/dane/cert";
import { certificateNamesHost } from "../../lib/dane/host-name";
import { associationData } from "../../lib/dane/tlsa";
import { makeCert, makeKeys, type Issued } from "./pki";

let leaf: Issued;
beforeAll(async () => {
  leaf = await makeCert({ name: "CN=mx.example.com", keys: await makeKeys("EC"), dnsNames: ["mx.example.com"] });
}, 30_000);

describe("certificate memo", () => {
  it("finds a certificate again by its bytes, not by the array that carried them", () => {
    forgetCertificates();
    const first = certFacts(leaf.der);
    expect(certFacts(leaf.der.slice())).toBe(first);
    expect(first.sha256).toBe(new X509Certificate(leaf.der).fingerprint256.replaceAll(":", "").toLowerCase());
    expect(parseCert(leaf.der.slice(), 0)?.spkiSha256).toBe(first.spkiSha256());
  });

  it("takes over the handshake's OpenSSL parse instead of parsing again", () => {
    forgetCertificates();
    const fromHandshake = new X509Certificate(leaf.der);
    handOverOpenSsl(fromHandshake, leaf.der);
    expect(parseCert(leaf.der, 0)?.node).toBe(fromHandshake);
  });

  it("keeps a certificate's TLSA association data and host-name verdicts, the same as computed afresh", () => {
    forgetCertificates();
    const facts = certFacts(leaf.der);
    const spki = facts.fields?.spki as Uint8Array;
    for (const matchingType of [0, 1, 2]) {
      expect(facts.association(0, matchingType)).toEqual(associationData(matchingType, leaf.der));
      expect(facts.association(1, matchingType)).toEqual(associationData(matchingType, spki));
      expect(facts.association(1, matchingType)).toBe(facts.association(1, matchingType));
    }
    const names = ["mx.example.com", "other.example.com", ...Array.from({ length: 20 }, (_, i) => `n${i}.example.com`), "mx.example.com"];
    for (const name of names) expect(facts.namesHost(name)).toBe(certificateNamesHost(facts.fields ?? { dnsNames: [], commonNames: [] }, name));
    expect(facts.namesHost("mx.example.com")).toBe(true);
  });

  it("forgets one certificate and keeps the others", () => {
    forgetCertificates();
    const other = leaf.der.slice();
    other[other.length - 1] = (other[other.length - 1] as number) ^ 0xff;
    const [first, kept] = [certFacts(leaf.der), certFacts(other)];
    forgetCertificate(leaf.der.slice());
    expect(certFacts(leaf.der)).not.toBe(first);
    expect(certFacts(other)).toBe(kept);
  });

  it("keeps the facts of an unreadable certificate too (a 3 0 x record still matches its bytes)", () => {
    forgetCertificates();
    const garbage = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]);
    expect(certFacts(garbage).fields).toBeNull();
    expect(certFacts(garbage).openssl()).toBeNull();
    expect(certFacts(garbage).association(0, 0)).toEqual(garbage);
    expect(certFacts(garbage).association(1, 1)).toBeNull();
    expect(certFacts(garbage).namesHost("mx.example.com")).toBe(false);
    expect(parseCert(garbage, 0)).toBeNull();
  });

  it("is bounded: after many other certificates the first is computed afresh", () => {
    forgetCertificates();
    const first = certFacts(leaf.der);
    for (let i = 0; i < 600; i++) {
      const other = leaf.der.slice();
      other[other.length - 1] = i & 0xff;
      other[other.length - 2] = i >> 8;
      certFacts(other);
    }
    expect(certFacts(leaf.der)).not.toBe(first);
  });
});
