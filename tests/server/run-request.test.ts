// POST /api/runs bodies through the same function the route calls: each bad one gets a 4xx and
// a sentence naming the problem; nothing reaches the engine.
import { describe, expect, it } from "vitest";
import { renderMessage } from "../../lib/report/i18n/render";
import { checkContentType, parseRunRequest } from "../../lib/server/run-request";

const body = (value: unknown): string => JSON.stringify(value);
const refused = (text: string): { status: number; message: string } => {
  const result = parseRunRequest(text);
  if (result.ok) throw new Error(`accepted: ${text}`);
  return { status: result.status, message: result.message };
};

describe("run request checks", () => {
  it("accept a domain, an address, an IDN and a name with a trailing dot", () => {
    // The parsed target travels with the request, so the engine does not parse the input again.
    expect(parseRunRequest(body({ test: "dane", input: "example.com" }))).toMatchObject({ ok: true, request: { test: "dane", input: "example.com", sendTestMessage: false, target: { ok: true, domain: "example.com" } } });
    expect(parseRunRequest(body({ test: "inbound", input: "postmaster@example.com", sendTestMessage: true })).ok).toBe(true);
    expect(parseRunRequest(body({ test: "dane", input: "bücher.example" })).ok).toBe(true);
    expect(parseRunRequest(body({ test: "dane", input: "example.com." })).ok).toBe(true);
    expect(parseRunRequest(body({ test: "dnssec", input: "_25._tcp.mx.example.com" })).ok).toBe(true);
    expect(parseRunRequest(body({ test: "dnssec", input: "_25._tcp.mx.example.com", rrType: "TLSA" })).ok).toBe(true);
    expect(parseRunRequest(body({ test: "dnssec", input: "example.com", rrType: "TYPE65534" })).ok).toBe(true);
  });

  it("accept a mixed-script homograph: the engine names it in both forms", () => {
    expect(parseRunRequest(body({ test: "dane", input: "ex\u0430mple.com" })).ok).toBe(true);
  });

  it.each([
    ["not JSON", "{test:", 400, "The request body is not valid JSON."],
    ["a JSON array", "[]", 400, "expected object"],
    ["a number as input", body({ test: "dane", input: 42 }), 400, "input: "],
    ["a string flag", body({ test: "inbound", input: "a@example.com", sendTestMessage: "yes" }), 400, "sendTestMessage: "],
    ["an unknown test", body({ test: "ftp", input: "example.com" }), 400, "test: "],
    ["an extra field", body({ test: "dane", input: "example.com", verbose: true }), 400, "verbose"],
    ["a message outside the inbound test", body({ test: "dane", input: "example.com", sendTestMessage: true }), 400, "only the Inbound SMTP Email test"],
    ["an empty input", body({ test: "dane", input: "   " }), 400, "input: Enter a domain or an e-mail address."],
    ["an over-long input", body({ test: "dane", input: `${"a".repeat(321)}` }), 400, "That is longer than any e-mail address can be."],
    ["an IPv4 literal", body({ test: "dane", input: "192.0.2.1" }), 400, "an IP address is not a mail domain"],
    ["an address at an IP literal", body({ test: "dane", input: "user@[192.0.2.1]" }), 400, "an IP address is not a mail domain"],
    ["an IPv6 literal", body({ test: "dane", input: "2001:db8::1" }), 400, "an IP address is not a mail domain"],
    ["nothing after the @", body({ test: "dane", input: "user@" }), 400, "no domain after the '@'"],
    ["two dots", body({ test: "dane", input: "example..com" }), 400, "empty label"],
    ["a single label", body({ test: "dane", input: "localhost" }), 400, "single label"],
    ["an RTL override", body({ test: "dane", input: "moc.elpmaxe\u202E" }), 400, "(U+202E)"],
    ["a zero-width space IDNA would drop", body({ test: "dane", input: "exa\u200Bmple.com" }), 400, "(U+200B)"],
    ["a zero-width joiner in the local part", body({ test: "inbound", input: "ad\u200Dmin@example.com" }), 400, "(U+200D)"],
    ["a NUL byte", body({ test: "dane", input: "example.com\u0000" }), 400, "(U+0000)"],
    ["a line break", body({ test: "dane", input: "example.com\u2028evil" }), 400, "(U+2028)"],
    ["a character no host name holds", body({ test: "dane", input: "ex!ample.com" }), 400, "may contain only letters, digits and hyphens"],
    ["an ESMTP parameter in the local part", body({ test: "inbound", input: "postmaster> NOTIFY=SUCCESS@example.com" }), 400, "contains '>'"],
    ["a 250-character local part", body({ test: "inbound", input: `${"a".repeat(250)}@example.com` }), 400, "a local part holds at most 64"],
    ["a space in the local part", body({ test: "inbound", input: "a b@example.com" }), 400, "contains a space"],
    ["a record type outside the DNSSEC test", body({ test: "dane", input: "example.com", rrType: "TLSA" }), 400, "rrType: only the DNSSEC Validation test"],
    ["an unknown record type", body({ test: "dnssec", input: "example.com", rrType: "FOO" }), 400, "rrType: 'FOO' is not a record type"],
    ["a record type that is no mnemonic", body({ test: "dnssec", input: "example.com", rrType: "M X" }), 400, "rrType: Give a record type"],
  ])("refuse %s with a precise 400", (_, text, status, message) => {
    const result = refused(text);
    expect(result.status).toBe(status);
    expect(result.message).toContain(message);
  });

  it("an address with two @ is refused unless the first is inside a quoted local part", () => {
    expect(refused(body({ test: "dane", input: "a@b@example.com" })).message).toContain("more than one '@'");
    expect(parseRunRequest(body({ test: "dane", input: '"a@b"@example.com' })).ok).toBe(true);
    expect(refused(body({ test: "dane", input: "a@example.com@" })).message).toContain("no domain after the '@'");
  });

  it("never echo a hidden character in the refusal", () => {
    expect(refused(body({ test: "dane", input: "exa\u202Emple.com" })).message).toBe(
      "input: the text contains an invisible or direction-changing character (U+202E); type the name again without it.",
    );
  });

  it("want application/json", () => {
    expect(checkContentType("application/json; charset=utf-8")).toBeNull();
    expect(checkContentType("text/plain")).toMatchObject({ ok: false, status: 415, message: "Send the request as application/json." });
    expect(checkContentType(null)).not.toBeNull();
  });
});

