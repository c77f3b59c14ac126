// One MX address, read like the Connectivity Analyzer: connect, banner, EHLO, STARTTLS, TLS and
// the certificate, then DANE. One SMTP conversation feeds every step; the steps are declared
// together so the tree keeps this order whatever the network does.
import { daneExchangeCodes } from "../report/findings/dane";
import { describeCert, parseChain, type ParsedChain } from "../dane/cert";
import { analyzeCertificate, certificateSummary, type CertificateAnalysis, type CertificateDetails } from "../dane/certificate";
import { matchDane, type DaneMatchResult } from "../dane/match";
import { formatTlsa } from "../dane/tlsa";
import type { ExchangeAddressFacts } from "../report/exchange";
import type { AddressResult, DaneOutcome } from "../report/schema";
import { formatReply } from "../smtp/reply-reader";
import type { SmtpErrorKind, SmtpProbeResult } from "../smtp/types";
import type { HostAddress, HostFacts, TlsaFacts } from "./discovery";
import type { CheckPorts } from "./ports";
import { worstStatus } from "./present";
import type { StepOutcome, StepScope } from "./runner";

export const HELO_NAME = "mailsec.invalid";

export interface AddressCheck {
  result: AddressResult;
  exchange: ExchangeAddressFacts;
  probe: SmtpProbeResult;
  dane: DaneMatchResult | null;
}

export function transcriptLines(probe: SmtpProbeResult): string[] {
  return probe.transcript.map((t) => `${t.dir === "info" ? "*" : `${t.dir}:`} ${t.text}`);
}

const CONNECT_ERRORS: ReadonlySet<SmtpErrorKind> = new Set(["refused-target", "connect-refused", "connect-timeout"]);
const BANNER_ERRORS: ReadonlySet<SmtpErrorKind> = new Set(["no-banner", "banner-rejected"]);

/** Steps after the failing one did not run: say so rather than leave them blank. */
const notReached = (what: string): StepOutcome => ({ status: "skipped", summary: `Not attempted: ${what}.` });

function errorFinding(kind: SmtpErrorKind | undefined): string {
  switch (kind) {
    case "refused-target":
      return "SMTP_TARGET_REFUSED";
    case "connect-refused":
    case "connect-timeout":
      return "SMTP_CONNECT_FAILED";
    case "no-banner":
    case "banner-rejected":
      return "SMTP_NO_BANNER";
    case "ehlo-rejected":
      return "SMTP_EHLO_FAILED";
    case "starttls-not-offered":
      return "SMTP_STARTTLS_NOT_OFFERED";
    case "starttls-refused":
      return "SMTP_STARTTLS_REFUSED";
    case "tls-handshake-failed":
      return "SMTP_TLS_FAILED";
    default:
      return "SMTP_PROTOCOL_ERROR";
  }
}

interface SmtpSteps {
  connect: StepScope;
  banner: StepScope;
  ehlo: StepScope;
  starttls: StepScope;
  tls: StepScope;
}

/**
 * Ends the five conversation steps from one probe result. `tlsRequired`: a missing TLS is an error,
 * not a warning. `chain`: the presented chain, parsed once for every step that reads it.
 */
