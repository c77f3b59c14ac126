// DNSSEC Validation of one name and type: the answer with its status and reason, the denial proof
// when the data does not exist, and the chain of trust zone by zone.
import { rrTypeName, tryRrTypeCode } from "../dns/rrtypes";
import { RRType } from "../dns/types";
import { uniqueFindings } from "../report/findings";
import { message } from "../report/i18n/message";
import { dnssecOnlyForecast } from "../report/exchange";
import type { Verdict } from "../report/schema";
import { worstDnssec } from "../report/status";
import { endChainStep } from "./chain";
import { trustChainOf } from "./trust-chain";
import type { ParsedDomain } from "./input";
import type { CheckPorts, Lookup } from "./ports";
import { MAX_MX_HOSTS } from "./discovery";
import { absoluteName, lookupDetails, plainName, unansweredProblem } from "./present";
import { RunAbort, type StepOutcome, type StepRecorder, type TestBody } from "./runner";

function answerOutcome(lookup: Lookup, shown: string): StepOutcome {
  const details = lookupDetails(lookup);
  const findings = uniqueFindings([...(lookup.reason ? [lookup.reason] : []), ...lookup.warnings]);
  const what = lookup.answer.length > 0 ? "records" : lookup.denial ? "denial" : "empty";
  const params = { shown, what, count: lookup.answer.length };
  switch (lookup.status) {
    case "secure":
      return { status: lookup.warnings.length > 0 ? "warning" : "success", summary: message("answer.secure", params), details, findings };
    case "insecure":
      return { status: "warning", summary: message("answer.insecure", params), details, findings };
    case "bogus":
      return { status: "error", summary: message("answer.bogus", params), details, findings };
    case "indeterminate":
      return { status: "error", summary: message("answer.indeterminate", params), details, findings };
  }
}

function verdictOf(lookup: Lookup): Verdict {
  if (lookup.status === "secure") return lookup.warnings.length > 0 ? "warning" : "pass";
  return lookup.status === "insecure" ? "warning" : "fail";
}

/** For an MX question, the address records of each MX host, so their chains of trust show too. */
async function validateMxHosts(ports: CheckPorts, rec: StepRecorder, lookup: Lookup): Promise<Lookup[]> {
  if (lookup.type !== RRType.MX || lookup.status === "bogus") return [];
  const hosts = [...new Set(lookup.answer.flatMap((rr) => (rr.data.kind === "MX" && rr.data.exchange !== "." && rr.data.exchange !== "" ? [plainName(rr.data.exchange)] : [])))].slice(0, MAX_MX_HOSTS);
  if (hosts.length === 0) return [];
  const parent = rec.top("hosts", message("dnssecHosts.title"));
  const perHost = await Promise.all(
    hosts.map(async (host) => {
      const step = parent.begin(host, message("dnssecHost.title", { host }));
      const lookups = await Promise.all([ports.lookup(absoluteName(host), RRType.A, rec.signal), ports.lookup(absoluteName(host), RRType.AAAA, rec.signal)]);
      const status = worstDnssec(lookups.map((l) => l.status));
      // Judged by the lookup that set the status, so its reason (and both lookups' warnings and records) are shown.
      const worst = lookups.find((l) => l.status === status) ?? lookups[0]!;
      const merged: Lookup = { ...worst, answer: lookups.flatMap((l) => l.answer), warnings: uniqueFindings(lookups.flatMap((l) => l.warnings)) };
      const outcome = answerOutcome(merged, `${host} A/AAAA`);
      step.end({ ...outcome, details: lookups.flatMap((l) => [...lookupDetails(l), ""]) });
      return lookups;
    }),
  );
  parent.end({ ...parent.childVerdict(), summary: message("dnssecHosts.summary", { count: hosts.length }) });
  return perHost.flat();
}

export async function dnssecTest(ports: CheckPorts, rec: StepRecorder, target: ParsedDomain, typeName: string): Promise<TestBody> {
  const type = tryRrTypeCode(typeName);
  if (type === null) throw new RunAbort(`Unknown record type '${typeName}'. Use a mnemonic such as MX, A, AAAA, TLSA, DS, DNSKEY.`, "input");
  const shown = `${target.domain === "." ? "." : target.domain} ${rrTypeName(type)}`;
  const answerStep = rec.top("answer", message("answer.title", { shown }));
  const chainStep = rec.top("dnssec", message("chain.nameTitle", { name: target.domain }));
  const lookup = await ports.lookup(absoluteName(target.domain), type, rec.signal);
  if (lookup.unanswered) {
    const root = await ports.lookup(".", RRType.NS, rec.signal);
    if (root.unanswered) throw new RunAbort(`No resolver answered: ${unansweredProblem(lookup)}`, "resolver");
  }
  answerStep.end(answerOutcome(lookup, shown));
  const hostLookups = await validateMxHosts(ports, rec, lookup);
  endChainStep(chainStep, [lookup, ...hostLookups]);
  // The verdict is the name asked about; an MX host in an unsigned zone lowers it to a warning.
  const hostsInsecure = hostLookups.some((l) => l.status !== "secure");
  const verdict = verdictOf(lookup) === "pass" && hostsInsecure ? "warning" : verdictOf(lookup);
  return { domain: target.domain, dnssec: lookup.status, exchangeOnline: dnssecOnlyForecast(lookup.status), mx: [], verdict, rrType: rrTypeName(type), trustChain: trustChainOf([lookup, ...hostLookups]) };
}
