// Discovery per RFC 7672 §2: the MX RRset with its DNSSEC status (null MX, implicit MX), then per
// MX host its addresses and its TLSA records, looked up in parallel (and started as soon as the MX
// answer names the hosts, judged only once it has validated). Each lookup is a step whose details
// carry the records and the DNSSEC evidence.
import { RRType, Rcode } from "../dns/types";
import { formatTlsa, tlsaUsability, type TlsaRecord } from "../dane/tlsa";
import type { DnssecStatus, TlsaStatus } from "../report/schema";
import type { Lookup } from "./ports";
import type { CheckPorts } from "./ports";
import { absoluteName, lookupDetails, plainName, worseDnssec } from "./present";
import type { StepOutcome, StepScope } from "./runner";

export type MxKind = "records" | "implicit" | "null-mx" | "nxdomain" | "failed";

export interface MxDiscovery {
  kind: MxKind;
  dnssec: DnssecStatus;
  lookup: Lookup;
  /** MX hosts by preference (ties keep the order received); the domain itself when implicit. */
  hosts: { host: string; preference: number }[];
}

export interface HostAddress {
  ip: string;
  family: 4 | 6;
  dnssec: DnssecStatus;
}

export interface TlsaFacts {
  /** The TLSA owner actually used, plain form (`_25._tcp.mx.example.com`). */
  name: string;
  status: TlsaStatus;
  records: TlsaRecord[];
  usable: number;
  lookup: Lookup | null;
  /** Why DANE does or does not apply, in words. */
  note: string;
}

export interface HostFacts {
  host: string;
  preference: number;
  lookups: Lookup[];
  addresses: HostAddress[];
  addressDnssec: DnssecStatus;
  /** CNAME targets after the host name, when it is an alias. */
  cname: string[] | undefined;
  tlsa: TlsaFacts;
  /** Reference identifiers for certificate names: the MX host, then the CNAME target. */
  names: string[];
  /** DANE authentication is mandatory for this host: secure MX, addresses and usable TLSA. */
  daneRequired: boolean;
}

/** MX hosts tested per domain, and addresses tested per host. */
export const MAX_MX_HOSTS = 10;
export const MAX_ADDRESSES_PER_HOST = 8;

const MX_TITLE = (domain: string) => `Attempting to retrieve DNS MX records for domain '${domain}'.`;

export async function discoverMx(ports: CheckPorts, step: StepScope, domain: string): Promise<{ mx: MxDiscovery; outcome: StepOutcome }> {
  const lookup = await ports.lookup(absoluteName(domain), RRType.MX, step.signal);
  const details = lookupDetails(lookup);
  const mxRecords = lookup.answer.flatMap((rr) => (rr.data.kind === "MX" ? [{ host: rr.data.exchange, preference: rr.data.preference }] : []));
  const base = { dnssec: lookup.status, lookup };

  if (lookup.failure !== null || lookup.status === "indeterminate" || lookup.rcode === Rcode.SERVFAIL) {
    const reason = lookup.failure ?? lookup.reason?.text ?? `the resolver answered ${lookup.rcode === Rcode.SERVFAIL ? "SERVFAIL" : `RCODE ${lookup.rcode}`}`;
    return {
      mx: { ...base, kind: "failed", dnssec: "indeterminate", hosts: [] },
      outcome: { status: "error", summary: `The MX lookup failed: ${reason}`, details, findings: ["MX_LOOKUP_FAILED"] },
    };
  }
  if (lookup.status === "bogus") {
    return {
      mx: { ...base, kind: mxRecords.length > 0 ? "records" : "failed", hosts: [] },
      outcome: { status: "error", summary: `The MX records failed DNSSEC validation: ${lookup.reason?.text ?? "bogus"}. Nothing below them can be trusted.`, details, findings: ["MX_BOGUS"] },
    };
  }
  if (lookup.rcode === Rcode.NXDOMAIN) {
    return {
      mx: { ...base, kind: "nxdomain", hosts: [] },
      outcome: { status: "error", summary: `The domain '${domain}' does not exist (NXDOMAIN${lookup.status === "secure" ? ", proven by DNSSEC" : ""}).`, details, findings: ["DOMAIN_NXDOMAIN"] },
    };
  }
  const insecureNote = lookup.status === "insecure" ? " They are not DNSSEC-signed, so DANE does not apply to this domain." : "";
  const insecureFinding = lookup.status === "insecure" ? ["MX_INSECURE"] : [];
  if (mxRecords.some((r) => r.host === "." || r.host === "")) {
    return {
      mx: { ...base, kind: "null-mx", hosts: [] },
      outcome: { status: "warning", summary: `'${domain}' publishes a null MX (RFC 7505): it does not accept mail.`, details, findings: ["MX_NULL"] },
    };
  }
  if (mxRecords.length === 0) {
    return {
      mx: { ...base, kind: "implicit", hosts: [{ host: plainName(domain), preference: 0 }] },
      outcome: {
        // RFC 5321 §5.1 makes this a working configuration, so it does not lower the verdict.
        status: lookup.status === "secure" ? "success" : "warning",
        summary: `No MX records were found, so the domain itself is its mail host (implicit MX, RFC 5321 §5.1): mail goes to its own A/AAAA addresses, if it has any.${insecureNote}`,
        details,
        findings: ["MX_IMPLICIT", ...insecureFinding],
      },
    };
  }
  const { hosts, total } = mxHostsToTest(mxRecords);
  if (total > hosts.length) details.push(`Only the ${MAX_MX_HOSTS} most preferred of ${total} MX hosts are tested.`);
  return {
    mx: { ...base, kind: "records", hosts },
    outcome: {
      status: lookup.status === "secure" ? "success" : "warning",
      summary: `${hosts.length} MX record${hosts.length === 1 ? " was" : "s were"} retrieved from DNS${lookup.status === "secure" ? ", DNSSEC-secure" : ""}: ${hosts.map((h) => `${h.host} (${h.preference})`).join(", ")}.${insecureNote}`,
      details,
      findings: insecureFinding,
    },
  };
}

