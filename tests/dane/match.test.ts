// DANE matching (RFC 7672 §3, RFC 7671 §5) against chains built for the purpose.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { english, said } from "../helpers/english";
import { formatTlsa, matchDane, parseChain, parseTlsaPresentation, tlsaUsability, type DaneMatchInput, type TlsaRecord } from "../../lib/dane";
import { daneFindings } from "../../lib/report/findings/dane";
import { makeCert, makeKeys, makePki, spkiOf, type Issued, type KeyKind, type Pki } from "./pki";

const now = new Date("2026-11-28T12:00:00Z");
const names = ["mx.example.com"];

function record(usage: number, selector: number, matchingType: number, cert: Issued): TlsaRecord {
  const selected = selector === 0 ? cert.der : spkiOf(cert);
  const data = matchingType === 0 ? selected : createHash(matchingType === 1 ? "sha256" : "sha512").update(selected).digest();
  return { usage, selector, matchingType, data: new Uint8Array(data) };
}


function run(records: TlsaRecord[], chain: Issued[], overrides: Partial<Omit<DaneMatchInput, "chainDer" | "chain">> = {}) {
  const chainDer = chain.map((c) => c.der);
  const result = matchDane({ records, chainDer, names, now, ...overrides });
  // The engine hands over the chain it parsed once for every check: same verdict as from the DER.
  expect(matchDane({ records, chain: parseChain(chainDer), names, now, ...overrides })).toEqual(result);
  // Every message parameter must have been given (the renderer throws under test otherwise).
  for (const o of [...(result.failure ? [result.failure] : []), ...result.warnings]) expect(said(o)).not.toMatch(/\{\w+\}/);
  return result;
}

const kinds: KeyKind[] = ["RSA", "EC"];
const pkis = new Map<KeyKind, Pki>();

beforeAll(async () => {
  for (const kind of kinds) pkis.set(kind, await makePki(kind));
}, 60_000);

function pki(kind: KeyKind = "EC"): Pki {
  const found = pkis.get(kind);
  if (!found) throw new Error(`no ${kind} PKI`);
  return found;
}

describe.each(kinds)("%s chain root -> intermediate -> leaf", (kind) => {
  const combos = [0, 1].flatMap((selector) => [0, 1, 2].map((matchingType) => [selector, matchingType] as const));

  it.each(combos)("DANE-EE 3 %i %i matches the leaf at depth 0", (selector, matchingType) => {
    const { root, intermediate, leaf } = pki(kind);
    const r = record(3, selector, matchingType, leaf);
    const result = run([r], [leaf, intermediate, root]);
    expect(result.outcome).toBe("pass");
    expect(result.matched).toEqual({ record: r, usage: 3, depth: 0, anchor: null });
    expect(result.failure).toBeNull();
    expect(result.warnings).toEqual([]);
  });

  it.each(combos)("DANE-TA 2 %i %i matches the intermediate at depth 1", (selector, matchingType) => {
    const { root, intermediate, leaf } = pki(kind);
    const r = record(2, selector, matchingType, intermediate);
    const result = run([r], [leaf, intermediate, root]);
    expect(result.outcome).toBe("pass");
    expect(result.matched).toEqual({ record: r, usage: 2, depth: 1, anchor: "chain" });
    expect(result.perRecord[0]).toMatchObject({ usable: true, matches: true });
  });

  it.each(combos)("PKIX usages 0 and 1 with 0 %i %i are unusable for SMTP", (selector, matchingType) => {
    const { root, intermediate, leaf } = pki(kind);
    const result = run([record(0, selector, matchingType, root), record(1, selector, matchingType, leaf)], [leaf, intermediate, root]);
    expect(result.outcome).toBe("unusable");
    expect(result.matched).toBeNull();
    expect(result.perRecord.map((p) => p.usable)).toEqual([false, false]);
    expect(result.warnings.map((w) => w.code)).toEqual(["DANE_TLSA_NONE_USABLE"]);
  });

  it("DANE-TA via the root when the server sends the root: depth 2", () => {
    const { root, intermediate, leaf } = pki(kind);
    const result = run([record(2, 0, 1, root)], [leaf, intermediate, root]);
    expect(result.outcome).toBe("pass");
    expect(result.matched?.depth).toBe(2);
  });
});

