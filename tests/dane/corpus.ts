// Certificates neither we nor the libraries under test made for the occasion: the OpenSSL DANE
// vectors, the lab PKI (made by openssl, scripts/lab/make-pki.sh) and the root store node ships.
// Each as PEM and DER, once (the vectors repeat some).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { rootCertificates } from "node:tls";

const VECTORS = path.join(import.meta.dirname, "../vectors/openssl-dane");
const LAB_PKI = path.join(import.meta.dirname, "../../lib/lab/pki");

export interface CorpusCert {
  source: string;
  pem: string;
  der: Uint8Array;
}

function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
}

function derOf(pem: string): Uint8Array {
  return new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ""), "base64"));
}

export function certificateCorpus(): CorpusCert[] {
  const all = [
    ...readdirSync(VECTORS)
      .filter((f) => f.endsWith(".pem") || f.endsWith(".in"))
      .flatMap((f) => pemBlocks(readFileSync(path.join(VECTORS, f), "utf8")).map((pem, i) => ({ source: `openssl-dane/${f}#${i}`, pem }))),
    ...readdirSync(LAB_PKI)
      .filter((f) => f.endsWith(".cert.pem"))
      .flatMap((f) => pemBlocks(readFileSync(path.join(LAB_PKI, f), "utf8")).slice(0, 1).map((pem) => ({ source: `lab/${f}`, pem }))),
    ...rootCertificates.map((pem, i) => ({ source: `node root store #${i}`, pem })),
  ].map((c) => ({ ...c, der: derOf(c.pem) }));
  return [...new Map(all.map((c) => [Buffer.from(c.der).toString("base64"), c])).values()];
}
