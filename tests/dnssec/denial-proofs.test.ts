// Denial proofs judged as validators judge them, over loopback UDP/TCP: zones signed by BIND's
// dnssec-signzone (scripts/vectors/make-proofs.sh -> tests/vectors/proofs), answered by the lab's
// resolver logic, except where an attack needs a crafted answer: then the records are copied
// unchanged from the signed zones (a wildcard-expanded RRset keeps the wildcard's RRSIG) or come
// from forged.zone (signed with the zone's own key by dnspython). Windows run 2026..2037.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { namesEqual } from "../../lib/dns/name";
import { createNetworkTransport } from "../../lib/dns/transport";
import { Rcode, RRType, type DnsMessage, type ResourceRecord } from "../../lib/dns/types";
import { parseZoneFile } from "../../lib/dns/zonefile";
import { parseTrustAnchors } from "../../lib/dnssec/anchors";
import { createValidator, type ValidationResult } from "../../lib/dnssec/validator";
import { LabResolver } from "../../lib/lab/dns-server";
import { DnssecCode } from "../../lib/report/findings/dnssec";
import { answerTo, startResponder, type Responder } from "../dns/responder";
import { loadZone, readVector } from "./vectors";

const DIR = "proofs/";
const NOW = new Date("2026-06-01T00:00:00Z");
const manifest = JSON.parse(readVector(DIR + "manifest.json")) as { origin: string; file: string; unsigned?: boolean }[];
const anchors = parseTrustAnchors(readVector(DIR + "trust-anchor.zone"));
const zones = manifest.map((m) => ({ origin: m.origin, signed: !m.unsigned, records: loadZone(DIR + m.file, m.origin) }));
const pool = zones.flatMap((z) => z.records);
const forged = parseZoneFile(readVector(DIR + "forged.zone"));
const lab = new LabResolver(zones);

/** Records of `owner`/`type` (and their RRSIGs) from the signed zones, optionally re-owned as a resolver expands a wildcard. */
function rrsetWithSigs(records: ResourceRecord[], owner: string, type: number, servedAt = owner): ResourceRecord[] {
  const set = records.filter((r) => namesEqual(r.name, owner) && (r.type === type || (r.data.kind === "RRSIG" && r.data.typeCovered === type)));
  if (set.length === 0) throw new Error(`no ${owner} ${type} in the vectors`);
  return set.map((r) => ({ ...r, name: servedAt }));
}

const soa = (zone: string) => rrsetWithSigs(pool, zone, RRType.SOA);

/** Crafted answers by "name|type"; everything else is the lab's honest answer. */
const crafted = new Map<string, (q: DnsMessage) => DnsMessage>();
const key = (name: string, type: number) => `${name.toLowerCase()}|${type}`;

let responder: Responder;
beforeAll(async () => {
  responder = await startResponder((q) => {
    const question = q.question[0];
    const craft = question ? crafted.get(key(question.name, question.type)) : undefined;
    return [craft ? craft(q) : lab.resolve(q)];
  });
});
afterAll(async () => {
  await responder?.close();
});

async function check(name: string, type: number): Promise<ValidationResult> {
  const transport = createNetworkTransport({ servers: [{ host: "127.0.0.1", port: responder.port }], timeoutMs: 2000, attempts: 2 });
  return createValidator({ transport, anchors, now: () => NOW }).validate(name, type);
}

