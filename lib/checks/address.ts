// One MX address, read like the Connectivity Analyzer: connect, banner, EHLO, STARTTLS, TLS and
// the certificate, then DANE. One SMTP conversation feeds every step; the steps are declared
// together so the tree keeps this order whatever the network does. What the conversation means is
// decided in assess-address.ts; this file writes the steps (message keys) from it.
import { describeCert, parseChain, type ParsedChain } from "../dane/cert";
import { analyzeCertificate, type CertificateAnalysis, type CertificateDetails } from "../dane/certificate";
import { matchDane, type DaneMatchResult } from "../dane/match";
import { formatTlsa } from "../dane/tlsa";
import type { ExchangeAddressFacts } from "../report/exchange";
import { asFinding, finding, severityOf } from "../report/findings";
import { smtpProblemParams } from "../report/findings/smtp";
import { flag, message, type Message } from "../report/i18n/message";
import type { AddressResult, Detail } from "../report/schema";
import { worstStatus } from "../report/status";
import { formatReply } from "../smtp/reply-reader";
import type { SmtpErrorKind, SmtpProbeResult, TranscriptNote } from "../smtp/types";
import { addressResult, assessDane, exchangeAddress, smtpFinding, tlsRequired, type DaneAssessment } from "./assess-address";
import type { HostAddress, HostFacts, TlsaFacts } from "./discovery";
import type { CheckPorts } from "./ports";
import type { StepOutcome, StepScope } from "./runner";

export const HELO_NAME = "mailsec.invalid";

/** A greeting this late is reported (SMTP_GREETING_DELAY); RFC 5321 §4.5.3.2.1 lets a client wait 5 minutes. */
const TARPIT_NOTE_MS = 5000;

export interface AddressCheck {
  result: AddressResult;
  exchange: ExchangeAddressFacts;
  probe: SmtpProbeResult;
  dane: DaneMatchResult | null;
  /** The certificate check of the chain presented (null without TLS): MTA-STS's per-MX check reads it too. */
  certificate: CertificateAnalysis | null;
}

/** The SMTP transcript as evidence lines ("C: EHLO …", "S: 250 …"; the client's notes by key, "* …"). */
export function transcriptLines(probe: SmtpProbeResult): Detail[] {
  return probe.transcript.map((t) => (t.note ? transcriptNote(t.note) : `${t.dir === "info" ? "*" : `${t.dir}:`} ${t.text}`));
}

function transcriptNote(note: TranscriptNote): Message {
  switch (note.event) {
    case "connecting":
      return message("transcript.connecting", { ip: note.ip, port: note.port });
    case "connected":
      return message("transcript.connected", { ms: note.ms });
    case "tls-started":
      return message("transcript.tlsStarted", { sni: note.sni });
    case "tls-established":
      return message("transcript.tlsEstablished", { version: note.version, cipher: note.cipher, count: note.count, ms: note.ms });
    case "retry":
      return message("transcript.retry", { reply: note.reply, ms: note.ms });
    case "more-lines":
      return message("transcript.moreLines", { count: note.count });
    case "message-sent":
      return message("transcript.messageSent", { bytes: note.bytes });
    case "cut":
      return message("transcript.cut");
    case "stopped":
      return message("transcript.stopped", { ...smtpProblemParams(note.problem) });
  }
}

const CONNECT_ERRORS: ReadonlySet<SmtpErrorKind> = new Set(["refused-target", "connect-refused", "connect-timeout", "budget-exhausted", "throttled"]);
/** Outcomes that say nothing about the server's mail security (issue 15): a warning, not a failure. */
const UNTESTED_ERRORS: ReadonlySet<SmtpErrorKind> = new Set(["throttled", "budget-exhausted"]);
const BANNER_ERRORS: ReadonlySet<SmtpErrorKind> = new Set(["no-banner", "banner-rejected"]);

type NotReachedBecause = "no-connection" | "no-greeting" | "ehlo-rejected" | "starttls-not-offered" | "starttls-refused" | "no-tls";

/** Steps after the failing one did not run: say so rather than leave them blank. */
const notReached = (because: NotReachedBecause): StepOutcome => ({ status: "skipped", summary: message("smtp.notReached", { because }) });

