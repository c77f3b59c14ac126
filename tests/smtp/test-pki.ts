// Certificates made in-process for the SMTP tests (a root, an intermediate, a leaf), so the
// suite needs no committed key material. Test-only: ECDSA P-256, one day of validity.
import * as x509 from "../../lib/x509";

const EC = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGN = { name: "ECDSA", hash: "SHA-256" } as const;
// The global WebCrypto (Node 20 has it) is typed as the DOM Crypto that @peculiar/x509 expects.
const webcrypto = globalThis.crypto;

export interface TestPki {
  root: x509.X509Certificate;
  intermediate: x509.X509Certificate;
  leaf: x509.X509Certificate;
  /** What the server is configured with: its key, and leaf + intermediate (never the root). */
  keyPem: string;
  chainPem: string;
}

async function keys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(EC, true, ["sign", "verify"]);
}

function window(): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return { notBefore: new Date(now - 3600_000), notAfter: new Date(now + 86_400_000) };
}

async function caExtensions(pub: CryptoKey, issuerPub: CryptoKey): Promise<x509.Extension[]> {
  return [
    new x509.BasicConstraintsExtension(true, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(pub, false, webcrypto),
    await x509.AuthorityKeyIdentifierExtension.create(issuerPub, false, webcrypto),
  ];
}

export async function makeTestPki(hostName: string): Promise<TestPki> {
  const rootKeys = await keys();
  const interKeys = await keys();
  const leafKeys = await keys();
  const root = await x509.X509CertificateGenerator.createSelfSigned(
    { name: "CN=mailsec test root", keys: rootKeys, signingAlgorithm: SIGN, ...window(),
      extensions: await caExtensions(rootKeys.publicKey, rootKeys.publicKey) },
    webcrypto,
  );
  const intermediate = await x509.X509CertificateGenerator.create(
    { subject: "CN=mailsec test intermediate", issuer: root.subject, publicKey: interKeys.publicKey,
      signingKey: rootKeys.privateKey, signingAlgorithm: SIGN, ...window(),
      extensions: await caExtensions(interKeys.publicKey, rootKeys.publicKey) },
    webcrypto,
  );
  const leaf = await x509.X509CertificateGenerator.create(
    { subject: `CN=${hostName}`, issuer: intermediate.subject, publicKey: leafKeys.publicKey,
      signingKey: interKeys.privateKey, signingAlgorithm: SIGN, ...window(),
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.SubjectAlternativeNameExtension([{ type: "dns", value: hostName }]),
        await x509.AuthorityKeyIdentifierExtension.create(interKeys.publicKey, false, webcrypto),
      ] },
    webcrypto,
  );
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", leafKeys.privateKey);
  return {
    root,
    intermediate,
    leaf,
    keyPem: x509.PemConverter.encode(pkcs8, "PRIVATE KEY"),
    chainPem: `${leaf.toString("pem")}\n${intermediate.toString("pem")}\n`,
  };
}
