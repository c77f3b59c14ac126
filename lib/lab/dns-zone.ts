// One served zone, indexed for answering: RRsets with their RRSIGs, the names that exist (empty
// non-terminals included), and the NSEC or NSEC3 chain to prove what does not exist. It answers a
// question the way a validating resolver would hand data to a stub: answer, or SOA + proofs.
import { compareBytes, fromBase32Hex } from "../dns/codec";
import { compareCanonical, formatNameLabels, isSubdomainOf, labelCount, ancestorWithLabels, MAX_NAME_OCTETS, normalizeName, parentName, parseNameLabels, labelsToWire } from "../dns/name";
import { encodeRdata } from "../dns/rdata";
import { Rcode, RRClass, RRType, type ResourceRecord } from "../dns/types";
import { nsec3Hash } from "../dnssec/nsec3";
import type { LoadedZone } from "./zone-files";

interface RRset {
  records: ResourceRecord[];
  sigs: ResourceRecord[];
}

interface Nsec3Entry {
  hash: Uint8Array;
  rr: ResourceRecord;
}

export interface ZoneAnswer {
  rcode: number;
  answer: ResourceRecord[];
  authority: ResourceRecord[];
  /** Set when the answer ends in a CNAME whose target the caller should resolve next. */
  cnameTarget?: string;
}

export class ServedZone {
  readonly origin: string;
  readonly signed: boolean;
  private readonly nodes = new Map<string, Map<number, RRset>>();
  /** Every name that exists in the zone, empty non-terminals included (normalized). */
  private readonly existing = new Set<string>();
  private readonly nsecs: ResourceRecord[] = [];
  private readonly nsec3s: Nsec3Entry[] = [];
  private nsec3Params: { salt: Uint8Array; iterations: number } | null = null;

  constructor(zone: LoadedZone) {
    this.origin = normalizeName(zone.origin);
    this.signed = zone.signed;
    for (const rr of zone.records) this.add(rr);
    this.nsecs.sort((a, b) => compareCanonical(a.name, b.name));
    this.nsec3s.sort((a, b) => compareBytes(a.hash, b.hash));
  }

  private add(rr: ResourceRecord): void {
    const key = normalizeName(rr.name);
    if (rr.data.kind === "NSEC3PARAM") this.nsec3Params = { salt: rr.data.salt, iterations: rr.data.iterations };
    const covered = rr.data.kind === "RRSIG" ? rr.data.typeCovered : rr.type;
    // NSEC3 owners are hashes, not names of the zone's tree: keep them out of `existing`.
    if (rr.type === RRType.NSEC3 || (rr.data.kind === "RRSIG" && rr.data.typeCovered === RRType.NSEC3)) {
      if (rr.type === RRType.NSEC3) {
        const label = key.slice(0, key.indexOf("."));
        this.nsec3s.push({ hash: fromBase32Hex(label), rr });
      }
    } else {
      for (let n = key; ; n = parentName(n)) {
        this.existing.add(n);
        if (n === this.origin) break;
      }
    }
    if (rr.type === RRType.NSEC) this.nsecs.push(rr);
    let node = this.nodes.get(key);
    if (!node) this.nodes.set(key, (node = new Map()));
    let set = node.get(covered);
    if (!set) node.set(covered, (set = { records: [], sigs: [] }));
    (rr.type === RRType.RRSIG ? set.sigs : set.records).push(rr);
  }

  contains(name: string): boolean {
    return isSubdomainOf(name, this.origin);
  }

  private rrset(name: string, type: number): RRset | undefined {
    const set = this.nodes.get(normalizeName(name))?.get(type);
    return set && set.records.length > 0 ? set : undefined;
  }

  private withSigs(set: RRset | undefined, dnssecOk: boolean): ResourceRecord[] {
    if (!set) return [];
    return dnssecOk ? [...set.records, ...set.sigs] : [...set.records];
  }

  private soa(dnssecOk: boolean): ResourceRecord[] {
    return this.withSigs(this.rrset(this.origin, RRType.SOA), dnssecOk);
  }

