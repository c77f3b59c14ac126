// SPF (RFC 7208) as the Inbound SMTP Email test reads it: the one `v=spf1` record at the domain,
// the syntax of every term (§4.6.1, §12), and what an evaluation would cost in DNS lookups
// through include and redirect (§4.6.4: at most 10 lookup terms, at most 2 of them void), with
// the hosts and networks each a and mx term authorises (§5.3, §5.4: an mx term's MX lookup is
// one lookup term, each of its at most 10 hosts an address lookup that may be void). Nothing
// is evaluated against a sending address. Pure: the parser reads one record; the walk's DNS
// answers arrive as an SpfNode tree (lib/checks/mail-auth-collect.ts fetches it, bounded); the
// assessment judges the tree.
import { isIPv4, isIPv6 } from "node:net";
import ipaddr from "ipaddr.js";
import type { SpfBlock } from "../report/mail-auth-blocks";
import { uniqueFindings } from "../report/findings";
import { mailAuthFinding, mailAuthFindings, type MailAuthFinding } from "../report/findings/mail-auth";
import type { DnssecStatus } from "../report/schema";
import type { TxtAnswer } from "./txt";

/** RFC 7208 §4.6.4. */
export const SPF_LOOKUP_LIMIT = 10;
export const SPF_VOID_LIMIT = 2;
/** §4.6.4: an `mx` term may name at most 10 hosts. */
export const SPF_MX_LIMIT = 10;

export type Qualifier = "+" | "-" | "~" | "?";
export type MechanismName = "all" | "include" | "a" | "mx" | "ptr" | "ip4" | "ip6" | "exists";
export type LookupMechanism = "include" | "a" | "mx" | "ptr" | "exists" | "redirect";

export type SpfTerm =
  | { kind: "mechanism"; text: string; qualifier: Qualifier; name: MechanismName; target: string | null; macro: boolean; cidr4: number | null; cidr6: number | null }
  | { kind: "modifier"; text: string; name: string; value: string; macro: boolean };

export interface SpfProblem {
  term: string;
  /** A token: unknown-mechanism, domain-missing, domain-invalid, macro-invalid, cidr-invalid, ip4-invalid, ip6-invalid, value-unexpected, modifier-name, version. */
  problem: string;
}

export interface SpfRecord {
  terms: SpfTerm[];
  problems: SpfProblem[];
  /** redirect= and exp= more than once (§6). */
  repeated: string[];
}

/** The records of an answer that are SPF records: "v=spf1" then a space or the end, any case (§4.5). */
export function spfRecords(texts: readonly string[]): string[] {
  return texts.filter((t) => /^v=spf1(?: |$)/i.test(t));
}

const MECHANISMS: readonly MechanismName[] = ["all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"];
const MACRO = /%(?:\{[slodiphcrtv][0-9]*r?[.\-+,/_=]*\}|%|_|-)/gi;
const LITERAL = /^[\x21-\x24\x26-\x7e]*$/;
const TOPLABEL = /^(?:[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9])$/;

/** Why a domain-spec (§7.1) is not one, or null; `macro` when it holds macros (not expanded here). */
function domainSpecProblem(spec: string): { problem: string | null; macro: boolean } {
  if (spec === "") return { problem: "domain-missing", macro: false };
  const macros = spec.match(MACRO) ?? [];
  const literal = spec.replace(MACRO, "");
  if (literal.includes("%") || !LITERAL.test(literal)) return { problem: "macro-invalid", macro: macros.length > 0 };
  if (macros.length > 0) {
    // domain-end: a macro-expand last, or "." toplabel ["."].
    const endsInMacro = /%\{[^}]*\}$/.test(spec);
    const last = spec.replace(/\.$/, "").split(".").pop() ?? "";
    return { problem: endsInMacro || (!last.includes("%") && TOPLABEL.test(last)) ? null : "domain-invalid", macro: true };
  }
  const name = spec.replace(/\.$/, "");
  const labels = name.split(".");
  if (name.length > 253 || labels.length < 2 || labels.some((l) => l.length === 0 || l.length > 63) || !TOPLABEL.test(labels[labels.length - 1] ?? "")) {
    return { problem: "domain-invalid", macro: false };
  }
  return { problem: null, macro: false };
}