function endSmtpSteps(steps: SmtpSteps, probe: SmtpProbeResult, chain: ParsedChain | null, port: number, tlsRequired: boolean): void {
  const error = probe.error;
  const kind = error?.kind;
  const failed = (findingKind: SmtpErrorKind | undefined): StepOutcome => ({
    status: "error",
    summary: error?.message ?? "The conversation stopped.",
    findings: [errorFinding(findingKind)],
  });

  if (!probe.connected) {
    steps.connect.end(failed(kind !== undefined && CONNECT_ERRORS.has(kind) ? kind : "connect-refused"));
    for (const s of [steps.banner, steps.ehlo, steps.starttls, steps.tls]) s.end(notReached("no connection"));
    return;
  }
  steps.connect.end({ status: "success", summary: `Connected to ${probe.target.ip} port ${port} in ${probe.connectMs ?? 0} ms.` });

  if (probe.banner === null || probe.banner.code !== 220 || BANNER_ERRORS.has(kind as SmtpErrorKind)) {
    steps.banner.end({ ...failed(kind ?? "no-banner"), details: probe.banner ? formatReply(probe.banner) : [] });
    for (const s of [steps.ehlo, steps.starttls, steps.tls]) s.end(notReached("no SMTP greeting"));
    return;
  }
  steps.banner.end({ status: "success", summary: `The server greeted: ${probe.banner.lines[0] ?? ""}`, details: formatReply(probe.banner) });

  if (probe.ehlo === null) {
    steps.ehlo.end(failed(kind));
    for (const s of [steps.starttls, steps.tls]) s.end(notReached("EHLO was not accepted"));
    return;
  }
  steps.ehlo.end({
    status: probe.ehlo.usedHelo ? "warning" : "success",
    summary: probe.ehlo.usedHelo ? "The server rejected EHLO and accepted only HELO (no SMTP extensions)." : `EHLO accepted; ${probe.ehlo.extensions.length} extension(s) advertised.`,
    details: [`C: EHLO ${HELO_NAME}`, ...formatReply(probe.ehlo.reply)],
  });

  if (!probe.starttls.offered) {
    steps.starttls.end(
      tlsRequired
        ? { status: "error", summary: "The server does not offer STARTTLS, which its TLSA records make mandatory.", findings: ["SMTP_STARTTLS_NOT_OFFERED"] }
        : { status: "warning", summary: "The server does not offer STARTTLS: mail to it travels in plaintext.", findings: ["SMTP_STARTTLS_OPPORTUNISTIC_MISSING"] },
    );
    steps.tls.end(notReached("STARTTLS is not offered"));
    return;
  }
  if (!probe.starttls.accepted) {
    steps.starttls.end({ ...failed("starttls-refused"), details: probe.starttls.reply ? ["C: STARTTLS", ...formatReply(probe.starttls.reply)] : [] });
    steps.tls.end(notReached("STARTTLS was refused"));
    return;
  }
  steps.starttls.end({ status: "success", summary: "STARTTLS offered and accepted.", details: probe.starttls.reply ? ["C: STARTTLS", ...formatReply(probe.starttls.reply)] : [] });

  if (probe.tls === null || chain === null) {
    steps.tls.end(failed(kind ?? "tls-handshake-failed"));
    return;
  }
  const chainLines = chain.certs.map((c, i) => (c ? `[${i}] ${describeCert(c)}; SHA-256 ${c.sha256}; SPKI SHA-256 ${c.spkiSha256}` : `[${i}] (not a readable certificate)`));
  const tlsFailed = error !== null && !["starttls-not-offered"].includes(error.kind);
  steps.tls.end({
    status: tlsFailed ? "error" : "success",
    summary: `TLS established: ${probe.tls.version}, ${probe.tls.cipher.standardName ?? probe.tls.cipher.name}; the server sent ${probe.tls.chainDer.length} certificate(s).${tlsFailed ? ` Then: ${error.message}` : ""}`,
    details: [`SNI: ${probe.tls.sni}`, `Handshake: ${probe.tls.handshakeMs} ms`, "Certificate chain as sent:", ...chainLines],
    findings: tlsFailed ? [errorFinding(kind)] : [],
  });
}

