// The validator's result in the shape the checks read: status, reason, records in presentation
// form, the denial proof and the chain of trust as lines per zone.
import { formatRecord } from "../dns/rdata";
import { DnssecCode } from "../report/findings/dnssec";
import { algorithmName } from "../dnssec/algorithms";
import type { SignatureEvidence, ValidationResult, Validator, ZoneEvidence } from "../dnssec/validator";
import type { Lookup, ZoneReport } from "./ports";

/** A signature's class (RFC 4035 §5.3 / RFC 6840 §5.11): only one that breaks the chain is a failure. */
function signatureVerdict(sig: SignatureEvidence): string {
  const ignored = sig.breaksChain ? "" : " (ignored: another signature validates the records)";
  switch (sig.class) {
    case "chain":
      return "valid";
    case "off-chain":
      return "valid, by a key no DS designates (not on the chain of trust; normal)";
    case "invalid":
      return `INVALID: ${sig.problem ?? "does not verify"}${ignored}`;
    case "unchecked":
      return `not checked: ${sig.problem ?? "unsupported"}${ignored}`;
  }
}

function zoneLines(zone: ZoneEvidence): string[] {
  const lines: string[] = [];
  for (const ds of zone.ds) lines.push(`DS: ${ds}`);
  for (const key of zone.dnskeys) lines.push(`DNSKEY: key tag ${key.keyTag}, ${algorithmName(key.algorithm)} (${key.algorithm}), flags ${key.flags}, ${key.role}`);
  for (const sig of zone.signatures) {
    const verdict = signatureVerdict(sig);
    lines.push(`RRSIG over ${sig.covers}: key tag ${sig.keyTag}, algorithm ${sig.algorithm}, ${sig.inception} to ${sig.expiration} — ${verdict}`);
  }
  if (zone.note) lines.push(zone.note);
  return lines;
}

export function zoneReports(chain: readonly ZoneEvidence[]): ZoneReport[] {
  return chain.map((zone) => ({
    zone: zone.zone,
    status: zone.status,
    lines: zoneLines(zone),
    invalidSignatures: zone.signatures.filter((s) => s.breaksChain).length,
    signatureFindings: [...new Set(zone.signatures.flatMap((s) => (s.finding ? [s.finding.code] : [])))],
  }));
}

export function lookupFromValidation(name: string, type: number, result: ValidationResult): Lookup {
  const networkFailure = result.reason?.code === DnssecCode.NETWORK_FAILURE;
  const denial = result.denial
    ? [`${result.denial.kind === "nxdomain" ? "NXDOMAIN (the name does not exist)" : "NODATA (the name exists, the type does not)"} proven by ${result.denial.proof.toUpperCase()}${result.denial.optOut ? " with opt-out" : ""}.`]
    : [];
  return {
    name,
    type,
    status: result.status,
    reason: result.reason ? { code: result.reason.code, ede: result.reason.ede, text: result.reason.text } : null,
    rcode: result.rcode,
    answer: result.answer,
    cnameChain: result.cnameChain.length > 0 ? result.cnameChain : [name],
    records: result.answer.map((rr) => formatRecord(rr)),
    denial,
    zones: zoneReports(result.chain),
    warnings: result.warnings.map((w) => w.text),
    warningCodes: result.warnings.map((w) => w.code),
    failure: networkFailure ? (result.reason?.text ?? "no resolver answered") : null,
  };
}

/** A lookup through the validator; a thrown error (a bug, not the network) still becomes a value. */
export async function validatedLookup(validator: Validator, name: string, type: number): Promise<Lookup> {
  try {
    return lookupFromValidation(name, type, await validator.validate(name, type));
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return {
      name,
      type,
      status: "indeterminate",
      reason: { code: "INTERNAL", ede: null, text },
      rcode: -1,
      answer: [],
      cnameChain: [name],
      records: [],
      denial: [],
      zones: [],
      warnings: [],
      warningCodes: [],
      failure: text,
    };
  }
}
