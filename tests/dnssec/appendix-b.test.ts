// RFC 4035 Appendix B and RFC 5155 Appendix B example responses with their fixed clocks
// (tests/vectors/rfc-examples, see PROVENANCE.md): every signature is verified, then the
// authenticated-denial reasoning each response stands for.
import { describe, expect, it } from "vitest";
import type { ResourceRecord } from "../../lib/dns/types";
import type { DenialGoal, DenialResult } from "../../lib/dnssec/denial";
import { proveWithNsec } from "../../lib/dnssec/nsec";
import { proveWithNsec3 } from "../../lib/dnssec/nsec3";
import { verifyRrset, type RrsetVerdict } from "../../lib/dnssec/rrsig";
import { loadResponse, rrsets, rrsigsOf, type ResponseVector } from "./vectors";

const ZONE = "example.";

function verifySigned(v: ResponseVector): { label: string; verdict: RrsetVerdict }[] {
  const all = [...v.answer, ...v.authority, ...v.additional];
  const sigs = rrsigsOf(all);
  return rrsets(all)
    .map((set) => {
      const first = set[0] as ResourceRecord;
      return { label: `${first.name} ${first.type}`, verdict: verifyRrset({ rrset: set, rrsigs: sigs, dnskeys: v.keys, zone: ZONE, now: v.now }) };
    })
    .filter((r) => r.verdict.status !== "unsigned");
}

function expectAllValid(v: ResponseVector): void {
  const results = verifySigned(v);
  expect(results.length).toBeGreaterThan(0);
  for (const r of results) expect(r.verdict.status, r.label).toBe("valid");
  // The apex DNSKEY RRset (the ;; KEYS section) verifies too.
  const keySigs = rrsigsOf(v.keys);
  expect(verifyRrset({ rrset: v.keys.filter((k) => k.type === 48), rrsigs: keySigs, dnskeys: v.keys, zone: ZONE, now: v.now }).status).toBe("valid");
}

const denial = (records: ResourceRecord[]) => records.filter((r) => r.type === 47 || r.type === 50);

function proveNsec(v: ResponseVector, goal: DenialGoal): DenialResult {
  return proveWithNsec(goal, denial(v.authority));
}
function proveNsec3(v: ResponseVector, goal: DenialGoal): DenialResult {
  return proveWithNsec3(goal, denial(v.authority), ZONE, { maxIterations: 150 });
}

const A = 1;
const MX = 15;
const AAAA = 28;
const DS = 43;
const B4035 = "rfc-examples/rfc4035-appendix-B/";
const B5155 = "rfc-examples/rfc5155-appendix-B/";

