// The certificate report of the Inbound SMTP Email test, against chains built for the purpose.
import { rootCertificates } from "node:tls";
import { beforeAll, describe, expect, it } from "vitest";
import { said } from "../helpers/english";
import { analyzeCertificate, certificateSummary, parseChain, type CertificateAnalysis, type CertificateReport } from "../../lib/dane";
import { certificateFindings } from "../../lib/report/findings/certificate";
import { allFindingDefinitions } from "../../lib/report/findings";
import { CertificateSummary } from "../../lib/report/schema";
import { makeCert, makeKeys, makePki, type Issued, type Pki } from "./pki";

const now = new Date("2026-11-28T12:00:00Z");
const host = "mx.example.com";

let ec: Pki;
let rsa: Pki;
beforeAll(async () => {
  ec = await makePki("EC");
  rsa = await makePki("RSA");
}, 60_000);

function analyze(chain: Issued[], options: { roots?: string[]; hostName?: string } = {}): CertificateAnalysis {
  const chainDer = chain.map((c) => c.der);
  const result = analyzeCertificate({ chainDer, hostName: options.hostName ?? host, now, roots: options.roots });
  // The engine hands over the chain it parsed once for every check: the same report as from the DER.
  expect(analyzeCertificate({ chain: parseChain(chainDer), hostName: options.hostName ?? host, now, roots: options.roots })).toEqual(result);
  return result;
}

function report(chain: Issued[], options: { roots?: string[]; hostName?: string } = {}): CertificateReport {
  const result = analyze(chain, options);
  if (!result.readable) throw new Error(`unreadable: ${result.problems.map((p) => p.code).join(", ")}`);
  return result;
}

const codes = (r: CertificateReport) => r.problems.map((p) => p.code);



