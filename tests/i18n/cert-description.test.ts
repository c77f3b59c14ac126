// How a finding names a certificate: lib/dane describeCert writes lib/report/cert-description.ts's
// machine form into a param, and render.ts words it per language (cert.described): the reader's
// quotes, and its words for an empty subject. Findings come from the real matcher over certificates
// built here; runs stored when the core wrote "(empty subject)" in English read the same.
import { beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { matchDane, type TlsaRecord } from "../../lib/dane";
import { certDescription, parseCertChain, parseCertDescription } from "../../lib/report/cert-description";
import { renderFinding, renderMessage, type FindingInput, type Locale } from "../../lib/report/i18n/render";
import { makeCert, makeKeys, spkiOf, type Issued } from "../dane/pki";

const now = new Date("2026-11-28T12:00:00Z");
const said = (locale: Locale, f: FindingInput) => renderFinding(locale, f).message;
const fingerprint = (cert: Issued) => createHash("sha256").update(cert.der).digest("hex").slice(0, 16);

function spkiRecord(usage: number, cert: Issued): TlsaRecord {
  return { usage, selector: 1, matchingType: 1, data: new Uint8Array(createHash("sha256").update(spkiOf(cert)).digest()) };
}

let root: Issued;
let anonymous: Issued;
let named: Issued;

beforeAll(async () => {
  root = await makeCert({ name: "CN=Root, O=Quote \\\"Co\\\"", keys: await makeKeys("EC"), ca: true });
  // An empty subject, as DANE-EE servers use (RFC 7671 §5.1: the names are not checked).
  anonymous = await makeCert({ name: "", keys: await makeKeys("EC"), issuer: root });
  named = await makeCert({ name: "CN=mx.example.com", keys: await makeKeys("EC"), issuer: root, dnsNames: ["mx.example.com"] });
}, 60_000);

function mismatch(leaf: Issued): FindingInput {
  const result = matchDane({ records: [{ ...spkiRecord(3, root), data: new Uint8Array(32) }], chainDer: [leaf.der, root.der], names: ["mx.example.com"], now });
  const f = result.failure;
  if (!f) throw new Error(`expected a failure, got ${result.outcome}`);
  expect(f.code).toBe("DANE_TLSA_MISMATCH");
  return f;
}

describe("a certificate in a finding (cert.described)", () => {
  it("words an empty subject in the reader's language, not as empty quotes", () => {
    const f = mismatch(anonymous);
    expect(f.params["leaf"]).toBe(`"" (SHA-256 ${fingerprint(anonymous)}…)`);
    expect(said("en", f)).toContain(`the server presented (empty subject) (SHA-256 ${fingerprint(anonymous)}…), for which`);
    expect(said("pt-PT", f)).toContain(`o servidor apresentou (titular vazio) (SHA-256 ${fingerprint(anonymous)}…), para o qual`);
  });

  it("quotes a subject with the reader's quotes", () => {
    const f = mismatch(named);
    expect(said("en", f)).toContain(`the server presented "CN=mx.example.com" (SHA-256 ${fingerprint(named)}…), for which`);
    expect(said("pt-PT", f)).toContain(`o servidor apresentou «CN=mx.example.com» (SHA-256 ${fingerprint(named)}…), para o qual`);
  });

  it("words each certificate of the chain as sent, an unreadable one as ?", () => {
    const result = matchDane({ records: [{ ...spkiRecord(2, root), data: new Uint8Array(32) }], chainDer: [anonymous.der, new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]), root.der], names: ["mx.example.com"], now });
    const f = result.failure;
    if (!f) throw new Error(`expected a failure, got ${result.outcome}`);
    expect(f.code).toBe("DANE_TA_NOT_IN_CHAIN");
    const [a, r] = [fingerprint(anonymous), fingerprint(root)];
    expect(said("en", f)).toContain(`the server sent: (empty subject) (SHA-256 ${a}…) → ? → "CN=Root, O=Quote \\"Co\\"" (SHA-256 ${r}…) (the certificate at position 1`);
    expect(said("pt-PT", f)).toContain(`o servidor enviou: (titular vazio) (SHA-256 ${a}…) → ? → «CN=Root, O=Quote \\"Co\\"» (SHA-256 ${r}…) (não é possível`);
  });

  it("reads a run stored with the English '(empty subject)' as an empty subject", () => {
    const stored = { code: "DANE_TA_NOT_IN_CHAIN", params: { records: "2 1 1 ab", chainSent: '"(empty subject)" (SHA-256 0123456789abcdef…) → "CN=CA" (SHA-256 fedcba9876543210…)', unparseableCount: 0, unparseable: "" } };
    expect(said("en", stored)).toContain("sent: (empty subject) (SHA-256 0123456789abcdef…) → \"CN=CA\" (SHA-256 fedcba9876543210…).");
    expect(said("pt-PT", stored)).toContain("enviou: (titular vazio) (SHA-256 0123456789abcdef…) → «CN=CA» (SHA-256 fedcba9876543210…).");
    const expired = { code: "CERT_EXPIRED", params: { cert: '"(empty subject)" (SHA-256 0123456789abcdef…)', notAfter: "2026-01-01T00:00:00.000Z", days: 3 } };
    expect(said("pt-PT", expired)).toContain("(titular vazio) (SHA-256 0123456789abcdef…)");
  });

  it("words an empty subject in the certificate step's summary too (its {subject} is the bare RFC 4514 text)", () => {
    const summary = (subject: string) => ({ key: "certificate.summary", params: { subject, trusted: "no", path: "", nameMatches: "no", validity: "valid", days: 30 } });
    expect(renderMessage("en", summary(""))).toMatch(/^\(empty subject\): not trusted/);
    expect(renderMessage("pt-PT", summary(""))).toMatch(/^\(titular vazio\): não é de confiança/);
    expect(renderMessage("pt-PT", summary("CN=mx-1.example.com"))).toMatch(/^CN=mx-1\.example\.com: não é de confiança/);
  });

  it("words the TLS step's chain lines the same way", () => {
    const line = (cert: string) => ({ key: "smtp.chainCert", params: { index: 0, cert, sha256: "ab".repeat(32), spki: "cd".repeat(32) } });
    expect(renderMessage("en", line(certDescription("", "ab".repeat(32))))).toBe(`[0] (empty subject) (SHA-256 ${"ab".repeat(8)}…); SHA-256 ${"ab".repeat(32)}; SPKI SHA-256 ${"cd".repeat(32)}`);
    expect(renderMessage("pt-PT", line(certDescription("CN=mx", "ab".repeat(32))))).toBe(`[0] «CN=mx» (SHA-256 ${"ab".repeat(8)}…); SHA-256 ${"ab".repeat(32)}; SPKI SHA-256 ${"cd".repeat(32)}`);
  });

  it("shows a param that is not wholly the machine form as written", () => {
    const f = { code: "CERT_SELF_SIGNED", params: { cert: 'see "CN=x" (SHA-256 0123456789abcdef…)' } };
    expect(said("pt-PT", f)).toContain('see "CN=x" (SHA-256 0123456789abcdef…)');
  });
});

