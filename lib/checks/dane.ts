// DANE Validation (including DNSSEC): the chain of trust, MX and TLSA discovery, STARTTLS and
// matching per address, the RFC 7672 verdict and the Exchange Online forecast.
import type { ParsedDomain } from "./input";
import { displayDomain } from "./input";
import { runMailFlow } from "./mailflow";
import { collectPolicies, presentPolicies, presentRollover } from "./policies";
import type { CheckPorts } from "./ports";
import { startedWithRun, type StepRecorder, type TestBody } from "./runner";

export async function daneTest(ports: CheckPorts, rec: StepRecorder, target: ParsedDomain): Promise<TestBody> {
  // Started with the run: the policy lookups need nothing the MX hosts tell.
  const policies = startedWithRun(collectPolicies(ports, target.domain, rec.signal));
  const flow = await runMailFlow(ports, rec, target.domain, displayDomain(target));
  const rollover = presentRollover(ports, rec, flow.hosts);
  // MTA-STS and TLS-RPT are shown beside RFC 7672's verdict, which they do not change.
  const blocks = presentPolicies(ports, rec, await policies, flow.hosts, displayDomain(target), false);
  const mx = flow.body.mx.map((m, i) => ({ ...m, rollover: rollover[i] ?? "not-applicable" }));
  return { ...flow.body, mx, ...blocks };
}
