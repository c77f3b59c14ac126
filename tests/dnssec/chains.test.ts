// Whole chains of trust from an anchor to a leaf RRset, checked offline with the same pure pieces
// the validator uses (authenticateZoneKeys, verifyRrset, NSEC proofs): RFC 9102's test vector and
// dnssec-prover's real-world captures (tests/vectors/real-world/PROVENANCE.md).
import { describe, expect, it } from "vitest";
import { said } from "../helpers/english";
import { readFileSync } from "node:fs";
import path from "node:path";
import { formatNameLabels, isSubdomainOf, namesEqual, readWireName } from "../../lib/dns/name";
import { decodeRdata } from "../../lib/dns/rdata";
import type { ResourceRecord } from "../../lib/dns/types";
import { parseTrustAnchors } from "../../lib/dnssec/anchors";
import { proveWithNsec } from "../../lib/dnssec/nsec";
import { proveWithNsec3 } from "../../lib/dnssec/nsec3";
import { verifyRrset, type RrsetVerdict } from "../../lib/dnssec/rrsig";
import { authenticateZoneKeys } from "../../lib/dnssec/zonekeys";
import { loadZone, readVector, VECTORS } from "./vectors";



/** RFC 9102 §3.1 AuthenticationChain: uncompressed RRs back to back, no header. */
function decodeRrStream(buf: Uint8Array): ResourceRecord[] {
  const out: ResourceRecord[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const name = readWireName(buf, pos);
    const view = new DataView(buf.buffer, buf.byteOffset + name.next, 10);
    const type = view.getUint16(0);
    const rdlen = view.getUint16(8);
    const start = name.next + 10;
    const decoded = decodeRdata(type, buf.subarray(start, start + rdlen));
    out.push({ name: formatNameLabels(name.labels), type, class: view.getUint16(2), ttl: view.getUint32(4), rdata: decoded.rdata, data: decoded.data });
    pos = start + rdlen;
  }
  return out;
}

interface ChainOutcome {
  status: "secure" | "insecure" | "bogus";
  zones: string[];
  keys: Map<string, ResourceRecord[]>;
  problem?: string;
}

/** Authenticates the zones top-down (each zone's DS from its parent), as the validator's walk does. */
function walkChain(pool: ResourceRecord[], anchorText: string, zones: string[], now: Date): ChainOutcome {
  const [anchor] = parseTrustAnchors(anchorText);
  if (!anchor) throw new Error("no anchor");
  const keys = new Map<string, ResourceRecord[]>();
  const of = (name: string, type: number) => pool.filter((r) => r.type === type && namesEqual(r.name, name));
  const sigs = (name: string, type: number) => of(name, 46).filter((s) => s.data.kind === "RRSIG" && s.data.typeCovered === type);
  let parent: string | null = null;
  for (const zone of zones) {
    let ds = anchor.ds;
    if (parent) {
      ds = of(zone, 43);
      const v = verifyRrset({ rrset: ds, rrsigs: sigs(zone, 43), dnskeys: keys.get(parent) ?? [], zone: parent, now });
      if (v.status !== "valid") return { status: "bogus", zones, keys, problem: `DS ${zone}: ${v.status}` };
    }
    const outcome = authenticateZoneKeys({ zone, ds, anchorKeys: parent ? [] : anchor.dnskeys, dnskeys: of(zone, 48), rrsigs: sigs(zone, 48), now });
    if (outcome.status !== "secure") return { status: outcome.status, zones, keys, problem: said(outcome.reason) };
    keys.set(zone, outcome.keys);
    parent = zone;
  }
  return { status: "secure", zones, keys };
}

function verifyLeaf(pool: ResourceRecord[], keys: Map<string, ResourceRecord[]>, zone: string, owner: string, type: number, now: Date): RrsetVerdict {
  const rrset = pool.filter((r) => r.type === type && namesEqual(r.name, owner));
  return verifyRrset({ rrset, rrsigs: pool.filter((r) => r.type === 46), dnskeys: keys.get(zone) ?? [], zone, now });
}