describe("a refusal as a key and params, beside the English message (the form words it in its language)", () => {
  const worded = (text: string) => {
    const result = parseRunRequest(text);
    if (result.ok) throw new Error(`accepted: ${text}`);
    return { en: renderMessage("en", result.refusal, { strict: true }), pt: renderMessage("pt-PT", result.refusal, { strict: true }), message: result.message };
  };

  it.each([
    ["not JSON", "{test:", "the request body is not valid JSON.", "o corpo do pedido não é JSON válido."],
    ["a message outside the inbound test", body({ test: "dane", input: "example.com", sendTestMessage: true }), "sendTestMessage: only the Inbound SMTP Email test sends a message.", "sendTestMessage: só o teste Correio Eletrónico SMTP de Entrada envia uma mensagem."],
    ["a selector outside the inbound test", body({ test: "dane", input: "example.com", dkimSelector: "s1" }), "dkimSelector: only the Inbound SMTP Email test checks a DKIM key.", "dkimSelector: só o teste Correio Eletrónico SMTP de Entrada verifica uma chave DKIM."],
    ["an expected MX outside the Exchange test", body({ test: "dane", input: "example.com", expectedMx: "a.example.com" }), "expectedMx: only the Exchange Online readiness test takes an expected MX.", "expectedMx: só o teste Preparação do Exchange Online para DANE de entrada aceita um MX esperado."],
    ["a record type outside the DNSSEC test", body({ test: "dane", input: "example.com", rrType: "TLSA" }), "rrType: only the DNSSEC Validation test takes a record type.", "rrType: só o teste Validação DNSSEC aceita um tipo de registo."],
    ["an unknown record type", body({ test: "dnssec", input: "example.com", rrType: "FOO" }), "rrType: 'FOO' is not a record type mailsec knows; use a mnemonic such as MX, TLSA, A or TYPEnnn.", "rrType: «FOO» não é um tipo de registo que o mailsec conheça; use uma mnemónica como MX, TLSA, A ou TYPEnnn."],
    ["a record type that is no mnemonic", body({ test: "dnssec", input: "example.com", rrType: "M X" }), "rrType: give a record type such as MX, TLSA, A or TYPE65534.", "rrType: indique um tipo de registo como MX, TLSA, A ou TYPE65534."],
    ["an unknown test", body({ test: "ftp", input: "example.com" }), "test: choose one of dane, inbound, dnssec, exchange.", "test: escolha um de dane, inbound, dnssec, exchange."],
    ["a string flag", body({ test: "inbound", input: "a@example.com", sendTestMessage: "yes" }), "sendTestMessage: the value must be true or false.", "sendTestMessage: o valor tem de ser true ou false."],
    ["an extra field", body({ test: "dane", input: "example.com", verbose: true }), "verbose: mailsec does not know this field.", "verbose: o mailsec não conhece este campo."],
    ["a JSON array", "[]", "the value must be a JSON object.", "o valor tem de ser um objeto JSON."],
    ["two problems at once", body({ test: "ftp", input: "" }), "test: choose one of dane, inbound, dnssec, exchange.; input: enter a domain name or an e-mail address.", "test: escolha um de dane, inbound, dnssec, exchange.; input: introduza um nome de domínio ou um endereço de correio eletrónico."],
  ])("%s", (_, text, en, pt) => {
    const r = worded(text);
    expect(r.en).toBe(en);
    expect(r.pt).toBe(pt);
    // Old clients keep the English sentence they always read.
    if (/^\w+: /.test(en)) expect(r.message).toContain(en.split(":")[0]!);
    else expect(r.message).not.toBe("");
  });

  it("the input's own refusal stays input.refused", () => {
    const result = parseRunRequest(body({ test: "dane", input: "" }));
    expect(result.ok ? null : result.refusal.key).toBe("input.refused");
  });

  it("the content type", () => {
    const refusal = checkContentType("text/plain");
    expect(refusal && !refusal.ok ? renderMessage("pt-PT", refusal.refusal, { strict: true }) : null).toBe("envie o pedido como application/json.");
  });
});