describe("rfc4035 Appendix B (NSEC, RSASHA1, 2004-04-15)", () => {
  it("B.1 answer: x.w.example. MX is signed by the zone, not a wildcard", () => {
    const v = loadResponse(B4035 + "B.1-answer.txt");
    expectAllValid(v);
    const mx = verifySigned(v).find((r) => r.label === "x.w.example. 15")?.verdict;
    expect(mx?.status === "valid" && mx.wildcard).toBe(null);
  });

  it("B.2 name error: ml.example. and *.example. are covered", () => {
    const v = loadResponse(B4035 + "B.2-name-error.txt");
    expectAllValid(v);
    expect(proveNsec(v, { kind: "nxdomain", qname: "ml.example." }).status).toBe("proven");
    // The same NSECs do not deny a name that exists.
    expect(proveNsec(v, { kind: "nxdomain", qname: "b.example." }).status).toBe("failed");
  });

  it("B.3 no data: NSEC at ns1.example. lacks MX", () => {
    const v = loadResponse(B4035 + "B.3-no-data-error.txt");
    expectAllValid(v);
    expect(proveNsec(v, { kind: "nodata", qname: "ns1.example.", qtype: MX })).toMatchObject({ status: "proven", wildcard: false });
    expect(proveNsec(v, { kind: "nodata", qname: "ns1.example.", qtype: A }).status).toBe("failed");
  });

  it("B.4 referral to a signed zone: the DS for a.example. verifies", () => {
    const v = loadResponse(B4035 + "B.4-referral-to-signed-zone.txt");
    expectAllValid(v);
    expect(verifySigned(v).some((r) => r.label === "a.example. 43" && r.verdict.status === "valid")).toBe(true);
  });

  it("B.5 referral to an unsigned zone: NSEC at b.example. has NS without DS", () => {
    const v = loadResponse(B4035 + "B.5-referral-to-unsigned-zone.txt");
    expectAllValid(v);
    expect(proveNsec(v, { kind: "nodata", qname: "b.example.", qtype: DS })).toMatchObject({ status: "proven", insecureDelegation: true });
    // The parent-side NSEC must not deny anything else at the cut (RFC 6840 §4.1), nor the
    // existence of names below it: the parent knows nothing under its delegation.
    expect(proveNsec(v, { kind: "nodata", qname: "b.example.", qtype: MX }).status).toBe("failed");
    expect(proveNsec(v, { kind: "nxdomain", qname: "mc.b.example." }).status).toBe("failed");
  });

  it("B.6 wildcard expansion: a.z.w.example. MX from *.w.example. with the next closer denied", () => {
    const v = loadResponse(B4035 + "B.6-wildcard-expansion.txt");
    expectAllValid(v);
    const mx = verifySigned(v).find((r) => r.label === "a.z.w.example. 15")?.verdict;
    if (mx?.status !== "valid" || !mx.wildcard) throw new Error("expected a valid wildcard expansion");
    expect(mx.wildcard).toMatchObject({ source: "*.w.example.", nextCloser: "z.w.example.", closestEncloser: "w.example." });
    expect(proveNsec(v, { kind: "wildcard-answer", qname: "a.z.w.example.", ...mx.wildcard }).status).toBe("proven");
  });

  it("B.7 wildcard no data: *.w.example. lacks AAAA", () => {
    const v = loadResponse(B4035 + "B.7-wildcard-no-data-error.txt");
    expectAllValid(v);
    expect(proveNsec(v, { kind: "nodata", qname: "a.z.w.example.", qtype: AAAA })).toMatchObject({ status: "proven", wildcard: true });
    expect(proveNsec(v, { kind: "nodata", qname: "a.z.w.example.", qtype: MX }).status).toBe("failed");
  });

  it("B.8 DS no data at the child apex: accepted as NODATA, never as an insecure delegation (RFC 6840 §4.4)", () => {
    const v = loadResponse(B4035 + "B.8-ds-child-zone-no-data-error.txt");
    expectAllValid(v);
    expect(proveNsec(v, { kind: "nodata", qname: "example.", qtype: DS })).toMatchObject({ status: "proven", insecureDelegation: false });
  });
});

