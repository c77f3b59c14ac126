// What the DNSSEC Validation test's lookups mean: pure assessments, validated lookups in, the
// answer's reading, the MX hosts to follow, and the test's verdict out. dnssec.ts asks the
// questions and writes the steps.
import { RRType } from "../dns/types";
import { uniqueFindings, type Finding } from "../report/findings";
import type { DnssecStatus, Verdict } from "../report/schema";
import { worstDnssec } from "../report/status";
import { MAX_MX_HOSTS, reasonOf } from "./assess-mx";
import type { Lookup } from "./ports";
import { plainName } from "./present";

export interface AnswerAssessment {
  dnssec: DnssecStatus;
  /** What came back: records, a proof that there are none, or neither. */
  what: "records" | "denial" | "empty";
  count: number;
  /** A secure answer with remarks (a deprecated algorithm, RFC 8624) is still secure, with a warning. */
  remarks: boolean;
  /** The lookup's reason, then its remarks. */
  findings: Finding[];
}

export function assessAnswer(lookup: Lookup): AnswerAssessment {
  return {
    dnssec: lookup.status,
    what: lookup.answer.length > 0 ? "records" : lookup.denial ? "denial" : "empty",
    count: lookup.answer.length,
    remarks: lookup.warnings.length > 0,
    findings: uniqueFindings([...reasonOf(lookup), ...lookup.warnings]),
  };
}

/** For an MX question that did not validate as bogus, the MX hosts named (at most MAX_MX_HOSTS), whose addresses are validated too. */
export function mxHostsOf(lookup: Lookup): string[] {
  if (lookup.type !== RRType.MX || lookup.status === "bogus") return [];
  const named = lookup.answer.flatMap((rr) => (rr.data.kind === "MX" && rr.data.exchange !== "." && rr.data.exchange !== "" ? [plainName(rr.data.exchange)] : []));
  return [...new Set(named)].slice(0, MAX_MX_HOSTS);
}

/**
 * One host's A and AAAA lookups read as one answer: judged by the lookup that set the worst
 * status (so its reason is shown), with both lookups' records and remarks.
 */
export function mergeHostLookups(lookups: readonly [Lookup, ...Lookup[]]): Lookup {
  const status = worstDnssec(lookups.map((l) => l.status));
  const worst = lookups.find((l) => l.status === status) ?? lookups[0];
  return { ...worst, answer: lookups.flatMap((l) => l.answer), warnings: uniqueFindings(lookups.flatMap((l) => l.warnings)) };
}

function answerVerdict(lookup: Lookup): Verdict {
  if (lookup.status === "secure") return lookup.warnings.length > 0 ? "warning" : "pass";
  return lookup.status === "insecure" ? "warning" : "fail";
}

/** The verdict is the name asked about; an MX host in an unsigned zone lowers a pass to a warning. */
export function dnssecVerdict(lookup: Lookup, hostLookups: readonly Lookup[]): Verdict {
  const verdict = answerVerdict(lookup);
  return verdict === "pass" && hostLookups.some((l) => l.status !== "secure") ? "warning" : verdict;
}