describe("wildcard-expanded NSEC/NSEC3 cannot deny anything (CVE-2017-15105)", () => {
  // The wildcard *.w.wild.'s own NSEC (next real.w.wild., types A RRSIG NSEC) re-owned at a name
  // the wildcard could match: its RRSIG still verifies, as a wildcard expansion.
  const expandedNsec = (at: string) => rrsetWithSigs(pool, "*.w.wild.", RRType.NSEC, at);

  it("RFC 4035 §5.4: a wildcard-expanded NSEC does not prove NODATA for a TLSA that exists", async () => {
    expect((await check("real.w.wild.", RRType.TLSA)).status).toBe("secure");
    crafted.set(key("real.w.wild.", RRType.TLSA), (q) => answerTo(q, { authority: [...soa("wild."), ...expandedNsec("real.w.wild.")] }));
    const r = await check("real.w.wild.", RRType.TLSA);
    expect(r.status).toBe("bogus");
    expect(r.reason?.code).toBe(DnssecCode.DENIAL_WILDCARD_EXPANDED);
  });

  it("RFC 4035 §5.4: a wildcard-expanded NSEC does not prove NXDOMAIN for a name that exists", async () => {
    expect((await check("host.real.w.wild.", RRType.A)).status).toBe("secure");
    // Re-owned at real.w.wild., its next name real.w.wild. makes it span the whole zone.
    crafted.set(key("host.real.w.wild.", RRType.A), (q) => answerTo(q, { rcode: Rcode.NXDOMAIN, authority: [...soa("wild."), ...expandedNsec("real.w.wild.")] }));
    const r = await check("host.real.w.wild.", RRType.A);
    expect(r.status).toBe("bogus");
    expect(r.reason?.code).toBe(DnssecCode.DENIAL_WILDCARD_EXPANDED);
  });

  it("RFC 4035 §5.2: a wildcard-expanded NSEC does not prove that a signed child has no DS", async () => {
    expect((await check("www.sub.w.wild.", RRType.A)).status).toBe("secure");
    crafted.set(key("sub.w.wild.", RRType.DS), (q) => answerTo(q, { authority: [...soa("wild."), ...expandedNsec("sub.w.wild.")] }));
    const r = await check("www.sub.w.wild.", RRType.A);
    crafted.delete(key("sub.w.wild.", RRType.DS));
    expect(r.status).toBe("bogus");
    expect(r.reason?.code).toBe(DnssecCode.DENIAL_WILDCARD_EXPANDED);
  });

  it("RFC 5155 §8.5: a wildcard-expanded NSEC3 does not prove NODATA for a TXT that exists", async () => {
    expect((await check("www.optout.", RRType.TXT)).status).toBe("secure");
    crafted.set(key("www.optout.", RRType.TXT), (q) => answerTo(q, { authority: [...soa("optout."), ...forged.filter((r) => r.type === RRType.NSEC3 || r.data.kind === "RRSIG" && r.data.typeCovered === RRType.NSEC3)] }));
    const r = await check("www.optout.", RRType.TXT);
    expect(r.status).toBe("bogus");
    expect(r.reason?.code).toBe(DnssecCode.DENIAL_WILDCARD_EXPANDED);
  });
});

describe("NSEC spans stay inside the signer's zone", () => {
  it("RFC 4034 §4.1.1: an NSEC whose next name leaves the zone (wild. -> zzz.) proves nothing", async () => {
    const span = forged.filter((r) => namesEqual(r.name, "wild."));
    crafted.set(key("real.w.wild.", RRType.A), (q) => answerTo(q, { rcode: Rcode.NXDOMAIN, authority: [...soa("wild."), ...span] }));
    const r = await check("real.w.wild.", RRType.A);
    expect(r.status).toBe("bogus");
    expect(r.reason?.code).toBe(DnssecCode.DENIAL_INVALID);
  });
});

describe("NSEC3 opt-out leaves the answer insecure (RFC 5155 §9.2, as Unbound)", () => {
  it("RFC 5155 §9.2: a wildcard answer whose next closer name is covered only by opt-out is insecure", async () => {
    const r = await check("foo.w.optout.", RRType.A);
    expect(r.status).toBe("insecure");
    expect(r.reason?.code).toBe(DnssecCode.NSEC3_OPT_OUT);
  });

  it("RFC 5155 §9.2: a wildcard NODATA under an opt-out span is insecure", async () => {
    // The complete §7.2.5 proof, picked by make-proofs.sh (the lab server omits the closest encloser's NSEC3).
    const proof = parseZoneFile(readVector(DIR + "optout-wildcard-nodata.zone"));
    crafted.set(key("foo.w.optout.", RRType.TXT), (q) => answerTo(q, { authority: [...soa("optout."), ...proof] }));
    const r = await check("foo.w.optout.", RRType.TXT);
    expect(r.status).toBe("insecure");
    expect(r.reason?.code).toBe(DnssecCode.NSEC3_OPT_OUT);
  });

  it("RFC 5155 §9.2: NODATA at an empty non-terminal left out of the chain by opt-out is insecure", async () => {
    const r = await check("e.optout.", RRType.A);
    expect(r.status).toBe("insecure");
    expect(r.reason?.code).toBe(DnssecCode.NSEC3_OPT_OUT);
  });

  it("RFC 5155 §8.5: NODATA proven by a matching NSEC3 stays secure under opt-out", async () => {
    const r = await check("www.optout.", RRType.MX);
    expect(r).toMatchObject({ status: "secure", denial: { kind: "nodata", proof: "nsec3" } });
  });
});

