// Signed RRsets for the signature benchmarks, read from the repo's own vectors (tests/vectors,
// provenance there): zones signed by ldns-signzone, one per algorithm, so the figures come from
// keys and signatures another implementation made, not from ones we made to suit ourselves.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { namesEqual } from "../../lib/dns/name";
import { RRType, type ResourceRecord } from "../../lib/dns/types";
import { parseZoneFile } from "../../lib/dns/zonefile";

const VECTORS = fileURLToPath(new URL("../../tests/vectors/", import.meta.url));

/** Inside the ldns-signed window (2025-01-01 .. 2045-01-01, tests/vectors/ldns-signed/SIGNER.txt). */
export const LDNS_SIGNED_NOW = new Date("2026-06-01T00:00:00Z");

export interface SignedRrset {
  source: string;
  zone: string;
  rrset: ResourceRecord[];
  rrsigs: ResourceRecord[];
  dnskeys: ResourceRecord[];
}

/** The zone files per algorithm in tests/vectors/ldns-signed/manifest.json. */
export const LDNS_ZONE_FOR_ALGORITHM: Record<8 | 13 | 15, { file: string; origin: string }> = {
  8: { file: "ldns-signed/example.zone", origin: "example." },
  13: { file: "ldns-signed/nsec3.example.zone", origin: "nsec3.example." },
  15: { file: "ldns-signed/ed.example.zone", origin: "ed.example." },
};

/**
 * The apex RRset of `type` (SOA when absent) with its RRSIGs made by `algorithm`, and the zone's
 * DNSKEY RRset. Throws when the vector lacks them: the benchmark cannot run without its input.
 */
export function signedApexRrset(algorithm: 8 | 13 | 15, type: number = RRType.SOA): SignedRrset {
  const { file, origin } = LDNS_ZONE_FOR_ALGORITHM[algorithm];
  const records = parseZoneFile(readFileSync(VECTORS + file, "utf8"), { origin });
  const at = (t: number) => records.filter((r) => r.type === t && namesEqual(r.name, origin));
  const rrset = at(type);
  const rrsigs = at(RRType.RRSIG).filter((r) => r.data.kind === "RRSIG" && r.data.typeCovered === type && r.data.algorithm === algorithm);
  const dnskeys = at(RRType.DNSKEY);
  if (rrset.length === 0 || rrsigs.length === 0 || dnskeys.length === 0) {
    throw new Error(`${file}: no ${origin} RRset of type ${type} signed with algorithm ${algorithm} and its DNSKEYs`);
  }
  return { source: file, zone: origin, rrset, rrsigs, dnskeys };
}