type SmtpStage = "connect" | "banner" | "ehlo" | "starttls" | "tls";
type SmtpSteps = Record<SmtpStage, { end(outcome: StepOutcome): void }>;

/** Milliseconds from a command (the first one starting with `verb`) to the last reply line before the next command. */
function commandMs(probe: SmtpProbeResult, verbs: readonly string[]): number | undefined {
  const sent = probe.transcript.findIndex((t) => t.dir === "C" && verbs.some((v) => t.text.toUpperCase().startsWith(v)));
  if (sent < 0) return undefined;
  let replied: number | undefined;
  for (const t of probe.transcript.slice(sent + 1)) {
    if (t.dir === "C") break;
    if (t.dir === "S") replied = t.atMs;
  }
  const start = probe.transcript[sent]?.atMs;
  return replied !== undefined && start !== undefined ? Math.max(0, replied - start) : undefined;
}

/** Each stage's own duration, as the probe measured it (undefined: the stage did not complete). */
function stageDurations(probe: SmtpProbeResult): Partial<Record<SmtpStage, number>> {
  const out: Partial<Record<SmtpStage, number>> = {};
  if (probe.connectMs !== null) out.connect = probe.connectMs;
  if (probe.greetingMs !== undefined) out.banner = probe.greetingMs;
  const ehlo = commandMs(probe, ["EHLO", "HELO"]);
  if (ehlo !== undefined) out.ehlo = ehlo;
  const starttls = commandMs(probe, ["STARTTLS"]);
  if (starttls !== undefined) out.starttls = starttls;
  if (probe.tls) out.tls = probe.tls.handshakeMs;
  return out;
}

/** The conversation's steps, ended with the durations the probe measured for each stage. */
function timedSteps(steps: Record<SmtpStage, StepScope>, probe: SmtpProbeResult): SmtpSteps {
  const ms = stageDurations(probe);
  const timed = (stage: SmtpStage) => ({
    end: (outcome: StepOutcome) => {
      const own = ms[stage];
      steps[stage].end(own !== undefined && outcome.status !== "skipped" ? { ...outcome, elapsedMs: own } : outcome);
    },
  });
  return { connect: timed("connect"), banner: timed("banner"), ehlo: timed("ehlo"), starttls: timed("starttls"), tls: timed("tls") };
}

/**
 * Ends the five conversation steps from one probe result. `required`: a missing TLS is an error,
 * not a warning. `chain`: the presented chain, parsed once for every step that reads it.
 */
