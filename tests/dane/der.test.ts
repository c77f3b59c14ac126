// The DER reader (lib/dane/der.ts, cert-der.ts) against two implementations it shares no code with:
// OpenSSL through node:crypto (SPKI re-export, dates, CA flag) and @peculiar/x509 (names, serial,
// subjectAltName, SPKI bytes), over certificates neither we nor they made for the occasion: the
// OpenSSL DANE vectors, the lab PKI (made by openssl, scripts/lab/make-pki.sh) and the root store
// node ships. Then malformed input: every truncation and many corruptions end in DerError.
import { execFileSync } from "node:child_process";
import { randomBytes, X509Certificate } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCertFields } from "../../lib/dane/cert-der";
import { checkOid, DerError, oidOctets, oidText, readNode } from "../../lib/dane/der";
import * as x509 from "../../lib/x509";
import { certificateCorpus } from "./corpus";

const VECTORS = path.join(import.meta.dirname, "../vectors/openssl-dane");

function pemBlocks(text: string): Uint8Array[] {
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/g)].map((m) => new Uint8Array(Buffer.from((m[1] ?? "").replace(/\s+/g, ""), "base64")));
}

const unique = certificateCorpus();

describe("readCertFields against OpenSSL and @peculiar/x509", () => {
  it("reads a corpus of real certificates", () => {
    expect(unique.length).toBeGreaterThan(150);
    expect(unique.filter((c) => c.source.startsWith("openssl-dane")).length).toBeGreaterThanOrEqual(10);
  });

  it.each(unique.map((c) => [c.source, c] as const))("%s", (_source, { der }) => {
    const fields = readCertFields(der);
    const openssl = new X509Certificate(der);
    const peculiar = new x509.X509Certificate(Buffer.from(der));

    // The exact bytes: @peculiar slices them too; OpenSSL re-encodes the key it parsed.
    expect(Buffer.from(fields.spki).equals(new Uint8Array(peculiar.publicKey.rawData))).toBe(true);
    expect(Buffer.from(fields.spki).equals(openssl.publicKey.export({ type: "spki", format: "der" }))).toBe(true);
    expect(fields.notBefore.getTime()).toBe(Date.parse(openssl.validFrom));
    expect(fields.notAfter.getTime()).toBe(Date.parse(openssl.validTo));
    const digits = (hex: string) => hex.toUpperCase().replace(/^0+(?=.)/, "");
    expect(digits(fields.serial)).toBe(digits(openssl.serialNumber));
    expect(fields.subject).toBe(peculiar.subject);
    expect(fields.issuer).toBe(peculiar.issuer);
    expect(fields.commonNames).toEqual(peculiar.subjectName.getField("CN"));
    const san = peculiar.getExtension(x509.SubjectAlternativeNameExtension);
    expect(fields.dnsNames).toEqual(san ? san.names.items.filter((n) => n.type === "dns").map((n) => n.value) : []);
    // A certificate's issuer key equals its own subject key exactly when OpenSSL says the names match.
    expect(fields.issuerKey === fields.subjectKey).toBe(openssl.checkIssued(openssl) || openssl.subject === openssl.issuer);
  });

  it("finds every issuer of the OpenSSL chains by name: an intermediate's subject key is its child's issuer key", () => {
    const chains = readdirSync(VECTORS)
      .filter((f) => f.endsWith(".in"))
      .flatMap((f) => readFileSync(path.join(VECTORS, f), "utf8").split(/\n(?=\d+ \d+ \d+ \d+ \d+\s*\n)/))
      .map(pemBlocks)
      .filter((chain) => chain.length > 1);
    let links = 0;
    for (const chain of chains) {
      for (let i = 0; i + 1 < chain.length; i++) {
        const [child, issuer] = [new X509Certificate(chain[i] as Uint8Array), new X509Certificate(chain[i + 1] as Uint8Array)];
        if (!child.checkIssued(issuer)) continue;
        links++;
        expect(readCertFields(chain[i] as Uint8Array).issuerKey).toBe(readCertFields(chain[i + 1] as Uint8Array).subjectKey);
      }
    }
    expect(links).toBeGreaterThan(20);
  });
});

describe("malformed DER", () => {
  const leaf = unique.find((c) => c.source === "lab/good.cert.pem")?.der as Uint8Array;

  it("refuses indefinite lengths, long length fields, multi-octet tags and values past their container", () => {
    expect(() => readNode(Uint8Array.of(0x30, 0x80, 0, 0), 0)).toThrow(/indefinite/);
    expect(() => readNode(Uint8Array.of(0x30, 0x85, 1, 0, 0, 0, 0), 0)).toThrow(/5 octets/);
    expect(() => readNode(Uint8Array.of(0x1f, 0x81, 0x01, 0x00), 0)).toThrow(/multi-octet/);
    expect(() => readNode(Uint8Array.of(0x04, 0x05, 1, 2), 0)).toThrow(/past its container/);
    expect(() => readNode(Uint8Array.of(0x30), 0)).toThrow(/truncated/);
    expect(() => readCertFields(Uint8Array.of(...leaf, 0))).toThrow(/after the certificate/);
  });

  it("ends every truncation of a real certificate in DerError", () => {
    for (let length = 0; length < leaf.length; length++) {
      expect(() => readCertFields(leaf.subarray(0, length))).toThrow(DerError);
    }
  });

  it("either reads or refuses (DerError) every single-octet corruption, never another error", () => {
    let refused = 0;
    for (let at = 0; at < leaf.length; at += 3) {
      for (const value of [0x00, 0x80, 0xff, (leaf[at] as number) ^ 0x01]) {
        const bad = Uint8Array.from(leaf);
        bad[at] = value;
        try {
          readCertFields(bad);
        } catch (error) {
          expect(error).toBeInstanceOf(DerError);
          refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(100);
  });
});

describe("OIDs compared by their octets", () => {
  const oids = ["2.5.29.17", "2.5.29.19", "2.5.4.3", "0.9.2342.19200300.100.1.25", "1.2.840.113549.1.9.1", "1.3.6.1.4.1.311.60.2.1.3", "2.999.1", "1.3.101.112"];

  it.each(oids)("%s encodes as the openssl binary encodes it", (oid) => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), "oid-")), "oid.der");
    execFileSync("openssl", ["asn1parse", "-genstr", `OID:${oid}`, "-noout", "-out", out]);
    const der = readFileSync(out);
    expect(Buffer.from(oidOctets(oid), "latin1").equals(der.subarray(2))).toBe(true);
    expect(oidText(new Uint8Array(der.subarray(2)))).toBe(oid);
  });

  it("checkOid refuses exactly what oidText refuses", () => {
    for (let i = 0; i < 3000; i++) {
      const value = new Uint8Array(randomBytes(i % 12));
      if (i % 3 === 0 && value.length > 0) value[value.length - 1] = (value[value.length - 1] as number) | 0x80;
      let textFailed = false;
      try {
        oidText(value);
      } catch (error) {
        expect(error).toBeInstanceOf(DerError);
        textFailed = true;
      }
      expect(() => checkOid(value)).toSatisfy((check: () => void) => {
        try {
          check();
          return !textFailed;
        } catch (error) {
          return error instanceof DerError && textFailed;
        }
      });
    }
  });
});
