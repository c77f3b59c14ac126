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

describe("unusable responses in the catalogues", () => {
  it("words the validator's responseProblem tokens in both languages, and a stored run's English problem", () => {
    const cases: { code: string; params: Record<string, string | number>; en: string; pt: string }[] = [
      { code: "DNSSEC_NETWORK_FAILURE", params: { name: "a.example.", type: "A", responseProblem: "rcode", responseRcode: 5 }, en: "No usable answer for a.example. A: the resolver answered with RCODE 5.", pt: "o resolvedor respondeu com o RCODE 5" },
      { code: "DNSSEC_UNEXPECTED_RESPONSE", params: { name: "a.d.example.", type: "A", responseProblem: "dname-too-long", responseOwner: "d.example.", responseTarget: "long.example." }, en: "The answer for a.d.example. A is not usable: the DNAME d.example. -> long.example. would rewrite it to a name longer than 255 octets, which a server must answer with YXDOMAIN (RFC 6672 §2.2).", pt: "reescrevê-lo-ia num nome com mais de 255 octetos" },
      { code: "DNSSEC_UNEXPECTED_RESPONSE", params: { name: "mx.example.", type: "A", responseProblem: "wrong-zone", responseSigner: "mx.example.", responseOwner: "mx.example.", responseZone: "example." }, en: "The answer for mx.example. A is not usable: it is signed by mx.example., but the chain of trust places mx.example. in the zone example..", pt: "está assinada por mx.example., mas a cadeia de confiança coloca mx.example. na zona example." },
    ];
    for (const c of cases) {
      expect(renderFinding("en", c).message).toBe(c.en);
      expect(renderFinding("pt-PT", c).message).toContain(c.pt);
    }
    const stored = { code: "DNSSEC_NETWORK_FAILURE", params: { name: "a.example.", type: "A", problem: "the resolver answered with RCODE 5" } };
    expect(renderFinding("pt-PT", stored).message).toBe("Sem resposta utilizável para a.example. A: the resolver answered with RCODE 5.");
  });
});
