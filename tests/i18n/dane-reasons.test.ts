// lib/dane's reasons reach a finding as tokens (issue 10) and are worded here, in either language;
// a run stored before the tokens carries the English clause and shows it as it was.
import { describe, expect, it } from "vitest";
import { renderFinding } from "../../lib/report/i18n/render";

describe("DANE_TLSA_RECORD_UNUSABLE's reason", () => {
  const tokens = { record: "4 1 1 ab", unusable: "unknown-usage", usage: 4, selector: 1, matchingType: 1, length: 1 };

  it("is worded from the tokens in English and in Portuguese", () => {
    expect(renderFinding("en", { code: "DANE_TLSA_RECORD_UNUSABLE", params: tokens }).message).toBe('Record "4 1 1 ab" is ignored: usage 4 is not defined.');
    expect(renderFinding("pt-PT", { code: "DANE_TLSA_RECORD_UNUSABLE", params: tokens }).message).toBe("O registo «4 1 1 ab» é ignorado: a utilização 4 não está definida.");
    const digest = { ...tokens, unusable: "bad-digest-length", usage: 3 };
    expect(renderFinding("pt-PT", { code: "DANE_TLSA_RECORD_UNUSABLE", params: digest }).message).toContain("comprimento errado (1 octetos)");
  });

  it("shows a stored run's English reason as it was written", () => {
    const legacy = { code: "DANE_TLSA_RECORD_UNUSABLE", params: { record: "4 1 1 ab", reason: "usage 4 is not defined" } };
    expect(renderFinding("en", legacy).message).toBe('Record "4 1 1 ab" is ignored: usage 4 is not defined.');
    expect(renderFinding("pt-PT", legacy).message).toBe("O registo «4 1 1 ab» é ignorado: usage 4 is not defined.");
  });
});

describe("DANE_TA_CHAIN_BROKEN's reason", () => {
  const base = { record: "2 0 1 ab", anchor: "«CA»", leaf: "«mx»" };

  it("is worded from the tokens in English and in Portuguese", () => {
    const params = { ...base, broken: "not-issuer", issuer: "«I»", child: "«mx»" };
    expect(renderFinding("en", { code: "DANE_TA_CHAIN_BROKEN", params }).message).toContain("does not verify: «I», sent after «mx», did not issue it.");
    expect(renderFinding("pt-PT", { code: "DANE_TA_CHAIN_BROKEN", params }).message).toContain("não é válida: «I», enviado depois de «mx», não o emitiu.");
    const at = { ...base, broken: "unparseable", position: 2 };
    expect(renderFinding("pt-PT", { code: "DANE_TA_CHAIN_BROKEN", params: at }).message).toContain("não é possível interpretar o certificado na posição 2");
  });

  it("shows a stored run's English reason as it was written", () => {
    const legacy = { code: "DANE_TA_CHAIN_BROKEN", params: { ...base, reason: "no sequence of signatures leads from the server certificate to it" } };
    expect(renderFinding("pt-PT", legacy).message).toContain("não é válida: no sequence of signatures leads from the server certificate to it.");
  });
});

describe("the WebPKI check's reasons (CERT_UNTRUSTED, CERT_CHAIN_ORDER)", () => {
  it("are worded from the tokens in English and in Portuguese, and a stored run's English shows as it was", () => {
    const untrusted = { code: "CERT_UNTRUSTED", params: { cert: "«mx»", untrusted: "no-path", top: "«I»", topIssuer: "CN=Root" } };
    expect(renderFinding("en", untrusted).message).toContain('the last certificate sent, «I», was issued by "CN=Root"');
    expect(renderFinding("pt-PT", untrusted).message).toContain("o último certificado enviado, «I», foi emitido por «CN=Root»");
    const order = { code: "CERT_CHAIN_ORDER", params: { disorder: "not-issuer", position: 1, issuer: "«X»", child: "«mx»" } };
    expect(renderFinding("en", order).message).toContain("«X» at position 1 did not issue «mx» before it");
    expect(renderFinding("pt-PT", order).message).toContain("«X», na posição 1, não emitiu «mx», que o precede");
    const legacy = { code: "CERT_UNTRUSTED", params: { cert: "«mx»", reason: "the server certificate is self-signed and not in the root store" } };
    expect(renderFinding("pt-PT", legacy).message).toContain("the server certificate is self-signed and not in the root store");
  });
});
