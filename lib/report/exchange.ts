// Exchange Online's inbound DANE behaviour as a pure function of what the checks observed. Source:
// Microsoft's description of SMTP DANE in Exchange Online (codes 4.7.321-324, 4.4.312, blocking
// only when the MX data is bogus or every MX host fails DANE) and docs/ARCHITECTURE.md.
import { finding, type Finding } from "./findings";
import type { DaneOutcome, DnssecStatus, ExchangeOutcome, TlsaStatus } from "./schema";

export type ExchangeCode = NonNullable<ExchangeOutcome["code"]>;

/** Retry delays after a deferral, in minutes: 15, 15, then hourly until 24 h, then an NDR. */
export const EXCHANGE_RETRY_MINUTES: readonly number[] = [15, 15, ...Array.from({ length: 23 }, () => 60)];
export const EXCHANGE_GIVE_UP_HOURS = 24;
export const EXCHANGE_RETRY_TEXT =
  "Exchange Online retries after 15 minutes, again 15 minutes later, then every hour; after 24 hours it gives up and returns a non-delivery report to the sender.";

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

/** `host` is the MX host a failure is about; `detail` is the English reason of the result document. */
export type HostFailure =
  | { kind: "dnssec"; code: "4.7.324"; host: string; detail: string }
  | { kind: "starttls"; code: "4.7.321"; host: string; detail: string }
  | { kind: "expired"; code: "4.7.322"; host: string; detail: string }
  | { kind: "tlsa-mismatch"; code: "4.7.323"; host: string; detail: string }
  | { kind: "dns"; code: "4.4.312"; host: string; detail: string }
  | { kind: "unreachable"; code: null; host: string; detail: string }
  /** Not the server's doing: mailsec's address policy, or throttling; the forecast is inconclusive. */
  | { kind: "policy" | "throttled"; code: null; host: string; detail: string };

const untested = (f: HostFailure) => f.kind === "policy" || f.kind === "throttled";

/** Which failure a host reports when no address works: a DANE/DNSSEC code, then the server's own, then ours. */
function rank(f: HostFailure): number {
  return f.code !== null ? 2 : untested(f) ? 0 : 1;
}

export type HostJudgement = { usable: true; dane: boolean } | { usable: false; failure: HostFailure };

function addressFailure(host: ExchangeHostFacts, address: ExchangeAddressFacts, daneRequired: boolean): HostFailure | null {
  if (address.untested?.kind === "policy") {
    return { kind: "policy", code: null, host: host.host, detail: `${host.host} (${address.ip}) was not tested: mailsec's address policy does not connect to ${address.untested.range}, which says nothing about the server` };
  }
  if (address.untested?.kind === "budget") {
    return { kind: "policy", code: null, host: host.host, detail: `${host.host} (${address.ip}) was not tested: mailsec's budget of connections to that address for this minute was spent by other tests` };
  }
  if (address.untested?.kind === "throttled") {
    return { kind: "throttled", code: null, host: host.host, detail: `${host.host} (${address.ip}) throttled mailsec (${address.untested.reply}), so its TLS and DANE could not be tested` };
  }
  if (!address.connected) return { kind: "unreachable", code: null, host: host.host, detail: `${host.host} (${address.ip}) did not accept an SMTP session` };
  const tlsMandatory = host.tlsa.status === "secure";
  if (tlsMandatory && !address.tls) return { kind: "starttls", code: "4.7.321", host: host.host, detail: `${host.host} (${address.ip}) has TLSA records but no working STARTTLS` };
  if (!daneRequired) return null;
  if (address.dane === "pass") return null;
  if (address.certExpiredUnderDaneTa) return { kind: "expired", code: "4.7.322", host: host.host, detail: `${host.host} (${address.ip}) presents an expired certificate under a DANE-TA record` };
  return { kind: "tlsa-mismatch", code: "4.7.323", host: host.host, detail: `${host.host} (${address.ip}) presents a certificate that matches no TLSA record` };
}

/** Whether a sender like Exchange Online could hand mail to this host, and if not, why. */
export function judgeHost(host: ExchangeHostFacts, mxSecure: boolean): HostJudgement {
  if (host.addressDnssec === "bogus") return { usable: false, failure: { kind: "dnssec", code: "4.7.324", host: host.host, detail: `the address records of ${host.host} are bogus` } };
  if (host.addressDnssec === "indeterminate" && mxSecure) return { usable: false, failure: { kind: "dns", code: "4.4.312", host: host.host, detail: `the address lookup for ${host.host} failed` } };
  if (host.addresses.length === 0) return { usable: false, failure: { kind: "unreachable", code: null, host: host.host, detail: `${host.host} has no addresses` } };
  // DANE is in force only for hosts reached through secure MX and secure address data (RFC 7672 §2.2).
  const daneApplies = mxSecure && host.addressDnssec === "secure";
  if (daneApplies && host.tlsa.status === "bogus") return { usable: false, failure: { kind: "dnssec", code: "4.7.324", host: host.host, detail: `the TLSA records of ${host.host} are bogus` } };
  if (daneApplies && host.tlsa.status === "servfail") return { usable: false, failure: { kind: "dnssec", code: "4.7.324", host: host.host, detail: `the TLSA lookup for ${host.host} failed (SERVFAIL)` } };
  const effective: ExchangeHostFacts = daneApplies ? host : { ...host, tlsa: { status: "insecure", usable: 0 } };
  const daneRequired = daneApplies && host.tlsa.status === "secure" && host.tlsa.usable > 0;
  let firstFailure: HostFailure | null = null;
  for (const address of host.addresses) {
    const failure = addressFailure(effective, address, daneRequired);
    if (failure === null) return { usable: true, dane: daneRequired };
    // A DANE failure outranks "unreachable", which outranks an address mailsec could not test.
    if (firstFailure === null || rank(failure) > rank(firstFailure)) firstFailure = failure;
  }
  return { usable: false, failure: firstFailure ?? { kind: "unreachable", code: null, host: host.host, detail: `${host.host} is unreachable` } };
}

