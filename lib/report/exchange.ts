// Exchange Online's inbound DANE behaviour as a pure function of what the checks observed. Source:
// Microsoft's description of SMTP DANE in Exchange Online (codes 4.7.321-324, 4.4.312, blocking
// only when the MX data is bogus or every MX host fails DANE) and docs/ARCHITECTURE.md.
import { finding, type Finding } from "./findings";
import type { DaneOutcome, DnssecStatus, ExchangeOutcome, TlsaStatus } from "./schema";

export type ExchangeCode = NonNullable<ExchangeOutcome["code"]>;

/** Retry delays after a deferral, in minutes: 15, 15, then hourly until 24 h, then an NDR. */
export const EXCHANGE_RETRY_MINUTES: readonly number[] = [15, 15, ...Array.from({ length: 23 }, () => 60)];
export const EXCHANGE_GIVE_UP_HOURS = 24;
export interface ExchangeAddressFacts {
  ip: string;
  /** TCP connection and SMTP greeting succeeded. */
  connected: boolean;
  /** STARTTLS was offered and the TLS handshake completed. */
  tls: boolean;
  dane: DaneOutcome;
  /** DANE failed only because the leaf is out of date under a DANE-TA record (RFC 7672 §3.1.2). */
  certExpiredUnderDaneTa: boolean;
  /**
   * Set when nothing was learnt about the server itself: mailsec's own address policy refused the
   * target (the guard), or the server throttled mailsec (421/450, a reset right after connect).
   * Such an address is neither a success nor the server's failure.
   */
  untested?: UntestedAddress | undefined;
}

export type UntestedAddress = { kind: "policy"; range: string } | { kind: "throttled"; reply: string } | { kind: "budget" };

export interface ExchangeHostFacts {
  host: string;
  /** DNSSEC status of the host's address records (the worst of A and AAAA). */
  addressDnssec: DnssecStatus;
  tlsa: { status: TlsaStatus; usable: number };
  addresses: ExchangeAddressFacts[];
}

export interface ExchangeFacts {
  domain: string;
  /** The MX lookup: records found, a null MX, none (implicit MX), NXDOMAIN, or no answer at all. */
  mxLookup: "records" | "null-mx" | "implicit" | "nxdomain" | "failed";
  mxDnssec: DnssecStatus;
  /** In order of preference. */
  hosts: ExchangeHostFacts[];
}

/**
 * Why one MX host cannot be used, as a token (`cause`) with what it is about: the result document's
 * `exchangeOnline.reason` is the deciding cause; lib/report/i18n words it (the forecast finding).
 */
export type HostFailureCause =
  | "address-bogus"
  | "tlsa-bogus"
  | "tlsa-servfail"
  | "address-lookup-failed"
  | "no-address"
  | "no-session"
  | "no-starttls"
  | "expired"
  | "tlsa-mismatch"
  | "unreachable"
  | "policy"
  | "budget"
  | "throttled";

/** `host` is the MX host a failure is about, `ip` the address when one address decided it. */
export type HostFailure = { host: string; ip?: string | undefined; cause: HostFailureCause } & (
  | { kind: "dnssec"; code: "4.7.324" }
  | { kind: "starttls"; code: "4.7.321" }
  | { kind: "expired"; code: "4.7.322" }
  | { kind: "tlsa-mismatch"; code: "4.7.323" }
  | { kind: "dns"; code: "4.4.312" }
  | { kind: "unreachable"; code: null }
  /** Not the server's doing: mailsec's address policy, or throttling; the forecast is inconclusive. */
  | { kind: "policy" | "throttled"; code: null }
);

const untested = (f: HostFailure) => f.kind === "policy" || f.kind === "throttled";

/** Which failure a host reports when no address works: a DANE/DNSSEC code, then the server's own, then ours. */
function rank(f: HostFailure): number {
  return f.code !== null ? 2 : untested(f) ? 0 : 1;
}

export type HostJudgement = { usable: true; dane: boolean } | { usable: false; failure: HostFailure };

