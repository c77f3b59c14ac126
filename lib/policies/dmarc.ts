// DMARC (RFC 7489) as the Inbound SMTP Email test reads it: the `_dmarc.<domain>` record, or,
// when the domain has none, its organizational domain's (§6.6.3, the Public Suffix List through
// tldts); its tags p, sp, pct, rua/ruf, adkim/aspf. Pure: TXT answers in, the block and findings out.
import type { DmarcBlock } from "../report/mail-auth-blocks";
import { uniqueFindings } from "../report/findings";
import { mailAuthFinding, type MailAuthFinding } from "../report/findings/mail-auth";
import { verdictOf } from "./spf";
import { ruaProblem } from "./tls-rpt";
import type { TxtAnswer } from "./txt";

export const DMARC_PREFIX = "_dmarc";
const MAX_URIS = 20;

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
  const domain = input.domain.replace(/\.$/, "").toLowerCase();
  const inherited = needsOrgLookup(input.own) && input.org !== null;
  const answer = inherited && input.org ? input.org : input.own;
  const recordDomain = inherited ? input.orgDomain : domain;
  if (answer.outcome === "failed") return blank("invalid", "warning", [mailAuthFinding("DMARC_LOOKUP_FAILED", { name: answer.name, status: answer.status })], inherited, recordDomain);
  const records = dmarcRecords(answer.texts);
  if (records.length === 0) return blank("absent", "pass", [mailAuthFinding("DMARC_RECORD_ABSENT", { domain, orgDomain: input.orgDomain ?? domain })]);
  if (records.length > 1) return blank("multiple", "fail", [mailAuthFinding("DMARC_RECORD_MULTIPLE", { name: answer.name, count: records.length })], inherited, recordDomain);
  const text = records[0]!;
  const read = readDmarc(text);
  if (read.problem) return { ...blank("invalid", "fail", [mailAuthFinding("DMARC_SYNTAX", { name: answer.name, record: text, problem: read.problem })], inherited, recordDomain), text };
  const tags = read.tags;
  const findings: MailAuthFinding[] = [];
  if (inherited) findings.push(mailAuthFinding("DMARC_INHERITED", { domain, orgDomain: input.orgDomain ?? "" }));
  const rua = uriFindings("rua", tags.get("rua"));
  const ruf = uriFindings("ruf", tags.get("ruf"));
  findings.push(...rua.findings, ...ruf.findings);

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
  if (rua.uris.length === 0) findings.push(mailAuthFinding("DMARC_NO_RUA", { domain: recordDomain ?? domain }));
  const unique = uniqueFindings(findings);
  return { record: "valid", text, policy, subdomainPolicy: sp, pct, rua: rua.uris, ruf: ruf.uris, adkim, aspf, inherited, recordDomain, verdict: verdictOf(unique), findings: unique };
}
