// Discovery per RFC 7672 §2: the MX RRset with its DNSSEC status (null MX, implicit MX), then per
// MX host its addresses and its TLSA records, looked up in parallel (and started as soon as the MX
// answer names the hosts, judged only once it has validated). The lookups are ports; what they
// mean is decided by the pure assessments in assess-mx.ts and assess-host.ts; the steps are
// written by present-discovery.ts.
import { RRType } from "../dns/types";
import { message } from "../report/i18n/message";
import type { DnssecStatus } from "../report/schema";
import { assessAddresses, assessTlsa, decideDane, tlsaOwner, type HostAddress, type TlsaFacts } from "./assess-host";
import { assessMx, mxHostsToTest, type MxAssessment } from "./assess-mx";
import type { CheckPorts, Lookup } from "./ports";
import { absoluteName } from "./present";
import { presentAddresses, presentMx, presentTlsa } from "./present-discovery";
import type { StepOutcome, StepScope } from "./runner";

export { MAX_ADDRESSES_PER_HOST, tlsaForAlias, type HostAddress, type TlsaFacts } from "./assess-host";
export { MAX_MX_HOSTS, type MxKind } from "./assess-mx";

export type MxDiscovery = MxAssessment;

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

export async function discoverMx(ports: CheckPorts, step: StepScope, domain: string): Promise<{ mx: MxDiscovery; outcome: StepOutcome }> {
  const lookup = await ports.lookup(absoluteName(domain), RRType.MX, step.signal);
  const mx = assessMx(domain, lookup);
  return { mx, outcome: presentMx(domain, mx) };
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
  const addressStep = hostStep.begin("addresses", message("addresses.title", { host: host.host }));
  const tlsaStep = hostStep.begin("tlsa", message("tlsa.title", { name: tlsaOwner(host.host) }));
  const [a, aaaa, tlsaAtHost] = await Promise.all([lookups.a, lookups.aaaa, lookups.tlsa]);

  const addresses = assessAddresses(host.host, a, aaaa, mxDnssec);
  addressStep.end(presentAddresses(host.host, a, aaaa, addresses));

  let atTarget: Lookup | null = null;
  const finalTarget = addresses.cname?.at(-1);
  if (finalTarget !== undefined && addresses.dnssec === "secure") atTarget = await ports.lookup(absoluteName(tlsaOwner(finalTarget)), RRType.TLSA, signal);
  const tlsa = assessTlsa(host.host, tlsaAtHost, atTarget, finalTarget, mxDnssec, addresses.dnssec);
  tlsaStep.end(presentTlsa(tlsa, mxDnssec === "secure"));

  return {
    host: host.host,
    preference: host.preference,
    lookups: [a, aaaa, ...(tlsa.lookup ? [tlsa.lookup] : [])],
    addresses: addresses.addresses,
    addressDnssec: addresses.dnssec,
    cname: addresses.cname,
    tlsa,
    names: atTarget !== null && finalTarget !== undefined ? [host.host, finalTarget] : [host.host],
    daneRequired: decideDane(mxDnssec, addresses.dnssec, tlsa),
  };
}