  /** Answers one question from this zone's data (no cross-zone CNAME following: the caller does that). */
  answer(qname: string, qtype: number, dnssecOk: boolean): ZoneAnswer {
    const name = normalizeName(qname);
    const proofs = dnssecOk && this.signed;
    // A DNAME above the name redirects its whole subtree (RFC 6672 §2.3: nothing below it is served).
    const dname = this.dnameAbove(name);
    if (dname) return this.substitute(qname, qtype, dname, dnssecOk);
    const node = this.nodes.get(name);
    if (node || this.existing.has(name)) {
      if (qtype === RRType.ANY && node) {
        const answer = [...node.values()].flatMap((s) => this.withSigs(s, dnssecOk)).map((rr) => ({ ...rr, name: qname }));
        return { rcode: Rcode.NOERROR, answer, authority: [] };
      }
      const set = this.rrset(name, qtype);
      if (set) return { rcode: Rcode.NOERROR, answer: this.withSigs(set, dnssecOk), authority: [] };
      const cname = qtype !== RRType.CNAME ? this.rrset(name, RRType.CNAME) : undefined;
      if (cname && cname.records[0]?.data.kind === "CNAME") {
        return { rcode: Rcode.NOERROR, answer: this.withSigs(cname, dnssecOk), authority: [], cnameTarget: cname.records[0].data.target };
      }
      return { rcode: Rcode.NOERROR, answer: [], authority: [...this.soa(dnssecOk), ...(proofs ? this.nodataProof(name) : [])] };
    }
    const encloser = this.closestEncloser(name);
    const wildcard = `*.${encloser === "." ? "" : encloser}`;
    const wildNode = this.nodes.get(wildcard);
    if (wildNode) return this.synthesise(qname, name, qtype, wildcard, encloser, dnssecOk);
    return { rcode: Rcode.NXDOMAIN, answer: [], authority: [...this.soa(dnssecOk), ...(proofs ? this.nxdomainProof(name, encloser, wildcard) : [])] };
  }

  /** Wildcard expansion (RFC 4035 §3.1.3.3): the synthesised RRset keeps the wildcard's RRSIG. */
  private synthesise(qname: string, name: string, qtype: number, wildcard: string, encloser: string, dnssecOk: boolean): ZoneAnswer {
    const proofs = dnssecOk && this.signed;
    const rename = (rrs: ResourceRecord[]) => rrs.map((rr) => ({ ...rr, name: qname }));
    const set = this.rrset(wildcard, qtype);
    const cname = qtype !== RRType.CNAME ? this.rrset(wildcard, RRType.CNAME) : undefined;
    const noName = proofs ? this.nextCloserProof(name, encloser) : [];
    if (set) return { rcode: Rcode.NOERROR, answer: rename(this.withSigs(set, dnssecOk)), authority: noName };
    if (cname && cname.records[0]?.data.kind === "CNAME") {
      return { rcode: Rcode.NOERROR, answer: rename(this.withSigs(cname, dnssecOk)), authority: noName, cnameTarget: cname.records[0].data.target };
    }
    // Wildcard NODATA: the name does not exist and the wildcard lacks the type. Under NSEC3 that
    // takes the full closest encloser proof (RFC 5155 §7.2.5: the encloser's matching NSEC3 too, not
    // only the one covering the next closer name) and the NSEC3 matching the wildcard.
    const wildNoType = proofs ? this.nodataProof(wildcard) : [];
    const nameGone = proofs && this.nsec3Params ? this.closestEncloserProof(name) : noName;
    return { rcode: Rcode.NOERROR, answer: [], authority: dedupe([...this.soa(dnssecOk), ...nameGone, ...wildNoType]) };
  }

  private dnameAbove(name: string): RRset | undefined {
    for (let n = name; n !== this.origin; ) {
      n = parentName(n);
      const set = this.rrset(n, RRType.DNAME);
      if (set) return set;
    }
    return undefined;
  }

  /**
   * RFC 6672 §3.1: the signed DNAME plus a CNAME synthesised from it, unsigned (a validator checks
   * it against the DNAME, §5.3.3), with the DNAME's TTL; the caller follows the CNAME.
   */
  private substitute(qname: string, qtype: number, set: RRset, dnssecOk: boolean): ZoneAnswer {
    const dname = set.records[0] as ResourceRecord;
    if (dname.data.kind !== "DNAME") throw new Error(`${dname.name}: DNAME record without DNAME data`);
    const owned = parseNameLabels(qname);
    const prefix = owned.slice(0, owned.length - labelCount(dname.name));
    const labels = [...prefix, ...parseNameLabels(dname.data.target)];
    const answer = this.withSigs(set, dnssecOk);
    // §2.2: a substituted name longer than a name may be is YXDOMAIN, with the DNAME only.
    if (labelsToWire(labels).length > MAX_NAME_OCTETS) return { rcode: Rcode.YXDOMAIN, answer, authority: [] };
    const target = formatNameLabels(labels);
    const data = { kind: "CNAME" as const, target };
    const cname: ResourceRecord = { name: qname, type: RRType.CNAME, class: RRClass.IN, ttl: dname.ttl, rdata: encodeRdata(data), data };
    return { rcode: Rcode.NOERROR, answer: [...answer, cname], authority: [], ...(qtype === RRType.CNAME ? {} : { cnameTarget: target }) };
  }