function addressFailure(host: ExchangeHostFacts, address: ExchangeAddressFacts, daneRequired: boolean): HostFailure | null {
  if (address.untested?.kind === "policy") {
    return { kind: "policy", code: null, host: host.host, ip: address.ip, cause: "policy" };
  }
  if (address.untested?.kind === "budget") {
    return { kind: "policy", code: null, host: host.host, ip: address.ip, cause: "budget" };
  }
  if (address.untested?.kind === "throttled") {
    return { kind: "throttled", code: null, host: host.host, ip: address.ip, cause: "throttled" };
  }
  if (!address.connected) return { kind: "unreachable", code: null, host: host.host, ip: address.ip, cause: "no-session" };
  const tlsMandatory = host.tlsa.status === "secure";
  if (tlsMandatory && !address.tls) return { kind: "starttls", code: "4.7.321", host: host.host, ip: address.ip, cause: "no-starttls" };
  if (!daneRequired) return null;
  if (address.dane === "pass") return null;
  if (address.certExpiredUnderDaneTa) return { kind: "expired", code: "4.7.322", host: host.host, ip: address.ip, cause: "expired" };
  return { kind: "tlsa-mismatch", code: "4.7.323", host: host.host, ip: address.ip, cause: "tlsa-mismatch" };
}

/** Whether a sender like Exchange Online could hand mail to this host, and if not, why. */
export function judgeHost(host: ExchangeHostFacts, mxSecure: boolean): HostJudgement {
  if (host.addressDnssec === "bogus") return { usable: false, failure: { kind: "dnssec", code: "4.7.324", host: host.host, cause: "address-bogus" } };
  if (host.addressDnssec === "indeterminate" && mxSecure) return { usable: false, failure: { kind: "dns", code: "4.4.312", host: host.host, cause: "address-lookup-failed" } };
  if (host.addresses.length === 0) return { usable: false, failure: { kind: "unreachable", code: null, host: host.host, cause: "no-address" } };
  // DANE is in force only for hosts reached through secure MX and secure address data (RFC 7672 §2.2).
  const daneApplies = mxSecure && host.addressDnssec === "secure";
  if (daneApplies && host.tlsa.status === "bogus") return { usable: false, failure: { kind: "dnssec", code: "4.7.324", host: host.host, cause: "tlsa-bogus" } };
  if (daneApplies && host.tlsa.status === "servfail") return { usable: false, failure: { kind: "dnssec", code: "4.7.324", host: host.host, cause: "tlsa-servfail" } };
  const effective: ExchangeHostFacts = daneApplies ? host : { ...host, tlsa: { status: "insecure", usable: 0 } };
  const daneRequired = daneApplies && host.tlsa.status === "secure" && host.tlsa.usable > 0;
  let firstFailure: HostFailure | null = null;
  for (const address of host.addresses) {
    const failure = addressFailure(effective, address, daneRequired);
    if (failure === null) return { usable: true, dane: daneRequired };
    // A DANE failure outranks "unreachable", which outranks an address mailsec could not test.
    if (firstFailure === null || rank(failure) > rank(firstFailure)) firstFailure = failure;
  }
  return { usable: false, failure: firstFailure ?? { kind: "unreachable", code: null, host: host.host, cause: "unreachable" } };
}

// `reason` is a token (what decided the forecast), never a sentence: the forecast's finding is what
// a reader sees, in their language, with the retry schedule (cli.retry, the UI's exchange.retry).
function defer(code: ExchangeCode | null, reason: string): ExchangeOutcome {
  return { outcome: "defer", code, reason };
}

/**
 * RFC 5321 §5.1: without MX records the domain itself is the implicit MX, and when it has no
 * address either (a proven absence, not a failed lookup) the mail is undeliverable at once rather
 * than queued for retries.
 */
function isNotAMailDomain(implicit: ExchangeHostFacts | undefined): boolean {
  return implicit !== undefined && implicit.addresses.length === 0 && (implicit.addressDnssec === "secure" || implicit.addressDnssec === "insecure");
}

/** The Exchange Online forecast for mail to the domain. */
export function exchangeOnlineOutcome(facts: ExchangeFacts): ExchangeOutcome {
  return exchangeForecast(facts).outcome;
}

