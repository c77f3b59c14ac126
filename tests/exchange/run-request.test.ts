// The API's door for the Exchange Online readiness test: `"test": "exchange"` with an optional
// `expectedMx` (the DnssecMxValue), which no other test takes and which must be a host name.
import { describe, expect, it } from "vitest";
import { parseRunRequest } from "../../lib/server/run-request";

const body = (o: object) => JSON.stringify(o);

describe("POST /api/runs for the exchange test", () => {
  it("takes a domain and the expected MX, lower-cased", () => {
    const r = parseRunRequest(body({ test: "exchange", input: "contoso.com", expectedMx: "Contoso-Com.O-V1.MX.Microsoft" }));
    expect(r.ok && r.request).toMatchObject({ test: "exchange", expectedMx: "contoso-com.o-v1.mx.microsoft" });
  });
  it("runs without an expected MX", () => {
    expect(parseRunRequest(body({ test: "exchange", input: "contoso.com" })).ok).toBe(true);
  });
  it("refuses the expected MX for another test", () => {
    expect(parseRunRequest(body({ test: "dane", input: "contoso.com", expectedMx: "a.b.mx.microsoft" }))).toEqual({
      ok: false,
      status: 400,
      message: "expectedMx: only the Exchange Online readiness test takes an expected MX.",
      refusal: { key: "request.refused", params: { requestProblems: [{ field: "expectedMx", requestProblem: "exchange-only" }] } },
    });
  });
  it("refuses a value that is no host name, saying which field", () => {
    const r = parseRunRequest(body({ test: "exchange", input: "contoso.com", expectedMx: "not a host" }));
    expect(r).toMatchObject({ ok: false, status: 400 });
    expect(!r.ok && r.message).toMatch(/^expectedMx: Give the expected MX as a host name/);
  });
});
