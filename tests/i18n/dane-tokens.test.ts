// lib/dane names a trust anchor, a certificate's names, the reference names, the chain as sent and
// a certificate's signature algorithm with tokens (issue 10); lib/report/i18n/render.ts words them
// in the reader's language. Findings come from the real matcher and certificate check over
// certificates built here; a run stored before the tokens carries the English phrase and shows it
// as it was written.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeCertificate, matchDane, type DaneMatchInput, type TlsaRecord } from "../../lib/dane";
import { renderFinding, renderMessage, type FindingInput, type Locale } from "../../lib/report/i18n/render";
import { makeCert, makeKeys, makePki, spkiOf, type Issued, type Pki } from "../dane/pki";

const now = new Date("2026-11-28T12:00:00Z");

function record(usage: number, selector: number, matchingType: number, cert: Issued): TlsaRecord {
  const selected = selector === 0 ? cert.der : spkiOf(cert);
  const data = matchingType === 0 ? selected : createHash("sha256").update(selected).digest();
  return { usage, selector, matchingType, data: new Uint8Array(data) };
}

function failure(records: TlsaRecord[], chainDer: Uint8Array[], names: string[] = ["mx.example.com"]) {
  const input: DaneMatchInput = { records, chainDer, names, now };
  const result = matchDane(input);
  if (!result.failure) throw new Error(`expected a failure, got ${result.outcome}`);
  return result.failure;
}

const said = (locale: Locale, f: FindingInput) => renderFinding(locale, f).message;

/** English words the Portuguese rendering of these findings must not fall back to. */
const ENGLISH = /\b(the|in the record|carried|no host name|or|given|unparseable|cannot be parsed)\b/;

let other: Pki;
let nameless: Pki;

beforeAll(async () => {
  other = await makePki("EC", { name: "CN=other.example.net", dnsNames: ["other.example.net"] });
  // No subjectAltName and no CN: the certificate names no host at all.
  nameless = await makePki("EC", { name: "O=Nameless Org", dnsNames: undefined });
}, 60_000);

describe("the trust anchor of a DANE-TA finding ({anchor})", () => {
  it("names the record's own key, in English and in Portuguese", () => {
    const { root, intermediate, leaf } = other;
    const f = failure([record(2, 1, 0, root)], [leaf.der, intermediate.der]);
    expect(f.code).toBe("DANE_TA_NAME_MISMATCH");
    expect(f.params).toMatchObject({ anchorSource: "dns-key" });
    expect(f.params).not.toHaveProperty("anchor");
    expect(said("en", f)).toMatch(/matches the trust anchor the public key in the record \(SPKI SHA-256 [0-9a-f]{16}…\), but/);
    expect(said("pt-PT", f)).toMatch(/corresponde à âncora de confiança a chave pública contida no registo \(SPKI SHA-256 [0-9a-f]{16}…\), mas/);
  });

  it("names a certificate carried in the record", () => {
    const { intermediate, leaf } = other;
    const f = failure([record(2, 0, 0, intermediate)], [leaf.der]);
    expect(f.params).toMatchObject({ anchorSource: "dns-certificate" });
    expect(said("en", f)).toContain('"CN=Test Issuing CA EC" (SHA-256 ');
    expect(said("en", f)).toContain("…) carried in the record, but");
    expect(said("pt-PT", f)).toContain("…) contido no registo, mas");
    expect(said("pt-PT", f)).not.toMatch(ENGLISH);
  });

  it("names a certificate the server sent as itself, and words the step's note from the same tokens", () => {
    const { root, intermediate, leaf } = other;
    const result = matchDane({ records: [record(2, 1, 1, intermediate)], chainDer: [leaf.der, intermediate.der, root.der], names: ["other.example.net"], now });
    expect(result.outcome).toBe("pass");
    const note = result.perRecord[0]?.note;
    if (!note) throw new Error("no note");
    expect(note.params).toMatchObject({ anchorSource: "chain" });
    expect(renderMessage("en", note)).toMatch(/^DANE-TA: "CN=Test Issuing CA EC" \(SHA-256 [0-9a-f]{16}…\) issues the server certificate/);
    expect(renderMessage("pt-PT", note)).toMatch(/^DANE-TA: «CN=Test Issuing CA EC» \(SHA-256 [0-9a-f]{16}…\) emite o certificado do servidor/);
  });

  it("words {anchor} before DANE_TA_CHAIN_BROKEN's {reason} reads it", () => {
    const f = { code: "DANE_TA_CHAIN_BROKEN", params: { record: "2 0 0 ab", anchorSource: "dns-certificate", anchorCert: "«CN=Leaf»", leaf: "«mx»", broken: "anchor-not-ca" } };
    expect(said("pt-PT", f)).toContain("não é válida: «CN=Leaf» contido no registo não é um certificado de AC");
  });
});