describe("the machine form (lib/report/cert-description.ts)", () => {
  it("reads back what it writes, escaped quotes and arrows inside a subject included", () => {
    const subject = 'CN=a \\"→\\" b, O=x → y';
    const one = certDescription(subject, "ab".repeat(32));
    expect(parseCertDescription(one)).toEqual({ subject, fingerprint: "ab".repeat(8) });
    expect(parseCertChain(`${one} → ? → ${certDescription("", "cd".repeat(32))}`)).toEqual([{ subject, fingerprint: "ab".repeat(8) }, null, { subject: "", fingerprint: "cd".repeat(8) }]);
  });

  it("refuses what is not the form: a bare subject, a short fingerprint, a dangling separator", () => {
    expect(parseCertDescription("CN=x")).toBeNull();
    expect(parseCertDescription('"CN=x" (SHA-256 0123…)')).toBeNull();
    expect(parseCertDescription('"CN=x" (SHA-256 0123456789abcdef…) and more')).toBeNull();
    expect(parseCertChain('"CN=x" (SHA-256 0123456789abcdef…) → ')).toBeNull();
    expect(parseCertChain('"CN=x" (SHA-256 0123456789abcdef…) and "CN=y" (SHA-256 0123456789abcdef…)')).toBeNull();
  });
});