/** Splits "target/4//6"-style cidr suffixes off (§5.6 dual-cidr-length); not ok when a length is malformed or out of range. */
function cidrs(rest: string, dual: boolean, max4: number, max6: number): { spec: string; ok: boolean; cidr4: number | null; cidr6: number | null } {
  const m = dual ? /^(.*?)(?:\/([0-9]+))?(?:\/\/([0-9]+))?$/.exec(rest) : /^(.*?)(?:\/([0-9]+))?$/.exec(rest);
  if (!m) return { spec: rest, ok: false, cidr4: null, cidr6: null };
  const ok = (v: string | undefined, max: number) => v === undefined || (/^(?:0|[1-9][0-9]*)$/.test(v) && Number(v) <= max);
  const length = (v: string | undefined) => (v === undefined ? null : Number(v));
  return { spec: m[1] ?? "", ok: ok(m[2], max4) && ok(m[3], max6), cidr4: length(m[2]), cidr6: length(m[3]) };
}

function parseMechanism(text: string): { term: SpfTerm | null; problem: string | null } {
  const first = text[0] ?? "";
  const qualifier: Qualifier = first === "+" || first === "-" || first === "~" || first === "?" ? first : "+";
  const body = "+-~?".includes(first) ? text.slice(1) : text;
  const m = /^([A-Za-z][A-Za-z0-9_.-]*)(.*)$/.exec(body);
  const name = (m?.[1] ?? "").toLowerCase() as MechanismName;
  const rest = m?.[2] ?? "";
  if (!MECHANISMS.includes(name)) return { term: null, problem: "unknown-mechanism" };
  const mech = (target: string | null, macro = false, cidr4: number | null = null, cidr6: number | null = null): { term: SpfTerm; problem: null } => ({
    term: { kind: "mechanism", text, qualifier, name, target, macro, cidr4, cidr6 },
    problem: null,
  });
  switch (name) {
    case "all":
      return rest === "" ? mech(null) : { term: null, problem: "value-unexpected" };
    case "include":
    case "exists": {
      if (!rest.startsWith(":")) return { term: null, problem: "domain-missing" };
      const d = domainSpecProblem(rest.slice(1));
      return d.problem ? { term: null, problem: d.problem } : mech(rest.slice(1), d.macro);
    }
    case "a":
    case "mx": {
      const c = cidrs(rest, true, 32, 128);
      if (!c.ok) return { term: null, problem: "cidr-invalid" };
      if (c.spec === "") return mech(null, false, c.cidr4, c.cidr6);
      if (!c.spec.startsWith(":")) return { term: null, problem: "value-unexpected" };
      const d = domainSpecProblem(c.spec.slice(1));
      return d.problem ? { term: null, problem: d.problem } : mech(c.spec.slice(1), d.macro, c.cidr4, c.cidr6);
    }
    case "ptr": {
      if (rest === "") return mech(null);
      if (!rest.startsWith(":")) return { term: null, problem: "value-unexpected" };
      const d = domainSpecProblem(rest.slice(1));
      return d.problem ? { term: null, problem: d.problem } : mech(rest.slice(1), d.macro);
    }
    case "ip4":
    case "ip6": {
      if (!rest.startsWith(":")) return { term: null, problem: `${name}-invalid` };
      const c = cidrs(rest.slice(1), false, name === "ip4" ? 32 : 128, 0);
      if (!c.ok) return { term: null, problem: "cidr-invalid" };
      return (name === "ip4" ? isIPv4(c.spec) : isIPv6(c.spec)) ? mech(c.spec) : { term: null, problem: `${name}-invalid` };
    }
  }
}