describe("a certificate's names and the reference names ({certNames}, {names})", () => {
  it("joins two reference names with the reader's 'or'", () => {
    const { root, intermediate, leaf } = other;
    const f = failure([record(2, 1, 1, intermediate)], [leaf.der, intermediate.der, root.der], ["mx.example.com", "mx.example.org"]);
    expect(said("en", f)).toContain("is issued for other.example.net, which does not cover mx.example.com or mx.example.org.");
    expect(said("pt-PT", f)).toContain("foi emitido para other.example.net, que não abrange mx.example.com ou mx.example.org.");
  });

  it("says when no reference name was given, and when the certificate names no host", () => {
    const { root, intermediate, leaf } = nameless;
    const f = failure([record(2, 1, 1, intermediate)], [leaf.der, intermediate.der, root.der], []);
    expect(f.params).toMatchObject({ certNameList: "", referenceCount: 0 });
    expect(said("en", f)).toContain("is issued for no host name at all, which does not cover (no reference name given).");
    expect(said("pt-PT", f)).toContain("foi emitido para (nenhum nome de anfitrião), que não abrange (nenhum nome de referência indicado).");
  });

  it("words DANE_EE_NAME_MISMATCH and CERT_NAME_MISMATCH from the same tokens", () => {
    const { root, intermediate, leaf } = nameless;
    const ee = matchDane({ records: [record(3, 1, 1, leaf)], chainDer: [leaf.der, intermediate.der], names: ["mx.example.com"], now }).warnings[0];
    if (!ee) throw new Error("no warning");
    expect(ee.code).toBe("DANE_EE_NAME_MISMATCH");
    expect(said("pt-PT", ee)).toContain("emitido para (nenhum nome de anfitrião), que não abrange mx.example.com.");
    const cert = analyzeCertificate({ chainDer: [leaf.der, intermediate.der], hostName: "mx.example.com", now, roots: [root.pem] });
    const mismatch = cert.problems.find((p) => p.code === "CERT_NAME_MISMATCH");
    if (!mismatch) throw new Error("no CERT_NAME_MISMATCH");
    expect(said("en", mismatch)).toContain("is issued for no host name at all, which does not cover the MX host mx.example.com.");
    expect(said("pt-PT", mismatch)).toContain("foi emitido para (nenhum nome de anfitrião), que não abrange o anfitrião MX mx.example.com.");
  });
});

describe("the chain as sent ({chain} of DANE_TA_NOT_IN_CHAIN)", () => {
  it("shows an unparseable certificate as ? and names its position in the reader's language", async () => {
    const { root, leaf } = other;
    const stranger = await makeCert({ name: "CN=Stranger CA", keys: await makeKeys("EC"), ca: true });
    const f = failure([record(2, 1, 1, stranger)], [leaf.der, new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]), root.der]);
    expect(f.code).toBe("DANE_TA_NOT_IN_CHAIN");
    expect(f.params).toMatchObject({ unparseableCount: 1, unparseable: "1" });
    expect(said("en", f)).toMatch(/the server sent: "CN=other\.example\.net" \(SHA-256 [0-9a-f]{16}…\) → \? → "CN=Test Root EC" \(SHA-256 [0-9a-f]{16}…\) \(the certificate at position 1 cannot be parsed\)\.$/);
    expect(said("pt-PT", f)).toMatch(/o servidor enviou: .* → \? → .* \(não é possível interpretar o certificado na posição 1\)\.$/);
  });

  it("adds nothing when every certificate sent was read", () => {
    const { intermediate, leaf } = other;
    const f = failure([record(2, 1, 1, other.root)], [leaf.der, intermediate.der]);
    expect(f.code).toBe("DANE_TA_NOT_IN_CHAIN");
    expect(said("pt-PT", f)).toMatch(/o servidor enviou: «CN=other\.example\.net» \(SHA-256 [0-9a-f]{16}…\) → «CN=Test Issuing CA EC» \(SHA-256 [0-9a-f]{16}…\)\.$/);
  });
});

