// What a process remembers across runs (lib/dnssec/signature-memo.ts, the key importer in
// algorithms/keys.ts, the parsed names of lib/dns/name.ts) must never change a verdict: a
// remembered signature is still judged against each run's own time and its own bytes. Vectors
// are ldns-signzone's (tests/vectors/ldns-signed, PROVENANCE.md there).
import { beforeEach, describe, expect, it } from "vitest";
import { nameToWire, parseNameLabels } from "../../lib/dns/name";
import type { ResourceRecord } from "../../lib/dns/types";
import { keyImporter } from "../../lib/dnssec/algorithms/keys";
import { verifyRrset } from "../../lib/dnssec/rrsig";
import { clearSignatureVerdicts } from "../../lib/dnssec/signature-memo";
import { loadZone } from "./vectors";

const NOW = new Date("2026-06-01T00:00:00Z");
const records = loadZone("ldns-signed/example.zone", "example.");
const at = (type: number) => records.filter((r) => r.type === type && r.name.toLowerCase() === "example.");
const soa = at(6);
const rrsigs = at(46).filter((r) => r.data.kind === "RRSIG" && r.data.typeCovered === 6);
const dnskeys = at(48);
const input = { rrset: soa, rrsigs, dnskeys, zone: "example.", now: NOW };

/** The same records decoded afresh, as a later run receives them (new buffers, same bytes). */
function copied(rrs: ResourceRecord[]): ResourceRecord[] {
  return rrs.map((r) => structuredClone(r));
}

describe("signature verdicts remembered per process", () => {
  beforeEach(() => clearSignatureVerdicts());

  it("a verdict reached once holds for the same bytes decoded again", () => {
    expect(verifyRrset(input).status).toBe("valid");
    expect(verifyRrset({ ...input, rrset: copied(soa), rrsigs: copied(rrsigs), dnskeys: copied(dnskeys) }).status).toBe("valid");
  });

  it("a signature that verified is refused once the run's time is past its expiration", () => {
    expect(verifyRrset(input).status).toBe("valid");
    const later = verifyRrset({ ...input, now: new Date("2046-01-01T00:00:00Z") });
    expect(later.status).toBe("invalid");
    expect(later.status === "invalid" && later.problem).toBe("expired");
  });

  it("one changed octet of the RRset is a different question, answered by the cryptography", () => {
    expect(verifyRrset(input).status).toBe("valid");
    const first = soa[0] as ResourceRecord;
    const rdata = first.rdata.slice();
    rdata[rdata.length - 1] = (rdata[rdata.length - 1] ?? 0) ^ 1;
    const tampered = verifyRrset({ ...input, rrset: [{ ...first, rdata }, ...soa.slice(1)] });
    expect(tampered.status).toBe("invalid");
    expect(tampered.status === "invalid" && tampered.problem).toBe("bad-signature");
    // And the good one still verifies after the bad one was judged.
    expect(verifyRrset(input).status).toBe("valid");
  });
});

describe("DNSKEY imports keyed by the key's bytes", () => {
  it("imports a key once, whichever buffer carries it", () => {
    let imports = 0;
    const importKey = keyImporter(() => {
      imports++;
      return null;
    });
    const key = Uint8Array.from([1, 2, 3, 4]);
    importKey(key);
    importKey(key.slice());
    importKey(Uint8Array.from([0, 1, 2, 3, 4]).subarray(1));
    expect(imports).toBe(1);
    importKey(Uint8Array.from([1, 2, 3, 5]));
    expect(imports).toBe(2);
  });
});

describe("parsed names shared within a process", () => {
  it("hands out a list of its own: changing it changes no later parse", () => {
    const labels = parseNameLabels("mx1.example.");
    labels.pop();
    labels.push(Uint8Array.from([0x7a]));
    expect(parseNameLabels("mx1.example.").length).toBe(2);
    expect(Buffer.from(nameToWire("mx1.example.")).toString("hex")).toBe("036d7831076578616d706c6500");
  });

  it("a malformed name throws every time, not only the first", () => {
    expect(() => parseNameLabels("a..b.")).toThrow();
    expect(() => parseNameLabels("a..b.")).toThrow();
  });
});
