// Exchange Online inbound DANE readiness (issue 12): the DANE test's mail flow (chain of trust, MX,
// every host's addresses, TLSA, STARTTLS and matching) and its MTA-STS/TLS-RPT steps, then one step
// that reads where the domain stands on Microsoft's migration to inbound SMTP DANE with DNSSEC. The
// judgement is lib/exchange's (pure); this file gathers its facts from the steps already run and
// presents the result.
import { RRType } from "../dns/types";
import { exchangeReadiness, isLegacyMx, isNewMxShape, mxToken, type MxOutcome, type MxRecord, type ReadinessInput, type StsFacts } from "../exchange";
import { mxMatches } from "../policies/mta-sts";
import { txtText } from "../policies/txt";
import type { ExchangeReadinessBlock, MxTtlSource } from "../report/exchange-readiness-block";
import { severityOf, type Finding } from "../report/findings";
import { message } from "../report/i18n/message";
import type { MtaStsBlock } from "../report/policy-blocks";
import type { Detail, Verdict } from "../report/schema";
import type { ParsedDomain } from "./input";
import { displayDomain } from "./input";
import { runMailFlow, type MailFlow } from "./mailflow";
import { collectPolicies, presentPolicies } from "./policies";
import type { CheckPorts, Lookup } from "./ports";
import { absoluteName } from "./present";
import type { StepOutcome, StepRecorder, TestBody } from "./runner";

function mxOutcome(flow: MailFlow): MxOutcome {
  if (flow.mx.dnssec === "bogus") return "bogus";
  switch (flow.mx.kind) {
    case "records":
      return "records";
    case "implicit":
    case "null-mx":
      return "no-mx";
    case "nxdomain":
      return "nxdomain";
    case "failed":
      return "failed";
  }
}

/**
 * The MX TTL the advice and the waits go by: the TTL the zone sets. A caching resolver hands out
 * what is left of it (a record fetched 10 minutes ago with TTL 3600 comes back with 3000), so
 * for a signed RRset the RRSIG's Original TTL (RFC 4034 §3.1.4) is the one to read; an unsigned
 * answer has only its own TTL, the smallest of the records'. Which one it is goes with it.
 */
export function mxTtlOf(lookup: Pick<Lookup, "answer" | "signedTtl">): { ttl: number; source: MxTtlSource } | null {
  const ttls = lookup.answer.flatMap((rr) => (rr.data.kind === "MX" ? [rr.ttl] : []));
  if (ttls.length === 0) return null;
  return lookup.signedTtl !== undefined ? { ttl: lookup.signedTtl, source: "rrsig" } : { ttl: Math.min(...ttls), source: "answer" };
}

function mxRecords(flow: MailFlow): MxRecord[] {
  if (flow.mx.kind !== "records") return [];
  return flow.mx.hosts.map((h) => {
    const check = flow.hosts.find((c) => c.facts.host === h.host);
    const tlsa = check ? { name: check.facts.tlsa.name, status: check.facts.tlsa.status, records: check.facts.tlsa.records.length, dane: check.addresses.map((a) => a.result.dane) } : null;
    return { host: h.host, preference: h.preference, addressDnssec: check?.facts.addressDnssec ?? "indeterminate", tlsa };
  });
}

function stsFacts(block: MtaStsBlock): StsFacts {
  return { record: block.record !== "absent", policy: block.policy === "valid", mode: block.mode, patterns: block.mx ?? [], maxAge: block.maxAge };
}

function apexTexts(lookup: Lookup): string[] {
  return lookup.answer.flatMap((rr) => (rr.data.kind === "TXT" ? [txtText(rr.data.strings)] : []));
}

const RANK: Record<string, number> = { info: 0, warning: 1, error: 2 };

