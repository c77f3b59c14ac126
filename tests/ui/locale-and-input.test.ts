// The UI's two pure doors: which language a request gets (RFC 9110 §12.5.4 Accept-Language), and
// what the form makes of a typed target before the API parses it.
import { describe, expect, it } from "vitest";
import { chooseLocale, localeFromAcceptLanguage } from "../../components/i18n/locale";
import { normalizeTarget } from "../../components/input-hints";

describe("the request's language", () => {
  it("takes the best-ranked language it has", () => {
    expect(localeFromAcceptLanguage("pt-PT,pt;q=0.9,en;q=0.8")).toBe("pt-PT");
    expect(localeFromAcceptLanguage("de-DE,de;q=0.9,en;q=0.5,pt;q=0.4")).toBe("en");
    expect(localeFromAcceptLanguage("en;q=0.3, pt-BR;q=0.7")).toBe("pt-PT");
    expect(localeFromAcceptLanguage("pt;q=0, en")).toBe("en");
    expect(localeFromAcceptLanguage("fr, de")).toBeNull();
    expect(localeFromAcceptLanguage(null)).toBeNull();
  });

  it("a chosen language (the cookie) wins; a bad cookie is ignored", () => {
    expect(chooseLocale("en", "pt-PT")).toBe("en");
    expect(chooseLocale("pt-PT", "en")).toBe("pt-PT");
    expect(chooseLocale("pt-BR", "en-GB")).toBe("en");
    expect(chooseLocale(undefined, "fr")).toBe("en");
  });
});

describe("the typed target", () => {
  it("reduces a URL to its host and keeps a name or address as typed", () => {
    expect(normalizeTarget("https://example.com/x?y=1")).toEqual({ kind: "from-url", value: "example.com" });
    expect(normalizeTarget("mailto:postmaster@example.com?subject=hi")).toEqual({ kind: "from-url", value: "postmaster@example.com" });
    expect(normalizeTarget("  example.com ")).toEqual({ kind: "as-typed", value: "example.com" });
    expect(normalizeTarget("user@example.com")).toEqual({ kind: "as-typed", value: "user@example.com" });
  });

  it("tells a name longer than DNS allows its length and the limit", () => {
    expect(normalizeTarget("x".repeat(400))).toEqual({ kind: "too-long", length: 400, max: 253, what: "domain" });
    expect(normalizeTarget(`${"a".repeat(10)}@${"b".repeat(254)}`)).toMatchObject({ kind: "too-long", max: 253, what: "domain" });
    expect(normalizeTarget(`${"a".repeat(200)}@${"b".repeat(200)}.test`)).toMatchObject({ kind: "too-long", max: 320, what: "address" });
    expect(normalizeTarget(`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`).kind).toBe("as-typed");
  });
});
