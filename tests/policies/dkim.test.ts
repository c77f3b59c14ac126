// DKIM key records (RFC 6376 §3.6.1): the tag list, revocation, key types, and the key size read
// from the key. The keys are made here by openssl, and their sizes read back by `openssl pkey
// -text` (independent of node:crypto, which assessDkim reads them with).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assessDkim, readDkimTags } from "../../lib/policies/dkim";
import type { TxtAnswer } from "../../lib/policies/txt";

const dir = mkdtempSync(join(tmpdir(), "mailsec-dkim-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh key's SubjectPublicKeyInfo (DER, base64) and the size openssl prints for it. */
function opensslKey(algorithm: string, options: string[]): { p: string; bits: number; raw?: string } {
  const keyFile = join(dir, `${algorithm}-${options.join("")}.pem`);
  execFileSync("openssl", ["genpkey", "-algorithm", algorithm, ...options.flatMap((o) => ["-pkeyopt", o]), "-out", keyFile], { stdio: ["ignore", "ignore", "ignore"] });
  const der = execFileSync("openssl", ["pkey", "-in", keyFile, "-pubout", "-outform", "DER"]);
  const pubFile = `${keyFile}.pub.der`;
  writeFileSync(pubFile, der);
  const text = execFileSync("openssl", ["pkey", "-pubin", "-inform", "DER", "-in", pubFile, "-text", "-noout"]).toString();
  // RSA: "Public-Key: (2048 bit)"; Ed25519 prints only the key's bytes after "pub:".
  const stated = /\((\d+) bit\)/.exec(text)?.[1];
  const bits = stated !== undefined ? Number(stated) : (text.split("pub:")[1]?.match(/[0-9a-f]{2}/g)?.length ?? 0) * 8;
  return { p: der.toString("base64"), bits, raw: der.subarray(der.length - 32).toString("base64") };
}

const txt = (...texts: string[]): TxtAnswer => ({ name: "s1._domainkey.example.com.", outcome: texts.length > 0 ? "answer" : "nxdomain", status: "insecure", texts });

describe("RSA and Ed25519 keys, sized by the key itself", () => {
  for (const bits of [2048, 1024, 512]) {
    it(`an RSA key of ${bits} bits`, () => {
      const key = opensslKey("RSA", [`rsa_keygen_bits:${bits}`]);
      expect(key.bits).toBe(bits);
      // Whitespace inside p= is allowed (§3.2): a record split across TXT strings often has some.
      const spaced = `${key.p.slice(0, 60)} ${key.p.slice(60)}`;
      const a = assessDkim("s1", txt(`v=DKIM1; k=rsa; p=${spaced}`));
      expect(a).toMatchObject({ record: "valid", keyType: "rsa", keyBits: key.bits, name: "s1._domainkey.example.com" });
      expect(a.verdict).toBe(bits < 1024 ? "fail" : "pass");
      expect(a.findings.map((f) => f.code)).toEqual(bits < 1024 ? ["DKIM_KEY_TOO_SHORT"] : bits < 2048 ? ["DKIM_KEY_SHORT"] : []);
    });
  }

  it("an Ed25519 key as RFC 8463 publishes it (the raw 32 bytes)", () => {
    const key = opensslKey("ED25519", []);
    expect(key.bits).toBe(256);
    expect(assessDkim("s1", txt(`v=DKIM1; k=ed25519; p=${key.raw}`))).toMatchObject({ record: "valid", keyType: "ed25519", keyBits: 256, verdict: "pass" });
  });

  it("k= defaults to rsa; an Ed25519 key under k=rsa is unreadable", () => {
    const key = opensslKey("ED25519", []);
    expect(assessDkim("s1", txt(`p=${key.p}`)).findings.map((f) => f.code)).toEqual(["DKIM_KEY_UNREADABLE"]);
  });
});

describe("the record", () => {
  it("an empty p= is a revoked key", () => {
    expect(assessDkim("s1", txt("v=DKIM1; k=rsa; p="))).toMatchObject({ record: "revoked", verdict: "fail", keyBits: null });
  });
  it("no record at the selector", () => {
    expect(assessDkim("s1", txt())).toMatchObject({ record: "absent", verdict: "fail" });
  });
  it("syntax: v not first, no p=, a bad version, not base64", () => {
    expect(readDkimTags("k=rsa; v=DKIM1; p=AA==").problem).toBe("version-not-first");
    expect(readDkimTags("v=DKIM1; k=rsa").problem).toBe("p-missing");
    expect(readDkimTags("v=DKIM2; p=AA==").problem).toBe("version");
    expect(assessDkim("s1", txt("v=DKIM1; p=not*base64")).findings.map((f) => f.code)).toEqual(["DKIM_KEY_UNREADABLE"]);
  });
  it("unknown key type, testing flag, SHA-1 only", () => {
    expect(assessDkim("s1", txt("v=DKIM1; k=dsa; p=AAAA")).findings.map((f) => f.code)).toEqual(["DKIM_KEY_TYPE_UNKNOWN"]);
    const key = opensslKey("RSA", ["rsa_keygen_bits:2048"]);
    expect(assessDkim("s1", txt(`v=DKIM1; t=y:s; h=sha1; p=${key.p}`)).findings.map((f) => f.code)).toEqual(["DKIM_TESTING", "DKIM_SHA1_ONLY"]);
  });
});

describe("several key records at one name (RFC 6376 §3.6.2.2: a verifier may use any)", () => {
  it("judges each, warns, and lets the worst one speak for the selector whatever the order", () => {
    const strong = opensslKey("RSA", ["rsa_keygen_bits:2048"]);
    const weak = opensslKey("RSA", ["rsa_keygen_bits:512"]);
    for (const texts of [
      [`v=DKIM1; k=rsa; p=${strong.p}`, `v=DKIM1; k=rsa; p=${weak.p}`],
      [`v=DKIM1; k=rsa; p=${weak.p}`, `v=DKIM1; k=rsa; p=${strong.p}`],
    ]) {
      const a = assessDkim("s1", txt(...texts));
      expect(a).toMatchObject({ record: "valid", keyType: "rsa", keyBits: weak.bits, verdict: "fail" });
      expect(a.keys?.map((k) => [k.keyBits, k.verdict])).toEqual(texts[0]!.includes(strong.p) ? [[strong.bits, "pass"], [weak.bits, "fail"]] : [[weak.bits, "fail"], [strong.bits, "pass"]]);
      expect(a.findings.map((f) => f.code)).toEqual(["DKIM_KEY_MULTIPLE", "DKIM_KEY_TOO_SHORT"]);
    }
  });
  it("two good keys: a warning, each key listed; a revoked one beside a good one: a failure", () => {
    const one = opensslKey("RSA", ["rsa_keygen_bits:2048"]);
    const two = assessDkim("s1", txt(`v=DKIM1; p=${one.p}`, `v=DKIM1; p=${one.p}`));
    expect([two.verdict, two.keys?.length, two.findings.map((f) => f.code)]).toEqual(["warning", 2, ["DKIM_KEY_MULTIPLE"]]);
    const revoked = assessDkim("s1", txt(`v=DKIM1; p=${one.p}`, "v=DKIM1; p="));
    expect(revoked).toMatchObject({ record: "revoked", keyBits: null, verdict: "fail" });
    expect(assessDkim("s1", txt(`v=DKIM1; p=${one.p}`)).keys).toBeUndefined();
  });
});