/** Parses one SPF record (its text as published); every bad term is a problem, the others are kept. */
export function parseSpf(record: string): SpfRecord {
  const [version, ...words] = record.split(" ").filter((w) => w !== "");
  const out: SpfRecord = { terms: [], problems: [], repeated: [] };
  if (version?.toLowerCase() !== "v=spf1") out.problems.push({ term: version ?? "", problem: "version" });
  const seen = new Set<string>();
  for (const text of words) {
    // A modifier is name "=" (§12); a mechanism never holds "=" before its first ":" or "/".
    const modifier = /^([A-Za-z][A-Za-z0-9_.-]*)=(.*)$/.exec(text);
    if (modifier) {
      const name = (modifier[1] ?? "").toLowerCase();
      const value = modifier[2] ?? "";
      let macro = false;
      if (name === "redirect" || name === "exp") {
        const d = domainSpecProblem(value);
        if (d.problem) {
          out.problems.push({ term: text, problem: d.problem });
          continue;
        }
        macro = d.macro;
        if (seen.has(name)) out.repeated.push(name);
        seen.add(name);
      } else if (value.replace(MACRO, "").includes("%") || !LITERAL.test(value.replace(MACRO, ""))) {
        out.problems.push({ term: text, problem: "macro-invalid" });
        continue;
      }
      out.terms.push({ kind: "modifier", text, name, value, macro });
      continue;
    }
    if (/^[+\-~?]?[A-Za-z][A-Za-z0-9_.-]*=/.test(text)) {
      out.problems.push({ term: text, problem: "modifier-name" });
      continue;
    }
    const parsed = parseMechanism(text);
    if (parsed.term) out.terms.push(parsed.term);
    else out.problems.push({ term: text, problem: parsed.problem ?? "unknown-mechanism" });
  }
  return out;
}

export interface LookupTerm {
  term: string;
  mechanism: LookupMechanism;
  /** The name to query: the term's domain-spec or the record's own domain; null when it holds macros (not expanded without a sender). */
  target: string | null;
  qualifier: Qualifier;
  /** a and mx: the prefix lengths the term applies to the addresses it finds (§5.6; absent: the whole address). */
  cidr4?: number;
  cidr6?: number;
}

/**
 * The terms of a record an evaluation may query, in evaluation order: every include, a, mx, ptr
 * and exists, then redirect= when the record has no `all` (§6.1: redirect is ignored beside it).
 */
export function lookupTerms(record: SpfRecord, domain: string): LookupTerm[] {
  const out: LookupTerm[] = [];
  const own = domain.replace(/\.$/, "").toLowerCase();
  const targetOf = (target: string | null, macro: boolean) => (macro ? null : (target ?? own).replace(/\.$/, "").toLowerCase());
  for (const t of record.terms) {
    if (t.kind === "mechanism" && (t.name === "include" || t.name === "a" || t.name === "mx" || t.name === "ptr" || t.name === "exists")) {
      out.push({ term: t.text, mechanism: t.name, target: targetOf(t.target, t.macro), qualifier: t.qualifier, ...(t.cidr4 !== null ? { cidr4: t.cidr4 } : {}), ...(t.cidr6 !== null ? { cidr6: t.cidr6 } : {}) });
    }
  }
  const hasAll = record.terms.some((t) => t.kind === "mechanism" && t.name === "all");
  const redirect = record.terms.find((t) => t.kind === "modifier" && t.name === "redirect");
  if (redirect && redirect.kind === "modifier" && !hasAll) out.push({ term: redirect.text, mechanism: "redirect", target: targetOf(redirect.value, redirect.macro), qualifier: "+" });
  return out;
}

/** One host an a or mx term names, and what its A and AAAA lookups found (no sender: both families). */
export interface SpfHost {
  name: string;
  /** answer: an A or AAAA record; nodata/nxdomain: neither (a void lookup, §4.6.4); not-queried: the walk's host bound. */
  outcome: "answer" | "nodata" | "nxdomain" | "failed" | "not-queried";
  status: DnssecStatus | null;
  /** The addresses found, A then AAAA, at most SPF_HOST_ADDRESSES. */
  addresses: string[];
}