describe("a DNAME from a wildcard", () => {
  it("RFC 4592 §4.4, RFC 6672 §3: a DNAME synthesised from *.dn.wild. is bogus", async () => {
    crafted.set(key("x.a.dn.wild.", RRType.A), (q) =>
      answerTo(q, {
        answer: [
          ...rrsetWithSigs(pool, "*.dn.wild.", RRType.DNAME, "a.dn.wild."),
          ...parseZoneFile("x.a.dn.wild. 3600 IN CNAME x.tgt.wild."),
          ...rrsetWithSigs(pool, "x.tgt.wild.", RRType.A),
        ],
      }),
    );
    const r = await check("x.a.dn.wild.", RRType.A);
    expect(r.status).toBe("bogus");
    expect(r.reason?.code).toBe(DnssecCode.DNAME_WILDCARD);
  });
});

describe("the other way: answers validators accept", () => {
  it("RFC 4035 §5.2: a CNAME into an unsigned delegation is insecure, proven by the child's DS denial", async () => {
    for (const [name, type] of [["alias.wild.", RRType.A], ["alias-nx.wild.", RRType.A], ["alias.wild.", RRType.TLSA]] as const) {
      const r = await check(name, type);
      expect(r.status, `${name} ${type}`).toBe("insecure");
      expect(r.reason?.code, `${name} ${type}`).toBe(DnssecCode.INSECURE_DELEGATION);
      expect(r.cnameChain[1]).toMatch(/\.unsig\.wild\.$/);
      expect(r.chain.find((z) => z.zone === "unsig.wild.")?.status).toBe("insecure");
    }
  });

  it("RFC 4035 §5.2: a NODATA below an unsigned cut carrying the parent's signed SOA and NSEC is insecure, not bogus", async () => {
    // As a resolver may send it: the parent's SOA and its NSEC at the delegation, signed by wild.
    crafted.set(key("www.unsig.wild.", RRType.TLSA), (q) => answerTo(q, { authority: [...soa("wild."), ...rrsetWithSigs(pool, "unsig.wild.", RRType.NSEC)] }));
    const r = await check("alias.wild.", RRType.TLSA);
    crafted.delete(key("www.unsig.wild.", RRType.TLSA));
    expect(r).toMatchObject({ status: "insecure", reason: { code: DnssecCode.INSECURE_DELEGATION } });
    expect(r.chain.find((z) => z.zone === "unsig.wild.")?.status).toBe("insecure");
  });

  it("RFC 8482 §7 / RFC 4035 §5.3: a query of type ANY validates every RRset at the name", async () => {
    const r = await check("www.optout.", RRType.ANY);
    expect(r.status).toBe("secure");
    expect(new Set(r.answer.map((a) => a.type))).toEqual(new Set([RRType.A, RRType.TXT]));
  });

  it("RFC 4592 §2.1.1: the wildcard owner itself (*.w.wild.) can be asked for", async () => {
    const r = await check("*.w.wild.", RRType.A);
    expect(r).toMatchObject({ status: "secure", reason: null });
  });

  it("RFC 4035 §5.4, RFC 8020 §2: an NXDOMAIN to a DS query at an empty non-terminal, with an NSEC proving NODATA, is tolerated", async () => {
    expect((await check("x.e.wild.", RRType.A)).status).toBe("secure");
    crafted.set(key("e.wild.", RRType.DS), (q) => ({ ...lab.resolve(q), rcode: Rcode.NXDOMAIN }));
    const r = await check("x.e.wild.", RRType.A);
    crafted.delete(key("e.wild.", RRType.DS));
    expect(r).toMatchObject({ status: "secure", reason: null });
    // w.wild. is an empty non-terminal with a signed zone below it (sub.w.wild.): read as a proven
    // name error, the NXDOMAIN would end the walk above the child and its data could not be secure.
    crafted.set(key("w.wild.", RRType.DS), (q) => ({ ...lab.resolve(q), rcode: Rcode.NXDOMAIN }));
    const below = await check("www.sub.w.wild.", RRType.A);
    crafted.delete(key("w.wild.", RRType.DS));
    expect(below).toMatchObject({ status: "secure", reason: null });
    expect(below.chain.map((z) => z.zone)).toEqual([".", "wild.", "sub.w.wild."]);
  });
});
