// What the MX answer means (RFC 7672 §2.1, RFC 7505, RFC 5321 §5.1): a pure assessment, the
// validated MX lookup in, the decision (which hosts, how the lookup ended) and its findings out.
// present-discovery.ts turns it into the step.
import { Rcode } from "../dns/types";
import { finding, type Finding } from "../report/findings";
import type { DnssecStatus } from "../report/schema";
import type { Lookup } from "./ports";
import { plainName } from "./present";

export type MxKind = "records" | "implicit" | "null-mx" | "nxdomain" | "failed";

export interface MxAssessment {
  kind: MxKind;
  dnssec: DnssecStatus;
  lookup: Lookup;
  /** MX hosts by preference (ties keep the order received); the domain itself when implicit. */
  hosts: { host: string; preference: number }[];
  /** Distinct MX hosts named, before the MAX_MX_HOSTS bound. */
  total: number;
  /** Why the lookup ended this way, the lookup's own reason after the MX finding. */
  findings: Finding[];
}

/** MX hosts tested per domain. */
export const MAX_MX_HOSTS = 10;

/**
 * The MX hosts a sender tries, in order: by preference, ties in the order received, a host listed
 * twice once at its best preference (RFC 5321 §5.1). Bounded: a hostile zone could list hundreds,
 * and only the MAX_MX_HOSTS most preferred are tested. `total` counts the distinct hosts.
 */
export function mxHostsToTest(records: readonly { host: string; preference: number }[]): { hosts: { host: string; preference: number }[]; total: number } {
  const seen = new Set<string>();
  // Linear in the records: an unvalidated answer may carry thousands (hostile-record-flood).
  const sorted = records
    .map((r, order) => ({ host: plainName(r.host), preference: r.preference, order }))
    .sort((a, b) => a.preference - b.preference || a.order - b.order)
    .filter((h) => {
      if (seen.has(h.host)) return false;
      seen.add(h.host);
      return true;
    })
    .map(({ host, preference }) => ({ host, preference }));
  return { hosts: sorted.slice(0, MAX_MX_HOSTS), total: sorted.length };
}

/** The lookup's own reason (a validator finding), when it has one. */
export function reasonOf(lookup: Lookup): Finding[] {
  return lookup.reason ? [lookup.reason] : [];
}

export function assessMx(domain: string, lookup: Lookup): MxAssessment {
  const mxRecords = lookup.answer.flatMap((rr) => (rr.data.kind === "MX" ? [{ host: rr.data.exchange, preference: rr.data.preference }] : []));
  const base = { dnssec: lookup.status, lookup, hosts: [], total: 0 };
  if (lookup.unanswered || lookup.status === "indeterminate" || lookup.rcode === Rcode.SERVFAIL) {
    return { ...base, kind: "failed", dnssec: "indeterminate", findings: [finding("MX_LOOKUP_FAILED", { domain }), ...reasonOf(lookup)] };
  }
  if (lookup.status === "bogus") {
    return { ...base, kind: mxRecords.length > 0 ? "records" : "failed", findings: [finding("MX_BOGUS", { domain }), ...reasonOf(lookup)] };
  }
  if (lookup.rcode === Rcode.NXDOMAIN) return { ...base, kind: "nxdomain", findings: [finding("DOMAIN_NXDOMAIN", { domain })] };
  const insecure = lookup.status === "insecure" ? [finding("MX_INSECURE", { domain })] : [];
  if (mxRecords.some((r) => r.host === "." || r.host === "")) return { ...base, kind: "null-mx", findings: [finding("MX_NULL", { domain })] };
  if (mxRecords.length === 0) {
    return { ...base, kind: "implicit", hosts: [{ host: plainName(domain), preference: 0 }], total: 1, findings: [finding("MX_IMPLICIT", { domain }), ...insecure] };
  }
  const { hosts, total } = mxHostsToTest(mxRecords);
  return { ...base, kind: "records", hosts, total, findings: insecure };
}
