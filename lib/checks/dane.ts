// DANE Validation (including DNSSEC): the chain of trust, MX and TLSA discovery, STARTTLS and
// matching per address, the RFC 7672 verdict and the Exchange Online forecast.
import type { ParsedDomain } from "./input";
import { displayDomain } from "./input";
import { runMailFlow } from "./mailflow";
import type { CheckPorts } from "./ports";
import type { StepRecorder, TestBody } from "./runner";

export async function daneTest(ports: CheckPorts, rec: StepRecorder, target: ParsedDomain): Promise<TestBody> {
  const flow = await runMailFlow(ports, rec, target.domain, displayDomain(target));
  return flow.body;
}
