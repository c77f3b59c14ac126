// Loads the lab PKI (lib/lab/pki, TEST KEYS ONLY) for the SMTP servers and the zone builder.
import { createHash, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CertProfile, TlsaSpec, TlsaSubject } from "./catalog-types";

export const PKI_DIR = fileURLToPath(new URL("./pki/", import.meta.url));

export interface LabCertificate {
  profile: CertProfile;
  keyPem: string;
  /** Leaf first, then the intermediate (none for the self-signed leaf): what the server sends. */
  chainPem: string;
  leafPem: string;
  leafDer: Uint8Array;
  /** DER of every certificate in chainPem, in the same order. */
  chainDer: Uint8Array[];
}

const read = (name: string) => readFileSync(`${PKI_DIR}${name}`, "utf8");
const der = (pem: string) => new Uint8Array(new X509Certificate(pem).raw);

const cache = new Map<CertProfile, LabCertificate>();

export function labCertificate(profile: CertProfile): LabCertificate {
  const cached = cache.get(profile);
  if (cached) return cached;
  const leafPem = read(`${profile}.cert.pem`);
  const chain = profile === "self-signed" ? [leafPem] : [leafPem, read("intermediate.cert.pem")];
  const loaded: LabCertificate = {
    profile,
    keyPem: read(`${profile}.key.pem`),
    chainPem: chain.join(""),
    leafPem,
    leafDer: der(leafPem),
    chainDer: chain.map(der),
  };
  cache.set(profile, loaded);
  return loaded;
}

/** The root CA certificate in PEM (tests that want to check the chain with PKIX). */
export function labRootPem(): string {
  return read("root.cert.pem");
}

/** The certificate a TLSA record of the catalog is computed from. */
export function tlsaSubjectCertificate(subject: TlsaSubject): X509Certificate {
  if (subject === "root") return new X509Certificate(read("root.cert.pem"));
  if (subject === "intermediate") return new X509Certificate(read("intermediate.cert.pem"));
  return new X509Certificate(read(`${subject}.cert.pem`));
}

/**
 * The certificate association data of a catalog TLSA record (RFC 6698 §2.1): selector 0 = the
 * whole certificate, 1 = its SubjectPublicKeyInfo; matching 0 = as is, 1 = SHA-256, 2 = SHA-512.
 * Unknown selectors or matching types (deliberately unusable records) still get well-formed bytes:
 * the SPKI, hashed with SHA-256.
 */
export function tlsaAssociationData(t: TlsaSpec): Uint8Array {
  const cert = tlsaSubjectCertificate(t.of);
  const selected = t.selector === 0 ? cert.raw : cert.publicKey.export({ type: "spki", format: "der" });
  if (t.matchingType === 0) return new Uint8Array(selected);
  return new Uint8Array(
    createHash(t.matchingType === 2 ? "sha512" : "sha256")
      .update(selected)
      .digest(),
  );
}
