// The policy steps of the DANE and Inbound tests (issue 11): MTA-STS (RFC 8461) and TLS-RPT
// (RFC 8460) for the domain, and, in the DANE test, each MX host's rollover readiness (RFC 7671
// §8.1). The lookups and the policy fetch start with the run; the steps end after the MX hosts,
// whose names and certificates MTA-STS judges. The decisions are lib/policies'; this file collects
// their inputs and presents their results.
import { RRType } from "../dns/types";
import { matchDane, type DaneMatchResult, type RecordVerdict } from "../dane/match";
import { formatTlsa, tlsaUsability, TlsaUsage, type TlsaRecord } from "../dane/tlsa";
import { assessMtaSts, policyUrl, readStsRecord, shouldFetchPolicy, STS_RECORD_PREFIX, policyHost, type MtaStsAssessment, type PolicyFetch, type StsMxFacts } from "../policies/mta-sts";
import { assessRollover, type Rollover } from "../policies/rollover";
import { assessTlsRpt, TLSRPT_RECORD_PREFIX, type TlsRptAssessment } from "../policies/tls-rpt";
import { txtText, type TxtAnswer } from "../policies/txt";
import { message } from "../report/i18n/message";
import type { MtaStsBlock, TlsRptBlock } from "../report/policy-blocks";
import type { Detail } from "../report/schema";
import type { HostCheck } from "./mailflow";
import type { CheckPorts, Lookup } from "./ports";
import { absoluteName } from "./present";
import type { StepOutcome, StepRecorder } from "./runner";

const MAX_STEP_FINDINGS = 50;

/** What the policy steps need from DNS and HTTPS, started before the MX hosts are known. */
export interface PolicyFacts {
  domain: string;
  sts: TxtAnswer;
  rpt: TxtAnswer;
  fetch: PolicyFetch | null;
}

/** A TXT lookup as the policy assessments read it. */
export function txtAnswer(lookup: Lookup): TxtAnswer {
  const texts = lookup.answer.flatMap((rr) => (rr.data.kind === "TXT" ? [txtText(rr.data.strings)] : []));
  const failed = lookup.unanswered || lookup.status === "bogus" || lookup.status === "indeterminate";
  const outcome = failed ? "failed" : lookup.rcode === 3 ? "nxdomain" : texts.length === 0 ? "nodata" : "answer";
  return { name: lookup.name, outcome, status: lookup.status, texts };
}

async function policyAddresses(ports: CheckPorts, domain: string, signal: AbortSignal): Promise<string[]> {
  const name = absoluteName(policyHost(domain));
  const [a, aaaa] = await Promise.all([ports.lookup(name, RRType.A, signal), ports.lookup(name, RRType.AAAA, signal)]);
  // A bogus address is one an attacker may have chosen: a sender must not connect to it.
  return [a, aaaa].flatMap((l) => (l.status === "bogus" ? [] : l.answer.flatMap((rr) => (rr.data.kind === "A" || rr.data.kind === "AAAA" ? [rr.data.address] : []))));
}

export async function collectPolicies(ports: CheckPorts, domain: string, signal: AbortSignal): Promise<PolicyFacts> {
  const bare = domain.replace(/\.$/, "");
  const [stsLookup, rptLookup] = await Promise.all([
    ports.lookup(absoluteName(`${STS_RECORD_PREFIX}.${bare}`), RRType.TXT, signal),
    ports.lookup(absoluteName(`${TLSRPT_RECORD_PREFIX}.${bare}`), RRType.TXT, signal),
  ]);
  const sts = txtAnswer(stsLookup);
  let fetch: PolicyFetch | null = null;
  if (ports.fetchPolicy && shouldFetchPolicy(readStsRecord(sts, bare))) {
    fetch = await ports.fetchPolicy(bare, await policyAddresses(ports, bare, signal), signal);
  }
  return { domain: bare, sts, rpt: txtAnswer(rptLookup), fetch };
}

/**
 * Per MX host: valid for MTA-STS (§4.2) when every address that spoke TLS presents a WebPKI-valid
 * certificate for the MX name: the address check's own certificate analysis, not a second one.
 */
function mxFacts(hosts: readonly HostCheck[]): StsMxFacts[] {
  return hosts.map(({ facts, addresses }) => {
    const judged = addresses.flatMap(({ certificate: cert }) => (cert ? [cert.readable && cert.webpkiTrusted && cert.nameMatches && !cert.expired && !cert.notYetValid] : []));
    return { host: facts.host, certificateValid: judged.length === 0 ? null : judged.every(Boolean) };
  });
}

function stsStatus(a: MtaStsAssessment, fails: boolean): StepOutcome["status"] {
  if (a.verdict === "fail") return fails ? "error" : "warning";
  if (a.verdict === "warning") return "warning";
  return a.delivery === "enforced" ? "success" : "info";
}

export interface PolicyBlocks {
  mtaSts: MtaStsBlock;
  tlsRpt: TlsRptBlock;
}

/**
 * Ends the MTA-STS and TLS-RPT steps. `mtaStsFails`: the Inbound test, where a broken MTA-STS
 * deployment fails the test; in the DANE test it is shown beside RFC 7672's verdict, as a warning.
 */
