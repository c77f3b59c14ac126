// What one SMTP conversation and DANE match mean for one MX address (RFC 7672 §2.2, §3): pure
// assessments, the host's DNS facts, the probe result and the match in; the DANE decision, its
// findings and the result document's shapes out. address.ts writes the steps from these.
import type { ParsedChain } from "../dane/cert";
import { certificateSummary, type CertificateAnalysis } from "../dane/certificate";
import type { DaneMatchResult } from "../dane/match";
import { formatTlsa } from "../dane/tlsa";
import type { ExchangeAddressFacts, UntestedAddress } from "../report/exchange";
import { asFinding, finding, type Finding } from "../report/findings";
import { daneExchangeCodes } from "../report/findings/dane";
import { smtpProblemParams } from "../report/findings/smtp";
import type { AddressResult, DaneOutcome } from "../report/schema";
import type { SmtpErrorKind, SmtpProbeResult } from "../smtp/types";
import type { HostAddress, TlsaFacts } from "./assess-host";

/** The host facts an address is judged under. */
export interface HostContext {
  host: string;
  addressDnssec: AddressResult["dnssec"];
}

/** TLS is mandatory: secure TLSA records (usable or not) under secure addresses (RFC 7672 §2.2). */
export function tlsRequired(host: HostContext, tlsa: TlsaFacts): boolean {
  return tlsa.status === "secure" && host.addressDnssec === "secure";
}

/** The SMTP finding for a probe error, with the probe's problem as its technical detail. */
export function smtpFinding(kind: SmtpErrorKind | undefined, probe: SmtpProbeResult, port: number): Finding {
  const ip = probe.target.ip;
  const detail = smtpProblemParams(probe.error?.problem);
  switch (kind) {
    case "refused-target":
      return finding("SMTP_TARGET_REFUSED", { ip, ...detail });
    case "connect-refused":
    case "connect-timeout":
      return finding("SMTP_CONNECT_FAILED", { ip, port, ...detail });
    case "no-banner":
    case "banner-rejected":
      return finding("SMTP_NO_BANNER", { ip, ...detail });
    case "ehlo-rejected":
      return finding("SMTP_EHLO_FAILED", { ip, ...detail });
    case "starttls-not-offered":
      return finding("SMTP_STARTTLS_NOT_OFFERED", { ip });
    case "starttls-refused":
      return finding("SMTP_STARTTLS_REFUSED", { ip, ...detail });
    case "tls-handshake-failed":
      return finding("SMTP_TLS_FAILED", { ip, ...detail });
    case "throttled":
      return finding("SMTP_THROTTLED", { ip, stage: probe.throttled?.stage ?? "connect", reply: probe.throttled?.reply ?? "" });
    case "budget-exhausted":
      return finding("SMTP_CONNECTION_BUDGET", { ip });
    case "smtputf8-not-offered":
      return finding("SMTP_SMTPUTF8_NOT_OFFERED", { ip, ...detail });
    default:
      return finding("SMTP_PROTOCOL_ERROR", { ip, ...detail });
  }
}

/**
 * How the DANE check of the address ends: `tier` says how bad (a failure, a warning that still
 * delivers, informational, or fine), `reason` which rule decided it.
 */
export interface DaneAssessment {
  dane: DaneOutcome;
  tier: "pass" | "warn" | "fail" | "info";
  reason:
    | "address-bogus"
    | "tlsa-bogus"
    | "tlsa-servfail"
    | "not-applicable"
    | "no-tls"
    | "none-usable"
    | "authenticated"
    | "mismatch"
    | "untested";
  findings: Finding[];
  /** With reason "untested": what stood in the way, which is not the server's TLS. */
  untested?: UntestedAddress["kind"];
}

/**
 * Why nothing was learnt about the server's TLS: mailsec's own address policy (the guard), its
 * per-destination connection budget, or the server throttling it (issue 15). Null: it was tested.
 */
export function untestedAddress(probe: SmtpProbeResult): UntestedAddress | null {
  if (probe.refused) return { kind: "policy", range: probe.refused.range };
  if (probe.error?.kind === "budget-exhausted") return { kind: "budget" };
  if (probe.throttled) return { kind: "throttled", reply: probe.throttled.reply };
  return null;
}