function endSmtpSteps(steps: SmtpSteps, probe: SmtpProbeResult, chain: ParsedChain | null, port: number, required: boolean): void {
  const error = probe.error;
  const kind = error?.kind;
  const failed = (findingKind: SmtpErrorKind | undefined, details: Detail[] = []): StepOutcome => ({
    status: findingKind !== undefined && UNTESTED_ERRORS.has(findingKind) ? "warning" : "error",
    summary: message("smtp.failed", { ...smtpProblemParams(error?.problem) }),
    details,
    findings: [smtpFinding(findingKind, probe, port)],
  });

  if (!probe.connected) {
    steps.connect.end(failed(kind !== undefined && CONNECT_ERRORS.has(kind) ? kind : "connect-refused"));
    for (const s of [steps.banner, steps.ehlo, steps.starttls, steps.tls]) s.end(notReached("no-connection"));
    return;
  }
  steps.connect.end({ status: "success", summary: message("smtp.connected", { ip: probe.target.ip, port, ms: probe.connectMs ?? 0 }) });

  if (probe.banner === null || probe.banner.code !== 220 || BANNER_ERRORS.has(kind as SmtpErrorKind)) {
    steps.banner.end(failed(kind ?? "no-banner", probe.banner ? formatReply(probe.banner) : []));
    for (const s of [steps.ehlo, steps.starttls, steps.tls]) s.end(notReached("no-greeting"));
    return;
  }
  // A greeting held back on purpose (tarpitting) is information about the server, not a fault.
  const tarpit = probe.greetingMs !== undefined && probe.greetingMs >= TARPIT_NOTE_MS ? [finding("SMTP_GREETING_DELAY", { ip: probe.target.ip, ms: probe.greetingMs })] : [];
  steps.banner.end({ status: "success", summary: message("smtp.greeted", { banner: probe.banner.lines[0] ?? "" }), details: formatReply(probe.banner), findings: tarpit });

  if (probe.ehlo === null) {
    steps.ehlo.end(failed(kind));
    for (const s of [steps.starttls, steps.tls]) s.end(notReached("ehlo-rejected"));
    return;
  }
  const ehloDetails = [`C: EHLO ${HELO_NAME}`, ...formatReply(probe.ehlo.reply)];
  steps.ehlo.end(
    probe.ehlo.usedHelo
      ? { status: "warning", summary: message("smtp.heloOnly"), details: ehloDetails, findings: [finding("SMTP_HELO_ONLY", { ip: probe.target.ip })] }
      : { status: "success", summary: message("smtp.ehlo", { count: probe.ehlo.extensions.length }), details: ehloDetails },
  );

  const ip = probe.target.ip;
  if (!probe.starttls.offered) {
    steps.starttls.end(
      required
        ? { status: "error", summary: message("smtp.starttlsRequired"), findings: [smtpFinding("starttls-not-offered", probe, port)] }
        : { status: "warning", summary: message("smtp.starttlsMissing"), findings: [finding("SMTP_STARTTLS_OPPORTUNISTIC_MISSING", { ip })] },
    );
    steps.tls.end(notReached("starttls-not-offered"));
    return;
  }
  const starttlsReply = probe.starttls.reply ? ["C: STARTTLS", ...formatReply(probe.starttls.reply)] : [];
  if (!probe.starttls.accepted) {
    steps.starttls.end(failed(kind === "throttled" ? kind : "starttls-refused", starttlsReply));
    steps.tls.end(notReached("starttls-refused"));
    return;
  }
  steps.starttls.end({ status: "success", summary: message("smtp.starttlsAccepted"), details: starttlsReply });

  if (probe.tls === null || chain === null) {
    steps.tls.end(failed(kind ?? "tls-handshake-failed"));
    return;
  }
  const chainLines = chain.certs.map((c, i) => (c ? message("smtp.chainCert", { index: i, cert: describeCert(c), sha256: c.sha256, spki: c.spkiSha256 }) : `[${i}] —`));
  const tlsFailed = error !== null && error.kind !== "starttls-not-offered";
  steps.tls.end({
    status: tlsFailed ? "error" : "success",
    summary: message("smtp.tls", { version: probe.tls.version, cipher: probe.tls.cipher.standardName ?? probe.tls.cipher.name, count: probe.tls.chainDer.length, ...smtpProblemParams(error?.problem) }),
    details: [message("smtp.sni", { sni: probe.tls.sni }), message("smtp.handshake", { ms: probe.tls.handshakeMs }), message("smtp.chainAsSent"), ...chainLines],
    findings: tlsFailed ? [smtpFinding(kind, probe, port)] : [],
  });
}

const DANE_STATUS: Record<DaneAssessment["tier"], StepOutcome["status"]> = { pass: "success", warn: "warning", fail: "error", info: "info" };

/** The DANE step from its assessment. */
export function presentDane(assessed: DaneAssessment, tlsa: TlsaFacts, match: DaneMatchResult | null): StepOutcome {
  const details: Detail[] = match ? match.perRecord.flatMap((r) => [`${r.record}: ${r.usable ? (r.matches ? "✓" : "✗") : "—"}`, r.note]) : [];
  const usage = match?.matched?.usage === 2 ? "DANE-TA" : "DANE-EE";
  const record = match?.matched ? formatTlsa(match.matched.record) : "";
  const summary = message(`dane.${assessed.reason}`, {
    tlsa: tlsa.status,
    because: tlsa.unusedBecause ?? (tlsa.status === "absent" ? "absent" : "lookup-insecure"),
    usage,
    record: record.length > 40 ? `${record.slice(0, 40)}…` : record,
    usable: flag(tlsa.usable > 0),
    why: assessed.untested ?? "none",
  });
  return { status: DANE_STATUS[assessed.tier], summary, details, findings: assessed.findings };
}