export function presentPolicies(ports: CheckPorts, rec: StepRecorder, facts: PolicyFacts, hosts: readonly HostCheck[], shown: string, mtaStsFails: boolean): PolicyBlocks {
  const stsStep = rec.top("mta-sts", message("mtaSts.title", { domain: shown }));
  const rptStep = rec.top("tls-rpt", message("tlsRpt.title", { domain: shown }));
  const record = readStsRecord(facts.sts, facts.domain);
  const mx = mxFacts(hosts);
  const sts = assessMtaSts({ domain: facts.domain, record, fetch: facts.fetch, mx });
  const details: Detail[] = facts.sts.texts.length > 0 ? facts.sts.texts.map((text) => message("mtaSts.record", { name: facts.sts.name, text })) : [message("mtaSts.noRecord", { name: facts.sts.name })];
  details.push(message("detail.dnssec", { status: facts.sts.status }));
  if (facts.fetch) {
    details.push(message("mtaSts.policyUrl", { url: facts.fetch.ok ? facts.fetch.url : facts.fetch.url || policyUrl(facts.domain) }));
    for (const line of sts.body ?? []) details.push(message("mtaSts.policyLine", { line }));
  }
  if (sts.mxCovered) {
    for (const m of mx) {
      details.push(message("mtaSts.mx", { host: m.host, covered: sts.mxCovered[m.host] ? "yes" : "no", certificate: m.certificateValid === null ? "unknown" : m.certificateValid ? "valid" : "invalid" }));
    }
  }
  stsStep.end({ status: stsStatus(sts, mtaStsFails), summary: message("mtaSts.summary", { delivery: sts.delivery, record: sts.record }), details, findings: sts.findings.slice(0, MAX_STEP_FINDINGS) });

  const rpt = assessTlsRpt(facts.rpt, facts.domain);
  rptStep.end({
    status: rpt.verdict === "pass" ? (rpt.record === "valid" ? "success" : "info") : "warning",
    summary: message("tlsRpt.summary", { record: rpt.record, rua: rpt.rua.join(", ") }),
    details: [...facts.rpt.texts.map((text) => message("tlsRpt.record", { name: facts.rpt.name, text })), message("detail.dnssec", { status: facts.rpt.status })],
    findings: rpt.findings.slice(0, MAX_STEP_FINDINGS),
  });
  return { mtaSts: mtaStsBlock(sts), tlsRpt: tlsRptBlock(rpt) };
}

function mtaStsBlock(a: MtaStsAssessment): MtaStsBlock {
  return { record: a.record, id: a.id, policy: a.policy, mode: a.mode, mx: a.mx, maxAge: a.maxAge, mxCovered: a.mxCovered, delivery: a.delivery, verdict: a.verdict };
}

function tlsRptBlock(a: TlsRptAssessment): TlsRptBlock {
  return { record: a.record, rua: a.rua, verdict: a.verdict };
}

/**
 * At which depth `record` alone matches the chain (null: not today). The address check matched
 * all the host's records against this chain already (`whole`, its perRecord in record order), and
 * that mostly answers it: a DANE-EE record matches at depth 0 exactly when its own verdict says it
 * matches, the record that authenticated the server matches at the depth it did, and a DANE-TA
 * record that found no anchor matches nothing. Only a DANE-TA record that found an anchor but did
 * not win is matched again, alone.
 */
function depthAlone(record: TlsaRecord, verdict: RecordVerdict | undefined, whole: DaneMatchResult | null, alone: () => DaneMatchResult): number | null {
  if (whole !== null && verdict !== undefined) {
    if (whole.matched?.record === record) return whole.matched.depth;
    if (record.usage === TlsaUsage.DANE_EE || !verdict.matches) return verdict.matches ? 0 : null;
  }
  return alone().matched?.depth ?? null;
}

/** One host's readiness: its usable records against the chain its first TLS address presented. */
function hostRollover(ports: CheckPorts, check: HostCheck) {
  const { facts } = check;
  const first = check.addresses.find((a) => a.probe.tls !== null);
  const presented = first?.probe.tls;
  if (facts.tlsa.status !== "secure" || facts.tlsa.usable === 0 || !first || !presented) return assessRollover(facts.host, []);
  const now = ports.now();
  const { records: all } = facts.tlsa;
  // The address check's match of these very records against this chain, when it made one.
  const whole = first.dane !== null && first.dane.perRecord.length === all.length ? first.dane : null;
  const records = all.map((record, i) => {
    const usable = tlsaUsability(record).usable;
    const matchedDepth = usable ? depthAlone(record, whole?.perRecord[i], whole, () => matchDane({ records: [record], chainDer: presented.chainDer, names: facts.names, now })) : null;
    return { text: formatTlsa(record), usage: record.usage, usable, matchedDepth };
  });
  return assessRollover(facts.host, records);
}

/** The DANE test's rollover step; returns each host's readiness, in host order. */
export function presentRollover(ports: CheckPorts, rec: StepRecorder, hosts: readonly HostCheck[]): Rollover[] {
  const step = rec.top("rollover", message("rollover.title"));
  const assessed = hosts.map((h) => ({ host: h.facts.host, ...hostRollover(ports, h) }));
  const applicable = assessed.filter((a) => a.rollover !== "not-applicable");
  const ready = applicable.filter((a) => a.rollover === "ready").length;
  const findings = assessed.flatMap((a) => a.findings).slice(0, MAX_STEP_FINDINGS);
  step.end({
    status: applicable.length === 0 ? "skipped" : ready === applicable.length && findings.every((f) => f.code !== "DANE_ROLLOVER_SINGLE") ? "success" : "info",
    summary: message("rollover.summary", { ready, count: applicable.length }),
    details: assessed.map((a) => message("rollover.host", { host: a.host, rollover: a.rollover })),
    findings,
  });
  return assessed.map((a) => a.rollover);
}
