// The one sanitiser for remote text (lib/report/text.ts): what must become a visible escape and
// what must stay as it is. The code points are listed from Unicode's own tables, not from the
// implementation's regex: C0/C1 (Cc), the Bidi_Control property (PropList.txt), Zl and Zp.
import { describe, expect, it } from "vitest";
import { visibleText } from "../../lib/report/text";

// Unicode 15 PropList.txt, Bidi_Control: 061C, 200E..200F, 202A..202E, 2066..2069.
const BIDI_CONTROL = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("visibleText", () => {
  it.each([
    ["C0 controls", range(0x00, 0x1f)],
    ["DEL and the C1 controls", range(0x7f, 0x9f)],
    ["bidi controls", BIDI_CONTROL],
    ["line and paragraph separators", [0x2028, 0x2029]],
    ["invisible format characters", [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]],
  ])("writes %s as \\uXXXX", (_, codes) => {
    for (const code of codes) {
      const hex = code.toString(16).toUpperCase().padStart(4, "0");
      expect(visibleText(`a${String.fromCharCode(code)}b`), hex).toBe(`a\\u${hex}b`);
    }
  });

  it("also finds them by Unicode property, so nothing in those classes slips through", () => {
    const all = range(0, 0x3000).map((c) => String.fromCharCode(c)).join("");
    expect(visibleText(all)).not.toMatch(/[\p{Cc}\p{Zl}\p{Zp}\p{Bidi_Control}]/u);
  });

  it("keeps printable text, non-ASCII letters and emoji as they are", () => {
    for (const text of ["mx.example.com ESMTP Postfix (Debian/GNU)", "Grüße aus Köln — 東京 ✉️ 👍🏽", "<b>markup stays text</b>", "a\\b C:\\path"]) {
      expect(visibleText(text)).toBe(text);
    }
  });

  it("doubles a backslash before 'u', so a server cannot type an escape that passes for ours", () => {
    expect(visibleText("fake \\u202E here")).toBe("fake \\\\u202E here");
    expect(visibleText("real \u202E here")).toBe("real \\u202E here");
  });
});

describe("certificate fields pass the sanitiser (lib/dane/cert-der.ts)", () => {
  it("a subject and issuer with a bidi override and a C1 control read as escapes; the name match stays raw", async () => {
    const { execFileSync } = await import("node:child_process");
    const { mkdtempSync, readFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { X509Certificate } = await import("node:crypto");
    const { parseCert } = await import("../../lib/dane/cert");
    const dir = mkdtempSync(join(tmpdir(), "mailsec-text-"));
    try {
      // openssl, not our code, writes the certificate: a UTF8String CN with U+202E and U+0085.
      execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-utf8", "-days", "2",
        "-subj", "/CN=mx\u202Egro.elpmaxe/O=Evil\u0085Corp", "-addext", "subjectAltName=DNS:mx.example.org",
        "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "ignore" });
      const der = new Uint8Array(new X509Certificate(readFileSync(join(dir, "cert.pem"))).raw);
      const cert = parseCert(der, 0);
      expect(cert?.subject).toContain("CN=mx\\u202Egro.elpmaxe");
      expect(cert?.subject).toContain("Evil\\u0085Corp");
      expect(cert?.issuer).toBe(cert?.subject);
      expect(cert?.subject).not.toMatch(/[\u202E\u0085]/u);
      expect(cert?.dnsNames).toEqual(["mx.example.org"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
