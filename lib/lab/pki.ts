// Loads the lab PKI (lib/lab/pki, TEST KEYS ONLY) for the SMTP servers and the zone builder.
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CertProfile, TlsaSubject } from "./catalog-types";

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