export function assessDane(host: HostContext, tlsa: TlsaFacts, probe: SmtpProbeResult, match: DaneMatchResult | null): DaneAssessment {
  // A validating sender gets no address from bogus data (RFC 7672 §2.1.1): whatever this probe
  // found, the host is unusable, and a certificate match must not read as "DANE passed".
  if (host.addressDnssec === "bogus") return { dane: "fail", tier: "fail", reason: "address-bogus", findings: [finding("HOST_ADDRESS_BOGUS", { host: host.host })] };
  if ((tlsa.status === "bogus" || tlsa.status === "servfail") && host.addressDnssec === "secure") {
    const bogus = tlsa.status === "bogus";
    return {
      dane: "fail",
      tier: "fail",
      reason: bogus ? "tlsa-bogus" : "tlsa-servfail",
      findings: [bogus ? finding("TLSA_LOOKUP_BOGUS", { name: tlsa.name }) : finding("TLSA_LOOKUP_SERVFAIL", { name: tlsa.name })],
    };
  }
  if (tlsa.status !== "secure") return { dane: "not-applicable", tier: "info", reason: "not-applicable", findings: [] };
  // Not "no TLS" (4.7.321): the server's TLS was never reached; the step that stopped says why.
  const untested = untestedAddress(probe);
  if (untested !== null) return { dane: "not-applicable", tier: "info", reason: "untested", findings: [], untested: untested.kind };
  if (probe.tls === null) {
    // Unusable-only records make TLS mandatory too (RFC 7672 §2.2), but for another reason than usable ones.
    return tlsa.usable > 0
      ? { dane: "fail", tier: "fail", reason: "no-tls", findings: [finding("SMTP_STARTTLS_NOT_OFFERED", { ip: probe.target.ip })] }
      : { dane: "unusable", tier: "fail", reason: "no-tls", findings: [finding("DANE_TLSA_NONE_USABLE", { count: tlsa.records.length })] };
  }
  if (match === null || match.outcome === "unusable") {
    const findings = match ? match.warnings.map(asFinding) : [];
    return { dane: "unusable", tier: "warn", reason: "none-usable", findings: findings.length > 0 ? findings : [finding("DANE_TLSA_NONE_USABLE", { count: tlsa.records.length })] };
  }
  const warnings = match.warnings.map(asFinding);
  if (match.outcome === "pass") {
    // DANE-EE ignores dates (RFC 7672 §3.1.1), but senders that check them refuse: a warning.
    const flagged = warnings.some((w) => w.code === "DANE_EE_LEAF_EXPIRED" || w.code === "DANE_EE_LEAF_NOT_YET_VALID");
    return { dane: "pass", tier: flagged ? "warn" : "pass", reason: "authenticated", findings: warnings };
  }
  return { dane: "fail", tier: "fail", reason: "mismatch", findings: [...(match.failure ? [asFinding(match.failure)] : []), ...warnings] };
}

export function addressResult(address: HostAddress, probe: SmtpProbeResult, certificate: CertificateAnalysis | null, match: DaneMatchResult | null, dane: DaneOutcome): AddressResult {
  const result: AddressResult = {
    ip: address.ip,
    family: address.family,
    dnssec: address.dnssec,
    smtp: {
      connected: probe.connected,
      banner: probe.banner ? (probe.banner.lines[0] ?? "") : null,
      starttls: probe.starttls.accepted,
      tlsVersion: probe.tls?.version ?? null,
      cipher: probe.tls?.cipher.name ?? null,
    },
    certificate: certificate?.readable ? certificateSummary(certificate) : null,
    dane,
  };
  if (match?.matched) result.matchedRecord = formatTlsa(match.matched.record);
  // The result document's `error` is a token: the probe's error kind, or the failing finding's code.
  if (probe.error) result.error = probe.error.kind;
  else if (dane === "fail" && match?.failure) result.error = match.failure.code;
  return result;
}

export function exchangeAddress(address: HostAddress, probe: SmtpProbeResult, match: DaneMatchResult | null, dane: DaneOutcome): ExchangeAddressFacts {
  return {
    ip: address.ip,
    connected: probe.connected && probe.banner?.code === 220,
    tls: probe.tls !== null && probe.error?.kind !== "tls-handshake-failed",
    dane,
    certExpiredUnderDaneTa: match?.failure ? daneExchangeCodes[match.failure.code] === "4.7.322" : false,
    untested: untestedAddress(probe) ?? undefined,
  };
}

/** The presented chain, parsed once for every step that reads it. */
export type { ParsedChain };
