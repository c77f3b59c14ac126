// DNSSEC Validation of one name and type: the answer with its status and reason, the denial proof
// when the data does not exist, and the chain of trust zone by zone. What the lookups mean is
// assess-dnssec.ts's (and assess-chain.ts's); this file asks the questions and writes the steps.
import { rrTypeName, tryRrTypeCode } from "../dns/rrtypes";
import { RRType } from "../dns/types";
import { message } from "../report/i18n/message";
import { dnssecOnlyForecast } from "../report/exchange";
import { assessAnswer, dnssecVerdict, mergeHostLookups, mxHostsOf } from "./assess-dnssec";
import { endChainStep } from "./chain";
import { trustChainOf } from "./trust-chain";
import type { ParsedDomain } from "./input";
import type { CheckPorts, Lookup } from "./ports";
import { absoluteName, lookupDetails, noResolverFailure } from "./present";
import { RunAbort, type StepOutcome, type StepRecorder, type TestBody } from "./runner";

const ANSWER_STATUS = { secure: "success", insecure: "warning", bogus: "error", indeterminate: "error" } as const;

function presentAnswer(lookup: Lookup, shown: string): StepOutcome {
  const answer = assessAnswer(lookup);
  const status = answer.dnssec === "secure" && answer.remarks ? "warning" : ANSWER_STATUS[answer.dnssec];
  const summary = message(`answer.${answer.dnssec}`, { shown, what: answer.what, count: answer.count });
  return { status, summary, details: lookupDetails(lookup), findings: answer.findings };
}

/** For an MX question, the address records of each MX host, so their chains of trust show too. */
async function validateMxHosts(ports: CheckPorts, rec: StepRecorder, lookup: Lookup): Promise<Lookup[]> {
  const hosts = mxHostsOf(lookup);
  if (hosts.length === 0) return [];
  const parent = rec.top("hosts", message("dnssecHosts.title"));
  const perHost = await Promise.all(
    hosts.map(async (host) => {
      const step = parent.begin(host, message("dnssecHost.title", { host }));
      const lookups = await Promise.all([ports.lookup(absoluteName(host), RRType.A, rec.signal), ports.lookup(absoluteName(host), RRType.AAAA, rec.signal)]);
      const outcome = presentAnswer(mergeHostLookups(lookups), `${host} A/AAAA`);
      step.end({ ...outcome, details: lookups.flatMap((l) => [...lookupDetails(l), ""]) });
      return lookups;
    }),
  );
  parent.end({ ...parent.childVerdict(), summary: message("dnssecHosts.summary", { count: hosts.length }) });
  return perHost.flat();
}

export async function dnssecTest(ports: CheckPorts, rec: StepRecorder, target: ParsedDomain, typeName: string): Promise<TestBody> {
  const type = tryRrTypeCode(typeName);
  if (type === null) throw new RunAbort(message("run.unknownType", { type: typeName }), "input");
  const shown = `${target.domain === "." ? "." : target.domain} ${rrTypeName(type)}`;
  const answerStep = rec.top("answer", message("answer.title", { shown }));
  const chainStep = rec.top("dnssec", message("chain.nameTitle", { name: target.domain }));
  const lookup = await ports.lookup(absoluteName(target.domain), type, rec.signal);
  if (lookup.unanswered) {
    const root = await ports.lookup(".", RRType.NS, rec.signal);
    if (root.unanswered) throw new RunAbort(noResolverFailure(lookup), "resolver");
  }
  answerStep.end(presentAnswer(lookup, shown));
  const hostLookups = await validateMxHosts(ports, rec, lookup);
  endChainStep(chainStep, [lookup, ...hostLookups]);
  return { domain: target.domain, dnssec: lookup.status, exchangeOnline: dnssecOnlyForecast(lookup.status), mx: [], verdict: dnssecVerdict(lookup, hostLookups), rrType: rrTypeName(type), trustChain: trustChainOf([lookup, ...hostLookups]) };
}