describe("analyzeCertificate", () => {
  it("trusts a well-formed chain when its root is in the given roots", () => {
    const r = report([ec.leaf, ec.intermediate], { roots: [ec.root.pem] });
    expect(r.webpkiTrusted).toBe(true);
    expect(r.trustPath).toEqual(["CN=mx.example.com", "CN=Test Issuing CA EC", "CN=Test Root EC"]);
    expect(r.chainOrderOk).toBe(true);
    expect(r.nameMatches).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ subject: "CN=mx.example.com", issuer: "CN=Test Issuing CA EC", sans: [host], chainLength: 2, keyType: "EC", curve: "P-256", keySize: 256, signature: { signatureScheme: "ecdsa", signatureHash: "SHA-256", signatureOid: "1.2.840.10045.4.3.2" }, expired: false, selfSigned: false });
    expect(r.daysLeft).toBe(397);
    expect(r.sha256Fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(r.chain.map((c) => c.subject)).toEqual(["CN=mx.example.com", "CN=Test Issuing CA EC"]);
    expect(r.chain[1]?.isCa).toBe(true);
  });

  it("also trusts the chain when the server sends the root itself", () => {
    expect(report([ec.leaf, ec.intermediate, ec.root], { roots: [ec.root.pem] }).webpkiTrusted).toBe(true);
  });

  it("does not trust the test chain against Node's root store", () => {
    const r = report([ec.leaf, ec.intermediate]);
    expect(rootCertificates.length).toBeGreaterThan(50);
    expect(r.webpkiTrusted).toBe(false);
    expect(codes(r)).toEqual(["CERT_UNTRUSTED"]);
    expect(said(r.problems[0])).toContain("CN=Test Root EC");
  });

  it("does not trust the chain against a custom roots list without its root", () => {
    const r = report([ec.leaf, ec.intermediate], { roots: [rsa.root.pem] });
    expect(r.webpkiTrusted).toBe(false);
  });

  it("reports RSA key size and signature", () => {
    const r = report([rsa.leaf, rsa.intermediate], { roots: [rsa.root.pem] });
    expect(r).toMatchObject({ keyType: "RSA", keySize: 2048, curve: null, signature: { signatureScheme: "rsa-pkcs1", signatureHash: "SHA-256", signatureOid: "1.2.840.113549.1.1.11" }, webpkiTrusted: true });
  });

  it("flags an expired certificate with negative days left", async () => {
    const leaf = await makeCert({ name: "CN=mx.example.com", keys: await makeKeys("EC"), issuer: ec.intermediate, dnsNames: [host], notBefore: new Date("2025-01-01Z"), notAfter: new Date("2026-11-01Z") });
    const r = report([leaf, ec.intermediate], { roots: [ec.root.pem] });
    expect(r.expired).toBe(true);
    expect(r.daysLeft).toBe(-28);
    expect(codes(r)).toEqual(["CERT_EXPIRED"]);
    expect(r.problems[0]).toMatchObject({ severity: "error", params: { days: 28 } });
  });

  it("flags a certificate that is not yet valid", async () => {
    const leaf = await makeCert({ name: "CN=mx.example.com", keys: await makeKeys("EC"), issuer: ec.intermediate, dnsNames: [host], notBefore: new Date("2027-01-01Z"), notAfter: new Date("2028-01-01Z") });
    expect(codes(report([leaf, ec.intermediate], { roots: [ec.root.pem] }))).toEqual(["CERT_NOT_YET_VALID"]);
  });

  it("warns when the certificate expires within 30 days", async () => {
    const leaf = await makeCert({ name: "CN=mx.example.com", keys: await makeKeys("EC"), issuer: ec.intermediate, dnsNames: [host], notAfter: new Date("2026-12-10T12:00:00Z") });
    const r = report([leaf, ec.intermediate], { roots: [ec.root.pem] });
    expect(codes(r)).toEqual(["CERT_EXPIRING_SOON"]);
    expect(r.problems[0]).toMatchObject({ severity: "warning", params: { days: 12 } });
  });

  it("flags a self-signed certificate as self-signed and untrusted", async () => {
    const self = await makeCert({ name: "CN=mx.example.com", keys: await makeKeys("EC"), dnsNames: [host] });
    const r = report([self]);
    expect(r.selfSigned).toBe(true);
    expect(codes(r)).toEqual(["CERT_SELF_SIGNED", "CERT_UNTRUSTED"]);
    expect(said(r.problems[1])).toContain("self-signed");
  });

  it("detects a chain sent out of order, yet still finds the trust path", () => {
    const r = report([ec.leaf, ec.root, ec.intermediate], { roots: [ec.root.pem] });
    expect(r.chainOrderOk).toBe(false);
    expect(r.webpkiTrusted).toBe(true);
    expect(codes(r)).toEqual(["CERT_CHAIN_ORDER"]);
    expect(said(r.problems[0])).toContain("position 1");
  });

  it("matches the host name, case-insensitively and with a trailing dot, and flags another", () => {
    expect(report([ec.leaf, ec.intermediate], { roots: [ec.root.pem], hostName: "MX.example.com." }).nameMatches).toBe(true);
    const r = report([ec.leaf, ec.intermediate], { roots: [ec.root.pem], hostName: "mail.example.org" });
    expect(r.nameMatches).toBe(false);
    expect(codes(r)).toEqual(["CERT_NAME_MISMATCH"]);
    expect(said(r.problems[0])).toContain("mail.example.org");
  });

  it("flags a 1024-bit RSA key and a SHA-1 signature", async () => {
    const weakIssuerKeys = await makeKeys("RSA", { hash: "SHA-1" });
    const issuer = await makeCert({ name: "CN=SHA1 CA", keys: weakIssuerKeys, ca: true, hash: "SHA-1" });
    const leaf = await makeCert({ name: "CN=mx.example.com", keys: await makeKeys("RSA", { modulusLength: 1024 }), issuer, dnsNames: [host], hash: "SHA-1" });
    const r = report([leaf, issuer], { roots: [issuer.pem] });
    expect(r.keySize).toBe(1024);
    expect(r.signature).toEqual({ signatureScheme: "rsa-pkcs1", signatureHash: "SHA-1", signatureOid: "1.2.840.113549.1.1.5" });
    expect(codes(r)).toEqual(["CERT_WEAK_KEY", "CERT_SHA1_SIGNATURE"]);
  });

  it("flags an out-of-date intermediate and withholds trust", async () => {
    const stale = await makeCert({ name: "CN=Stale CA", keys: await makeKeys("EC"), issuer: ec.root, ca: true, notAfter: new Date("2026-06-01Z") });
    const leaf = await makeCert({ name: "CN=mx.example.com", keys: await makeKeys("EC"), issuer: stale, dnsNames: [host] });
    const r = report([leaf, stale], { roots: [ec.root.pem] });
    expect(r.webpkiTrusted).toBe(false);
    expect(codes(r)).toEqual(["CERT_INTERMEDIATE_OUT_OF_DATE"]);
  });

  it("returns an unreadable result for an empty chain or a leaf that is not X.509", () => {
    expect(analyzeCertificate({ chainDer: [], hostName: host, now })).toMatchObject({ readable: false, chainLength: 0, problems: [{ code: "CERT_NONE" }] });
    expect(analyzeCertificate({ chainDer: [new Uint8Array([1, 2, 3])], hostName: host, now })).toMatchObject({ readable: false, problems: [{ code: "CERT_UNREADABLE" }] });
    expect(analyzeCertificate({ chain: parseChain([]), hostName: host, now })).toMatchObject({ readable: false, chainLength: 0, problems: [{ code: "CERT_NONE" }] });
  });

  it("summarises into the result document's CertificateSummary", () => {
    const summary = certificateSummary(report([ec.leaf, ec.intermediate], { roots: [ec.root.pem] }));
    expect(CertificateSummary.parse(summary)).toEqual(summary);
    expect(summary).toEqual({ subject: "CN=mx.example.com", sans: [host], notBefore: "2026-01-01T00:00:00.000Z", notAfter: "2027-12-31T00:00:00.000Z", chainLength: 2, webpkiTrusted: true });
  });

  it("every problem code has a catalogue definition with a remediation", () => {
    for (const d of allFindingDefinitions().filter((x) => Object.hasOwn(certificateFindings, x.code))) {
      expect(d.remediation.length).toBeGreaterThan(0);
      expect(d.message).not.toMatch(/\{\s/);
    }
  });
});
