// Issue 10: lib/dnssec's details are tokens and names. A denial proof's detail (DenialDetail) is
// worded as a zone's note (dnssec.denial) and as DNSSEC_DENIAL_INVALID's {problem}; a DNSKEY set's
// problem as DNSSEC_DNSKEY_MISSING's {problem}; in English and European Portuguese. A run stored
// before (schema v1–v3) carries the English text and still renders it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { denialNote, denialParams } from "../../lib/dnssec/denial";
import { renderFinding, renderMessage } from "../../lib/report/i18n/render";

/** Every reason token the proofs can give, read from their sources (not from the catalogue). */
const tokens = [...new Set(["lib/dnssec/nsec.ts", "lib/dnssec/nsec3.ts", "lib/dnssec/validator.ts"].flatMap((f) => [...readFileSync(f, "utf8").matchAll(/reason: "(nsec3?-[a-z0-9-]+)"/g)].map((m) => m[1] as string)))];

const names = { name: "b.example.", owner: "a.example.", next: "c.example.", encloser: "example.", parent: "example.", wildcard: "*.example.", wildcardOwner: ")", wildcardNext: "+.example.", zone: "example." };
const numbers = { count: 3, iterations: 150, limit: 100 };

describe("denial proof details in the catalogues", () => {
  it("finds the proofs' tokens", () => {
    expect(tokens.length).toBeGreaterThan(30);
    expect(tokens).toContain("nsec-no-cover");
    expect(tokens).toContain("nsec3-opt-out-proven");
  });

  it("words every token in both languages, never by the fallback branch", () => {
    for (const reason of tokens) {
      const note = denialNote({ reason, ...names, ...numbers, bitmap: "lists-cname" });
      const en = renderMessage("en", note);
      const pt = renderMessage("pt-PT", note);
      expect(en, reason).not.toMatch(/proof does not hold|\{/);
      expect(pt, reason).not.toMatch(/prova não se sustenta|\{/);
      expect(pt, reason).not.toBe(en);
    }
  });

  it("gives DENIAL_INVALID its {problem} from the token, and keeps a stored run's English problem", () => {
    const base = { proof: "NSEC", kind: "NXDOMAIN", name: "b.example.", type: "A" };
    const params = { ...base, ...denialParams({ reason: "nsec-no-cover", name: "b.example." }) };
    expect(renderFinding("en", { code: "DNSSEC_DENIAL_INVALID", params }).message).toBe("The NSEC records do not prove the NXDOMAIN answer for b.example. A: no NSEC record covers b.example..");
    expect(renderFinding("pt-PT", { code: "DNSSEC_DENIAL_INVALID", params }).message).toContain("nenhum registo NSEC cobre b.example.");
    const bitmap = { ...base, kind: "no-data", ...denialParams({ reason: "nsec3-bitmap", name: "b.example.", bitmap: "parent-side" }) };
    expect(renderFinding("en", { code: "DNSSEC_DENIAL_INVALID", params: bitmap }).message).toContain("NSEC3 for b.example.: the record is the parent's at a delegation and cannot deny data below the cut");
    const stored = { ...base, problem: "no NSEC record covers b.example." };
    expect(renderFinding("pt-PT", { code: "DNSSEC_DENIAL_INVALID", params: stored }).message).toContain(": no NSEC record covers b.example..");
  });
});

describe("DNSKEY problems in the catalogues", () => {
  const tokensIn = [...readFileSync("lib/dnssec/zonekeys.ts", "utf8").matchAll(/dnskeyProblem: "([a-z-]+)"/g)].map((m) => m[1] as string);

  it("words each of zonekeys.ts's tokens in both languages, and a stored run's English problem", () => {
    expect(tokensIn).toEqual(["no-keys", "unsigned", "not-designated"]);
    for (const dnskeyProblem of tokensIn) {
      const finding = { code: "DNSSEC_DNSKEY_MISSING", params: { zone: "example.", dnskeyProblem } };
      const en = renderFinding("en", finding).message;
      const pt = renderFinding("pt-PT", finding).message;
      expect(en).toMatch(/^The zone example\. has DS records at its parent but no validly signed DNSKEY set: the DNSKEY (query|set) [^{}]+\.$/);
      expect(pt).toMatch(/^A zona example\. tem registos DS na zona-mãe, mas não tem um conjunto DNSKEY validamente assinado: (a consulta|o conjunto) DNSKEY [^{}]+\.$/);
    }
    const stored = { code: "DNSSEC_DNSKEY_MISSING", params: { zone: "example.", problem: "the DNSKEY set carries no signature" } };
    expect(renderFinding("pt-PT", stored).message).toContain(": the DNSKEY set carries no signature.");
  });

  it("names the configured trust anchor when no DS record is behind the keys (DS_MISMATCH with an empty {ds})", () => {
    const anchor = { code: "DNSSEC_DS_MISMATCH", params: { zone: ".", ds: "" } };
    expect(renderFinding("en", anchor).message).toBe("No DNSKEY of . matches the DS records at its parent (the configured trust anchor).");
    expect(renderFinding("pt-PT", anchor).message).toContain("(a âncora de confiança configurada)");
    const ds = { code: "DNSSEC_DS_MISMATCH", params: { zone: "example.", ds: "31589 8 2 CDE0D742" } };
    expect(renderFinding("en", ds).message).toBe("No DNSKEY of example. matches the DS records at its parent (31589 8 2 CDE0D742).");
    const stored = { code: "DNSSEC_DS_MISMATCH", params: { zone: ".", ds: "the configured trust anchor" } };
    expect(renderFinding("en", stored).message).toContain("(the configured trust anchor)");
  });
});
