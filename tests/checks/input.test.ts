import { describe, expect, it } from "vitest";
import { displayDomain, parseDnsName, parseInput, refusal } from "../../lib/checks/input";
import { renderMessage } from "../../lib/report/i18n/render";

/** The refusal's problem, worded in English (lib/report/i18n/en/input.ts). */
function problem(raw: string): string {
  const parsed = parseInput(raw);
  if (parsed.ok) throw new Error(`expected ${raw} to be refused`);
  return renderMessage("en", { key: "input.problem", params: parsed.problem });
}

describe("input to A-label domain", () => {
  it("takes a plain domain, lower-cased, without the trailing dot", () => {
    expect(parseInput(" Example.COM. ")).toMatchObject({ ok: true, domain: "example.com", localPart: null });
  });

  it("takes the part after the last @ of an address", () => {
    expect(parseInput('"odd@local"@Mail.Example.test')).toMatchObject({ ok: true, domain: "mail.example.test", localPart: '"odd@local"' });
  });

  it("converts an IDN to A-labels and shows both forms", () => {
    const parsed = parseInput("postmaster@Bücher.example");
    expect(parsed).toMatchObject({ ok: true, domain: "xn--bcher-kva.example", unicode: "bücher.example" });
    if (parsed.ok) expect(displayDomain(parsed)).toBe("bücher.example (xn--bcher-kva.example)");
    expect(parseInput("xn--bcher-kva.example")).toMatchObject({ ok: true, unicode: "bücher.example" });
  });

  it("refuses a label longer than 63 octets", () => {
    expect(problem(`${"a".repeat(64)}.example`)).toContain("at most 63");
    expect(parseInput(`${"a".repeat(63)}.example`).ok).toBe(true);
  });

  it("refuses a name longer than 253 characters", () => {
    const long = Array.from({ length: 5 }, () => "a".repeat(50)).join(".") + ".test";
    expect(problem(long)).toContain("at most 253");
  });

  it("refuses bad characters, hyphens at the edges and empty labels", () => {
    expect(problem("a_b.example")).toContain("letters, digits and hyphens");
    expect(problem("-a.example")).toContain("hyphen");
    expect(problem("a..example")).toContain("empty label");
    expect(problem("exa mple.com")).toContain("spaces");
  });

  it("refuses a second '@' outside a quoted local part (RFC 5321 4.1.2)", () => {
    expect(problem("a@b@example.com")).toContain("more than one '@'");
    expect(problem('"a"@b@example.com')).toContain("more than one '@'");
    expect(parseInput('"a@b"@example.com')).toMatchObject({ ok: true, domain: "example.com", localPart: '"a@b"' });
    expect(parseInput('"a\\"@b"@example.com')).toMatchObject({ ok: true, domain: "example.com" });
  });

  it("refuses IP literals", () => {
    for (const raw of ["192.0.2.1", "user@[192.0.2.1]", "::1", "user@[IPv6:2001:db8::1]"]) expect(problem(raw)).toContain("IP address");
  });

  it("refuses empty input, an empty domain part and single labels", () => {
    expect(problem("   ")).toContain("enter");
    expect(problem("user@")).toContain("no domain");
    expect(problem("@example.com")).toContain("nothing before");
    expect(problem("localhost")).toContain("single label");
  });
});

describe("invisible and direction-changing characters", () => {
  it.each([
    ["a zero-width space IDNA would drop", "exa\u200Bmple.com", "U+200B"],
    ["an RTL override", "moc.elpmaxe\u202E", "U+202E"],
    ["a zero-width joiner in the local part", "ad\u200Dmin@example.com", "U+200D"],
    ["a soft hyphen", "exam\u00ADple.com", "U+00AD"],
    ["a NUL byte", "example.com\u0000", "U+0000"],
    ["a line separator", "example.com\u2028evil", "U+2028"],
  ])("refuses %s, naming the code point and never echoing it raw", (_, raw, code) => {
    for (const parsed of [parseInput(raw), parseDnsName(raw)]) {
      expect(parsed.ok).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.problem).toEqual({ inputProblem: "hidden", code });
      expect(parsed.input).toContain(`<${code}>`);
      expect(parsed.input).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
    }
  });
});

describe("DNS names for the DNSSEC test", () => {
  it("accepts underscore labels, the root and IDNs", () => {
    expect(parseDnsName("_25._tcp.MX1.example.test.")).toMatchObject({ ok: true, domain: "_25._tcp.mx1.example.test" });
    expect(parseDnsName(".")).toMatchObject({ ok: true, domain: "." });
    // RFC 4592 §2.1.1: a wildcard owner may be tested, but "*" only as the leftmost label.
    expect(parseDnsName("*.example.com")).toMatchObject({ ok: true, domain: "*.example.com" });
    expect(parseDnsName("a.*.example.com").ok).toBe(false);
    expect(parseDnsName("_25._tcp.bücher.example")).toMatchObject({ ok: true, domain: "_25._tcp.xn--bcher-kva.example", unicode: "_25._tcp.bücher.example" });
  });

  it("refuses what no DNS name can be", () => {
    for (const raw of ["", "a..b", "192.0.2.1", `${"a".repeat(64)}.test`, "a b.test", "a!.test"]) expect(parseDnsName(raw).ok, raw).toBe(false);
  });
});