export function daneStepOutcome(host: HostFacts, tls: TlsaFacts, probe: SmtpProbeResult, match: DaneMatchResult | null): { outcome: StepOutcome; dane: DaneOutcome } {
  // A validating sender gets no address from bogus data (RFC 7672 §2.1.1): whatever this probe
  // found, the host is unusable, and a certificate match must not read as "DANE passed".
  if (host.addressDnssec === "bogus") {
    return {
      dane: "fail",
      outcome: { status: "error", summary: `DANE cannot be relied on: the address records of '${host.host}' fail DNSSEC validation, so a sender must not use this address.`, findings: ["HOST_ADDRESS_BOGUS"] },
    };
  }
  if (tls.status === "bogus" || tls.status === "servfail") {
    if (host.addressDnssec === "secure") {
      return {
        dane: "fail",
        outcome: { status: "error", summary: `DANE cannot be evaluated: the TLSA lookup ${tls.status === "bogus" ? "is bogus" : "failed"}, so a sender must not use this host.`, findings: [tls.status === "bogus" ? "TLSA_LOOKUP_BOGUS" : "TLSA_LOOKUP_SERVFAIL"] },
      };
    }
  }
  if (tls.status !== "secure") {
    const why = tls.note || (tls.status === "absent" ? "the host publishes no TLSA records" : `the TLSA records are ${tls.status}`);
    return { dane: "not-applicable", outcome: { status: "info", summary: `DANE does not apply: ${why.replace(/\.$/, "")}.` } };
  }
  if (probe.tls === null) {
    return {
      dane: tls.usable > 0 ? "fail" : "unusable",
      outcome: {
        status: "error",
        summary: "DANE failed: no TLS session could be established, and the TLSA records make TLS mandatory.",
        // Unusable-only records make TLS mandatory too (RFC 7672 §2.2), but for another reason than usable ones.
        findings: [tls.usable > 0 ? "SMTP_STARTTLS_NOT_OFFERED" : "DANE_TLSA_NONE_USABLE"],
      },
    };
  }
  if (match === null || match.outcome === "unusable") {
    return {
      dane: "unusable",
      outcome: {
        status: "warning",
        summary: "TLS is in use, but none of the TLSA records is usable for SMTP: the server is not authenticated.",
        details: match?.perRecord.map((r) => `${r.record}: ${r.note}`) ?? [],
        findings: match?.warnings.map((w) => w.code) ?? ["DANE_TLSA_NONE_USABLE"],
      },
    };
  }
  const details = match.perRecord.map((r) => `${r.record}: ${r.usable ? (r.matches ? "matches" : "does not match") : "unusable"} — ${r.note}`);
  const warningLines = match.warnings.map((w) => `Note: ${w.text}`);
  if (match.outcome === "pass") {
    const record = match.matched ? formatTlsa(match.matched.record) : "";
    const flagged = match.warnings.some((w) => w.code === "DANE_EE_LEAF_EXPIRED" || w.code === "DANE_EE_LEAF_NOT_YET_VALID");
    return {
      dane: "pass",
      outcome: {
        status: flagged ? "warning" : "success",
        summary: `The server is authenticated: its certificate matches the TLSA record ${record.slice(0, 40)}${record.length > 40 ? "…" : ""} (${match.matched?.usage === 2 ? "DANE-TA" : "DANE-EE"}).`,
        details: [...details, ...warningLines],
        findings: match.warnings.map((w) => w.code),
      },
    };
  }
  return {
    dane: "fail",
    outcome: { status: "error", summary: `DANE authentication failed: ${match.failure?.text ?? "no TLSA record matches"}`, details: [...details, ...warningLines], findings: match.failure ? [match.failure.code] : [] },
  };
}

/** Probes one address and judges it; `extra` lets the Inbound test add certificate steps. */
export async function checkAddress(
  ports: CheckPorts,
  parent: StepScope,
  host: HostFacts,
  address: HostAddress,
  tlsaPromise: Promise<TlsaFacts>,
  withCertificateStep: boolean,
): Promise<AddressCheck> {
  const step = parent.begin(address.ip, `Testing ${address.family === 6 ? "IPv6" : "IPv4"} address ${address.ip} of '${host.host}'.`);
  const steps: SmtpSteps = {
    connect: step.begin("connect", `Attempting to connect to ${address.ip} on port ${ports.smtpPort}.`),
    banner: step.begin("banner", "Waiting for the SMTP greeting (220 banner)."),
    ehlo: step.begin("ehlo", "Sending EHLO and reading the advertised extensions."),
    starttls: step.begin("starttls", "Attempting to start TLS (STARTTLS)."),
    tls: step.begin("tls", `Negotiating TLS with the server name '${host.host}' and capturing its certificate chain.`),
  };
  const certificateStep = withCertificateStep ? step.begin("certificate", "Checking the server certificate (WebPKI trust, name, dates, key).") : null;
  const daneStep = step.begin("dane", "Validating the certificate against the TLSA records (DANE, RFC 7672).");

  const probe = await ports.probe({
    ip: address.ip,
    port: ports.smtpPort,
    mxHost: host.host,
    heloName: HELO_NAME,
    allowPrivate: ports.allowPrivate,
    signal: step.signal,
  });
  const tlsa = await tlsaPromise;
  const tlsRequired = tlsa.status === "secure" && host.addressDnssec === "secure";
  const chain = probe.tls ? parseChain(probe.tls.chainDer) : null;
  endSmtpSteps(steps, probe, chain, ports.smtpPort, tlsRequired);
  const certificate = chain ? analyzeCertificate({ chain, hostName: host.host, now: ports.now() }) : null;
  if (certificateStep) certificateStep.end(certificateOutcome(certificate));

  const match = tlsa.status === "secure" && chain !== null ? matchDane({ records: tlsa.records, chain, names: host.names, now: ports.now() }) : null;
  const { outcome, dane } = daneStepOutcome(host, tlsa, probe, match);
  daneStep.end(outcome);

  const status = worstStatus(step.childStatuses());
  const failure = probe.error?.message;
  step.end({
    status,
    summary: summaryFor(address.ip, probe, dane),
    details: ["SMTP transcript:", ...transcriptLines(probe)],
  });

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
  if (failure) result.error = failure;
  else if (dane === "fail" && match?.failure) result.error = match.failure.text;

  const greeted = probe.connected && probe.banner?.code === 220;
  return {
    result,
    probe,
    dane: match,
    exchange: {
      ip: address.ip,
      connected: greeted,
      tls: probe.tls !== null && probe.error?.kind !== "tls-handshake-failed",
      dane,
      certExpiredUnderDaneTa: match?.failure ? daneExchangeCodes[match.failure.code] === "4.7.322" : false,
    },
  };
}

