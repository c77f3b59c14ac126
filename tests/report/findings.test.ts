import { describe, expect, it } from "vitest";
import { allFindingDefinitions, fillTemplate, findingDefinition, referenceLink, renderFinding } from "../../lib/report/findings";

describe("findings catalogue", () => {
  it("renders a finding with its parameters and RFC links", () => {
    const rendered = renderFinding({ code: "TLSA_LOOKUP_BOGUS", params: { name: "_25._tcp.mx.example.test.", reason: "RRSIG expired" } });
    expect(rendered.message).toBe("The TLSA lookup for _25._tcp.mx.example.test. failed DNSSEC validation: RRSIG expired");
    expect(rendered.severity).toBe("error");
    expect(rendered.references).toEqual([{ label: "RFC 7672 §2.2", url: "https://www.rfc-editor.org/rfc/rfc7672#section-2.2" }]);
  });

  it("links sections and appendices the way rfc-editor.org anchors them", () => {
    expect(referenceLink({ rfc: 7672, section: "3.1.3" })).toEqual({ label: "RFC 7672 §3.1.3", url: "https://www.rfc-editor.org/rfc/rfc7672#section-3.1.3" });
    expect(referenceLink({ rfc: 4034, section: "B" }).url).toBe("https://www.rfc-editor.org/rfc/rfc4034#appendix-B");
    expect(referenceLink({ rfc: 8914, section: "" })).toEqual({ label: "RFC 8914", url: "https://www.rfc-editor.org/rfc/rfc8914" });
  });

  it("gathers every area's findings, each code once", () => {
    const codes = allFindingDefinitions().map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of ["MX_BOGUS", "DNSSEC_RRSIG_EXPIRED", "DANE_TLSA_MISMATCH", "CERT_EXPIRED", "SMTP_STARTTLS_NOT_OFFERED", "EXO_4_7_323"]) {
      expect(findingDefinition(code), code).toBeDefined();
    }
  });

  it("keeps an unknown placeholder visible", () => {
    expect(fillTemplate("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });

  it("renders an unknown code as an error that names it", () => {
    expect(renderFinding({ code: "NO_SUCH_CODE", params: {} })).toMatchObject({ severity: "error", message: "Unknown finding NO_SUCH_CODE" });
  });

  it("gives every error and warning a why and a remediation", () => {
    for (const definition of allFindingDefinitions()) {
      if (definition.severity === "info") continue;
      expect(definition.why, definition.code).not.toBe("");
      expect(definition.remediation, definition.code).not.toBe("");
      expect(findingDefinition(definition.code)).toBe(definition);
    }
  });

  // Steps carry finding codes without parameters (lib/report/schema.ts), and the UI and the CLI
  // show "why" and "what to change" straight from the definition: a placeholder there would be
  // printed to the admin as "{host}".
  it("keeps why and remediation free of placeholders", () => {
    for (const definition of allFindingDefinitions()) {
      expect(definition.why, definition.code).not.toMatch(/\{[A-Za-z]+\}/);
      expect(definition.remediation, definition.code).not.toMatch(/\{[A-Za-z]+\}/);
    }
  });
});
