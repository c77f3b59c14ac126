// Small shared wording for steps: how a lookup's DNSSEC status reads, and the "worst" status of a
// group of steps (a host step is as bad as its worst address).
import { rrTypeName } from "../dns/rrtypes";
import type { DnssecStatus, Step, StepStatus } from "../report/schema";
import { STATUS_RANK } from "../report/verdict";
import type { Lookup } from "./ports";


export function worstStatus(statuses: readonly StepStatus[], fallback: Exclude<StepStatus, "running"> = "success"): Exclude<StepStatus, "running"> {
  let worst: Exclude<StepStatus, "running"> = fallback;
  for (const status of statuses) {
    const s = status === "running" ? "error" : status;
    if (STATUS_RANK[s] > STATUS_RANK[worst]) worst = s;
  }
  return worst;
}

export function stepTreeStatuses(steps: readonly Step[]): StepStatus[] {
  return steps.flatMap((s) => [s.status, ...stepTreeStatuses(s.children)]);
}

const statusWords: Record<DnssecStatus, string> = {
  secure: "Secure (the answer is signed and the chain of trust to the trust anchor validates)",
  insecure: "Insecure (the answer lies under an unsigned delegation, proven by DNSSEC)",
  bogus: "Bogus (the answer claims DNSSEC protection but fails validation)",
  indeterminate: "Indeterminate (no usable answer was received)",
};

/** The "Additional details" of a lookup: its status, why, the records, the denial proof. */
export function lookupDetails(lookup: Lookup): string[] {
  const lines = [`Query: ${lookup.name} ${rrTypeName(lookup.type)}`, `DNSSEC: ${statusWords[lookup.status]}`];
  if (lookup.reason) lines.push(`Reason: ${lookup.reason.text}${lookup.reason.ede !== null ? ` (EDE ${lookup.reason.ede})` : ""}`);
  if (lookup.failure) lines.push(`Lookup failed: ${lookup.failure}`);
  if (lookup.cnameChain.length > 1) lines.push(`Alias chain: ${lookup.cnameChain.join(" -> ")}`);
  lines.push(...lookup.records);
  if (lookup.denial.length > 0) lines.push("Proof of non-existence:", ...lookup.denial);
  return lines;
}

/** Lower-case, no trailing dot: how names appear in the result document. */
export function plainName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith(".") && lower !== "." ? lower.slice(0, -1) : lower;
}

export function absoluteName(name: string): string {
  return name.endsWith(".") ? name : `${name}.`;
}

export const worseDnssec = (a: DnssecStatus, b: DnssecStatus): DnssecStatus => {
  const order: DnssecStatus[] = ["secure", "insecure", "indeterminate", "bogus"];
  return order.indexOf(b) > order.indexOf(a) ? b : a;
};