/** Microsoft documents that DNSSEC failures may still surface as the generic DNS error. */
const DNSSEC_CODE_NOTE = "Exchange Online may report this as 4.4.312 (DNS query failed) instead: a limitation Microsoft documents.";

function defer(code: ExchangeCode | null, reason: string): ExchangeOutcome {
  const note = code === "4.7.324" ? ` ${DNSSEC_CODE_NOTE}` : "";
  return { outcome: "defer", code, reason: `${reason}${note} ${EXCHANGE_RETRY_TEXT}` };
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
  if (facts.mxLookup === "null-mx") return of({ outcome: "no-mail", code: null, reason: `${facts.domain} publishes a null MX: it accepts no mail.` }, finding("EXO_NO_MAIL", { domain, why: "null-mx" }));
  if (facts.mxLookup === "nxdomain" && facts.mxDnssec !== "bogus") return of({ outcome: "no-mail", code: null, reason: `${facts.domain} does not exist; mail is returned at once.` }, finding("EXO_NO_MAIL", { domain, why: "nxdomain" }));
  if (facts.mxDnssec === "bogus") return of(defer("4.7.324", `The MX records of ${facts.domain} fail DNSSEC validation (dnssec-invalid).`), finding("EXO_4_7_324", { host: domain }));
  if (facts.mxLookup === "failed" || facts.mxDnssec === "indeterminate") return of(defer("4.4.312", `The MX lookup for ${facts.domain} failed (DNS query failed).`), finding("EXO_4_4_312", { host: domain }));

  if (facts.mxLookup === "implicit" && isNotAMailDomain(facts.hosts[0])) {
    return of(
      { outcome: "no-mail", code: null, reason: `${facts.domain} has neither MX nor A/AAAA records, so it is no mail destination (RFC 5321 §5.1); mail is returned at once.` },
      finding("EXO_NO_MAIL", { domain, why: "no-address" }),
    );
  }

  const mxSecure = facts.mxDnssec === "secure";
  const failures: HostFailure[] = [];
  for (const host of facts.hosts) {
    const judgement = judgeHost(host, mxSecure);
    if (judgement.usable) {
      const how = judgement.dane ? "authenticated with DANE" : "without DANE authentication";
      const skipped = failures.length > 0 ? ` (after ${failures.map((f) => f.detail).join("; ")})` : "";
      return of({ outcome: "deliver", code: null, reason: `Mail is delivered through ${host.host}, ${how}${skipped}.` }, finding("EXO_DELIVER", { host: host.host }));
    }
    failures.push(judgement.failure);
  }
  if (failures.length === 0) return of(defer(null, `${facts.domain} has no usable MX host.`), finding("EXO_NO_HOST_REACHABLE", { domain }));
  const all = failures.map((f) => f.detail).join("; ");
  // Nothing the servers did decides this: only mailsec's policy or their throttling stood in the way.
  if (failures.every(untested)) return of({ outcome: "inconclusive", code: null, reason: `mailsec cannot forecast what Exchange Online does: ${all}.` }, finding("EXO_INCONCLUSIVE", { detail: all }));
  // Report the most preferred host's DANE/DNSSEC failure, as a sender would for its first choice.
  const coded = failures.find((f) => f.code !== null) ?? failures.find((f) => !untested(f)) ?? failures[0]!;
  const outcome = defer(coded.code, `No MX host can be used: ${all}.`);
  return of(outcome, coded.code === null ? finding("EXO_NO_HOST_REACHABLE", { domain }) : finding(exchangeCodeFinding[coded.code], { host: coded.host }));
}

const exchangeCodeFinding = { "4.7.321": "EXO_4_7_321", "4.7.322": "EXO_4_7_322", "4.7.323": "EXO_4_7_323", "4.7.324": "EXO_4_7_324", "4.4.312": "EXO_4_4_312" } as const;

/** The DNSSEC Validation test knows only the DNSSEC part of the forecast; the DANE test gives the full one. */
export function dnssecOnlyForecast(status: DnssecStatus): ExchangeOutcome {
  if (status === "bogus") return { outcome: "defer", code: "4.7.324", reason: "The data fails DNSSEC validation (dnssec-invalid)." };
  if (status === "indeterminate") return { outcome: "defer", code: "4.4.312", reason: "The lookup failed (DNS query failed)." };
  return { outcome: "deliver", code: null, reason: "DNSSEC does not stop delivery; run the DANE test for the full forecast." };
}

/** The finding code that explains an Exchange Online outcome (lib/report/findings/exchange.ts). */
export function exchangeFindingCode(outcome: ExchangeOutcome): string {
  if (outcome.outcome === "deliver") return "EXO_DELIVER";
  if (outcome.outcome === "no-mail") return "EXO_NO_MAIL";
  if (outcome.outcome === "inconclusive") return "EXO_INCONCLUSIVE";
  if (outcome.code === null) return "EXO_NO_HOST_REACHABLE";
  return `EXO_${outcome.code.replaceAll(".", "_")}`;
}