function worstSeverity(findings: readonly Finding[]): "info" | "warning" | "error" | null {
  let worst: "info" | "warning" | "error" | null = null;
  for (const f of findings) {
    const s = severityOf(f.code);
    if (worst === null || RANK[s]! > RANK[worst]!) worst = s;
  }
  return worst;
}

function details(block: ExchangeReadinessBlock, domain: string, records: readonly MxRecord[]): Detail[] {
  const lines: Detail[] = [message("exchangeReadiness.stage", { stage: block.stage })];
  lines.push(block.codes.length > 0 ? message("exchangeReadiness.codes", { codes: block.codes.join(", ") }) : message("exchangeReadiness.noCodes"));
  const token = mxToken(domain);
  if (token !== null) lines.push(message("exchangeReadiness.token", { token }));
  if (block.expectedMx !== null) lines.push(message("exchangeReadiness.expected", { host: block.expectedMx }));
  for (const r of records) {
    lines.push(message("exchangeReadiness.mx", { preference: r.preference, host: r.host, kind: isLegacyMx(r.host) ? "legacy" : isNewMxShape(r.host) ? "new" : "other" }));
  }
  if (block.mxTtl !== null) lines.push(message("exchangeReadiness.ttl", { ttl: block.mxTtl, source: block.mxTtlSource ?? "answer" }));
  if (block.cmdlet) lines.push(message("exchangeReadiness.cmdlet", { cmdlet: block.cmdlet, domain }));
  if (block.waitSeconds !== null && block.waitSeconds !== undefined) lines.push(message("exchangeReadiness.wait", { seconds: block.waitSeconds }));
  return lines;
}

const VERDICT_RANK: Record<Verdict, number> = { pass: 0, warning: 1, fail: 2 };

export async function exchangeTest(ports: CheckPorts, rec: StepRecorder, target: ParsedDomain, expectedMx: string | null): Promise<TestBody> {
  const shown = displayDomain(target);
  // Started with the run: the policy and apex lookups need nothing the MX hosts tell.
  const policies = collectPolicies(ports, target.domain, rec.signal);
  const apex = ports.lookup(absoluteName(target.domain), RRType.TXT, rec.signal);
  // Never left rejected and unobserved when the mail flow stops the run first.
  policies.catch(() => undefined);
  apex.catch(() => undefined);
  const flow = await runMailFlow(ports, rec, target.domain, shown);
  const blocks = presentPolicies(ports, rec, await policies, flow.hosts, shown, false);

  const step = rec.top("exchange-readiness", message("exchangeReadiness.title", { domain: shown }));
  const records = mxRecords(flow);
  const ttl = mxTtlOf(flow.mx.lookup);
  const input: ReadinessInput = {
    domain: target.domain,
    expectedMx,
    mxOutcome: mxOutcome(flow),
    mx: records,
    mxTtl: ttl?.ttl ?? null,
    ...(ttl ? { mxTtlSource: ttl.source } : {}),
    sts: stsFacts(blocks.mtaSts),
    apexTexts: apexTexts(await apex),
    mxMatches,
  };
  const readiness = exchangeReadiness(input);
  const { block, findings } = readiness;
  const worst = worstSeverity(findings);
  const status: StepOutcome["status"] = worst === "error" ? "error" : worst === "warning" ? "warning" : block.stage === "dane-enabled" || block.stage === "new-mx-only" ? "success" : "info";
  step.end({ status, summary: message("exchangeReadiness.summary", { stage: block.stage, nextStep: block.nextStep }), details: details(block, target.domain, records), findings });

  // The readiness verdict, never better than the mail flow's: a DANE failure on the way is a failure here too.
  const own: Verdict = worst === "error" ? "fail" : worst === "warning" ? "warning" : "pass";
  const flowVerdict = flow.body.verdict ?? "pass";
  const verdict = VERDICT_RANK[own] >= VERDICT_RANK[flowVerdict] ? own : flowVerdict;
  return { ...flow.body, ...blocks, exchangeReadiness: block, verdict };
}