describe("the local part of an address (RFC 5321 §4.1.2, RFC 6531)", () => {
  it.each([
    ["an ESMTP parameter smuggled after a '>'", "postmaster> NOTIFY=SUCCESS@example.com", "contains '>'"],
    ["a space", "a b@example.com", "contains a space"],
    ["a 250-character local part", `${"a".repeat(250)}@example.com`, "at most 64"],
    ["a 65-octet local part", `${"a".repeat(65)}@example.com`, "65 octets"],
    ["33 two-octet characters (66 octets)", `${"é".repeat(33)}@example.com`, "66 octets"],
    ["a leading dot", ".a@example.com", "dot"],
    ["a trailing dot", "a.@example.com", "dot"],
    ["two dots", "a..b@example.com", "two dots"],
    ["a comma", "a,b@example.com", "contains ','"],
    ["a bracket", "a[b]@example.com", "contains '['"],
    ["a stray quote", 'a"b@example.com', "a double quote"],
    ["an unclosed quoted string", '"ab@example.com', "not a quoted string"],
    ["a bare quote inside a quoted string", '"a"b"@example.com', "not a quoted string"],
    ["a backslash that escapes nothing", '"a\\"@example.com', "not a quoted string"],
  ])("refuses %s", (_, raw, message) => {
    expect(problem(raw)).toContain(message);
  });

  it("refuses an address longer than 254 octets, however short its parts", () => {
    const domain = `${Array.from({ length: 4 }, () => "d".repeat(60)).join(".")}.test`;
    expect(parseInput(domain).ok).toBe(true);
    expect(problem(`${"a".repeat(10)}@${domain}`)).toContain("at most 254");
  });

  it.each([
    ["a dot-atom with every atext symbol", "a.b!#$%&'*+-/=?^_`{|}~@example.com"],
    ["64 octets exactly", `${"a".repeat(64)}@example.com`],
    ["a quoted string with a space", '"a b"@example.com'],
    ["a quoted string with a dot sequence and an escaped quote", '"a..\\"b"@example.com'],
  ])("accepts %s", (_, raw) => {
    const parsed = parseInput(raw);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.utf8LocalPart).toBeUndefined();
  });

  it("marks a UTF-8 local part, which only an SMTPUTF8 server may be given (RFC 6531 §3.3)", () => {
    const parsed = parseInput("jöran@bücher.example");
    expect(parsed).toMatchObject({ ok: true, localPart: "jöran", domain: "xn--bcher-kva.example", utf8LocalPart: true });
    expect(parseInput('"jö ran"@example.com')).toMatchObject({ ok: true, utf8LocalPart: true });
  });
});

describe("the refusal, in the reader's language", () => {
  const refused = (raw: string, parse = parseInput) => {
    const parsed = parse(raw);
    if (parsed.ok) throw new Error(`expected ${raw} to be refused`);
    return refusal(parsed);
  };

  it("quotes the input and words the problem in English and European Portuguese, with its values", () => {
    const message = refused(`${"a".repeat(64)}.example`);
    expect(message).toEqual({ key: "input.refused", params: { inputProblem: "long-label", label: "a".repeat(20), length: 64, max: 63, input: `${"a".repeat(64)}.example` } });
    expect(renderMessage("en", message)).toBe(`'${"a".repeat(64)}.example' cannot be tested: the label '${"a".repeat(20)}…' is 64 characters long; a label holds at most 63.`);
    expect(renderMessage("pt-PT", message)).toBe(`«${"a".repeat(64)}.example» não pode ser testado: a etiqueta «${"a".repeat(20)}…» tem 64 caracteres; uma etiqueta tem no máximo 63.`);
    expect(renderMessage("pt-PT", refused("a b@example.com"))).toContain("contém um espaço");
    expect(renderMessage("pt-PT", refused("", parseDnsName))).toBe("«» não pode ser testado: introduza um nome DNS.");
  });

  it("does not quote an input with a hidden character, in either language", () => {
    const message = refused("exa\u200Bmple.com");
    expect(renderMessage("en", message)).toBe("the text contains an invisible or direction-changing character (U+200B); type the name again without it.");
    expect(renderMessage("pt-PT", message)).not.toContain("exa");
  });
});