describe("rfc9102 Appendix authentication chain (ECDSA P-256, test root 47005)", () => {
  const chain = decodeRrStream(new Uint8Array(readFileSync(path.join(VECTORS, "rfc9102/authentication-chain.bin"))));
  const anchor = readVector("rfc9102/trust-anchor.zone");
  const zones = [".", "com.", "example.com."];
  const tlsa = "_443._tcp.www.example.com.";

  it("decodes 18 RRs with 7 RRSIGs", () => {
    expect(chain).toHaveLength(18);
    expect(chain.filter((r) => r.type === 46)).toHaveLength(7);
  });

  it("is secure from the root to the TLSA on 2019-06-01", () => {
    const now = new Date("2019-06-01T00:00:00Z");
    const walk = walkChain(chain, anchor, zones, now);
    expect(walk).toMatchObject({ status: "secure" });
    const leaf = verifyLeaf(chain, walk.keys, "example.com.", tlsa, 52, now);
    expect(leaf.status).toBe("valid");
    if (leaf.status === "valid") expect(leaf.by.keyTag).toBe(1870);
  });

  it("holds at both window edges and fails one second outside them", () => {
    for (const [t, ok] of [[1543363200, true], [1606867200, true], [1543363199, false], [1606867201, false]] as const) {
      const now = new Date(t * 1000);
      const walk = walkChain(chain, anchor, zones, now);
      expect(walk.status === "secure" && verifyLeaf(chain, walk.keys, "example.com.", tlsa, 52, now).status === "valid", String(t)).toBe(ok);
    }
  });

  it("is bogus one second after expiration, naming the expired DNSKEY signature", () => {
    const walk = walkChain(chain, anchor, zones, new Date(1606867201 * 1000));
    expect(walk.status).toBe("bogus");
    expect(walk.problem).toMatch(/expired on 2020-12-02T00:00:00Z/);
  });
});

const ROOT_ANCHOR = ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\n";
const PROVER = "real-world/dnssec-prover/";
const PROVER_TIME = new Date(1709200000 * 1000);

describe("dnssec-prover real-world chains from the IANA KSK-2017 anchor (2024-02-29)", () => {
  it("chain-mattcorallo.com-txt: root -> com. -> mattcorallo.com. TXT is secure", () => {
    const pool = loadZone(PROVER + "chain-mattcorallo.com-txt.zone");
    const walk = walkChain(pool, ROOT_ANCHOR, [".", "com.", "mattcorallo.com."], PROVER_TIME);
    expect(walk.status).toBe("secure");
    expect(verifyLeaf(pool, walk.keys, "mattcorallo.com.", "matt.user._bitcoin-payment.mattcorallo.com.", 16, PROVER_TIME).status).toBe("valid");
  });

  it("chain-multi-zone: TXT in two zones and a CNAME all verify", () => {
    const pool = loadZone(PROVER + "chain-multi-zone.zone");
    const a = walkChain(pool, ROOT_ANCHOR, [".", "com.", "mattcorallo.com."], PROVER_TIME);
    const b = walkChain(pool, ROOT_ANCHOR, [".", "ninja.", "bitcoin.ninja."], PROVER_TIME);
    expect([a.status, b.status]).toEqual(["secure", "secure"]);
    expect(verifyLeaf(pool, b.keys, "bitcoin.ninja.", "txt_test.dnssec_proof_tests.bitcoin.ninja.", 16, PROVER_TIME).status).toBe("valid");
    expect(verifyLeaf(pool, b.keys, "bitcoin.ninja.", "cname_test.dnssec_proof_tests.bitcoin.ninja.", 5, PROVER_TIME).status).toBe("valid");
  });

  it("chain-txt-sort-order: eight TXT RRs of 255-257 octets verify only in canonical RDATA order", () => {
    const pool = loadZone(PROVER + "chain-txt-sort-order.zone");
    const walk = walkChain(pool, ROOT_ANCHOR, [".", "ninja.", "bitcoin.ninja."], PROVER_TIME);
    const txtOwner = pool.find((r) => r.type === 16)?.name ?? "";
    expect(pool.filter((r) => r.type === 16 && namesEqual(r.name, txtOwner))).toHaveLength(8);
    expect(verifyLeaf(pool, walk.keys, "bitcoin.ninja.", txtOwner, 16, PROVER_TIME).status).toBe("valid");
  });

  it("chain-wildcard-nsec3 (+ bitcoin.ninja-wildcard-txt-asdf): wildcard TXT and CNAME with NSEC3 next-closer proofs", () => {
    const pool = [...loadZone(PROVER + "chain-wildcard-nsec3.zone"), ...loadZone(PROVER + "bitcoin.ninja-wildcard-txt-asdf.zone")];
    const walk = walkChain(pool, ROOT_ANCHOR, [".", "ninja.", "bitcoin.ninja."], PROVER_TIME);
    expect(walk.status).toBe("secure");
    const nsec3 = pool.filter((r) => r.type === 50);
    for (const [owner, type] of [["asdf.wildcard_test.dnssec_proof_tests.bitcoin.ninja.", 16], ["asdf.cname_wildcard_test.dnssec_proof_tests.bitcoin.ninja.", 5]] as const) {
      const v = verifyLeaf(pool, walk.keys, "bitcoin.ninja.", owner, type, PROVER_TIME);
      if (v.status !== "valid" || !v.wildcard) throw new Error(`${owner}: expected a wildcard expansion`);
      expect(proveWithNsec3({ kind: "wildcard-answer", qname: owner, ...v.wildcard }, nsec3, "bitcoin.ninja.", { maxIterations: 150 }).status, owner).toBe("proven");
    }
  });

  it("chain-nsec_tests: root -> ninja. -> bitcoin.ninja. -> nsec_tests... TXT", () => {
    const pool = loadZone(PROVER + "chain-nsec_tests.zone");
    const zone = "nsec_tests.dnssec_proof_tests.bitcoin.ninja.";
    const walk = walkChain(pool, ROOT_ANCHOR, [".", "ninja.", "bitcoin.ninja.", zone], PROVER_TIME);
    expect(walk.status).toBe("secure");
    expect(verifyLeaf(pool, walk.keys, zone, `a.${zone}`, 16, PROVER_TIME).status).toBe("valid");
  });
});