/** What one lookup term found. `child`: the record an include or redirect led to. */
export interface SpfQuery extends LookupTerm {
  /** "not-queried": a macro target, ptr (needs a sender's address), or the walk's bound reached. */
  outcome: "answer" | "nodata" | "nxdomain" | "failed" | "not-queried";
  status: DnssecStatus | null;
  /** mx: how many hosts the MX answer named. */
  mxHosts?: number;
  /** a: the target itself; mx: each MX host in preference order (none when there are more than SPF_MX_LIMIT, §4.6.4). */
  hosts?: SpfHost[];
  /** include/redirect: the target is already on the path from the top record (a loop). */
  loop?: boolean;
  child?: SpfNode;
}

/** One domain's SPF record as the walk found it, with the lookups its terms made. */
export interface SpfNode {
  domain: string;
  answer: TxtAnswer;
  queries: SpfQuery[];
  /** The walk stopped below this node (its bound on queries or depth). */
  truncated: boolean;
}

const severity = (code: string): string => (mailAuthFindings as Record<string, { severity: string }>)[code]?.severity ?? "error";

/** pass, unless a finding says warning or error (error: fail). */
export function verdictOf(findings: readonly { code: string }[]): "pass" | "warning" | "fail" {
  let verdict: "pass" | "warning" | "fail" = "pass";
  for (const f of findings) {
    if (severity(f.code) === "error") return "fail";
    if (severity(f.code) === "warning") verdict = "warning";
  }
  return verdict;
}

export interface SpfAssessment extends SpfBlock {
  findings: MailAuthFinding[];
}

const ALL_RESULT = { "+": "pass", "-": "fail", "~": "softfail", "?": "neutral" } as const;

interface Tally {
  lookups: number;
  voids: number;
  findings: MailAuthFinding[];
  truncated: boolean;
  mechanisms: SpfMechanismHosts[];
}

type SpfMechanismHosts = NonNullable<SpfBlock["mechanisms"]>[number];

/** An address as the network a term with that prefix length authorises: 192.0.2.0/24, or the address itself without one. */
export function spfNetwork(address: string, cidr4: number | undefined, cidr6: number | undefined): string {
  const length = isIPv4(address) ? cidr4 : cidr6;
  if (length === undefined || !ipaddr.isValid(address)) return address;
  const family = isIPv4(address) ? ipaddr.IPv4 : ipaddr.IPv6;
  return `${family.networkAddressFromCIDR(`${address}/${length}`).toString()}/${length}`;
}

/** An a or mx term's hosts: what they authorise, and their void and failed address lookups (§4.6.4, §5.3, §5.4). */
function hostsOf(node: SpfNode, q: SpfQuery, tally: Tally): void {
  const hosts = q.hosts ?? [];
  if (q.mechanism !== "a" && q.mechanism !== "mx") return;
  if (q.mechanism === "mx") {
    for (const h of hosts) {
      if (h.outcome === "not-queried") tally.truncated = true;
      if (h.outcome === "failed") tally.findings.push(mailAuthFinding("SPF_LOOKUP_FAILED", { name: h.name, type: "A/AAAA", status: h.status ?? "" }));
      if (h.outcome === "nodata" || h.outcome === "nxdomain") {
        tally.voids += 1;
        tally.findings.push(mailAuthFinding("SPF_MX_HOST_VOID", { term: q.term, name: q.target ?? "", host: h.name, outcome: h.outcome }));
      }
    }
  }
  if (hosts.length === 0 && q.outcome !== "answer") return;
  tally.mechanisms.push({
    domain: node.domain,
    term: q.term,
    hosts: hosts.slice(0, SPF_MX_LIMIT).map((h) => ({ name: h.name, outcome: h.outcome, networks: h.addresses.map((a) => spfNetwork(a, q.cidr4, q.cidr6)) })),
  });
}

