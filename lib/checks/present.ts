// Small shared presentation for steps: a lookup's "Additional details" as message keys and raw
// records, and the name forms the result document uses.
import { rrTypeName } from "../dns/rrtypes";
import { flag, message, type Message } from "../report/i18n/message";
import type { Detail } from "../report/schema";
import type { Lookup } from "./ports";

/** The "Additional details" of a lookup: the question, its DNSSEC status, the records, the denial proof. */
export function lookupDetails(lookup: Lookup): Detail[] {
  const lines: Detail[] = [message("detail.query", { name: lookup.name, type: rrTypeName(lookup.type) }), message("detail.dnssec", { status: lookup.status })];
  if (lookup.unanswered) lines.push(message("detail.unanswered"));
  if (lookup.cnameChain.length > 1) lines.push(message("detail.aliasChain", { chain: lookup.cnameChain.join(" -> ") }));
  lines.push(...lookup.records);
  if (lookup.denial) lines.push(message("detail.denial", { kind: lookup.denial.kind, proof: lookup.denial.proof.toUpperCase(), optOut: flag(lookup.denial.optOut) }));
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

/**
 * The run's failure when no resolver answered: run.noResolver over the lookup's
 * DNSSEC_NETWORK_FAILURE params, so {problem} is worded as that finding words it (render.ts).
 */
export function noResolverFailure(lookup: Lookup): Message {
  return message("run.noResolver", { name: lookup.name, type: rrTypeName(lookup.type), ...lookup.reason?.params });
}