/** The forecast with the finding that explains it (its code and params: what the step shows). */
export function exchangeForecast(facts: ExchangeFacts): { outcome: ExchangeOutcome; finding: Finding } {
  const domain = facts.domain;
  const of = (outcome: ExchangeOutcome, explained: Finding) => ({ outcome, finding: explained });
  if (facts.mxLookup === "null-mx") return of({ outcome: "no-mail", code: null, reason: "null-mx" }, finding("EXO_NO_MAIL", { domain, why: "null-mx" }));
  if (facts.mxLookup === "nxdomain" && facts.mxDnssec !== "bogus") return of({ outcome: "no-mail", code: null, reason: "nxdomain" }, finding("EXO_NO_MAIL", { domain, why: "nxdomain" }));
  if (facts.mxDnssec === "bogus") return of(defer("4.7.324", "mx-bogus"), finding("EXO_4_7_324", { host: domain }));
  if (facts.mxLookup === "failed" || facts.mxDnssec === "indeterminate") return of(defer("4.4.312", "mx-lookup-failed"), finding("EXO_4_4_312", { host: domain }));

  if (facts.mxLookup === "implicit" && isNotAMailDomain(facts.hosts[0])) {
    return of({ outcome: "no-mail", code: null, reason: "no-address" }, finding("EXO_NO_MAIL", { domain, why: "no-address" }));
  }

  const mxSecure = facts.mxDnssec === "secure";
  const failures: HostFailure[] = [];
  for (const host of facts.hosts) {
    const judgement = judgeHost(host, mxSecure);
    if (judgement.usable) {
      return of({ outcome: "deliver", code: null, reason: judgement.dane ? "dane" : "no-dane" }, finding("EXO_DELIVER", { host: host.host }));
    }
    failures.push(judgement.failure);
  }
  if (failures.length === 0) return of(defer(null, "no-host"), finding("EXO_NO_HOST_REACHABLE", { domain }));
  // Nothing the servers did decides this: only mailsec's policy or their throttling stood in the way.
  if (failures.every(untested)) {
    const hosts = failures.map((f) => (f.ip !== undefined ? `${f.host} (${f.ip})` : f.host)).join(", ");
    return of({ outcome: "inconclusive", code: null, reason: failures[0]!.cause }, finding("EXO_INCONCLUSIVE", { untested: hosts, count: failures.length }));
  }
  // Report the most preferred host's DANE/DNSSEC failure, as a sender would for its first choice.
  const coded = failures.find((f) => f.code !== null) ?? failures.find((f) => !untested(f)) ?? failures[0]!;
  const outcome = defer(coded.code, coded.cause);
  return of(outcome, coded.code === null ? finding("EXO_NO_HOST_REACHABLE", { domain }) : finding(exchangeCodeFinding[coded.code], { host: coded.host }));
}

const exchangeCodeFinding = { "4.7.321": "EXO_4_7_321", "4.7.322": "EXO_4_7_322", "4.7.323": "EXO_4_7_323", "4.7.324": "EXO_4_7_324", "4.4.312": "EXO_4_4_312" } as const;

/** The DNSSEC Validation test knows only the DNSSEC part of the forecast; the DANE test gives the full one. */
export function dnssecOnlyForecast(status: DnssecStatus): ExchangeOutcome {
  if (status === "bogus") return { outcome: "defer", code: "4.7.324", reason: "dnssec-bogus" };
  if (status === "indeterminate") return { outcome: "defer", code: "4.4.312", reason: "dnssec-failed" };
  return { outcome: "deliver", code: null, reason: "dnssec-only" };
}

/** The finding code that explains an Exchange Online outcome (lib/report/findings/exchange.ts). */
export function exchangeFindingCode(outcome: ExchangeOutcome): string {
  if (outcome.outcome === "deliver") return "EXO_DELIVER";
  if (outcome.outcome === "no-mail") return "EXO_NO_MAIL";
  if (outcome.outcome === "inconclusive") return "EXO_INCONCLUSIVE";
  if (outcome.code === null) return "EXO_NO_HOST_REACHABLE";
  return `EXO_${outcome.code.replaceAll(".", "_")}`;
}
