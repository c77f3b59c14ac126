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

/**
 * Anchor sets already parsed, by their text: a server or a bench runs many tests under one
 * configuration, and parsing the zone-file text cost ~0.1 ms a run. Bounded (a process sees one
 * or two texts; a caller passing many keeps only the latest). The sets are frozen: they are shared.
 */
const parsed = new Map<string, TrustAnchor[]>();
const MAX_PARSED_TEXTS = 8;

/**
 * Parses anchor text (zone-file syntax); anything but DS and DNSKEY records is an error, not
 * ignored. The same text gives the same (frozen) set, parsed once; a text that fails is not kept.
 */
export function parseTrustAnchors(text: string): TrustAnchor[] {
  const known = parsed.get(text);
  if (known !== undefined) return known;
  const anchors = parseAnchorText(text);
  for (const anchor of anchors) {
    Object.freeze(anchor.ds);
    Object.freeze(anchor.dnskeys);
    Object.freeze(anchor);
  }
  Object.freeze(anchors);
  if (parsed.size >= MAX_PARSED_TEXTS) parsed.delete(parsed.keys().next().value!);
  parsed.set(text, anchors);
  return anchors;
}

function parseAnchorText(text: string): TrustAnchor[] {
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

/** The built-in root anchors, parsed at the first call (not at import) and shared after. */
export function ianaRootAnchors(): TrustAnchor[] {
  return parseTrustAnchors(IANA_ROOT_ANCHORS_TEXT);
}