describe("rfc5155 Appendix B (NSEC3, 12 iterations, salt AABBCCDD, 2010-01-01)", () => {
  it("B.1 name error: closest encloser x.w.example., next closer and wildcard covered", () => {
    const v = loadResponse(B5155 + "B.1-name-error.txt");
    expectAllValid(v);
    expect(proveNsec3(v, { kind: "nxdomain", qname: "a.c.x.w.example." }).status).toBe("proven");
  });

  it("B.2 no data: ns1.example. has no MX", () => {
    const v = loadResponse(B5155 + "B.2-no-data-error.txt");
    expectAllValid(v);
    expect(proveNsec3(v, { kind: "nodata", qname: "ns1.example.", qtype: MX })).toMatchObject({ status: "proven", wildcard: false });
  });

  it("B.2.1 no data at an empty non-terminal: y.w.example.", () => {
    const v = loadResponse(B5155 + "B.2.1-no-data-error-empty-non-terminal.txt");
    expectAllValid(v);
    expect(proveNsec3(v, { kind: "nodata", qname: "y.w.example.", qtype: A }).status).toBe("proven");
  });

  it("B.3 referral to an opt-out unsigned zone: c.example. is insecure", () => {
    const v = loadResponse(B5155 + "B.3-referral-to-an-opt-out-unsigned-zone.txt");
    expectAllValid(v);
    expect(proveNsec3(v, { kind: "nodata", qname: "c.example.", qtype: DS })).toMatchObject({ status: "proven", optOut: true, insecureDelegation: true });
  });

  it("B.4 wildcard expansion: next closer z.w.example. covered", () => {
    const v = loadResponse(B5155 + "B.4-wildcard-expansion.txt");
    expectAllValid(v);
    const mx = verifySigned(v).find((r) => r.label === "a.z.w.example. 15")?.verdict;
    if (mx?.status !== "valid" || !mx.wildcard) throw new Error("expected a valid wildcard expansion");
    expect(proveNsec3(v, { kind: "wildcard-answer", qname: "a.z.w.example.", ...mx.wildcard }).status).toBe("proven");
  });

  it("B.5 wildcard no data: *.w.example. lacks AAAA", () => {
    const v = loadResponse(B5155 + "B.5-wildcard-no-data-error.txt");
    expectAllValid(v);
    expect(proveNsec3(v, { kind: "nodata", qname: "a.z.w.example.", qtype: AAAA })).toMatchObject({ status: "proven", wildcard: true });
  });

  it("B.6 DS no data at the child apex", () => {
    const v = loadResponse(B5155 + "B.6-ds-child-zone-no-data-error.txt");
    expectAllValid(v);
    expect(proveNsec3(v, { kind: "nodata", qname: "example.", qtype: DS })).toMatchObject({ status: "proven", insecureDelegation: false });
  });

  it("NSEC3 records with unknown flags or hash algorithm are ignored (RFC 5155 §8.2)", () => {
    const v = loadResponse(B5155 + "B.1-name-error.txt");
    const mangle = (patch: (d: Extract<ResourceRecord["data"], { kind: "NSEC3" }>) => Partial<Extract<ResourceRecord["data"], { kind: "NSEC3" }>>) =>
      denial(v.authority).map((r) => (r.data.kind === "NSEC3" ? { ...r, data: { ...r.data, ...patch(r.data) } } : r));
    const goal: DenialGoal = { kind: "nxdomain", qname: "a.c.x.w.example." };
    expect(proveWithNsec3(goal, mangle((d) => ({ flags: d.flags | 0x80 })), ZONE, { maxIterations: 150 }).status).toBe("failed");
    expect(proveWithNsec3(goal, mangle(() => ({ hashAlgorithm: 2 })), ZONE, { maxIterations: 150 }).status).toBe("failed");
    expect(proveWithNsec3(goal, mangle((d) => ({ flags: d.flags })), ZONE, { maxIterations: 150 }).status).toBe("proven");
  });

  it("an iteration limit below 12 turns the B.1 proof into RFC 9276 iterations-exceeded", () => {
    const v = loadResponse(B5155 + "B.1-name-error.txt");
    expect(proveWithNsec3({ kind: "nxdomain", qname: "a.c.x.w.example." }, denial(v.authority), ZONE, { maxIterations: 10 })).toMatchObject({
      status: "iterations-exceeded",
      iterations: 12,
    });
  });

  it.each([
    ["extra-01-7-2-2-other-name-error-where-one-nsec3-covers-multiple-parts-of-proof-closest-encloser.txt"],
    ["extra-02-7-2-2-other-name-error-where-one-nsec3-covers-multiple-parts-of-proof-wildcard.txt"],
    ["extra-03-wildcard-other-wildcard-name-itself.txt"],
    ["extra-04-wildcard-other-wildcard-name-itself-nodata.txt"],
    ["extra-05-direct-query-for-nsec3-record.txt"],
    ["extra-06-no-data-type-ds-in-zone.txt"],
    ["extra-07-no-data-type-ds-optout-delegation.txt"],
  ])("BIND 10 %s: signatures verify and the denial (if any) is proven", (file) => {
    const v = loadResponse(B5155 + file);
    expectAllValid(v);
    const qtype = { A, MX, AAAA, DS, NSEC3: 50 }[v.query.type] ?? 0;
    if (v.answer.length > 0) return;
    const goal: DenialGoal = v.rcode === "NXDOMAIN" ? { kind: "nxdomain", qname: v.query.name } : { kind: "nodata", qname: v.query.name, qtype };
    expect(proveNsec3(v, goal)).toMatchObject({ status: "proven" });
  });
});
