// DMARC (RFC 7489) as the Inbound SMTP Email test reads it: the `_dmarc.<domain>` record, or,
// when the domain has none, its organizational domain's (§6.6.3, the Public Suffix List through
// tldts); its tags p, sp, pct, rua/ruf, adkim/aspf, and whether each report destination outside
// the domain's organizational domain agrees to take its reports (§7.1). Pure: TXT answers in, the
// block and findings out.
import type { DmarcBlock } from "../report/mail-auth-blocks";
import { uniqueFindings } from "../report/findings";
import { mailAuthFinding, type MailAuthFinding } from "../report/findings/mail-auth";
import { verdictOf } from "./spf";
import { ruaProblem } from "./tls-rpt";
import { isHostName, type TxtAnswer } from "./txt";

export const DMARC_PREFIX = "_dmarc";
const MAX_URIS = 20;
/** External report destinations whose authorization is asked (§7.1), per record. */
export const MAX_REPORT_DESTINATIONS = 10;

let tldts: Promise<typeof import("tldts")> | null = null;

/**
 * The organizational domain (RFC 7489 §3.2): the public suffix plus one label. tldts reads the
 * whole PSL, its private section included (a name under github.io is its own organization); a
 * TLD the list does not know (the lab's `test.`) is a suffix by the list's default rule "*", so
 * the organizational domain of a.b.example.test is example.test. null: the name is a suffix itself.
 * tldts is loaded on first use: building its list is a few percent of a CLI run's CPU, which the
 * DANE and DNSSEC tests need not pay.
 */
export async function organizationalDomain(domain: string): Promise<string | null> {
  tldts ??= import("tldts");
  const name = domain.replace(/\.$/, "").toLowerCase();
  return (await tldts).parse(name, { allowPrivateDomains: true, extractHostname: false }).domain ?? null;
}

/** The name to ask when the domain has no record of its own; null when the domain is the organizational domain. */
export async function dmarcFallbackDomain(domain: string): Promise<string | null> {
  const org = await organizationalDomain(domain);
  return org !== null && org !== domain.replace(/\.$/, "").toLowerCase() ? org : null;
}

export type DmarcPolicy = "none" | "quarantine" | "reject";

export interface DmarcRecord {
  tags: Map<string, string>;
  problem: string | null;
}

/** The records of an answer that are DMARC records: "v=DMARC1" first, then ";" or the end (§6.6.3). */
export function dmarcRecords(texts: readonly string[]): string[] {
  return texts.filter((t) => /^v[ \t]*=[ \t]*DMARC1[ \t]*(?:;|$)/.test(t));
}

/** The tag list of §6.4: `tag=value` pairs split by ";", spaces around them allowed, v first. */
export function readDmarc(record: string): DmarcRecord {
  const tags = new Map<string, string>();
  const parts = record.split(";").map((p) => p.trim());
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  for (const [i, part] of parts.entries()) {
    if (part === "") return { tags, problem: "empty-field" };
    const eq = part.indexOf("=");
    if (eq <= 0) return { tags, problem: "field-without-value" };
    const name = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (i === 0 && name !== "v") return { tags, problem: "version-not-first" };
    if (!/^[a-z0-9]+$/.test(name)) return { tags, problem: "tag-name" };
    if (tags.has(name)) return { tags, problem: `${name}-repeated` };
    tags.set(name, value);
  }
  return { tags, problem: null };
}

const isPolicy = (v: string | undefined): v is DmarcPolicy => v === "none" || v === "quarantine" || v === "reject";

/** A DMARC report URI (§6.2): a URI with an optional "!size[kmgt]" suffix; mailto: or https: (TLS-RPT's check). */
function uriFindings(tag: "rua" | "ruf", value: string | undefined): { uris: string[]; good: number; findings: MailAuthFinding[] } {
  if (value === undefined) return { uris: [], good: 0, findings: [] };
  const uris = value.split(",").map((u) => u.trim()).filter((u) => u !== "").slice(0, MAX_URIS);
  const findings: MailAuthFinding[] = [];
  for (const uri of uris) {
    const size = /^(.*)!([0-9]+[kmgt]?)$/i.exec(uri);
    const problem = ruaProblem(size ? (size[1] ?? "") : uri);
    if (problem === null) continue;
    findings.push(problem.bare ? mailAuthFinding("DMARC_URI_BARE_ADDRESS", { tag, uri }) : mailAuthFinding("DMARC_URI_INVALID", { tag, uri, problem: problem.problem }));
  }
  return { uris, good: uris.length - findings.length, findings };
}

export interface DmarcInput {
  domain: string;
  /** _dmarc.<domain>. */
  own: TxtAnswer;
  /** _dmarc.<organizational domain>, when the domain had no record and is below its organizational domain. */
  org: TxtAnswer | null;
  orgDomain: string | null;
  /** The authorization lookups of the record's external report destinations (reportDestinations; absent: none asked). */
  external?: { destination: ReportDestination; answer: TxtAnswer }[];
}

