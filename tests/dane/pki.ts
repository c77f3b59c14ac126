// Certificates built in-process for the DANE and certificate tests: a root, an intermediate and a
// server certificate, RSA or ECDSA, with whatever names, dates and flags a test needs.
import { webcrypto } from "node:crypto";
import * as x509 from "../../lib/x509";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type KeyKind = "RSA" | "EC";

export interface Issued {
  name: string;
  keys: CryptoKeyPair;
  der: Uint8Array;
  pem: string;
}

const RSA_SHA256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const EC_P256 = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };

export async function makeKeys(kind: KeyKind, options: { modulusLength?: number; hash?: string } = {}): Promise<CryptoKeyPair> {
  const algorithm = kind === "RSA" ? { ...RSA_SHA256, ...options } : EC_P256;
  return (await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
}

export interface CertOptions {
  name: string;
  keys: CryptoKeyPair;
  /** Signs the certificate; absent for self-signed. */
  issuer?: Issued | undefined;
  ca?: boolean;
  dnsNames?: string[];
  notBefore?: Date;
  notAfter?: Date;
  /** Hash for the signature; must match the issuer key's hash for RSA. */
  hash?: string;
}

let serial = 1;

export async function makeCert(options: CertOptions): Promise<Issued> {
  const signer = options.issuer?.keys ?? options.keys;
  const signerAlgorithm = signer.privateKey.algorithm.name;
  const hash = options.hash ?? "SHA-256";
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(options.ca ?? false, undefined, true),
    await x509.SubjectKeyIdentifierExtension.create(options.keys.publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(signer.publicKey),
  ];
  if (options.ca) extensions.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true));
  if (options.dnsNames) extensions.push(new x509.SubjectAlternativeNameExtension(options.dnsNames.map((value) => ({ type: "dns" as const, value }))));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(2, "0"),
    subject: options.name,
    issuer: options.issuer?.name ?? options.name,
    notBefore: options.notBefore ?? new Date("2026-01-01T00:00:00Z"),
    notAfter: options.notAfter ?? new Date("2027-12-31T00:00:00Z"),
    signingAlgorithm: signerAlgorithm === "ECDSA" ? { name: "ECDSA", hash } : { name: signerAlgorithm, hash },
    publicKey: options.keys.publicKey,
    signingKey: signer.privateKey,
    extensions,
  });
  return { name: options.name, keys: options.keys, der: new Uint8Array(cert.rawData), pem: cert.toString("pem") };
}

export interface Pki {
  root: Issued;
  intermediate: Issued;
  leaf: Issued;
}

export async function makePki(kind: KeyKind, leaf: Partial<CertOptions> = {}): Promise<Pki> {
  const root = await makeCert({ name: `CN=Test Root ${kind}`, keys: await makeKeys(kind), ca: true });
  const intermediate = await makeCert({ name: `CN=Test Issuing CA ${kind}`, keys: await makeKeys(kind), issuer: root, ca: true });
  const server = await makeCert({
    name: "CN=mx.example.com",
    keys: await makeKeys(kind),
    issuer: intermediate,
    dnsNames: ["mx.example.com"],
    ...leaf,
  });
  return { root, intermediate, leaf: server };
}

/** The SubjectPublicKeyInfo DER of a certificate. */
export function spkiOf(issued: Issued): Uint8Array {
  return new Uint8Array(new x509.X509Certificate(Buffer.from(issued.der)).publicKey.rawData);
}