export { MX_TITLE };

/**
 * The MX hosts a sender tries, in order: by preference, ties in the order received, a host listed
 * twice once at its best preference (RFC 5321 §5.1). Bounded: a hostile zone could list hundreds,
 * and only the MAX_MX_HOSTS most preferred are tested. `total` counts the distinct hosts.
 */
function mxHostsToTest(records: readonly { host: string; preference: number }[]): { hosts: { host: string; preference: number }[]; total: number } {
  const seen = new Set<string>();
  // Linear in the records: an unvalidated answer may carry thousands (hostile-record-flood).
  const sorted = records
    .map((r, order) => ({ host: plainName(r.host), preference: r.preference, order }))
    .sort((a, b) => a.preference - b.preference || a.order - b.order)
    .filter((h) => {
      if (seen.has(h.host)) return false;
      seen.add(h.host);
      return true;
    })
    .map(({ host, preference }) => ({ host, preference }));
  return { hosts: sorted.slice(0, MAX_MX_HOSTS), total: sorted.length };
}

/** The three lookups of one MX host, sent together. */
export interface HostLookups {
  a: Promise<Lookup>;
  aaaa: Promise<Lookup>;
  tlsa: Promise<Lookup>;
}

export function startHostLookups(ports: CheckPorts, host: string, signal: AbortSignal): HostLookups {
  const name = absoluteName(host);
  return {
    a: ports.lookup(name, RRType.A, signal),
    aaaa: ports.lookup(name, RRType.AAAA, signal),
    tlsa: ports.lookup(absoluteName(tlsaOwner(host)), RRType.TLSA, signal),
  };
}

/**
 * Starts the lookups of the MX hosts that the MX answer names as it arrives, while the validator
 * is still walking the chain of trust for it: they run beside that walk (the validator shares its
 * per-zone work) instead of after it, which saves a round trip per run. The names are unverified:
 * a host's lookups are only read once the MX RRset has validated and names that host; the rest are
 * never read. Never rejects.
 */
export async function prefetchMxHosts(ports: CheckPorts, domain: string, signal: AbortSignal): Promise<Map<string, HostLookups>> {
  const answer = await ports.peek(absoluteName(domain), RRType.MX);
  const records = answer.flatMap((rr) => (rr.data.kind === "MX" && rr.data.exchange !== "." && rr.data.exchange !== "" ? [{ host: rr.data.exchange, preference: rr.data.preference }] : []));
  return new Map(mxHostsToTest(records).hosts.map((h) => [h.host, startHostLookups(ports, h.host, signal)]));
}