  private closestEncloser(name: string): string {
    let n = name;
    while (n !== this.origin && !this.existing.has(n)) n = parentName(n);
    return n;
  }

  // ---- proofs -------------------------------------------------------------------------------

  private nodataProof(name: string): ResourceRecord[] {
    if (this.nsec3Params) {
      const match = this.nsec3Match(name);
      // No NSEC3 at the name: an insecure delegation left out of an opt-out chain (RFC 5155 §7.2.4).
      return match ? match : this.closestEncloserProof(name);
    }
    return this.nsecWithSig(this.nsecAt(name) ?? this.nsecCovering(name));
  }

  private nxdomainProof(name: string, encloser: string, wildcard: string): ResourceRecord[] {
    if (this.nsec3Params) {
      return dedupe([...this.closestEncloserProof(name), ...this.nsec3WithSig(this.nsec3Covering(wildcard))]);
    }
    return dedupe([...this.nsecWithSig(this.nsecCovering(name)), ...this.nsecWithSig(this.nsecCovering(wildcard))]);
  }

  /** Proof that the name itself does not exist, for a wildcard answer. */
  private nextCloserProof(name: string, encloser: string): ResourceRecord[] {
    if (this.nsec3Params) return this.nsec3WithSig(this.nsec3Covering(ancestorWithLabels(name, labelCount(encloser) + 1)));
    return this.nsecWithSig(this.nsecCovering(name));
  }

  private nsecAt(name: string): ResourceRecord | undefined {
    return this.rrset(name, RRType.NSEC)?.records[0];
  }

  private nsecCovering(name: string): ResourceRecord | undefined {
    let found: ResourceRecord | undefined;
    for (const rr of this.nsecs) {
      if (compareCanonical(rr.name, name) <= 0) found = rr;
      else break;
    }
    return found ?? this.nsecs[this.nsecs.length - 1];
  }

  private nsecWithSig(rr: ResourceRecord | undefined): ResourceRecord[] {
    if (!rr) return [];
    return this.withSigs(this.rrset(rr.name, RRType.NSEC), true);
  }

  private hash(name: string): Uint8Array {
    const p = this.nsec3Params;
    if (!p) throw new Error("zone has no NSEC3PARAM");
    return nsec3Hash(name, p.salt, p.iterations);
  }

  private nsec3Match(name: string): ResourceRecord[] | null {
    const h = this.hash(name);
    const entry = this.nsec3s.find((e) => compareBytes(e.hash, h) === 0);
    return entry ? this.nsec3WithSig(entry) : null;
  }

  private nsec3Covering(name: string): Nsec3Entry | undefined {
    const h = this.hash(name);
    let found: Nsec3Entry | undefined;
    for (const e of this.nsec3s) {
      if (compareBytes(e.hash, h) < 0) found = e;
      else break;
    }
    // Before the first hash: the last NSEC3 wraps around the end of the chain.
    return found ?? this.nsec3s[this.nsec3s.length - 1];
  }

  private nsec3WithSig(entry: Nsec3Entry | undefined): ResourceRecord[] {
    if (!entry) return [];
    const sigs = this.nodes.get(normalizeName(entry.rr.name))?.get(RRType.NSEC3)?.sigs ?? [];
    return [entry.rr, ...sigs];
  }

  /** RFC 5155 §7.2.1: the closest provable encloser's NSEC3 and the one covering the next closer name. */
  private closestEncloserProof(name: string): ResourceRecord[] {
    let child = name;
    let encloser = name === this.origin ? name : parentName(name);
    for (;;) {
      const match = this.nsec3Match(encloser);
      if (match || encloser === this.origin) {
        return dedupe([...(match ?? []), ...this.nsec3WithSig(this.nsec3Covering(child))]);
      }
      child = encloser;
      encloser = parentName(encloser);
    }
  }
}

function dedupe(records: ResourceRecord[]): ResourceRecord[] {
  const seen = new Set<ResourceRecord>();
  return records.filter((rr) => (seen.has(rr) ? false : (seen.add(rr), true)));
}
