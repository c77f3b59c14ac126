// Canonical form and the signed data of an RRSIG (RFC 4034 §3.1.8.1 and §6), built from the RDATA
// bytes as received: decoded strings do not round-trip every name (docs/PITFALLS).
import { compareBytes } from "../dns/codec";
import { ancestorWithLabels, canonicalNameWire, joinName, parseNameLabels } from "../dns/name";
import type { ResourceRecord } from "../dns/types";

/** Layout of RDATA fields up to (and including) the embedded names that canonical form lowercases. */
type Field = { fixed: number } | "name" | "charstring" | { prefixedSuffix: true };

/**
 * RFC 4034 §6.2 item 3 as amended by RFC 6840 §5.1: NSEC is not in the list (its next name keeps
 * its case), and HINFO holds no names. Only the leading fields matter; the rest is copied as is.
 */
const nameFields: Record<number, Field[]> = {
  2: ["name"], // NS
  3: ["name"], // MD
  4: ["name"], // MF
  5: ["name"], // CNAME
  6: ["name", "name"], // SOA
  7: ["name"], // MB
  8: ["name"], // MG
  9: ["name"], // MR
  12: ["name"], // PTR
  14: ["name", "name"], // MINFO
  15: [{ fixed: 2 }, "name"], // MX
  17: ["name", "name"], // RP
  18: [{ fixed: 2 }, "name"], // AFSDB
  21: [{ fixed: 2 }, "name"], // RT
  24: [{ fixed: 18 }, "name"], // SIG
  26: [{ fixed: 2 }, "name", "name"], // PX
  30: ["name"], // NXT
  33: [{ fixed: 6 }, "name"], // SRV
  35: [{ fixed: 4 }, "charstring", "charstring", "charstring", "name"], // NAPTR
  36: [{ fixed: 2 }, "name"], // KX
  38: [{ prefixedSuffix: true }, "name"], // A6
  39: ["name"], // DNAME
  46: [{ fixed: 18 }, "name"], // RRSIG
};

/** End offset of the uncompressed wire name starting at `offset`, or -1 if it runs past the end. */
export function wireNameEnd(bytes: Uint8Array, offset: number): number {
  let i = offset;
  for (let guard = 0; guard < 128; guard++) {
    if (i >= bytes.length) return -1;
    const len = bytes[i] ?? 0;
    if (len === 0) return i + 1;
    // Compression pointers never appear in `rdata` (lib/dns expands them); treat one as malformed.
    if (len > 63) return -1;
    i += len + 1;
  }
  return -1;
}

function lowercaseRange(bytes: Uint8Array, start: number, end: number): void {
  // Only the length-prefixed label bytes are touched, and only ASCII A–Z (RFC 4034 §6.2).
  let i = start;
  while (i < end) {
    const len = bytes[i] ?? 0;
    for (let j = i + 1; j <= i + len && j < end; j++) {
      const c = bytes[j] ?? 0;
      if (c >= 0x41 && c <= 0x5a) bytes[j] = c + 0x20;
    }
    i += len + 1;
  }
}

/** RDATA in canonical form: embedded names of the listed types lowercased. Malformed RDATA is returned as is. */
export function canonicalRdata(type: number, rdata: Uint8Array): Uint8Array {
  const fields = nameFields[type];
  if (!fields) return rdata;
  // A copy (new Uint8Array of a typed array copies; a Buffer's slice would not).
  const out = new Uint8Array(rdata);
  let offset = 0;
  for (const field of fields) {
    if (field === "name") {
      const end = wireNameEnd(out, offset);
      if (end < 0) return rdata;
      lowercaseRange(out, offset, end);
      offset = end;
    } else if (field === "charstring") {
      if (offset >= out.length) return rdata;
      offset += 1 + (out[offset] ?? 0);
    } else if ("fixed" in field) {
      offset += field.fixed;
    } else {
      // A6: prefix length octet, then (128 - prefix) / 8 rounded up address octets.
      const prefix = out[offset] ?? 0;
      offset += 1 + Math.ceil((128 - prefix) / 8);
    }
    if (offset > out.length) return rdata;
  }
  return out;
}

/**
 * End of the RRSIG RDATA's signed prefix, the RDATA without its signature field (RFC 4034
 * §3.1.8.1), or -1 when malformed.
 */
function rrsigPrefixEnd(rrsigRdata: Uint8Array): number {
  return rrsigRdata.length < 18 ? -1 : wireNameEnd(rrsigRdata, 18);
}

/**
 * The owner name an RRSIG signed: the RRset owner, or the wildcard it was expanded from when the
 * RRSIG labels field is smaller than the owner's label count (RFC 4035 §5.3.2).
 */
export function signedOwnerName(owner: string, rrsigLabels: number): string {
  const labels = parseNameLabels(owner);
  // A wildcard owner's `*` label (one octet 0x2a, however it is written) is not counted.
  const first = labels[0];
  const ownLabels = first !== undefined && first.length === 1 && first[0] === 0x2a ? labels.length - 1 : labels.length;
  if (rrsigLabels >= ownLabels) return owner;
  return joinName("*", ancestorWithLabels(owner, rrsigLabels));
}

/**
 * The octets an RRSIG signature covers: the RRSIG prefix, then every RR of the set in canonical
 * form with the RRSIG's original TTL, sorted by canonical RDATA, duplicates dropped (RFC 4034 §6.3).
 * Returns null when the RRSIG RDATA is malformed. Written into one buffer sized first: every run
 * builds this for each signature it checks (the verdict memo is keyed by these octets).
 */
export function buildSignedData(rrsigRdata: Uint8Array, rrset: ResourceRecord[]): Uint8Array | null {
  const end = rrsigPrefixEnd(rrsigRdata);
  const first = rrset[0];
  if (end < 0 || !first) return null;
  const owner = canonicalNameWire(signedOwnerName(first.name, rrsigRdata[3] ?? 0));
  const rdatas = rrset.length === 1 ? [canonicalRdata(first.type, first.rdata)] : dedupeSorted(rrset.map((rr) => canonicalRdata(rr.type, rr.rdata)));
  let size = end;
  for (const rdata of rdatas) size += owner.length + 10 + rdata.length;
  const out = new Uint8Array(size);
  out.set(rrsigRdata.subarray(0, end));
  // The signer name lowercased (RFC 6840 §5.1).
  lowercaseRange(out, 18, end);
  let at = end;
  for (const rdata of rdatas) {
    out.set(owner, at);
    at += owner.length;
    out[at++] = (first.type >>> 8) & 0xff;
    out[at++] = first.type & 0xff;
    out[at++] = (first.class >>> 8) & 0xff;
    out[at++] = first.class & 0xff;
    // The Original TTL, as the RRSIG RDATA holds it (octets 4-7).
    out.set(rrsigRdata.subarray(4, 8), at);
    at += 4;
    out[at++] = (rdata.length >>> 8) & 0xff;
    out[at++] = rdata.length & 0xff;
    out.set(rdata, at);
    at += rdata.length;
  }
  return out;
}

/** RFC 4034 §6.3: sorted as left-justified unsigned octet strings, duplicates dropped. */
function dedupeSorted(rdatas: Uint8Array[]): Uint8Array[] {
  const sorted = rdatas.sort(compareBytes);
  return sorted.filter((r, i) => i === 0 || compareBytes(r, sorted[i - 1] ?? new Uint8Array()) !== 0);
}
