// What lib/dane reads from a certificate's bytes instead of asking OpenSSL to parse it — the key's
// type, size and curve (cert-key.ts), whether basicConstraints can make it a CA (cert-der.ts
// mayBeCa), the SPKI and certificate digests — held to the real openssl binary on certificates it
// makes here, and to node:crypto (OpenSSL) over the OpenSSL DANE vectors, the lab PKI and node's
// root store.
import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCert } from "../../lib/dane/cert";
import { readKeyInfo } from "../../lib/dane/cert-key";
import { readCertFields } from "../../lib/dane/cert-der";
import { forgetCertificates } from "../../lib/dane/cert-memo";
import { certificateCorpus } from "./corpus";

const derOf = (pem: string) => new Uint8Array(new X509Certificate(pem).raw);
const corpus = certificateCorpus();

function openssl(args: string[], input?: string | Buffer): Buffer {
  return execFileSync("openssl", args, { input, stdio: ["pipe", "pipe", "pipe"] });
}

// A configuration without the default extensions of openssl.cnf (v3_ca adds CA:TRUE): each
// certificate has exactly the extensions a case gives.
const CONFIG = path.join(mkdtempSync(path.join(os.tmpdir(), "cert-key-")), "req.cnf");
writeFileSync(CONFIG, "[req]\ndistinguished_name = dn\n[dn]\n");

/** A self-signed certificate from the openssl binary: `keyArgs` choose the key, `ext` the extensions. */
function opensslCert(keyArgs: string[], ext: string[] = []): string {
  const args = ["req", "-config", CONFIG, "-x509", "-nodes", "-keyout", "/dev/null", "-subj", "/CN=mx.example.com", "-days", "1", ...keyArgs];
  return openssl([...args, ...ext.flatMap((e) => ["-addext", e])]).toString("latin1");
}

/** What `openssl x509 -text` says of the key: its bit count and, for EC, the curve. */
function opensslKeyText(pem: string): { bits: number; curve: string | null } {
  const text = openssl(["x509", "-noout", "-text"], pem).toString("utf8");
  const bits = /Public-Key: \((\d+) bit\)/.exec(text)?.[1];
  return { bits: Number(bits), curve: /ASN1 OID: (\S+)/.exec(text)?.[1] ?? null };
}

const KEYS: { label: string; args: string[]; type: string }[] = [
  { label: "RSA 1024", args: ["-newkey", "rsa:1024"], type: "rsa" },
  { label: "RSA 2048", args: ["-newkey", "rsa:2048"], type: "rsa" },
  { label: "RSA 3072", args: ["-newkey", "rsa:3072"], type: "rsa" },
  { label: "RSA-PSS 2048", args: ["-newkey", "rsa-pss", "-pkeyopt", "rsa_keygen_bits:2048"], type: "rsa-pss" },
  ...["prime256v1", "secp384r1", "secp521r1", "secp256k1", "brainpoolP256r1", "brainpoolP384r1"].map((curve) => ({
    label: `EC ${curve}`,
    args: ["-newkey", "ec", "-pkeyopt", `ec_paramgen_curve:${curve}`],
    type: "ec",
  })),
  { label: "Ed25519", args: ["-newkey", "ed25519"], type: "ed25519" },
  { label: "Ed448", args: ["-newkey", "ed448"], type: "ed448" },
];

describe("the key from the SPKI bytes, against the openssl binary", () => {
  it.each(KEYS.map((k) => [k.label, k] as const))("%s", (_label, { args, type }) => {
    const pem = opensslCert(args);
    const info = readKeyInfo(readCertFields(derOf(pem)).spki);
    const said = opensslKeyText(pem);
    expect(info?.type).toBe(type);
    if (type === "rsa" || type === "rsa-pss") expect(info?.modulusBits).toBe(said.bits);
    else expect(info?.modulusBits).toBeNull();
    expect(info?.namedCurve ?? null).toBe(type === "ec" ? said.curve : null);
  });

  it("leaves what it does not know to OpenSSL: an unknown key algorithm, explicit curve parameters", () => {
    const fields = readCertFields(derOf(opensslCert(["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-pkeyopt", "ec_param_enc:explicit"])));
    expect(readKeyInfo(fields.spki)).toBeNull();
    expect(readKeyInfo(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00))).toBeNull();
  });
});

describe("the key from the SPKI bytes, against node:crypto over real certificates", () => {
  it.each(corpus.map((c) => [c.source, c.pem] as const))("%s", (_source, pem) => {
    const key = new X509Certificate(pem).publicKey;
    const info = readKeyInfo(readCertFields(derOf(pem)).spki);
    // Every certificate here has an RSA, EC (named curve) or EdDSA key: none is left to OpenSSL.
    expect(info).not.toBeNull();
    expect(info?.type).toBe(key.asymmetricKeyType);
    expect(info?.modulusBits ?? undefined).toBe(key.asymmetricKeyDetails?.modulusLength);
    expect(info?.namedCurve ?? undefined).toBe(key.asymmetricKeyDetails?.namedCurve);
  });
});

describe("a certificate that basicConstraints make no CA needs no OpenSSL parse to say so", () => {
  const variants: [string, string[], boolean][] = [
    ["no basicConstraints", [], false],
    ["CA:FALSE", ["basicConstraints=critical,CA:FALSE"], false],
    ["CA:TRUE", ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign"], true],
    ["CA:TRUE, pathlen:0", ["basicConstraints=CA:TRUE,pathlen:0"], true],
    ["CA:TRUE but keyUsage without keyCertSign", ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,digitalSignature"], false],
  ];
  it.each(variants)("%s", (_label, ext, ca) => {
    const pem = opensslCert(["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"], ext);
    const text = openssl(["x509", "-noout", "-ext", "basicConstraints"], pem).toString("utf8");
    expect(/CA:TRUE/.test(text)).toBe(ext.some((e) => e.includes("CA:TRUE")));
    const fields = readCertFields(derOf(pem));
    expect(fields.mayBeCa).toBe(ext.some((e) => e.includes("CA:TRUE")));
    forgetCertificates();
    expect(parseCert(derOf(pem), 0)?.isCa).toBe(ca);
    expect(new X509Certificate(pem).ca).toBe(ca);
  });

  it("never says no CA where OpenSSL says CA, over real certificates", () => {
    const cas = corpus.filter(({ pem }) => new X509Certificate(pem).ca);
    expect(cas.length).toBeGreaterThan(100);
    for (const { pem } of cas) expect(readCertFields(derOf(pem)).mayBeCa).toBe(true);
    const lab = corpus.find((c) => c.source === "lab/good.cert.pem")?.pem ?? "";
    expect(readCertFields(derOf(lab)).mayBeCa).toBe(false);
  });
});

describe("digests of exact DER slices, against the openssl binary", () => {
  it.each(corpus.filter((c) => !c.source.startsWith("node root store")).map((c) => [c.source, c.pem] as const))("%s", (_source, pem) => {
    forgetCertificates();
    const cert = parseCert(derOf(pem), 0);
    const sha256 = (input: Buffer) => /= ([0-9a-f]{64})/.exec(openssl(["dgst", "-sha256"], input).toString("utf8"))?.[1];
    const spkiDer = openssl(["pkey", "-pubin", "-outform", "DER"], openssl(["x509", "-noout", "-pubkey"], pem));
    expect(cert?.spkiSha256).toBe(sha256(spkiDer));
    expect(cert?.sha256).toBe(sha256(openssl(["x509", "-outform", "DER"], pem)));
  });
});
