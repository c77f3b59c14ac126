// Canonical form and the signed data of an RRSIG (RFC 4034 §3.1.8.1 and §6), built from the RDATA
// bytes as received: decoded strings do not round-trip every name (docs/PITFALLS).
import { compareBytes } from "../dns/codec";
import { ancestorWithLabels, canonicalNameWire, joinName, nameLabels } from "../dns/name";
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
  const out = Uint8Array.from(rdata);
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

/** RRSIG RDATA without its signature field, signer name lowercased (RFC 4034 §3.1.8.1, RFC 6840 §5.1). */
export function rrsigSignedPrefix(rrsigRdata: Uint8Array): Uint8Array | null {
  const end = wireNameEnd(rrsigRdata, 18);
  if (end < 0) return null;
  const out = Uint8Array.from(rrsigRdata.subarray(0, end));
  lowercaseRange(out, 18, end);
  return out;
}

/**
 * The owner name an RRSIG signed: the RRset owner, or the wildcard it was expanded from when the
 * RRSIG labels field is smaller than the owner's label count (RFC 4035 §5.3.2).
 */
export function signedOwnerName(owner: string, rrsigLabels: number): string {
  const labels = nameLabels(owner);
  const ownLabels = labels[0] === "*" ? labels.length - 1 : labels.length;
  if (rrsigLabels >= ownLabels) return owner;
  return joinName("*", ancestorWithLabels(owner, rrsigLabels));
}

function u16(n: number): [number, number] {
  return [(n >>> 8) & 0xff, n & 0xff];
}

/**
 * The octets an RRSIG signature covers: the RRSIG prefix, then every RR of the set in canonical
 * form with the RRSIG's original TTL, sorted by canonical RDATA, duplicates dropped (RFC 4034 §6.3).
 * Returns null when the RRSIG RDATA is malformed.
 */
export function buildSignedData(rrsigRdata: Uint8Array, rrset: ResourceRecord[]): Uint8Array | null {
  const prefix = rrsigSignedPrefix(rrsigRdata);
  if (!prefix || rrset.length === 0 || rrsigRdata.length < 18) return null;
  const first = rrset[0];
  if (!first) return null;
  const labels = rrsigRdata[3] ?? 0;
  const originalTtl = ((rrsigRdata[4] ?? 0) << 24 | (rrsigRdata[5] ?? 0) << 16 | (rrsigRdata[6] ?? 0) << 8 | (rrsigRdata[7] ?? 0)) >>> 0;
  const owner = canonicalNameWire(signedOwnerName(first.name, labels));
  const rdatas = dedupeSorted(rrset.map((rr) => canonicalRdata(rr.type, rr.rdata)));
  const head = Uint8Array.from([
    ...u16(first.type),
    ...u16(first.class),
    (originalTtl >>> 24) & 0xff,
    (originalTtl >>> 16) & 0xff,
    (originalTtl >>> 8) & 0xff,
    originalTtl & 0xff,
  ]);
  const parts: Uint8Array[] = [prefix];
  for (const rdata of rdatas) {
    parts.push(owner, head, Uint8Array.from(u16(rdata.length)), rdata);
  }
  return concat(parts);
}

/** RFC 4034 §6.3: sorted as left-justified unsigned octet strings, duplicates dropped. */
function dedupeSorted(rdatas: Uint8Array[]): Uint8Array[] {
  const sorted = [...rdatas].sort(compareBytes);
  return sorted.filter((r, i) => i === 0 || compareBytes(r, sorted[i - 1] ?? new Uint8Array()) !== 0);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