/** A mailto: report URI outside the policy domain's organizational domain, and the name that must authorize it (RFC 7489 §7.1). */
export interface ReportDestination {
  tag: "rua" | "ruf";
  uri: string;
  /** The URI's host, lowercased. */
  host: string;
  /** <policy domain>._report._dmarc.<host>: a TXT record starting v=DMARC1 there (or at its wildcard) authorizes the reports. */
  name: string;
}

/** Which DMARC answer applies to a domain (RFC 7489 §6.6.3): its own, or its organizational domain's when its own holds no record. */
export interface DmarcSelection {
  /** The policy domain, lowercased, without the final dot. */
  domain: string;
  /** The record is the organizational domain's. */
  inherited: boolean;
  /** The TXT answer the records are read from. */
  answer: TxtAnswer;
  /** The domain that answer is the _dmarc record of (lowercased, without the final dot). */
  recordDomain: string;
  /** Its DMARC records (none when the lookup failed); exactly one is applied, several are none. */
  records: string[];
}

const bareDomain = (name: string) => name.replace(/\.$/, "").toLowerCase();

/** The one place that picks the answer a receiver reads: assessDmarc words it, reportDestinations follows its rua/ruf. */
export function selectDmarc(input: Omit<DmarcInput, "external">): DmarcSelection {
  const domain = bareDomain(input.domain);
  const inherited = needsOrgLookup(input.own) && input.org !== null;
  const answer = inherited && input.org ? input.org : input.own;
  const recordDomain = inherited && input.orgDomain !== null ? bareDomain(input.orgDomain) : domain;
  return { domain, inherited, answer, recordDomain, records: answer.outcome === "failed" ? [] : dmarcRecords(answer.texts) };
}

/** The host of a mailto: URI (its "!size" suffix and any ?headers dropped), or null when it has none that is a host name. */
function mailtoHost(uri: string): string | null {
  const bare = uri.replace(/![0-9]+[kmgt]?$/i, "");
  if (!/^mailto:/i.test(bare)) return null;
  const address = bare.slice("mailto:".length).split("?")[0] ?? "";
  const at = address.lastIndexOf("@");
  const host = at < 0 ? "" : address.slice(at + 1).replace(/\.$/, "").toLowerCase();
  return isHostName(host) ? host : null;
}

/**
 * The report destinations of the record in force that a receiver must see authorized before it
 * sends them reports (RFC 7489 §7.1): each mailto: host whose organizational domain is not the
 * policy domain's, once per host, at most MAX_REPORT_DESTINATIONS. Async only because the
 * organizational domain is read from the Public Suffix List (loaded on first use).
 */
export async function reportDestinations(input: Omit<DmarcInput, "external">): Promise<ReportDestination[]> {
  const inForce = selectDmarc(input);
  if (inForce.records.length !== 1) return [];
  const read = readDmarc(inForce.records[0]!);
  if (read.problem) return [];
  const own = await organizationalDomain(inForce.recordDomain);
  const out: ReportDestination[] = [];
  const seen = new Set<string>();
  for (const tag of ["rua", "ruf"] as const) {
    const uris = (read.tags.get(tag) ?? "").split(",").map((u) => u.trim()).filter((u) => u !== "").slice(0, MAX_URIS);
    for (const uri of uris) {
      const host = mailtoHost(uri);
      if (host === null || seen.has(host) || out.length >= MAX_REPORT_DESTINATIONS) continue;
      if ((await organizationalDomain(host)) === own) continue;
      seen.add(host);
      out.push({ tag, uri, host, name: `${inForce.recordDomain}._report._dmarc.${host}` });
    }
  }
  return out;
}

/** What each external destination's authorization lookup says (§7.1: a TXT record starting v=DMARC1 authorizes). */
function destinationFindings(external: NonNullable<DmarcInput["external"]>): { destinations: NonNullable<DmarcBlock["reportDestinations"]>; findings: MailAuthFinding[] } {
  const destinations: NonNullable<DmarcBlock["reportDestinations"]> = [];
  const findings: MailAuthFinding[] = [];
  for (const { destination: d, answer } of external) {
    const name = answer.name.replace(/\.$/, "");
    if (answer.outcome === "failed") {
      findings.push(mailAuthFinding("DMARC_REPORT_AUTH_FAILED", { uri: d.uri, name, status: answer.status }));
      destinations.push({ tag: d.tag, uri: d.uri, host: d.host, name, authorized: null });
      continue;
    }
    // The record need only start with v=DMARC1 (the rest of it is not read here).
    const authorized = dmarcRecords(answer.texts).length > 0;
    if (!authorized) findings.push(mailAuthFinding("DMARC_REPORT_NOT_AUTHORIZED", { tag: d.tag, uri: d.uri, destination: d.host, name }));
    destinations.push({ tag: d.tag, uri: d.uri, host: d.host, name, authorized });
  }
  return { destinations, findings };
}

