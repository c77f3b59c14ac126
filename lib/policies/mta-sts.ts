// MTA-STS (RFC 8461) as a sender reads it: the `_mta-sts.<domain>` TXT record (§3.1), the policy
// file (§3.2), the MX hosts against its patterns (§4.1) and certificates (§4.2), and what a
// compliant sender then does with mail to the domain (§5). Pure: TXT texts, the fetched body and
// per-MX facts in; decisions and findings out. The HTTPS fetch is lib/https/mta-sts-fetch.ts.
import { policyFinding, policyFindings, type PolicyFinding } from "../report/findings/policies";
import { smtpProblemParams, type SmtpProblemLike, type SmtpProblemParams } from "../report/findings/smtp";
import { visibleText } from "../report/text";
import { isExtensionName, isHostName, readTaggedRecord, recordsTagged, type TxtAnswer } from "./txt";

export const MAX_AGE_LIMIT = 31_557_600;
export const STS_RECORD_PREFIX = "_mta-sts";

export type RecordState = "valid" | "invalid" | "multiple" | "absent";
export type StsMode = "enforce" | "testing" | "none";
export type Delivery = "enforced" | "report-only" | "refused" | "no-policy" | "none";
export type BlockVerdict = "pass" | "warning" | "fail";

export interface StsRecordReading {
  record: RecordState;
  id: string | null;
  findings: PolicyFinding[];
}

const ID = /^[A-Za-z0-9]{1,32}$/;

/** The `_mta-sts` TXT answer (RFC 8461 §3.1): exactly one record starting `v=STSv1`, with an id. */
export function readStsRecord(answer: TxtAnswer, domain: string): StsRecordReading {
  if (answer.outcome === "failed") {
    return { record: "invalid", id: null, findings: [policyFinding("POLICY_TXT_LOOKUP_FAILED", { name: answer.name, status: answer.status })] };
  }
  const records = recordsTagged(answer.texts, "v=STSv1");
  if (records.length === 0) return { record: "absent", id: null, findings: [policyFinding("MTASTS_RECORD_ABSENT", { domain })] };
  if (records.length > 1) return { record: "multiple", id: null, findings: [policyFinding("MTASTS_RECORD_MULTIPLE", { name: answer.name, count: records.length })] };
  const record = records[0]!;
  const syntax = (problem: string): StsRecordReading => ({
    record: "invalid",
    id: null,
    findings: [policyFinding("MTASTS_RECORD_SYNTAX", { name: answer.name, record, problem })],
  });
  const read = readTaggedRecord(record, "v=STSv1", ["id"]);
  if (!read.ok) return syntax(read.problem);
  const id = read.fields.get("id") ?? null;
  if (id !== null && !ID.test(id)) {
    return { record: "invalid", id: null, findings: [policyFinding("MTASTS_RECORD_ID_INVALID", { name: answer.name, id: id.slice(0, 100) })] };
  }
  if (id === null) return syntax("id-missing");
  return { record: "valid", id, findings: [] };
}

export interface StsPolicy {
  mode: StsMode;
  maxAge: number;
  mx: string[];
}

export interface StsPolicyReading {
  /** null when the body is not a usable policy (a sender treats the domain as having none). */
  policy: StsPolicy | null;
  findings: PolicyFinding[];
}

const MAX_SYNTAX_FINDINGS = 10;

/** A pattern of the `mx` field (§3.2, §4.1): a host name, or `*.` and a host name. */
export function isMxPattern(pattern: string): boolean {
  const host = pattern.startsWith("*.") ? pattern.slice(2) : pattern;
  return isHostName(host) && host.includes(".");
}

/** Does an MX host match a pattern? A leading `*.` stands for exactly one label (§4.1). */
export function mxMatches(pattern: string, mxHost: string): boolean {
  const host = mxHost.replace(/\.$/, "").toLowerCase();
  const p = pattern.replace(/\.$/, "").toLowerCase();
  if (!p.startsWith("*.")) return host === p;
  const suffix = p.slice(1); // ".example.com"
  if (!host.endsWith(suffix)) return false;
  const label = host.slice(0, host.length - suffix.length);
  return label.length > 0 && !label.includes(".");
}