describe("DANE-TA trust anchors", () => {
  it("fails DANE_TA_NOT_IN_CHAIN when the server leaves out the root a digest record names", () => {
    const { root, intermediate, leaf } = pki();
    const result = run([record(2, 1, 1, root)], [leaf, intermediate]);
    expect(result.outcome).toBe("fail");
    expect(result.failure?.code).toBe("DANE_TA_NOT_IN_CHAIN");
    expect(said(result.failure)).toContain("CN=Test Issuing CA EC");
    expect(result.perRecord[0]).toMatchObject({ usable: true, matches: false });
  });

  it("accepts a bare SPKI not in the chain (2 1 0, RFC 7671 §5.2.3) that signed the top certificate sent", () => {
    const { root, intermediate, leaf } = pki();
    const result = run([record(2, 1, 0, root)], [leaf, intermediate]);
    expect(result.outcome).toBe("pass");
    expect(result.matched).toMatchObject({ usage: 2, depth: 1, anchor: "dns-key" });
  });

  it("accepts a bare intermediate SPKI that signed the leaf when only the leaf is sent", () => {
    const { intermediate, leaf } = pki("RSA");
    const result = run([record(2, 1, 0, intermediate)], [leaf]);
    expect(result.outcome).toBe("pass");
    expect(result.matched).toMatchObject({ depth: 0, anchor: "dns-key" });
  });

  it("accepts a whole TA certificate carried in a 2 0 0 record (RFC 7671 §5.2.2)", () => {
    const { intermediate, leaf } = pki();
    const result = run([record(2, 0, 0, intermediate)], [leaf]);
    expect(result.outcome).toBe("pass");
    expect(result.matched).toMatchObject({ depth: 1, anchor: "dns-certificate" });
  });

  it("rejects a bare key that signed nothing in the chain", async () => {
    const { intermediate, leaf } = pki();
    const stranger = await makeCert({ name: "CN=Stranger CA", keys: await makeKeys("EC"), ca: true });
    const result = run([record(2, 1, 0, stranger)], [leaf, intermediate]);
    expect(result.outcome).toBe("fail");
    expect(result.failure?.code).toBe("DANE_TA_CHAIN_BROKEN");
  });

  it("fails DANE_TA_CHAIN_BROKEN when the intermediate sent did not issue the leaf", async () => {
    const { root, leaf } = pki();
    // Same name as the real issuer, different key: names chain, signatures do not.
    const impostor = await makeCert({ name: "CN=Test Issuing CA EC", keys: await makeKeys("EC"), issuer: root, ca: true });
    const result = run([record(2, 0, 1, root)], [leaf, impostor, root]);
    expect(result.outcome).toBe("fail");
    expect(result.failure?.code).toBe("DANE_TA_CHAIN_BROKEN");
    expect(said(result.failure)).toContain("did not issue");
    expect(result.perRecord[0]?.matches).toBe(true);
  });

  it("fails DANE_TA_CHAIN_BROKEN when an issuer on the path is not a CA", async () => {
    const { root } = pki();
    const notCa = await makeCert({ name: "CN=Not A CA", keys: await makeKeys("EC"), issuer: root, ca: false });
    const leaf = await makeCert({ name: "CN=mx.example.com", keys: await makeKeys("EC"), issuer: notCa, dnsNames: names });
    const result = run([record(2, 1, 1, root)], [leaf, notCa, root]);
    expect(result.failure?.code).toBe("DANE_TA_CHAIN_BROKEN");
    expect(said(result.failure)).toContain("not a CA");
  });

  it("does not accept a DANE-TA record that matches only the leaf, and says to use usage 3", () => {
    const { root, intermediate, leaf } = pki();
    const result = run([record(2, 1, 1, leaf)], [leaf, intermediate, root]);
    expect(result.outcome).toBe("fail");
    expect(result.failure?.code).toBe("DANE_TA_NOT_IN_CHAIN");
    expect(english(result.perRecord[0]?.note)).toContain("usage 3");
  });

  it("does not check the trust anchor's own dates (RFC 7671 §5.2.2)", async () => {
    const keys = await makeKeys("EC");
    const oldRoot = await makeCert({ name: "CN=Old Root", keys, ca: true, notBefore: new Date("2010-01-01Z"), notAfter: new Date("2020-01-01Z") });
    const leaf = await makeCert({ name: "CN=mx.example.com", keys: await makeKeys("EC"), issuer: oldRoot, dnsNames: names });
    const result = run([record(2, 1, 1, oldRoot)], [leaf, oldRoot]);
    expect(result.outcome).toBe("pass");
  });

  it("checks the dates of an intermediate between the leaf and the anchor", async () => {
    const { root } = pki();
    const stale = await makeCert({ name: "CN=Stale CA", keys: await makeKeys("EC"), issuer: root, ca: true, notAfter: new Date("2026-06-01Z") });
    const leaf = await makeCert({ name: "CN=mx.example.com", keys: await makeKeys("EC"), issuer: stale, dnsNames: names });
    const result = run([record(2, 1, 1, root)], [leaf, stale, root]);
    expect(result.failure?.code).toBe("DANE_TA_CERT_EXPIRED");
    expect(said(result.failure)).toContain("CN=Stale CA");
  });
});