function summaryFor(ip: string, probe: SmtpProbeResult, dane: DaneOutcome): string {
  if (!probe.connected) return `${ip}: no SMTP session (${probe.error?.message ?? "not reached"}).`;
  const tls = probe.tls ? `TLS ${probe.tls.version}` : "no TLS";
  const daneWords: Record<DaneOutcome, string> = { pass: "DANE passed", fail: "DANE failed", unusable: "no usable TLSA record", "not-applicable": "DANE not applicable" };
  return `${ip}: SMTP reachable, ${tls}, ${daneWords[dane]}.`;
}

function certificateLines(d: CertificateDetails): string[] {
  return [
    `[${d.index}] Subject: ${d.subject}`,
    `    Issuer: ${d.issuer}`,
    `    Names: ${d.sans.join(", ") || "(none)"}`,
    `    Valid: ${d.notBefore} to ${d.notAfter} (${d.daysLeft >= 0 ? `${d.daysLeft} days left` : `expired ${-d.daysLeft} days ago`})`,
    `    Key: ${d.keyType}${d.keySize ? ` ${d.keySize} bits` : ""}${d.curve ? ` ${d.curve}` : ""}; signature: ${d.signatureAlgorithm}`,
    `    SHA-256: ${d.sha256Fingerprint}`,
    `    SPKI SHA-256: ${d.spkiSha256}`,
  ];
}

/** The Inbound test's certificate step: WebPKI trust, name, dates, key and order, like the Analyzer shows them. */
function certificateOutcome(analysis: CertificateAnalysis | null): StepOutcome {
  if (analysis === null) return notReached("no TLS session");
  const problems = analysis.problems.map((p) => `${p.severity === "error" ? "Problem" : p.severity === "warning" ? "Warning" : "Note"}: ${p.text}`);
  const findings = analysis.problems.map((p) => p.code);
  if (!analysis.readable) return { status: "error", summary: problems[0] ?? "The certificate could not be read.", details: problems, findings };
  const status = worstStatus(analysis.problems.map((p) => (p.severity === "error" ? "error" : p.severity === "warning" ? "warning" : "info")), "success");
  const trust = analysis.webpkiTrusted ? `trusted by the WebPKI (${analysis.trustPath.join(" <- ")})` : "not trusted by the WebPKI root store";
  const summary = `${analysis.subject}: ${trust}; name ${analysis.nameMatches ? "matches" : "does not match"}; ${analysis.expired ? "expired" : analysis.notYetValid ? "not yet valid" : `${analysis.daysLeft} days left`}.`;
  return { status, summary, details: [...problems, ...analysis.chain.flatMap(certificateLines), `Chain order: ${analysis.chainOrderOk ? "correct" : "wrong"}`], findings };
}