interface WildcardCase {
  file: string;
  prefix: string;
  expect: "secure" | "bogus";
}

describe("dnssec-prover nsec-wildcard-cases.json (RFC 4035 result, incl. the wrap-around NSEC)", () => {
  const data = JSON.parse(readVector(PROVER + "nsec-wildcard-cases.json")) as { cases: WildcardCase[] };
  const zone = "nsec_tests.dnssec_proof_tests.bitcoin.ninja.";
  const base = loadZone(PROVER + "chain-nsec_tests.zone");
  const walk = walkChain(base, ROOT_ANCHOR, [".", "ninja.", "bitcoin.ninja.", zone], PROVER_TIME);

  it.each(data.cases.map((c) => [`${c.prefix} (${c.file.replace(/^.*nsec-wildcard-/, "")})`, c] as const))("%s", (_n, c) => {
    const pool = loadZone(`real-world/${c.file}`);
    const owner = `${c.prefix}.wildcard_test.${zone}`;
    const sigs = pool.filter((r) => r.type === 46);
    const keys = walk.keys.get(zone) ?? [];
    const txt = pool.filter((r) => r.type === 16 && namesEqual(r.name, owner));
    const verdict = verifyRrset({ rrset: txt, rrsigs: sigs, dnskeys: keys, zone, now: PROVER_TIME });
    let status: "secure" | "bogus" = "bogus";
    if (verdict.status === "valid") {
      const nsecs = pool.filter((r) => r.type === 47 && isSubdomainOf(r.name, zone));
      const signed = nsecs.every((n) => verifyRrset({ rrset: [n], rrsigs: sigs, dnskeys: keys, zone, now: PROVER_TIME }).status === "valid");
      const proof = verdict.wildcard ? proveWithNsec({ kind: "wildcard-answer", qname: owner, ...verdict.wildcard }, nsecs) : null;
      status = signed && (proof === null || proof.status === "proven") ? "secure" : "bogus";
    }
    expect(status).toBe(c.expect);
  });
});