describe("names and dates", () => {
  let mismatched: Pki;
  let expired: Pki;
  let future: Pki;
  let wildcard: Pki;
  let cnOnly: Pki;
  beforeAll(async () => {
    mismatched = await makePki("EC", { name: "CN=other.example.net", dnsNames: ["other.example.net"] });
    expired = await makePki("EC", { notBefore: new Date("2025-01-01Z"), notAfter: new Date("2026-01-01Z") });
    future = await makePki("EC", { notBefore: new Date("2027-01-01Z"), notAfter: new Date("2028-01-01Z") });
    wildcard = await makePki("EC", { name: "CN=example.com", dnsNames: ["*.example.com"] });
    cnOnly = await makePki("EC", { name: "CN=mx.example.com", dnsNames: undefined });
  }, 60_000);

  it("fails DANE_TA_NAME_MISMATCH under DANE-TA when the leaf names another host", () => {
    const { root, intermediate, leaf } = mismatched;
    const result = run([record(2, 1, 1, intermediate)], [leaf, intermediate, root]);
    expect(result.outcome).toBe("fail");
    expect(result.failure?.code).toBe("DANE_TA_NAME_MISMATCH");
    expect(said(result.failure)).toContain("other.example.net");
    expect(said(result.failure)).toContain("mx.example.com");
  });

  it("passes under DANE-EE with a name warning (RFC 7672 §3.1.1)", () => {
    const { root, intermediate, leaf } = mismatched;
    const result = run([record(3, 1, 1, leaf)], [leaf, intermediate, root]);
    expect(result.outcome).toBe("pass");
    expect(result.warnings.map((w) => w.code)).toEqual(["DANE_EE_NAME_MISMATCH"]);
  });

  it("matches the CNAME-expanded name when it is among the reference names", () => {
    const { root, intermediate, leaf } = mismatched;
    const result = run([record(2, 1, 1, intermediate)], [leaf, intermediate, root], { names: ["mx.example.com", "other.example.net."] });
    expect(result.outcome).toBe("pass");
  });

  it("accepts a wildcard only as the whole leftmost label matching one label", () => {
    const { root, intermediate, leaf } = wildcard;
    const check = (name: string) => run([record(2, 1, 1, intermediate)], [leaf, intermediate, root], { names: [name] }).outcome;
    expect(check("mx.example.com")).toBe("pass");
    expect(check("MX.Example.COM.")).toBe("pass");
    expect(check("a.mx.example.com")).toBe("fail");
    expect(check("example.com")).toBe("fail");
  });

  it("uses the subject CN when the certificate has no DNS names", () => {
    const { root, intermediate, leaf } = cnOnly;
    expect(run([record(2, 1, 1, intermediate)], [leaf, intermediate, root]).outcome).toBe("pass");
  });

  it("ignores the CN when DNS names are present", () => {
    // mismatched leaf: CN=other.example.net, SAN other.example.net; wildcard leaf: CN=example.com, SAN *.example.com
    const { root, intermediate, leaf } = wildcard;
    expect(run([record(2, 1, 1, intermediate)], [leaf, intermediate, root], { names: ["example.com"] }).failure?.code).toBe("DANE_TA_NAME_MISMATCH");
  });

  it("fails DANE_TA_CERT_EXPIRED under DANE-TA for an expired leaf (Exchange 4.7.322)", () => {
    const { root, intermediate, leaf } = expired;
    const result = run([record(2, 1, 1, root)], [leaf, intermediate, root]);
    expect(result.failure?.code).toBe("DANE_TA_CERT_EXPIRED");
    expect(said(result.failure)).toContain("2026-01-01");
  });

  it("passes under DANE-EE with an expiry warning for an expired leaf", () => {
    const { root, intermediate, leaf } = expired;
    const result = run([record(3, 1, 1, leaf)], [leaf, intermediate, root]);
    expect(result.outcome).toBe("pass");
    expect(result.warnings.map((w) => w.code)).toEqual(["DANE_EE_LEAF_EXPIRED"]);
  });

  it("fails DANE_TA_CERT_NOT_YET_VALID under DANE-TA and warns under DANE-EE", () => {
    const { root, intermediate, leaf } = future;
    expect(run([record(2, 1, 1, intermediate)], [leaf, intermediate, root]).failure?.code).toBe("DANE_TA_CERT_NOT_YET_VALID");
    expect(run([record(3, 1, 1, leaf)], [leaf, intermediate, root]).warnings.map((w) => w.code)).toEqual(["DANE_EE_LEAF_NOT_YET_VALID"]);
  });
});

