// What one MX host's address and TLSA lookups mean (RFC 7672 §2.2): pure assessments, lookups in,
// decisions and findings out. Whether DANE applies to the host is decided here and only here.
import { Rcode } from "../dns/types";
import { tlsaUsability, type TlsaRecord } from "../dane/tlsa";
import { finding, type Finding } from "../report/findings";
import type { DnssecStatus, TlsaStatus } from "../report/schema";
import { worstDnssec } from "../report/status";
import { reasonOf } from "./assess-mx";
import type { Lookup } from "./ports";
import { plainName } from "./present";

/** Addresses tested per host. */
export const MAX_ADDRESSES_PER_HOST = 8;

export interface HostAddress {
  ip: string;
  family: 4 | 6;
  dnssec: DnssecStatus;
}

export interface AddressAssessment {
  /** At most MAX_ADDRESSES_PER_HOST, A before AAAA. */
  addresses: HostAddress[];
  /** How many the lookups returned, before the bound. */
  found: number;
  /** The worst of the lookups that count (a failed one counts only when nothing was found). */
  dnssec: DnssecStatus;
  /** CNAME targets after the host name, when it is an alias. */
  cname: string[] | undefined;
  findings: Finding[];
}

export interface TlsaFacts {
  /** The TLSA owner actually used, plain form (`_25._tcp.mx.example.com`). */
  name: string;
  status: TlsaStatus;
  records: TlsaRecord[];
  usable: number;
  lookup: Lookup | null;
  /** Why TLSA records are not used although the lookup may have found some (RFC 7672 §2.2). */
  unusedBecause?: "mx-insecure" | "addresses-insecure" | undefined;
  findings?: Finding[] | undefined;
}

export const tlsaOwner = (host: string): string => `_25._tcp.${plainName(host)}`;

function addressesOf(lookup: Lookup, family: 4 | 6): HostAddress[] {
  return lookup.answer.flatMap((rr): HostAddress[] => {
    if (rr.data.kind === "A" && family === 4) return [{ ip: rr.data.address, family, dnssec: lookup.status }];
    if (rr.data.kind === "AAAA" && family === 6) return [{ ip: rr.data.address, family, dnssec: lookup.status }];
    return [];
  });
}

export function assessAddresses(host: string, a: Lookup, aaaa: Lookup, mxDnssec: DnssecStatus): AddressAssessment {
  const all = [...addressesOf(a, 4), ...addressesOf(aaaa, 6)];
  const addresses = all.slice(0, MAX_ADDRESSES_PER_HOST);
  const counted = [a, aaaa].filter((l) => !l.unanswered || addresses.length === 0);
  const dnssec = worstDnssec(counted.map((l) => l.status));
  const chain = a.cnameChain.length > 1 ? a.cnameChain : aaaa.cnameChain;
  const cname = chain.length > 1 ? chain.slice(1).map(plainName) : undefined;
  let findings: Finding[] = [];
  if (dnssec === "bogus") findings = [finding("HOST_ADDRESS_BOGUS", { host }), ...reasonOf(a.status === "bogus" ? a : aaaa)];
  else if (addresses.length === 0) findings = [finding("HOST_NO_ADDRESS", { host }), ...[a, aaaa].filter((l) => l.unanswered).flatMap(reasonOf)];
  else if (dnssec === "insecure" && mxDnssec === "secure") findings = [finding("HOST_ADDRESS_INSECURE", { host })];
  else if (dnssec === "indeterminate") findings = [a, aaaa].flatMap(reasonOf);
  return { addresses, found: all.length, dnssec, cname, findings };
}

function tlsaRecordsOf(lookup: Lookup): TlsaRecord[] {
  return lookup.answer.flatMap((rr) => (rr.data.kind === "TLSA" ? [{ usage: rr.data.usage, selector: rr.data.selector, matchingType: rr.data.matchingType, data: rr.data.data }] : []));
}

function tlsaStatusOf(lookup: Lookup): TlsaStatus {
  if (lookup.unanswered || lookup.status === "indeterminate" || lookup.rcode === Rcode.SERVFAIL) return "servfail";
  if (lookup.status === "bogus") return "bogus";
  if (lookup.status === "insecure") return "insecure";
  return tlsaRecordsOf(lookup).length > 0 ? "secure" : "absent";
}

export function tlsaFacts(lookup: Lookup, name: string): TlsaFacts {
  const status = tlsaStatusOf(lookup);
  const records = status === "secure" ? tlsaRecordsOf(lookup) : [];
  const usable = records.filter((r) => tlsaUsability(r).usable).length;
  return { name, status, records, usable, lookup };
}

/**
 * The TLSA RRset that governs a host reached through a secure CNAME chain (RFC 7672 §2.2.2): the
 * one at the final target; only when the target proves it has none, the one at the MX host name,
 * whatever that lookup gave. A bogus or failed lookup at the MX host name is then a failure like
 * any other, not a reason to fall back to "no TLSA".
 */
export function tlsaForAlias(atTarget: TlsaFacts, atHost: TlsaFacts): TlsaFacts {
  if (atTarget.status !== "absent") return atTarget;
  return atHost.status === "absent" ? atTarget : atHost;
}

function tlsaFindings(tlsa: TlsaFacts): Finding[] {
  const reason = tlsa.lookup ? reasonOf(tlsa.lookup) : [];
  switch (tlsa.status) {
    case "secure":
      return tlsa.usable === 0
        ? // The warning needs its why and fix; TLSA_LOOKUP_SECURE describes usable records.
          [finding("DANE_TLSA_NONE_USABLE", { count: tlsa.records.length })]
        : [finding("TLSA_LOOKUP_SECURE", { name: tlsa.name, count: tlsa.records.length, usable: tlsa.usable })];
    case "absent":
      return [finding("TLSA_LOOKUP_ABSENT", { name: tlsa.name })];
    case "insecure":
      return [finding("TLSA_LOOKUP_INSECURE", { name: tlsa.name })];
    case "bogus":
      return [finding("TLSA_LOOKUP_BOGUS", { name: tlsa.name }), ...reason];
    case "servfail":
      return [finding("TLSA_LOOKUP_SERVFAIL", { name: tlsa.name }), ...reason];
  }
}

/**
 * The TLSA RRset that governs the host, and whether it counts: TLSA is used only under a secure MX
 * RRset and secure addresses (RFC 7672 §2.2); `atTarget` is the lookup at the final CNAME target.
 */
export function assessTlsa(host: string, atHost: Lookup, atTarget: Lookup | null, finalTarget: string | undefined, mxDnssec: DnssecStatus, addressDnssec: DnssecStatus): TlsaFacts {
  let tlsa = tlsaFacts(atHost, tlsaOwner(host));
  if (atTarget !== null && finalTarget !== undefined) tlsa = tlsaForAlias(tlsaFacts(atTarget, tlsaOwner(finalTarget)), tlsa);
  const mxSecure = mxDnssec === "secure";
  if (!mxSecure || addressDnssec === "insecure") {
    tlsa = { ...tlsa, status: "insecure", records: [], usable: 0, unusedBecause: !mxSecure ? "mx-insecure" : "addresses-insecure" };
  }
  return { ...tlsa, findings: tlsaFindings(tlsa) };
}

/** DANE authentication is mandatory for the host: secure MX, secure addresses and usable TLSA (RFC 7672 §2.2). */
export function decideDane(mxDnssec: DnssecStatus, addressDnssec: DnssecStatus, tlsa: TlsaFacts): boolean {
  return tlsa.status === "secure" && tlsa.usable > 0 && mxDnssec === "secure" && addressDnssec === "secure";
}