/** The policy body (§3.2): `key: value` lines, LF or CRLF; version, mode, max_age and (unless mode none) mx. */
export function readStsPolicy(body: string): StsPolicyReading {
  const findings: PolicyFinding[] = [];
  const seen = new Map<string, string>();
  const mx: string[] = [];
  let syntaxErrors = 0;
  const syntax = (line: number, text: string, problem: string) => {
    syntaxErrors++;
    if (syntaxErrors <= MAX_SYNTAX_FINDINGS) findings.push(policyFinding("MTASTS_POLICY_SYNTAX", { line, text: visibleText(text.slice(0, 200)), problem }));
  };
  const lines = body.split("\n");
  lines.forEach((raw, index) => {
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (/^[ \t]*$/.test(text)) return;
    const line = index + 1;
    const colon = text.indexOf(":");
    if (colon <= 0) return syntax(line, text, "not-key-value");
    const key = text.slice(0, colon);
    const value = text.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, "");
    if (!isExtensionName(key)) return syntax(line, text, "bad-key");
    if (key === "mx") {
      if (!isMxPattern(value)) {
        findings.push(policyFinding("MTASTS_POLICY_MX_PATTERN", { pattern: visibleText(value.slice(0, 300)) }));
        return;
      }
      mx.push(value);
      return;
    }
    if (key !== "version" && key !== "mode" && key !== "max_age") return; // extensions: ignored (§3.2)
    if (seen.has(key)) {
      findings.push(policyFinding("MTASTS_POLICY_FIELD_REPEATED", { field: key }));
      return; // the first one counts
    }
    seen.set(key, value);
  });
  const version = seen.get("version");
  const mode = seen.get("mode");
  const maxAgeText = seen.get("max_age");
  let usable = syntaxErrors === 0;
  if (version === undefined) {
    findings.push(policyFinding("MTASTS_POLICY_FIELD_MISSING", { field: "version" }));
    usable = false;
  } else if (version !== "STSv1") {
    syntax(lineOf(lines, "version"), `version: ${version}`, "bad-version");
    usable = false;
  }
  if (mode === undefined) {
    findings.push(policyFinding("MTASTS_POLICY_FIELD_MISSING", { field: "mode" }));
    usable = false;
  } else if (mode !== "enforce" && mode !== "testing" && mode !== "none") {
    syntax(lineOf(lines, "mode"), `mode: ${mode}`, "bad-mode");
    usable = false;
  }
  let maxAge = 0;
  if (maxAgeText === undefined) {
    findings.push(policyFinding("MTASTS_POLICY_FIELD_MISSING", { field: "max_age" }));
    usable = false;
  } else if (!/^[0-9]{1,10}$/.test(maxAgeText)) {
    syntax(lineOf(lines, "max_age"), `max_age: ${maxAgeText}`, "bad-max-age");
    usable = false;
  } else {
    maxAge = Number(maxAgeText);
    if (maxAge > MAX_AGE_LIMIT) findings.push(policyFinding("MTASTS_POLICY_MAX_AGE_RANGE", { maxAge, limit: MAX_AGE_LIMIT }));
  }
  if (mode !== "none" && mx.length === 0 && mode !== undefined) {
    findings.push(policyFinding("MTASTS_POLICY_FIELD_MISSING", { field: "mx" }));
    usable = false;
  }
  if (!usable) return { policy: null, findings };
  return { policy: { mode: mode as StsMode, maxAge: Math.min(maxAge, MAX_AGE_LIMIT), mx }, findings };
}

const MAX_SHOWN_LINES = 50;

/** The body as a person may read it: at most 50 lines, each through the sanitiser. */
function visibleLines(body: string): string[] {
  const lines = body.split("\n").map((l) => visibleText(l.replace(/\r$/, "")));
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.length > MAX_SHOWN_LINES ? [...lines.slice(0, MAX_SHOWN_LINES), "…"] : lines;
}

function lineOf(lines: readonly string[], key: string): number {
  const index = lines.findIndex((l) => l.startsWith(`${key}:`));
  return index + 1;
}