export interface DmarcAssessment extends DmarcBlock {
  findings: MailAuthFinding[];
}

const blank = (record: DmarcBlock["record"], verdict: DmarcBlock["verdict"], findings: MailAuthFinding[], inherited = false, recordDomain: string | null = null): DmarcAssessment => ({
  record,
  text: null,
  policy: null,
  subdomainPolicy: null,
  pct: null,
  rua: [],
  ruf: [],
  adkim: null,
  aspf: null,
  inherited,
  recordDomain,
  verdict,
  findings,
});

/** Whether the organizational domain must be asked: the domain's own answer holds no DMARC record. */
export function needsOrgLookup(own: TxtAnswer): boolean {
  return own.outcome !== "failed" && dmarcRecords(own.texts).length === 0;
}

export function assessDmarc(input: DmarcInput): DmarcAssessment {
  const { domain, inherited, answer, recordDomain, records } = selectDmarc(input);
  if (answer.outcome === "failed") return blank("invalid", "warning", [mailAuthFinding("DMARC_LOOKUP_FAILED", { name: answer.name, status: answer.status })], inherited, recordDomain);
  if (records.length === 0) return blank("absent", "pass", [mailAuthFinding("DMARC_RECORD_ABSENT", { domain, orgDomain: input.orgDomain ?? domain })]);
  if (records.length > 1) return blank("multiple", "fail", [mailAuthFinding("DMARC_RECORD_MULTIPLE", { name: answer.name, count: records.length })], inherited, recordDomain);
  const text = records[0]!;
  const read = readDmarc(text);
  if (read.problem) return { ...blank("invalid", "fail", [mailAuthFinding("DMARC_SYNTAX", { name: answer.name, record: text, problem: read.problem })], inherited, recordDomain), text };
  const tags = read.tags;
  const findings: MailAuthFinding[] = [];
  if (inherited) findings.push(mailAuthFinding("DMARC_INHERITED", { domain, orgDomain: recordDomain }));
  const rua = uriFindings("rua", tags.get("rua"));
  const ruf = uriFindings("ruf", tags.get("ruf"));
  findings.push(...rua.findings, ...ruf.findings);
  const external = destinationFindings(input.external ?? []);
  findings.push(...external.findings);

  const invalid = (tag: string) => findings.push(mailAuthFinding("DMARC_TAG_INVALID", { tag, value: tags.get(tag) ?? "" }));
  const pValue = tags.get("p");
  let p: DmarcPolicy | null = isPolicy(pValue?.toLowerCase()) ? (pValue!.toLowerCase() as DmarcPolicy) : null;
  const spValue = tags.get("sp");
  const sp: DmarcPolicy | null = isPolicy(spValue?.toLowerCase()) ? (spValue!.toLowerCase() as DmarcPolicy) : null;
  if (spValue !== undefined && sp === null) invalid("sp");
  if (p === null || (spValue !== undefined && sp === null)) {
    if (p === null) invalid("p");
    // §6.6.3: a record without a valid p= (or with a bad sp=) but with a usable rua is read as p=none;
    // without one the record is discarded.
    if (rua.good === 0) return { ...blank("invalid", "fail", findings, inherited, recordDomain), text, rua: rua.uris, ruf: ruf.uris };
    findings.push(mailAuthFinding("DMARC_POLICY_MISSING_RUA", { name: answer.name }));
    p = "none";
  }
  const pctText = tags.get("pct");
  let pct: number | null = null;
  if (pctText !== undefined) {
    if (/^[0-9]{1,3}$/.test(pctText) && Number(pctText) <= 100) pct = Number(pctText);
    else invalid("pct");
  }
  const alignment = (tag: "adkim" | "aspf"): "r" | "s" | null => {
    const v = tags.get(tag)?.toLowerCase();
    if (v === undefined) return null;
    if (v === "r" || v === "s") return v;
    invalid(tag);
    return null;
  };
  const adkim = alignment("adkim");
  const aspf = alignment("aspf");
  // §6.3: sp applies to subdomains of the organizational domain; the domain itself gets p.
  const policy: DmarcPolicy = inherited && sp !== null ? sp : p;
  if (policy === "none") findings.push(mailAuthFinding("DMARC_POLICY_NONE", { domain }));
  else if (pct !== null && pct < 100) findings.push(mailAuthFinding("DMARC_PCT_PARTIAL", { pct, policy }));
  if (!inherited && p !== "none" && sp === "none") findings.push(mailAuthFinding("DMARC_SUBDOMAIN_POLICY_NONE", { domain, policy: p }));
  if (rua.uris.length === 0) findings.push(mailAuthFinding("DMARC_NO_RUA", { domain: recordDomain }));
  const unique = uniqueFindings(findings);
  return { record: "valid", text, policy, subdomainPolicy: sp, pct, rua: rua.uris, ruf: ruf.uris, adkim, aspf, inherited, recordDomain, reportDestinations: external.destinations, verdict: verdictOf(unique), findings: unique };
}
