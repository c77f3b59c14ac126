// Trust anchors: the keys validation starts from. Configured as DS and/or DNSKEY records in
// zone-file syntax; by default the IANA root anchors (KSK-2017 and KSK-2024).
import { normalizeName } from "../dns/name";
import { RRType, type ResourceRecord } from "../dns/types";
import { parseZoneFile } from "../dns/zonefile";

export interface TrustAnchor {
  /** The zone the anchor is for, normalised ("." for the root). */
  zone: string;
  ds: ResourceRecord[];
  dnskeys: ResourceRecord[];
}

/**
 * IANA root anchors as published in root-anchors.xml: KSK-2017 (20326) and KSK-2024 (38696).
 * KSK-2010 (19036) expired in 2019 and is left out on purpose.
 */
export const IANA_ROOT_ANCHORS_TEXT = `. IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D
. IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16
`;

export class TrustAnchorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TrustAnchorError";
  }
}

/** Parses anchor text (zone-file syntax); anything but DS and DNSKEY records is an error, not ignored. */
export function parseTrustAnchors(text: string): TrustAnchor[] {
  let records: ResourceRecord[];
  try {
    records = parseZoneFile(text, { origin: "." });
  } catch (error) {
    throw new TrustAnchorError(`trust anchor file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const byZone = new Map<string, TrustAnchor>();
  for (const rr of records) {
    if (rr.type !== RRType.DS && rr.type !== RRType.DNSKEY) {
      throw new TrustAnchorError(`trust anchor file: ${rr.name} has a record of type ${rr.type}; only DS and DNSKEY are allowed`);
    }
    const zone = normalizeName(rr.name);
    const anchor = byZone.get(zone) ?? { zone, ds: [], dnskeys: [] };
    (rr.type === RRType.DS ? anchor.ds : anchor.dnskeys).push(rr);
    byZone.set(zone, anchor);
  }
  if (byZone.size === 0) throw new TrustAnchorError("trust anchor file holds no DS or DNSKEY records");
  return [...byZone.values()];
}

export function ianaRootAnchors(): TrustAnchor[] {
  return parseTrustAnchors(IANA_ROOT_ANCHORS_TEXT);
}
