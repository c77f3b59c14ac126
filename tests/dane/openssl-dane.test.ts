// OpenSSL's DANE chain-matching cases (tests/vectors/openssl-dane, see PROVENANCE.md) run under
// RFC 7672's SMTP rules: PKIX-TA(0)/PKIX-EE(1) records are unusable, DANE-EE(3) ignores names.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { matchDane, type TlsaRecord } from "../../lib/dane";

const dir = path.join(import.meta.dirname, "../vectors/openssl-dane");
// Upstream runs with the current time; every chain certificate is valid 2016 … 2116 (the
// anonymous leaf of cases 1–10 never is, which DANE-EE must not care about).
const now = new Date("2026-11-28T00:00:00Z");

interface VectorCase {
  file: string;
  number: number;
  nonamechecks: boolean;
  verifyResult: number;
  depth: number;
  records: TlsaRecord[];
  chainDer: Uint8Array[];
}

function parseCases(file: string): VectorCase[] {
  const lines = readFileSync(path.join(dir, file), "utf8").split("\n");
  const cases: VectorCase[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = (lines[i] ?? "").trim();
    i++;
    if (line === "" || line.startsWith("#")) continue;
    const header = line.split(/\s+/).map(Number);
    const [tlsaCount = 0, certCount = 0, nonamechecks = 0, verifyResult = 0, depth = 0] = header;
    if (header.length !== 5 || header.some((n) => !Number.isInteger(n))) throw new Error(`${file}:${i}: bad header "${line}"`);
    const records: TlsaRecord[] = [];
    for (let r = 0; r < tlsaCount; r++, i++) {
      const [usage, selector, matchingType, ...hex] = (lines[i] ?? "").trim().split(/\s+/);
      records.push({ usage: Number(usage), selector: Number(selector), matchingType: Number(matchingType), data: Buffer.from(hex.join(""), "hex") });
    }
    const chainDer: Uint8Array[] = [];
    while (chainDer.length < certCount) {
      if (i >= lines.length) throw new Error(`${file}: case ${cases.length + 1} is missing certificates`);
      if ((lines[i] ?? "").startsWith("-----BEGIN CERTIFICATE-----")) {
        const body: string[] = [];
        for (i++; !(lines[i] ?? "").startsWith("-----END CERTIFICATE-----"); i++) body.push((lines[i] ?? "").trim());
        chainDer.push(Buffer.from(body.join(""), "base64"));
      }
      i++;
    }
    cases.push({ file, number: cases.length + 1, nonamechecks: nonamechecks === 1, verifyResult, depth, records, chainDer });
  }
  return cases;
}

const suites = [
  { file: "danetest.in", base: "example.com" },
  { file: "dane-cross.in", base: "server.example" },
];

const OK = 0;
const HOSTNAME_MISMATCH = 62;

describe("OpenSSL danetest vectors under RFC 7672 rules", () => {
  const all = suites.flatMap((s) => parseCases(s.file).map((c) => ({ ...c, base: s.base })));

  it("has all 55 upstream cases", () => {
    expect(all).toHaveLength(55);
    expect(all.filter((c) => c.file === "danetest.in")).toHaveLength(54);
  });

  it("tallies 29 pass, 6 fail and 20 unusable (cases 23–42 carry only PKIX usages)", () => {
    const tally = { pass: 0, fail: 0, unusable: 0 };
    for (const c of all) tally[matchDane({ records: c.records, chainDer: c.chainDer, names: [c.base], now }).outcome]++;
    expect(tally).toEqual({ pass: 29, fail: 6, unusable: 20 });
  });

  it.each(all.map((c) => [`${c.file} case ${c.number}`, c] as const))("%s", (_name, c) => {
    const result = matchDane({ records: c.records, chainDer: c.chainDer, names: [c.base], now });
    const pkixOnly = c.records.every((r) => r.usage === 0 || r.usage === 1);
    if (pkixOnly) {
      // RFC 7672 §3.1.3: no usable record, whatever OpenSSL's PKIX verdict was.
      expect(result.outcome).toBe("unusable");
      expect(result.perRecord.every((r) => !r.usable)).toBe(true);
      return;
    }
    const eeMatchedAtLeaf = c.verifyResult === HOSTNAME_MISMATCH && c.depth === 0;
    if (c.verifyResult === OK || eeMatchedAtLeaf) {
      // Case 54 flips: DANE-EE(3) ignores names (RFC 7672 §3.1.1), so OpenSSL's 62 becomes OK @0.
      expect(result.outcome).toBe("pass");
      expect(result.matched?.depth).toBe(c.depth);
      expect(result.matched?.usage).toBe(c.records[0]?.usage);
      if (eeMatchedAtLeaf) expect(result.warnings.map((w) => w.code)).toContain("DANE_EE_NAME_MISMATCH");
      return;
    }
    expect(result.outcome).toBe("fail");
    expect(result.matched).toBeNull();
    if (c.verifyResult === HOSTNAME_MISMATCH) {
      expect(result.failure?.code).toBe("DANE_TA_NAME_MISMATCH");
      expect(result.perRecord[0]?.matches).toBe(true);
    } else {
      expect(["DANE_TLSA_MISMATCH", "DANE_TA_NOT_IN_CHAIN"]).toContain(result.failure?.code);
      expect(result.perRecord.some((r) => r.matches)).toBe(false);
    }
  });
});
