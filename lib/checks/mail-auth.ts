// The Inbound test's SPF, DMARC and DKIM steps (issue 11): the facts mail-auth-collect.ts found,
// judged by lib/policies (spf.ts, dmarc.ts, dkim.ts) and presented as steps with message keys.
//
// How they weigh on the Inbound verdict (README "Verdicts"; assess-inbound.ts inboundVerdict's
// advisories): these records protect mail the domain sends, not mail it receives, so none of them
// fails the test; a block whose verdict is warning or fail makes a passing test a warning, and its
// step a warning. An absent SPF or DMARC record is information only (many receiving-only domains
// publish neither). The DANE test does not show them: its verdict stays RFC 7672's.
import { assessDkim, type DkimAssessment } from "../policies/dkim";
import { assessDmarc, type DmarcAssessment } from "../policies/dmarc";
import { assessSpf, SPF_LOOKUP_LIMIT, SPF_VOID_LIMIT, spfNetwork, spfRecords, type SpfAssessment, type SpfNode } from "../policies/spf";
import { message } from "../report/i18n/message";
import type { DkimBlock, DmarcBlock, SpfBlock } from "../report/mail-auth-blocks";
import type { Detail } from "../report/schema";
import type { MailAuthFacts } from "./mail-auth-collect";
import type { StepOutcome, StepRecorder } from "./runner";

const MAX_STEP_FINDINGS = 50;
const MAX_DETAIL_LINES = 200;

export interface MailAuthBlocks {
  spf: SpfBlock;
  dmarc: DmarcBlock;
  dkim?: DkimBlock;
}

function stepStatus(verdict: SpfBlock["verdict"], shown: boolean): StepOutcome["status"] {
  if (verdict !== "pass") return "warning";
  return shown ? "success" : "info";
}

/** The walk as indented lines: each record, then each lookup term and what it found. */
function spfLines(node: SpfNode, depth: number, out: Detail[]): void {
  const indent = "  ".repeat(depth);
  const records = spfRecords(node.answer.texts);
  if (records.length === 0) out.push(message("spf.noRecord", { indent, name: node.domain }));
  for (const text of records) out.push(message("spf.record", { indent, name: node.domain, text }));
  for (const q of node.queries) {
    if (out.length >= MAX_DETAIL_LINES) return;
    out.push(message("spf.lookup", { indent: `${indent}  `, term: q.term, target: q.target ?? "", outcome: q.loop ? "loop" : q.outcome }));
    // What an a or mx term authorises: each host and its networks (the term's prefix lengths applied).
    for (const h of q.hosts ?? []) {
      if (q.mechanism === "a" && h.outcome !== "answer") continue;
      out.push(message("spf.host", { indent: `${indent}    `, host: h.name, outcome: h.outcome, networks: h.addresses.map((a) => spfNetwork(a, q.cidr4, q.cidr6)).join(", ") }));
    }
    if (q.child) spfLines(q.child, depth + 2, out);
  }
}

const block = <T extends { findings: unknown }>(a: T): Omit<T, "findings"> => {
  const { findings: _findings, ...rest } = a;
  return rest;
};

function presentSpf(rec: StepRecorder, facts: MailAuthFacts, shown: string): SpfAssessment {
  const step = rec.top("spf", message("spf.title", { domain: shown }));
  const spf = assessSpf(facts.spf);
  const details: Detail[] = [];
  spfLines(facts.spf, 0, details);
  details.push(message("detail.dnssec", { status: facts.spf.answer.status }));
  step.end({
    status: stepStatus(spf.verdict, spf.record !== "absent"),
    summary: message("spf.summary", { record: spf.record, lookups: spf.lookups, limit: SPF_LOOKUP_LIMIT, voidLookups: spf.voidLookups, voidLimit: SPF_VOID_LIMIT, all: spf.all ?? "none" }),
    details,
    findings: spf.findings.slice(0, MAX_STEP_FINDINGS),
  });
  return spf;
}

function presentDmarc(rec: StepRecorder, facts: MailAuthFacts, shown: string): DmarcAssessment {
  const step = rec.top("dmarc", message("dmarc.title", { domain: shown }));
  const dmarc = assessDmarc({ domain: facts.domain, ...facts.dmarc });
  const details: Detail[] = [];
  for (const answer of [facts.dmarc.own, facts.dmarc.org]) {
    if (!answer) continue;
    if (answer.texts.length === 0) details.push(message("dmarc.noRecord", { name: answer.name }));
    for (const text of answer.texts) details.push(message("dmarc.record", { name: answer.name, text }));
    details.push(message("detail.dnssec", { status: answer.status }));
  }
  for (const d of dmarc.reportDestinations ?? []) {
    details.push(message("dmarc.destination", { tag: d.tag, uri: d.uri, name: d.name, outcome: d.authorized === null ? "failed" : d.authorized ? "authorized" : "unauthorized" }));
  }
  step.end({
    status: stepStatus(dmarc.verdict, dmarc.record !== "absent"),
    summary: message("dmarc.summary", { record: dmarc.record, policy: dmarc.policy ?? "none", inherited: dmarc.inherited ? "yes" : "no", recordDomain: dmarc.recordDomain ?? "" }),
    details,
    findings: dmarc.findings.slice(0, MAX_STEP_FINDINGS),
  });
  return dmarc;
}

function presentDkim(rec: StepRecorder, facts: NonNullable<MailAuthFacts["dkim"]>): DkimAssessment {
  const step = rec.top("dkim", message("dkim.title", { selector: facts.selector, name: facts.answer.name.replace(/\.$/, "") }));
  const dkim = assessDkim(facts.selector, facts.answer);
  step.end({
    status: stepStatus(dkim.verdict, true),
    summary: message("dkim.summary", { record: dkim.record, keyType: dkim.keyType ?? "", bits: dkim.keyBits ?? 0 }),
    details: [
      ...facts.answer.texts.flatMap((text, i) => {
        const key = dkim.keys?.[i];
        const record = message("dkim.record", { name: facts.answer.name.replace(/\.$/, ""), text });
        // Several records: what each one is, since a verifier may use any (RFC 6376 §3.6.2.2).
        return key ? [record, message("dkim.key", { index: i + 1, record: key.record, keyType: key.keyType ?? "", bits: key.keyBits ?? 0, verdict: key.verdict })] : [record];
      }),
      message("detail.dnssec", { status: facts.answer.status }),
    ],
    findings: dkim.findings.slice(0, MAX_STEP_FINDINGS),
  });
  return dkim;
}

/** Ends the SPF, DMARC and (when asked) DKIM steps; returns the result document's blocks. */
export function presentMailAuth(rec: StepRecorder, facts: MailAuthFacts, shown: string): MailAuthBlocks {
  const spf = presentSpf(rec, facts, shown);
  const dmarc = presentDmarc(rec, facts, shown);
  const dkim = facts.dkim ? presentDkim(rec, facts.dkim) : null;
  return { spf: block(spf), dmarc: block(dmarc), ...(dkim ? { dkim: block(dkim) } : {}) };
}