/** Counts one record's lookups and judges what its children are, depth first in evaluation order. */
function walk(node: SpfNode, tally: Tally): void {
  if (node.truncated) tally.truncated = true;
  for (const q of node.queries) {
    tally.lookups += 1;
    if (q.mechanism === "ptr") tally.findings.push(mailAuthFinding("SPF_PTR_USED", { domain: node.domain, term: q.term }));
    if (q.outcome === "not-queried" && q.target === null && q.mechanism !== "ptr") tally.findings.push(mailAuthFinding("SPF_MACRO_NOT_EXPANDED", { term: q.term }));
    if (q.outcome === "failed") tally.findings.push(mailAuthFinding("SPF_LOOKUP_FAILED", { name: q.target ?? "", type: q.mechanism === "mx" ? "MX" : q.mechanism === "a" ? "A/AAAA" : q.mechanism === "exists" ? "A" : "TXT", status: q.status ?? "" }));
    if (q.mechanism === "mx" && (q.mxHosts ?? 0) > SPF_MX_LIMIT) tally.findings.push(mailAuthFinding("SPF_MX_TOO_MANY", { name: q.target ?? "", count: q.mxHosts ?? 0, limit: SPF_MX_LIMIT }));
    hostsOf(node, q, tally);
    if (q.loop) {
      tally.findings.push(mailAuthFinding("SPF_INCLUDE_LOOP", { domain: node.domain, target: q.target ?? "" }));
      continue;
    }
    const child = q.child;
    const includes = q.mechanism === "include" || q.mechanism === "redirect";
    if (q.outcome === "nodata" || q.outcome === "nxdomain") {
      tally.voids += 1;
      if (includes) tally.findings.push(mailAuthFinding("SPF_INCLUDE_NO_RECORD", { domain: node.domain, target: q.target ?? "", mechanism: q.mechanism }));
      else tally.findings.push(mailAuthFinding("SPF_VOID_LOOKUP", { term: q.term, name: q.target ?? "", outcome: q.outcome }));
    }
    if (!includes || q.outcome !== "answer" || !child) continue;
    const records = spfRecords(child.answer.texts);
    // §5.2 / §6.1: a target without exactly one SPF record is a permanent error.
    if (records.length === 0) tally.findings.push(mailAuthFinding("SPF_INCLUDE_NO_RECORD", { domain: node.domain, target: child.domain, mechanism: q.mechanism }));
    else if (records.length > 1) tally.findings.push(mailAuthFinding("SPF_RECORD_MULTIPLE", { name: child.domain, count: records.length }));
    else {
      const childParsed = parseSpf(records[0]!);
      syntaxFindings(child.domain, childParsed, tally.findings);
      // include:x where x says +all passes every sender, as +all would (§5.2).
      if (q.mechanism === "include" && q.qualifier === "+") {
        const all = childParsed.terms.find((t) => t.kind === "mechanism" && t.name === "all");
        if (all?.kind === "mechanism" && all.qualifier === "+") tally.findings.push(mailAuthFinding("SPF_ALL_PASS", { domain: child.domain, term: all.text }));
      }
      walk(child, tally);
    }
  }
}

function syntaxFindings(domain: string, parsed: SpfRecord, into: MailAuthFinding[]): void {
  for (const p of parsed.problems) into.push(mailAuthFinding("SPF_SYNTAX", { domain, term: p.term, problem: p.problem }));
  for (const m of parsed.repeated) into.push(mailAuthFinding("SPF_MODIFIER_REPEATED", { domain, modifier: m }));
}

/** The `all` in force for the top record: its own, or the one its redirect chain ends in. */
function effectiveAll(node: SpfNode, depth = 0): { qualifier: Qualifier; text: string; domain: string } | null {
  const record = spfRecords(node.answer.texts)[0];
  if (record === undefined || depth > SPF_LOOKUP_LIMIT) return null;
  const parsed = parseSpf(record);
  const all = parsed.terms.find((t) => t.kind === "mechanism" && t.name === "all");
  if (all?.kind === "mechanism") return { qualifier: all.qualifier, text: all.text, domain: node.domain };
  const redirect = node.queries.find((q) => q.mechanism === "redirect");
  return redirect?.child && !redirect.loop ? effectiveAll(redirect.child, depth + 1) : null;
}

