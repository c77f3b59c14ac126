// Host-name matching (lib/dane/host-name.ts) held to OpenSSL's X509_check_host, through node's
// checkHost with the flags mailsec used before it read the names itself: for every certificate
// below and every reference name, both must say the same. The certificates are made by
// @peculiar/x509 (tests/dane/pki.ts's generator), so their DER is not the reader's own.
import { X509Certificate, webcrypto } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCert } from "../../lib/dane/cert";
import { certificateNamesHost } from "../../lib/dane/host-name";
import * as x509 from "../../lib/x509";
import { makeKeys } from "./pki";

const CHECK_HOST = { subject: "default", wildcards: true, partialWildcards: false, multiLabelWildcards: false, singleLabelSubdomains: false } as const;

interface Spec {
  label: string;
  subject: string | x509.Name;
  /** subjectAltName entries; absent: no extension at all. */
  san?: x509.JsonGeneralName[];
  /** A second subjectAltName extension (RFC 5280 forbids it; OpenSSL then reads neither). */
  secondSan?: x509.JsonGeneralName[];
}

const dns = (...names: string[]): x509.JsonGeneralName[] => names.map((value) => ({ type: "dns", value }));

const SPECS: Spec[] = [
  { label: "one exact dNSName", subject: "CN=ignored.example.net", san: dns("mx.example.com") },
  { label: "dNSName in capitals", subject: "CN=x", san: dns("MX.Example.COM") },
  { label: "dNSName with a trailing dot", subject: "CN=x", san: dns("mx.example.com.") },
  { label: "whole-label wildcard", subject: "CN=x", san: dns("*.example.com") },
  { label: "wildcard in capitals", subject: "CN=x", san: dns("*.EXAMPLE.com") },
  { label: "wildcard over one label after the TLD", subject: "CN=x", san: dns("*.com") },
  { label: "partial wildcards", subject: "CN=x", san: dns("m*.example.com", "*x.example.com", "m*x.example.com") },
  { label: "wildcard not first", subject: "CN=x", san: dns("mx.*.example.com", "mx.example.*") },
  { label: "two wildcards", subject: "CN=x", san: dns("*.*.example.com") },
  { label: "IDNA labels and wildcards", subject: "CN=x", san: dns("*.xn--bcher-kva.example", "xn--*.example.com", "*.xn--80ak6aa92e.com") },
  { label: "a bare star and empty labels", subject: "CN=x", san: dns("*", "*.", "*..example.com", ".example.com") },
  { label: "hyphens at label edges", subject: "CN=x", san: dns("*.-example.com", "*.example-.com", "*.ex-ample.com") },
  { label: "underscores and other octets", subject: "CN=x", san: dns("*.ex_ample.com", "mx_1.example.com", "mx .example.com") },
  { label: "many dNSNames, one matching", subject: "CN=x", san: dns(...Array.from({ length: 40 }, (_, i) => `mx${i}.example.org`), "mx.example.com") },
  { label: "CN only", subject: "CN=mx.example.com, O=Example" },
  { label: "wildcard CN only", subject: "CN=*.example.com" },
  { label: "two CNs", subject: "CN=other.example.com+CN=mx.example.com" },
  { label: "CN beside an IP-only subjectAltName", subject: "CN=mx.example.com", san: [{ type: "ip", value: "192.0.2.1" }] },
  { label: "CN beside a dNSName that does not match", subject: "CN=mx.example.com", san: dns("other.example.com") },
  { label: "CN beside an empty dNSName", subject: "CN=mx.example.com", san: dns("") },
  { label: "UTF-8 CN", subject: new x509.Name([{ CN: [{ utf8String: "mx.exämple.com" }] }]) },
  { label: "BMPString CN", subject: new x509.Name([{ CN: [{ bmpString: "mx.example.com" }] }]) },
  { label: "no names at all", subject: "O=Example" },
  { label: "two subjectAltName extensions", subject: "CN=mx.example.com", san: dns("mx.example.com"), secondSan: dns("other.example.com") },
];

const REFERENCES = [
  "mx.example.com",
  "other.example.com",
  "a.b.example.com",
  "example.com",
  "com",
  "mx1.example.com",
  "mx39.example.org",
  "xn--nxasmq6b.example.com",
  "www.xn--bcher-kva.example",
  "xn--ab.example.com",
  "*.example.com",
  "mx-1.example.com",
  "-mx.example.com",
  "mx_1.example.com",
  "mx.ex-ample.com",
  "mx.exämple.com",
  "ignored.example.net",
  "192.0.2.1",
];

let certs: { spec: Spec; der: Uint8Array }[];

beforeAll(async () => {
  const keys = await makeKeys("EC");
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  certs = [];
  let serial = 1;
  for (const spec of SPECS) {
    const extensions: x509.Extension[] = [];
    if (spec.san) extensions.push(new x509.SubjectAlternativeNameExtension(spec.san));
    if (spec.secondSan) extensions.push(new x509.SubjectAlternativeNameExtension(spec.secondSan));
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: (serial++).toString(16).padStart(2, "0"),
      name: spec.subject,
      notBefore: new Date("2026-01-01T00:00:00Z"),
      notAfter: new Date("2027-01-01T00:00:00Z"),
      signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
      keys,
      extensions,
    });
    certs.push({ spec, der: new Uint8Array(cert.rawData) });
  }
}, 60_000);

describe("host-name matching reads as OpenSSL's X509_check_host", () => {
  it.each(SPECS.map((s) => s.label))("%s", (label) => {
    const made = certs.find((c) => c.spec.label === label);
    if (!made) throw new Error(`no certificate for ${label}`);
    const parsed = parseCert(made.der, 0);
    if (!parsed) throw new Error(`the DER reader cannot read ${label}`);
    const openssl = new X509Certificate(made.der);
    const ours = REFERENCES.map((ref) => [ref, certificateNamesHost(parsed, ref)]);
    const theirs = REFERENCES.map((ref) => [ref, openssl.checkHost(ref, CHECK_HOST) !== undefined]);
    expect(ours).toEqual(theirs);
  });

  it("has cases that match and cases that do not, so agreement is not agreement on 'no'", () => {
    const verdicts = certs.flatMap(({ der }) => {
      const parsed = parseCert(der, 0);
      return parsed ? REFERENCES.map((ref) => certificateNamesHost(parsed, ref)) : [];
    });
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(15);
    expect(verdicts.filter((v) => !v).length).toBeGreaterThan(100);
  });
});