/** Probes one address and judges it; `withCertificateStep` adds the Inbound test's certificate step. */
export async function checkAddress(
  ports: CheckPorts,
  parent: StepScope,
  host: HostFacts,
  address: HostAddress,
  tlsaPromise: Promise<TlsaFacts>,
  withCertificateStep: boolean,
): Promise<AddressCheck> {
  const step = parent.begin(address.ip, message("address.title", { family: address.family, ip: address.ip, host: host.host }));
  const steps: Record<SmtpStage, StepScope> = {
    connect: step.begin("connect", message("smtp.connect.title", { ip: address.ip, port: ports.smtpPort })),
    banner: step.begin("banner", message("smtp.banner.title")),
    ehlo: step.begin("ehlo", message("smtp.ehlo.title")),
    starttls: step.begin("starttls", message("smtp.starttls.title")),
    tls: step.begin("tls", message("smtp.tls.title", { host: host.host })),
  };
  const certificateStep = withCertificateStep ? step.begin("certificate", message("certificate.title")) : null;
  const daneStep = step.begin("dane", message("dane.title"));

  const probe = await ports.probe({
    ip: address.ip,
    port: ports.smtpPort,
    mxHost: host.host,
    heloName: HELO_NAME,
    allowPrivate: ports.allowPrivate,
    signal: step.signal,
  });
  const tlsa = await tlsaPromise;
  const chain = probe.tls ? parseChain(probe.tls.chainDer) : null;
  endSmtpSteps(timedSteps(steps, probe), probe, chain, ports.smtpPort, tlsRequired(host, tlsa));
  const certificate = chain ? analyzeCertificate({ chain, hostName: host.host, now: ports.now(), ...(ports.roots ? { roots: ports.roots } : {}) }) : null;
  if (certificateStep) certificateStep.end(certificateOutcome(certificate));

  const match = tlsa.status === "secure" && chain !== null ? matchDane({ records: tlsa.records, chain, names: host.names, now: ports.now() }) : null;
  const assessed = assessDane(host, tlsa, probe, match);
  daneStep.end(presentDane(assessed, tlsa, match));

  const verdict = step.childVerdict();
  step.end({
    status: verdict.status,
    findings: verdict.findings,
    summary: probe.connected
      ? message("address.summary", { ip: address.ip, tls: probe.tls ? probe.tls.version : "", dane: assessed.dane })
      : message("address.unreachable", { ip: address.ip, ...smtpProblemParams(probe.error?.problem) }),
    details: [message("smtp.transcript"), ...transcriptLines(probe)],
  });

  return { result: addressResult(address, probe, certificate, match, assessed.dane), probe, dane: match, certificate, exchange: exchangeAddress(address, probe, match, assessed.dane) };
}

function certificateLines(d: CertificateDetails): Detail[] {
  return [
    `[${d.index}] ${d.subject}`,
    message("certificate.issuer", { issuer: d.issuer }),
    message("certificate.names", { names: d.sans.join(", ") }),
    message("certificate.validity", { notBefore: d.notBefore, notAfter: d.notAfter, days: d.daysLeft }),
    message("certificate.key", { keyType: d.keyType, keySize: d.keySize ?? 0, curve: d.curve ?? "", ...d.signature }),
    `    SHA-256: ${d.sha256Fingerprint}`,
    `    SPKI SHA-256: ${d.spkiSha256}`,
  ];
}

/** The Inbound test's certificate step: WebPKI trust, name, dates, key and order, like the Analyzer shows them. */
function certificateOutcome(analysis: CertificateAnalysis | null): StepOutcome {
  if (analysis === null) return notReached("no-tls");
  const findings = analysis.problems.map(asFinding);
  if (!analysis.readable) return { status: "error", summary: message("certificate.unreadable"), findings };
  const status = worstStatus(findings.map((f) => severityOf(f.code)).map((s) => (s === "error" ? "error" : s === "warning" ? "warning" : "info")), "success");
  const summary = message("certificate.summary", {
    subject: analysis.subject,
    trusted: flag(analysis.webpkiTrusted),
    path: analysis.trustPath.join(" <- "),
    nameMatches: flag(analysis.nameMatches),
    validity: analysis.expired ? "expired" : analysis.notYetValid ? "not-yet-valid" : "valid",
    days: analysis.daysLeft,
  });
  return { status, summary, details: [...analysis.chain.flatMap(certificateLines), message("certificate.order", { ok: flag(analysis.chainOrderOk) })], findings };
}