const empty = (record: SpfBlock["record"], verdict: SpfBlock["verdict"], findings: MailAuthFinding[]): SpfAssessment => ({ record, text: null, lookups: 0, voidLookups: 0, all: null, redirect: null, mechanisms: [], verdict, findings });

export function assessSpf(root: SpfNode): SpfAssessment {
  const { answer, domain } = root;
  if (answer.outcome === "failed") return empty("invalid", "warning", [mailAuthFinding("SPF_LOOKUP_FAILED", { name: answer.name, type: "TXT", status: answer.status })]);
  const records = spfRecords(answer.texts);
  if (records.length === 0) return empty("absent", "pass", [mailAuthFinding("SPF_RECORD_ABSENT", { domain })]);
  if (records.length > 1) return empty("multiple", "fail", [mailAuthFinding("SPF_RECORD_MULTIPLE", { name: answer.name, count: records.length })]);
  const text = records[0]!;
  const parsed = parseSpf(text);
  const findings: MailAuthFinding[] = [];
  syntaxFindings(domain, parsed, findings);
  const tally: Tally = { lookups: 0, voids: 0, findings, truncated: false, mechanisms: [] };
  walk(root, tally);
  if (tally.lookups > SPF_LOOKUP_LIMIT) findings.push(mailAuthFinding("SPF_TOO_MANY_LOOKUPS", { domain, lookups: tally.lookups, limit: SPF_LOOKUP_LIMIT }));
  if (tally.voids > SPF_VOID_LIMIT) findings.push(mailAuthFinding("SPF_TOO_MANY_VOID_LOOKUPS", { domain, voidLookups: tally.voids, limit: SPF_VOID_LIMIT }));
  if (tally.truncated) findings.push(mailAuthFinding("SPF_WALK_TRUNCATED", { domain, limit: SPF_WALK_BUDGET }));
  const hasAll = parsed.terms.some((t) => t.kind === "mechanism" && t.name === "all");
  const redirectTerm = parsed.terms.find((t) => t.kind === "modifier" && t.name === "redirect");
  if (hasAll && redirectTerm) findings.push(mailAuthFinding("SPF_REDIRECT_IGNORED", { domain }));
  const all = effectiveAll(root);
  if (all === null && !(redirectTerm && !hasAll)) findings.push(mailAuthFinding("SPF_ALL_MISSING", { domain }));
  if (all?.qualifier === "+") findings.push(mailAuthFinding("SPF_ALL_PASS", { domain: all.domain, term: all.text }));
  if (all?.qualifier === "?") findings.push(mailAuthFinding("SPF_ALL_NEUTRAL", { domain: all.domain, term: all.text }));
  const unique = uniqueFindings(findings);
  return {
    record: parsed.problems.length > 0 ? "invalid" : "valid",
    text,
    lookups: tally.lookups,
    voidLookups: tally.voids,
    all: all ? ALL_RESULT[all.qualifier] : null,
    redirect: redirectTerm?.kind === "modifier" && !hasAll ? redirectTerm.value : null,
    mechanisms: tally.mechanisms.slice(0, SPF_WALK_BUDGET),
    verdict: verdictOf(unique),
    findings: unique,
  };
}

/**
 * The walk's bounds: at most this many lookup terms are queried in all (an evaluation stops at
 * 11, §4.6.4; past the limit the count is what matters, not the records), and include/redirect
 * nest at most SPF_LOOKUP_LIMIT deep.
 */
export const SPF_WALK_BUDGET = 30;
export const SPF_WALK_DEPTH = SPF_LOOKUP_LIMIT;
/**
 * The hosts of mx terms whose A and AAAA the walk asks for, in all (each mx term names at most
 * SPF_MX_LIMIT of them, or it is a permerror and none is asked); past it a host is not-queried and
 * the walk reads as truncated.
 */
export const SPF_WALK_HOSTS = 40;
/** A host's addresses kept for the report (a longer RRset authorises more than it shows). */
export const SPF_HOST_ADDRESSES = 16;
