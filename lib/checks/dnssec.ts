// DNSSEC Validation of one name and type: the answer with its status and reason, the denial proof
// when the data does not exist, and the chain of trust zone by zone.
import { rrTypeName, tryRrTypeCode } from "../dns/rrtypes";
import { RRType } from "../dns/types";
import { findingDefinition } from "../report/findings";
import type { DnssecStatus, ExchangeOutcome, Verdict } from "../report/schema";
import { endChainStep } from "./chain";
import type { ParsedDomain } from "./input";
import type { CheckPorts, Lookup } from "./ports";
import { MAX_MX_HOSTS } from "./discovery";
import { absoluteName, lookupDetails, plainName, worseDnssec, worstStatus } from "./present";
import { RunAbort, type StepOutcome, type StepRecorder, type TestBody } from "./runner";

function answerOutcome(lookup: Lookup, shown: string): StepOutcome {
  const details = lookupDetails(lookup);
  const reason = lookup.reason ? ` ${lookup.reason.text}` : "";
  // Only catalogue codes travel in steps: the UI renders why/fix from them.
  const findings = [...new Set([...(lookup.reason ? [lookup.reason.code] : []), ...lookup.warningCodes])].filter((code) => findingDefinition(code) !== undefined);
  const what = lookup.answer.length > 0 ? `${lookup.answer.length} record(s)` : lookup.denial.length > 0 ? "a proof of non-existence" : "an empty answer";
  switch (lookup.status) {
    case "secure":
      return { status: lookup.warnings.length > 0 ? "warning" : "success", summary: `Secure: ${what} for ${shown}, validated from the trust anchor.${lookup.warnings.length > 0 ? ` ${lookup.warnings.join(" ")}` : ""}`, details, findings };
    case "insecure":
      return { status: "warning", summary: `Insecure: ${what} for ${shown}, from an unsigned zone.${reason}`, details, findings };
    case "bogus":
      return { status: "error", summary: `Bogus: the answer for ${shown} fails validation.${reason}`, details, findings };
    case "indeterminate":
      return { status: "error", summary: `Indeterminate: no usable answer for ${shown}.${reason}`, details, findings };
  }
}

function verdictOf(lookup: Lookup): Verdict {
  if (lookup.status === "secure") return lookup.warnings.length > 0 ? "warning" : "pass";
  return lookup.status === "insecure" ? "warning" : "fail";
}

/** Only the DNSSEC part of the forecast is known here; the DANE test gives the full one. */
function exchangeForDnssec(lookup: Lookup): ExchangeOutcome {
  if (lookup.status === "bogus") return { outcome: "defer", code: "4.7.324", reason: "The data fails DNSSEC validation (dnssec-invalid)." };
  if (lookup.status === "indeterminate") return { outcome: "defer", code: "4.4.312", reason: "The lookup failed (DNS query failed)." };
  return { outcome: "deliver", code: null, reason: "DNSSEC does not stop delivery; run the DANE test for the full forecast." };
}

/** For an MX question, the address records of each MX host, so their chains of trust show too. */
async function validateMxHosts(ports: CheckPorts, rec: StepRecorder, lookup: Lookup): Promise<Lookup[]> {
  if (lookup.type !== RRType.MX || lookup.status === "bogus") return [];
  const hosts = [...new Set(lookup.answer.flatMap((rr) => (rr.data.kind === "MX" && rr.data.exchange !== "." && rr.data.exchange !== "" ? [plainName(rr.data.exchange)] : [])))].slice(0, MAX_MX_HOSTS);
  if (hosts.length === 0) return [];
  const parent = rec.top("hosts", "Attempting to validate the address records of each MX host.");
  const perHost = await Promise.all(
    hosts.map(async (host) => {
      const step = parent.begin(host, `Attempting to validate the A and AAAA records of '${host}'.`);
      const lookups = await Promise.all([ports.lookup(absoluteName(host), RRType.A, rec.signal), ports.lookup(absoluteName(host), RRType.AAAA, rec.signal)]);
      const status = lookups.map((l) => l.status).reduce(worseDnssec, "secure" as DnssecStatus);
      // Judged by the lookup that set the status, so its reason (and both lookups' warnings and records) are shown.
      const worst = lookups.find((l) => l.status === status) ?? lookups[0]!;
      const merged: Lookup = { ...worst, answer: lookups.flatMap((l) => l.answer), warnings: [...new Set(lookups.flatMap((l) => l.warnings))], warningCodes: lookups.flatMap((l) => l.warningCodes) };
      const outcome = answerOutcome(merged, `${host} A/AAAA`);
      step.end({ ...outcome, details: lookups.flatMap((l) => [...lookupDetails(l), ""]) });
      return lookups;
    }),
  );
  parent.end({ status: worstStatus(parent.childStatuses()), summary: `${hosts.length} MX host(s) checked.` });
  return perHost.flat();
}

export async function dnssecTest(ports: CheckPorts, rec: StepRecorder, target: ParsedDomain, typeName: string): Promise<TestBody> {
  const type = tryRrTypeCode(typeName);
  if (type === null) throw new RunAbort(`Unknown record type '${typeName}'. Use a mnemonic such as MX, A, AAAA, TLSA, DS, DNSKEY.`, "input");
  const shown = `${target.domain === "." ? "." : target.domain} ${rrTypeName(type)}`;
  const answerStep = rec.top("answer", `Attempting to validate ${shown} with DNSSEC.`);
  const chainStep = rec.top("dnssec", `Checking the chain of trust for '${target.domain}' zone by zone.`);
  const lookup = await ports.lookup(absoluteName(target.domain), type, rec.signal);
  if (lookup.failure !== null) {
    const root = await ports.lookup(".", RRType.NS, rec.signal);
    if (root.failure !== null) throw new RunAbort(`No resolver answered: ${lookup.failure}`, "resolver");
  }
  answerStep.end(answerOutcome(lookup, shown));
  const hostLookups = await validateMxHosts(ports, rec, lookup);
  endChainStep(chainStep, [lookup, ...hostLookups]);
  // The verdict is the name asked about; an MX host in an unsigned zone lowers it to a warning.
  const hostsInsecure = hostLookups.some((l) => l.status !== "secure");
  const verdict = verdictOf(lookup) === "pass" && hostsInsecure ? "warning" : verdictOf(lookup);
  return { domain: target.domain, dnssec: lookup.status, exchangeOnline: exchangeForDnssec(lookup), mx: [], verdict };
}