/**
 * Why no answer came from the policy host, as data (lib/report/i18n words it: mtaSts.fetchProblem):
 * `ip` the address tried, `ms` a bound, `code` an errno, `tls` the handshake's problem.
 */
export interface FetchProblem {
  reason: "no-address" | "guard" | "timeout" | "stopped" | "socket" | "tls" | "closed";
  ip?: string | undefined;
  /** With "guard": the range the address is in. */
  range?: string | undefined;
  ms?: number | undefined;
  code?: string | undefined;
  tls?: SmtpProblemLike | undefined;
}

/** Why the policy could not be had (lib/https/mta-sts-fetch.ts), as data. */
export type PolicyFetchFailure =
  | { kind: "network"; problem: FetchProblem }
  | { kind: "certificate"; ip: string; reason: string }
  | { kind: "status"; status: number }
  | { kind: "redirect"; status: number; location: string }
  | { kind: "content-type"; contentType: string }
  | { kind: "too-large"; limit: number };

export type PolicyFetch = { ok: true; url: string; ip: string; body: string } | { ok: false; url: string; failure: PolicyFetchFailure };

/** The flat params of a fetch problem (lib/report/findings/policies.ts); render.ts words them as {problem}. */
interface FetchProblemParams extends Partial<SmtpProblemParams> {
  fetchProblem: string;
  fetchIp?: string;
  fetchRange?: string;
  fetchMs?: number;
  fetchCode?: string;
}

function fetchProblemParams(problem: FetchProblem): FetchProblemParams {
  const out: FetchProblemParams = { fetchProblem: problem.reason };
  if (problem.ip !== undefined) out.fetchIp = problem.ip;
  if (problem.range !== undefined) out.fetchRange = problem.range;
  if (problem.ms !== undefined) out.fetchMs = problem.ms;
  if (problem.code !== undefined) out.fetchCode = problem.code;
  return problem.tls ? { ...out, ...smtpProblemParams(problem.tls) } : out;
}

export function fetchFailureFinding(fetch: Extract<PolicyFetch, { ok: false }>, host: string): PolicyFinding {
  const { url, failure } = fetch;
  switch (failure.kind) {
    case "network":
      return policyFinding("MTASTS_POLICY_FETCH_FAILED", { url, ...fetchProblemParams(failure.problem) });
    case "certificate":
      return policyFinding("MTASTS_POLICY_CERTIFICATE", { host, ip: failure.ip, reason: failure.reason });
    case "status":
      return policyFinding("MTASTS_POLICY_HTTP_STATUS", { url, status: failure.status });
    case "redirect":
      return policyFinding("MTASTS_POLICY_REDIRECT", { url, status: failure.status, location: failure.location });
    case "content-type":
      return policyFinding("MTASTS_POLICY_CONTENT_TYPE", { url, contentType: failure.contentType });
    case "too-large":
      return policyFinding("MTASTS_POLICY_TOO_LARGE", { url, limit: failure.limit });
  }
}

/** The policy host and URL for a domain (§3.3). */
export function policyHost(domain: string): string {
  return `mta-sts.${domain.replace(/\.$/, "")}`;
}
export function policyUrl(domain: string): string {
  return `https://${policyHost(domain)}/.well-known/mta-sts.txt`;
}

export interface StsMxFacts {
  host: string;
  /** The MX certificate is WebPKI-valid for the MX name (§4.2); null when unknown (not reached). */
  certificateValid: boolean | null;
}

export interface MtaStsInput {
  domain: string;
  record: StsRecordReading;
  /** null when the policy was not fetched (no record). */
  fetch: PolicyFetch | null;
  mx: readonly StsMxFacts[];
}

/** The result document's `mtaSts` block, plus the findings behind it. */
export interface MtaStsAssessment {
  record: RecordState;
  id: string | null;
  policy: "valid" | "invalid" | "fetch-failed" | "not-fetched";
  mode: StsMode | null;
  mx: string[] | null;
  maxAge: number | null;
  mxCovered: Record<string, boolean> | null;
  delivery: Delivery;
  verdict: BlockVerdict;
  /** The policy body as fetched, one visible-text line each (lib/report/text.ts), for the step's details; null when none. */
  body: string[] | null;
  findings: PolicyFinding[];
}

