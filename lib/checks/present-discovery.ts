// The steps of discovery, written from the assessments (assess-mx.ts, assess-host.ts): status,
// summary and details as message keys; the findings are the assessment's. Nothing here decides
// an RFC rule.
import { flag, message } from "../report/i18n/message";
import type { Detail } from "../report/schema";
import type { AddressAssessment, TlsaFacts } from "./assess-host";
import { MAX_ADDRESSES_PER_HOST } from "./assess-host";
import { MAX_MX_HOSTS, type MxAssessment } from "./assess-mx";
import type { Lookup } from "./ports";
import { lookupDetails } from "./present";
import type { StepOutcome } from "./runner";

export function presentMx(domain: string, mx: MxAssessment): StepOutcome {
  const details: Detail[] = lookupDetails(mx.lookup);
  const { findings } = mx;
  const secure = mx.lookup.status === "secure";
  const insecure = flag(mx.lookup.status === "insecure");
  switch (mx.kind) {
    case "failed":
      return { status: "error", summary: message("mx.failed", { domain }), details, findings };
    case "nxdomain":
      return { status: "error", summary: message("mx.nxdomain", { domain, proven: flag(secure) }), details, findings };
    case "null-mx":
      return { status: "warning", summary: message("mx.nullMx", { domain }), details, findings };
    case "implicit":
      // RFC 5321 §5.1 makes this a working configuration, so it does not lower the verdict.
      return { status: secure ? "success" : "warning", summary: message("mx.implicit", { insecure }), details, findings };
    case "records":
      if (mx.lookup.status === "bogus") return { status: "error", summary: message("mx.bogus"), details, findings };
      if (mx.total > mx.hosts.length) details.push(message("mx.truncated", { max: MAX_MX_HOSTS, total: mx.total }));
      return {
        status: secure ? "success" : "warning",
        summary: message("mx.records", { count: mx.hosts.length, secure: flag(secure), insecure, hosts: mx.hosts.map((h) => `${h.host} (${h.preference})`).join(", ") }),
        details,
        findings,
      };
  }
}

export function presentAddresses(host: string, a: Lookup, aaaa: Lookup, assessed: AddressAssessment): StepOutcome {
  const details: Detail[] = [...lookupDetails(a), "", ...lookupDetails(aaaa)];
  if (assessed.found > assessed.addresses.length) details.push(message("addresses.truncated", { max: MAX_ADDRESSES_PER_HOST, total: assessed.found }));
  const { findings, addresses, dnssec } = assessed;
  const list = addresses.map((x) => x.ip).join(", ");
  const count = addresses.length;
  if (dnssec === "bogus") return { status: "error", summary: message("addresses.bogus", { host }), details, findings };
  if (count === 0) return { status: "error", summary: message("addresses.none", { host, failed: flag(a.unanswered || aaaa.unanswered) }), details, findings };
  if (dnssec === "secure") return { status: "success", summary: message("addresses.secure", { count, list }), details, findings };
  if (findings.some((f) => f.code === "HOST_ADDRESS_INSECURE")) return { status: "warning", summary: message("addresses.insecureDaneOff", { count, list }), details, findings };
  return { status: dnssec === "insecure" ? "info" : "warning", summary: message("addresses.found", { count, list, dnssec }), details, findings };
}

export function presentTlsa(tlsa: TlsaFacts, mxSecure: boolean): StepOutcome {
  const details: Detail[] = tlsa.lookup ? lookupDetails(tlsa.lookup) : [];
  if (tlsa.unusedBecause) details.push(message("tlsa.unused", { because: tlsa.unusedBecause }));
  const findings = tlsa.findings ?? [];
  const count = tlsa.records.length;
  const name = tlsa.name;
  switch (tlsa.status) {
    case "secure":
      if (tlsa.usable === 0) return { status: "warning", summary: message("tlsa.noneUsable", { count, name }), details, findings };
      return { status: "success", summary: message("tlsa.secure", { count, name, usable: tlsa.usable }), details, findings };
    case "absent":
      return { status: "warning", summary: message("tlsa.absent", { name }), details, findings };
    case "insecure":
      return { status: mxSecure ? "warning" : "info", summary: message("tlsa.insecure", { name, because: tlsa.unusedBecause ?? "lookup-insecure" }), details, findings };
    case "bogus":
      return { status: "error", summary: message("tlsa.bogus", { name }), details, findings };
    case "servfail":
      return { status: "error", summary: message("tlsa.servfail", { name }), details, findings };
  }
}
