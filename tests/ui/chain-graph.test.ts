// The chain-of-trust picture's boxes read in the reader's language (issue 10): their two lines come
// from messages/<locale>.json chain.node through next-intl's translator, as TrustChainPicture
// words them; only the record types (DS, DNSKEY, KSK) and the numbers stay as they are.
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { buildChainGraph, nodeTextFrom } from "../../components/chain-graph";
import en from "../../messages/en.json";
import pt from "../../messages/pt-PT.json";
import { TrustChain } from "../../lib/report/trust-chain";

const chain = TrustChain.parse({
  zones: [
    {
      name: ".",
      status: "secure",
      anchor: true,
      ds: [{ keyTag: 20326, algorithm: 8, digestType: 2, matched: true }],
      keys: [
        { keyTag: 20326, algorithm: 8, role: "KSK", designated: true },
        { keyTag: 111, algorithm: 8, role: "revoked", designated: false },
      ],
      signatures: [],
    },
    {
      name: "test.",
      status: "bogus",
      anchor: false,
      ds: [{ keyTag: 4242, algorithm: 13, digestType: 4, matched: false }],
      keys: [],
      signatures: [{ rrset: "test. SOA", keyTag: 999, algorithm: 13, inception: "2026-01-01T00:00:00Z", expiration: "2027-01-01T00:00:00Z", valid: false, breaksChain: true, problem: "no-matching-key" }],
    },
  ],
});

function lines(locale: "en" | "pt-PT"): string[] {
  const t = createTranslator({ locale, messages: locale === "en" ? en : pt, namespace: "chain" });
  return buildChainGraph(chain, nodeTextFrom(t)).nodes.flatMap((n) => n.lines);
}

describe("the chain picture's boxes", () => {
  it("read in English", () => {
    expect(lines("en")).toEqual(expect.arrayContaining(["Anchor 20326", "alg. 8, digest 2", "KSK 20326", "DNSKEY, alg. 8", "Revoked key 111", "No DNSKEY 4242", "matches this DS", "No DNSKEY 999", "alg. 13"]));
  });

  it("read in European Portuguese, with no English word left", () => {
    const pt = lines("pt-PT");
    expect(pt).toEqual(expect.arrayContaining(["Âncora 20326", "alg. 8, resumo 2", "KSK 20326", "Chave revogada 111", "Nenhuma DNSKEY 4242", "corresponde a este DS", "alg. 13"]));
    expect(pt.join(" | ")).not.toMatch(/\b(?:Anchor|digest|matches|No|Revoked|key)\b/);
  });

  it("size each box to its own words", () => {
    const width = (locale: "en" | "pt-PT") => {
      const t = createTranslator({ locale, messages: locale === "en" ? en : pt, namespace: "chain" });
      return buildChainGraph(chain, nodeTextFrom(t)).nodes.find((n) => n.id.startsWith("missing:test.:4242"))?.width ?? 0;
    };
    // "corresponde a este DS" is longer than "matches this DS".
    expect(width("pt-PT")).toBeGreaterThan(width("en"));
  });
});