function addressesOf(lookup: Lookup, family: 4 | 6): HostAddress[] {
  return lookup.answer.flatMap((rr): HostAddress[] => {
    if (rr.data.kind === "A" && family === 4) return [{ ip: rr.data.address, family, dnssec: lookup.status }];
    if (rr.data.kind === "AAAA" && family === 6) return [{ ip: rr.data.address, family, dnssec: lookup.status }];
    return [];
  });
}

function tlsaRecordsOf(lookup: Lookup): TlsaRecord[] {
  return lookup.answer.flatMap((rr) => (rr.data.kind === "TLSA" ? [{ usage: rr.data.usage, selector: rr.data.selector, matchingType: rr.data.matchingType, data: rr.data.data }] : []));
}

function tlsaStatusOf(lookup: Lookup): TlsaStatus {
  if (lookup.failure !== null || lookup.status === "indeterminate" || lookup.rcode === Rcode.SERVFAIL) return "servfail";
  if (lookup.status === "bogus") return "bogus";
  if (lookup.status === "insecure") return "insecure";
  return tlsaRecordsOf(lookup).length > 0 ? "secure" : "absent";
}

const tlsaOwner = (host: string) => `_25._tcp.${plainName(host)}`;

function tlsaFacts(lookup: Lookup, name: string): TlsaFacts {
  const status = tlsaStatusOf(lookup);
  const records = status === "secure" ? tlsaRecordsOf(lookup) : [];
  const usable = records.filter((r) => tlsaUsability(r).usable).length;
  return { name, status, records, usable, lookup, note: "" };
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

/**
 * Addresses and TLSA of one MX host, judged under the MX RRset's status. A, AAAA and TLSA at the
 * host name go out together (`lookups`, perhaps started before the MX RRset validated); when the
 * host is a secure alias, TLSA at the final target is asked next and preferred (RFC 7672 §2.2.2).
 */
export async function discoverHost(
  ports: CheckPorts,
  hostStep: StepScope,
  host: { host: string; preference: number },
  mxDnssec: DnssecStatus,
  lookups: HostLookups = startHostLookups(ports, host.host, hostStep.signal),
): Promise<HostFacts> {
  const signal = hostStep.signal;
  const addressStep = hostStep.begin("addresses", `Attempting to resolve the A and AAAA records of '${host.host}'.`);
  const tlsaStep = hostStep.begin("tlsa", `Attempting to retrieve the TLSA records at '${tlsaOwner(host.host)}'.`);
  const [a, aaaa, tlsaAtHost] = await Promise.all([lookups.a, lookups.aaaa, lookups.tlsa]);

  const found = [...addressesOf(a, 4), ...addressesOf(aaaa, 6)];
  const addresses = found.slice(0, MAX_ADDRESSES_PER_HOST);
  const usedLookups = [a, aaaa].filter((l) => l.failure === null || addresses.length === 0);
  const addressDnssec = usedLookups.map((l) => l.status).reduce(worseDnssec, "secure");
  const chain = a.cnameChain.length > 1 ? a.cnameChain : aaaa.cnameChain;
  const cname = chain.length > 1 ? chain.slice(1).map(plainName) : undefined;
  const outcome = addressOutcome(host.host, a, aaaa, addresses, addressDnssec, mxDnssec);
  if (found.length > addresses.length) outcome.details = [...(outcome.details ?? []), `Only the first ${MAX_ADDRESSES_PER_HOST} of ${found.length} addresses are tested.`];
  addressStep.end(outcome);

  const mxSecure = mxDnssec === "secure";
  let tlsa = tlsaFacts(tlsaAtHost, tlsaOwner(host.host));
  const names = [host.host];
  const finalTarget = cname?.at(-1);
  if (finalTarget !== undefined && addressDnssec === "secure") {
    names.push(finalTarget);
    const atTarget = tlsaFacts(await ports.lookup(absoluteName(tlsaOwner(finalTarget)), RRType.TLSA, signal), tlsaOwner(finalTarget));
    tlsa = tlsaForAlias(atTarget, tlsa);
  }
  if (!mxSecure || addressDnssec === "insecure") {
    const why = !mxSecure ? "the MX records are not DNSSEC-secure" : `the addresses of '${host.host}' are not DNSSEC-secure`;
    tlsa = { ...tlsa, status: "insecure", records: [], usable: 0, note: `TLSA records are not used because ${why} (RFC 7672 §2.2).` };
  }
  tlsaStep.end(tlsaOutcome(tlsa, mxSecure));
  const daneRequired = tlsa.status === "secure" && tlsa.usable > 0 && mxSecure && addressDnssec === "secure";
  return { host: host.host, preference: host.preference, lookups: [a, aaaa, ...(tlsa.lookup ? [tlsa.lookup] : [])], addresses, addressDnssec, cname, tlsa, names, daneRequired };
}

function addressOutcome(host: string, a: Lookup, aaaa: Lookup, addresses: HostAddress[], status: DnssecStatus, mxDnssec: DnssecStatus): StepOutcome {
  const details = [...lookupDetails(a), "", ...lookupDetails(aaaa)];
  const list = addresses.map((x) => x.ip).join(", ");
  if (status === "bogus") {
    const bad = a.status === "bogus" ? a : aaaa;
    return { status: "error", summary: `The address records of '${host}' failed DNSSEC validation: ${bad.reason?.text ?? "bogus"}.`, details, findings: ["HOST_ADDRESS_BOGUS"] };
  }
  if (addresses.length === 0) {
    const failed = a.failure ?? aaaa.failure;
    return { status: "error", summary: failed ? `The address lookup for '${host}' failed: ${failed}` : `'${host}' has no A or AAAA records.`, details, findings: ["HOST_NO_ADDRESS"] };
  }
  if (status === "secure") return { status: "success", summary: `${addresses.length} address${addresses.length === 1 ? "" : "es"} found, DNSSEC-secure: ${list}.`, details };
  if (status === "insecure" && mxDnssec === "secure") {
    return { status: "warning", summary: `${addresses.length} address(es) found (${list}), but not DNSSEC-secure: DANE does not apply to this host.`, details, findings: ["HOST_ADDRESS_INSECURE"] };
  }
  return { status: status === "insecure" ? "info" : "warning", summary: `${addresses.length} address(es) found: ${list} (DNSSEC: ${status}).`, details };
}

function tlsaOutcome(tlsa: TlsaFacts, mxSecure: boolean): StepOutcome {
  const details = [...(tlsa.lookup ? lookupDetails(tlsa.lookup) : []), ...(tlsa.note ? [tlsa.note] : [])];
  const records = tlsa.records.map(formatTlsa);
  switch (tlsa.status) {
    case "secure":
      if (tlsa.usable === 0) {
        return {
          status: "warning",
          summary: `${records.length} DNSSEC-secure TLSA record(s) found at '${tlsa.name}', none usable for SMTP (usages 0/1 or unknown parameters): TLS is mandatory but the server cannot be authenticated.`,
          details,
          // The warning needs its why and fix; TLSA_LOOKUP_SECURE describes usable records.
          findings: ["DANE_TLSA_NONE_USABLE"],
        };
      }
      return { status: "success", summary: `${records.length} DNSSEC-secure TLSA record(s) found at '${tlsa.name}', ${tlsa.usable} usable: DANE is mandatory for this host.`, details, findings: ["TLSA_LOOKUP_SECURE"] };
    case "absent":
      return { status: "warning", summary: `No TLSA records at '${tlsa.name}' (non-existence proven by DNSSEC): DANE is not in force for this host.`, details, findings: ["TLSA_LOOKUP_ABSENT"] };
    case "insecure":
      return {
        status: mxSecure ? "warning" : "info",
        summary: tlsa.note || `The TLSA answer for '${tlsa.name}' is not DNSSEC-secure: DANE does not apply to this host.`,
        details,
        findings: ["TLSA_LOOKUP_INSECURE"],
      };
    case "bogus":
      return { status: "error", summary: `The TLSA records at '${tlsa.name}' failed DNSSEC validation: ${tlsa.lookup?.reason?.text ?? "bogus"}. The host cannot be used.`, details, findings: ["TLSA_LOOKUP_BOGUS"] };
    case "servfail":
      return {
        status: "error",
        summary: `The TLSA lookup for '${tlsa.name}' failed (${tlsa.lookup?.failure ?? tlsa.lookup?.reason?.text ?? "SERVFAIL"}); that is not a proof of absence, so the host cannot be used.`,
        details,
        findings: ["TLSA_LOOKUP_SERVFAIL"],
      };
  }
}
