import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { allFindingCodes, allFindingDefinitions, finding, findingDefinition, findingSpecs, parseFinding, referenceLink } from "../../lib/report/findings";
import { enFindings } from "../../lib/report/i18n/en/findings";

/** The argument names an ICU message uses, at any depth (plural and select branches too). */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      argumentsOf(element.children, into);
      continue;
    }
    into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) argumentsOf(option.value, into);
  }
  return into;
}

describe("findings catalogue", () => {
  it("links sections and appendices the way rfc-editor.org anchors them", () => {
    expect(referenceLink({ rfc: 7672, section: "3.1.3" })).toEqual({ label: "RFC 7672 §3.1.3", url: "https://www.rfc-editor.org/rfc/rfc7672#section-3.1.3" });
    expect(referenceLink({ rfc: 4034, section: "B" }).url).toBe("https://www.rfc-editor.org/rfc/rfc4034#appendix-B");
    expect(referenceLink({ rfc: 8914, section: "" })).toEqual({ label: "RFC 8914", url: "https://www.rfc-editor.org/rfc/rfc8914" });
  });

  it("gathers every area's findings, each with English texts", () => {
    const codes = allFindingCodes();
    for (const code of ["MX_BOGUS", "DNSSEC_RRSIG_EXPIRED", "DANE_TLSA_MISMATCH", "CERT_EXPIRED", "SMTP_STARTTLS_NOT_OFFERED", "EXO_4_7_323"]) {
      expect(findingDefinition(code), code).toBeDefined();
    }
    expect(Object.keys(enFindings).sort()).toEqual([...codes].sort());
  });

  it("gives every error and warning a why and a remediation", () => {
    for (const definition of allFindingDefinitions()) {
      if (definition.severity === "info") continue;
      expect(definition.why, definition.code).not.toBe("");
      expect(definition.remediation, definition.code).not.toBe("");
    }
  });

  // The English texts may only use the params the code declares (a missing one would print
  // "{host}" or throw). Findings carry their params since schema version 2.
  it("writes valid ICU that uses only the declared params", () => {
    for (const code of allFindingCodes()) {
      const declared = new Set(Object.keys(findingSpecs[code].params.shape));
      const texts = enFindings[code];
      for (const part of ["message", "why", "remediation"] as const) {
        expect([...argumentsOf(parse(texts[part], { ignoreTag: true }))].filter((name) => !declared.has(name)), `${code} ${part}`).toEqual([]);
      }
    }
  });

  it("reads a stored finding back as a typed one only when its params fit the code", () => {
    const typed = finding("TLSA_LOOKUP_SECURE", { name: "_25._tcp.mx.example.test", count: 2, usable: 1 });
    expect(parseFinding(typed)).toEqual(typed);
    expect(parseFinding({ code: "TLSA_LOOKUP_SECURE", params: { name: "x" } })).toBeNull();
    expect(parseFinding({ code: "NO_SUCH_CODE", params: {} })).toBeNull();
  });
});