/** Does a record need its policy fetched? Only when there is one record to go with it. */
export function shouldFetchPolicy(record: StsRecordReading): boolean {
  return record.record !== "absent";
}

export function assessMtaSts(input: MtaStsInput): MtaStsAssessment {
  const { domain, record } = input;
  const findings: PolicyFinding[] = [...record.findings];
  const base = { record: record.record, id: record.id, mode: null, mx: null, maxAge: null, mxCovered: null, body: null } as const;
  if (record.record === "absent") return { ...base, policy: "not-fetched", delivery: "none", verdict: "pass", findings };
  const fetch = input.fetch;
  if (fetch === null) {
    findings.push(policyFinding("MTASTS_NO_POLICY", { domain }));
    return { ...base, policy: "not-fetched", delivery: "no-policy", verdict: "fail", findings };
  }
  if (!fetch.ok) {
    findings.push(fetchFailureFinding(fetch, policyHost(domain)), policyFinding("MTASTS_NO_POLICY", { domain }));
    return { ...base, policy: "fetch-failed", delivery: "no-policy", verdict: "fail", findings };
  }
  const reading = readStsPolicy(fetch.body);
  findings.push(...reading.findings);
  const policy = reading.policy;
  if (policy === null) {
    findings.push(policyFinding("MTASTS_NO_POLICY", { domain }));
    return { ...base, body: visibleLines(fetch.body), policy: "invalid", delivery: "no-policy", verdict: "fail", findings };
  }
  const covered: Record<string, boolean> = {};
  for (const { host } of input.mx) covered[host] = policy.mx.some((p) => mxMatches(p, host));
  const shown = { ...base, body: visibleLines(fetch.body), policy: "valid" as const, mode: policy.mode, mx: policy.mx, maxAge: policy.maxAge, mxCovered: covered };
  // Without a valid TXT record a sender does not use the policy, however good it is (§3.1).
  if (record.record !== "valid") {
    findings.push(policyFinding("MTASTS_NO_POLICY", { domain }));
    return { ...shown, delivery: "no-policy", verdict: "fail", findings };
  }
  if (policy.mode === "none") {
    findings.push(policyFinding("MTASTS_MODE_NONE", { domain }));
    return { ...shown, delivery: "none", verdict: worst("pass", findings), findings };
  }
  const patterns = policy.mx.join(", ");
  const testing = policy.mode === "testing";
  let passing = 0;
  for (const { host, certificateValid } of input.mx) {
    if (!covered[host]) {
      findings.push(testing ? policyFinding("MTASTS_TESTING_MX_NOT_COVERED", { host, patterns }) : policyFinding("MTASTS_MX_NOT_COVERED", { host, patterns }));
      continue;
    }
    if (certificateValid === false) {
      findings.push(testing ? policyFinding("MTASTS_TESTING_MX_CERTIFICATE", { host }) : policyFinding("MTASTS_MX_CERTIFICATE", { host }));
      continue;
    }
    passing++;
  }
  if (testing) {
    findings.push(policyFinding("MTASTS_MODE_TESTING", { domain }));
    return { ...shown, delivery: "report-only", verdict: worst("pass", findings), findings };
  }
  if (passing === 0) {
    findings.push(policyFinding("MTASTS_REFUSED", { domain }));
    return { ...shown, delivery: "refused", verdict: "fail", findings };
  }
  return { ...shown, delivery: "enforced", verdict: worst("pass", findings), findings };
}

/** The block's verdict from its findings' severities (an error fails the block). */
export function worst(start: BlockVerdict, findings: readonly PolicyFinding[], severityOf: (code: string) => string = policySeverity): BlockVerdict {
  let verdict = start;
  for (const f of findings) {
    const severity = severityOf(f.code);
    if (severity === "error") return "fail";
    if (severity === "warning") verdict = "warning";
  }
  return verdict;
}

function policySeverity(code: string): string {
  return (policyFindings as Record<string, { severity: string }>)[code]?.severity ?? "error";
}