describe("record sets", () => {
  it("passes a rollover pair where only the new record matches, and reports both", async () => {
    const { root, intermediate, leaf } = pki();
    const retired = await makeCert({ name: "CN=mx.example.com", keys: await makeKeys("EC"), issuer: intermediate, dnsNames: names });
    const old = record(3, 1, 1, retired);
    const current = record(3, 1, 1, leaf);
    const result = run([old, current], [leaf, intermediate, root]);
    expect(result.outcome).toBe("pass");
    expect(result.matched?.record).toBe(current);
    expect(result.perRecord.map((p) => p.matches)).toEqual([false, true]);
    expect(english(result.perRecord[0]?.note)).toContain(formatTlsa(current).slice(6, 30));
  });

  it("fails DANE_TLSA_MISMATCH and names the record that would match", async () => {
    const { root, intermediate, leaf } = pki();
    const retired = await makeCert({ name: "CN=mx.example.com", keys: await makeKeys("EC"), issuer: intermediate, dnsNames: names });
    const result = run([record(3, 1, 1, retired), record(2, 1, 1, retired)], [leaf, intermediate, root]);
    expect(result.outcome).toBe("fail");
    expect(result.failure?.code).toBe("DANE_TLSA_MISMATCH");
    expect(said(result.failure)).toContain(formatTlsa(record(3, 1, 1, leaf)));
    expect(result.failure?.params.count).toBe(2);
  });

  it("treats a SHA-256 record with 31 octets as unusable (bad-digest-length)", () => {
    const { root, intermediate, leaf } = pki();
    const good = record(3, 1, 1, leaf);
    const short = { ...good, data: good.data.slice(0, 31) };
    expect(tlsaUsability(short)).toEqual({ usable: false, reason: "bad-digest-length" });
    const result = run([short], [leaf, intermediate, root]);
    expect(result.outcome).toBe("unusable");
    expect(english(result.perRecord[0]?.note)).toContain("31");
  });

  it("ignores unusable records beside a usable one, with an info finding each", () => {
    const { root, intermediate, leaf } = pki();
    const result = run([record(1, 1, 1, leaf), record(3, 1, 1, leaf)], [leaf, intermediate, root]);
    expect(result.outcome).toBe("pass");
    expect(result.warnings.map((w) => w.code)).toEqual(["DANE_TLSA_RECORD_UNUSABLE"]);
    expect(result.perRecord.map((p) => p.usable)).toEqual([false, true]);
    // The reason is tokens (issue 10), worded by the catalogue like the TLSA step's note.
    expect(result.warnings[0]?.params).toMatchObject({ unusable: "pkix-usage", usage: 1 });
    expect(said(result.warnings[0])).toContain("usage 1 (PKIX) is not used for SMTP");
  });

  it("prefers a DANE-EE match over DANE-TA", () => {
    const { root, intermediate, leaf } = pki();
    const result = run([record(2, 1, 1, root), record(3, 1, 1, leaf)], [leaf, intermediate, root]);
    expect(result.matched).toMatchObject({ usage: 3, depth: 0 });
    expect(result.perRecord.map((p) => p.matches)).toEqual([true, true]);
  });

  it("fails DANE_NO_CERTIFICATE for an empty chain", () => {
    const { leaf } = pki();
    const result = matchDane({ records: [record(3, 1, 1, leaf)], chainDer: [], names, now });
    expect(result.outcome).toBe("fail");
    expect(result.failure?.code).toBe("DANE_NO_CERTIFICATE");
  });

  it("fails DANE_CERT_UNPARSEABLE for a leaf that is not X.509, yet matches 3 0 x on its raw bytes", () => {
    const garbage = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]);
    const spkiRecord = { usage: 3, selector: 1, matchingType: 1, data: new Uint8Array(32) };
    expect(matchDane({ records: [spkiRecord], chainDer: [garbage], names, now }).failure?.code).toBe("DANE_CERT_UNPARSEABLE");
    const exact = { usage: 3, selector: 0, matchingType: 0, data: garbage };
    expect(matchDane({ records: [exact], chainDer: [garbage], names, now }).outcome).toBe("pass");
    // A chain parsed beforehand keeps the unreadable bytes, so the same record still matches.
    expect(matchDane({ records: [exact], chain: parseChain([garbage]), names, now }).outcome).toBe("pass");
  });

  it("every code it can emit has a catalogue definition", () => {
    const codes = new Set(Object.keys(daneFindings));
    for (const code of ["DANE_TLSA_MISMATCH", "DANE_TA_NOT_IN_CHAIN", "DANE_TA_NAME_MISMATCH", "DANE_TA_CERT_EXPIRED", "DANE_TA_CERT_NOT_YET_VALID", "DANE_TA_CHAIN_BROKEN", "DANE_NO_CERTIFICATE"]) {
      expect(codes.has(code)).toBe(true);
    }
    for (const d of Object.values(daneFindings)) expect(d.references.length).toBeGreaterThan(0);
  });
});