describe("a certificate's signature algorithm (certificate.key's {signature}, CERT_SHA1_SIGNATURE's {algorithm})", () => {
  it("names the scheme as written and the hash with the reader's 'with'", async () => {
    const keys = await makeKeys("RSA", { hash: "SHA-1" });
    const issuer = await makeCert({ name: "CN=SHA1 CA", keys, ca: true, hash: "SHA-1" });
    const leaf = await makeCert({ name: "CN=mx.example.com", keys: await makeKeys("RSA", { hash: "SHA-1" }), issuer, dnsNames: ["mx.example.com"], hash: "SHA-1" });
    const r = analyzeCertificate({ chainDer: [leaf.der, issuer.der], hostName: "mx.example.com", now, roots: [issuer.pem] });
    const sha1 = r.problems.find((p) => p.code === "CERT_SHA1_SIGNATURE");
    if (!sha1 || !r.readable) throw new Error("no CERT_SHA1_SIGNATURE");
    expect(said("en", sha1)).toMatch(/is signed with SHA-1 \(RSA PKCS#1 v1\.5 with SHA-1\)\.$/);
    expect(said("pt-PT", sha1)).toMatch(/está assinado com SHA-1 \(RSA PKCS#1 v1\.5 com SHA-1\)\.$/);
    const line = { key: "certificate.key", params: { keyType: r.keyType, keySize: r.keySize ?? 0, curve: r.curve ?? "", ...r.signature } };
    expect(renderMessage("en", line)).toBe("    Key: RSA 2048 bits; signature: RSA PKCS#1 v1.5 with SHA-1");
    expect(renderMessage("pt-PT", line)).toBe("    Chave: RSA 2048 bits; assinatura: RSA PKCS#1 v1.5 com SHA-1");
  });

  it("words a scheme without a hash of its own, and one it does not know", () => {
    const line = (signature: Record<string, string>, keyType = "Ed25519") => ({ key: "certificate.key", params: { keyType, keySize: 256, curve: "", ...signature } });
    expect(renderMessage("pt-PT", line({ signatureScheme: "ed25519", signatureHash: "", signatureOid: "1.3.101.112" }))).toBe("    Chave: Ed25519 256 bits; assinatura: Ed25519");
    expect(renderMessage("pt-PT", line({ signatureScheme: "unknown", signatureHash: "", signatureOid: "1.2.3.4" }, "unknown"))).toBe("    Chave: desconhecida 256 bits; assinatura: desconhecido (1.2.3.4)");
    expect(renderMessage("en", line({ signatureScheme: "rsa-pss", signatureHash: "SHA-384", signatureOid: "1.2.840.113549.1.1.10" }, "RSA-PSS"))).toBe("    Key: RSA-PSS 256 bits; signature: RSA-PSS with SHA-384");
  });
});

describe("runs stored before the tokens", () => {
  it("show the English phrases as they were written, in either language", () => {
    const anchor = { code: "DANE_TA_CERT_EXPIRED", params: { record: "2 1 0 ab", anchor: "the public key in the record (SPKI SHA-256 0123456789abcdef…)", cert: "«mx»", notAfter: "2026-01-01T00:00:00Z" } };
    expect(said("pt-PT", anchor)).toContain("corresponde à âncora de confiança the public key in the record (SPKI SHA-256 0123456789abcdef…), mas");
    const names = { code: "DANE_TA_NAME_MISMATCH", params: { record: "2 1 1 ab", anchor: "«CA»", leaf: "«mx»", certNames: "no host name at all", names: "a.example or b.example" } };
    expect(said("pt-PT", names)).toContain("foi emitido para no host name at all, que não abrange a.example or b.example.");
    const chain = { code: "DANE_TA_NOT_IN_CHAIN", params: { records: '"2 1 1 ab"', chain: "«mx» → (unparseable certificate at position 1)" } };
    expect(said("pt-PT", chain)).toContain("o servidor enviou: «mx» → (unparseable certificate at position 1).");
    const cert = { code: "CERT_NAME_MISMATCH", params: { cert: "«mx»", certNames: "no host name at all", host: "mx.example.com" } };
    expect(said("en", cert)).toBe("The server certificate «mx» is issued for no host name at all, which does not cover the MX host mx.example.com.");
    const note = { key: "tlsaRecord.taOk", params: { anchor: '"CN=CA" (SHA-256 ab…) carried in the record', name: "mx.example.com" } };
    expect(renderMessage("pt-PT", note)).toBe('DANE-TA: "CN=CA" (SHA-256 ab…) carried in the record emite o certificado do servidor, que está dentro da validade e é válido para mx.example.com');
    const sha1 = { code: "CERT_SHA1_SIGNATURE", params: { cert: "«mx»", algorithm: "ECDSA with SHA-1" } };
    expect(said("pt-PT", sha1)).toBe("O certificado «mx» está assinado com SHA-1 (ECDSA with SHA-1).");
    const key = { key: "certificate.key", params: { keyType: "EC", keySize: 256, curve: "P-256", signature: "ECDSA with SHA-256" } };
    expect(renderMessage("pt-PT", key)).toBe("    Chave: EC 256 bits P-256; assinatura: ECDSA with SHA-256");
  });
});