describe("TLSA presentation form", () => {
  it("parses upper-case hex split by spaces and prints lower-case", () => {
    const parsed = parseTlsaPresentation("3 1 1 ABCD EF01");
    expect(parsed).toEqual({ ok: true, record: { usage: 3, selector: 1, matchingType: 1, data: new Uint8Array([0xab, 0xcd, 0xef, 0x01]) } });
    if (parsed.ok) expect(formatTlsa(parsed.record)).toBe("3 1 1 abcdef01");
  });

  it.each([["3 1 1"], ["3 1 x abcd"], ["256 1 1 abcd"], ["3 1 1 abc"], ["3 1 1 zz"]])("rejects %j", (text) => {
    expect(parseTlsaPresentation(text).ok).toBe(false);
  });

  it("classifies unknown usage, selector and matching type", () => {
    const data = new Uint8Array(32);
    expect(tlsaUsability({ usage: 4, selector: 1, matchingType: 1, data })).toEqual({ usable: false, reason: "unknown-usage" });
    expect(tlsaUsability({ usage: 3, selector: 2, matchingType: 1, data })).toEqual({ usable: false, reason: "unknown-selector" });
    expect(tlsaUsability({ usage: 3, selector: 1, matchingType: 3, data })).toEqual({ usable: false, reason: "unknown-matching-type" });
    expect(tlsaUsability({ usage: 0, selector: 1, matchingType: 1, data })).toEqual({ usable: false, reason: "pkix-usage" });
    expect(tlsaUsability({ usage: 3, selector: 1, matchingType: 2, data })).toEqual({ usable: false, reason: "bad-digest-length" });
  });
});
