// The DNS half of the Inbound test's sender-authentication checks (issue 11): the SPF record and
// every record its include and redirect terms lead to, with the lookups of its a, mx and exists
// terms; _dmarc at the domain, then at its organizational domain; one DKIM key when a selector
// is asked for. Every name goes through the run's validating resolver (ports.lookup). The walk is
// bounded: SPF_WALK_BUDGET lookup terms queried in all, include/redirect SPF_WALK_DEPTH deep, a
// target already on the path is a loop and is not followed. lib/policies judges what it found.
import { RRType } from "../dns/types";
import { dkimName } from "../policies/dkim";
import { DMARC_PREFIX, dmarcFallbackDomain, needsOrgLookup } from "../policies/dmarc";
import { lookupTerms, parseSpf, spfRecords, SPF_WALK_BUDGET, SPF_WALK_DEPTH, type LookupTerm, type SpfNode, type SpfQuery } from "../policies/spf";
import type { TxtAnswer } from "../policies/txt";
import { txtAnswer } from "./policies";
import type { CheckPorts, Lookup } from "./ports";
import { absoluteName } from "./present";

export interface MailAuthFacts {
  domain: string;
  spf: SpfNode;
  dmarc: { own: TxtAnswer; org: TxtAnswer | null; orgDomain: string | null };
  dkim: { selector: string; answer: TxtAnswer } | null;
}

type Outcome = SpfQuery["outcome"];

/** One lookup as SPF counts it: found something, proven or plain nothing (void), or no usable answer. */
function outcomeOf(lookup: Lookup): Outcome {
  if (lookup.unanswered || lookup.status === "bogus" || lookup.status === "indeterminate") return "failed";
  if (lookup.rcode === 3) return "nxdomain";
  if (lookup.rcode !== 0) return "failed";
  return lookup.answer.length > 0 ? "answer" : "nodata";
}

interface Walk {
  ports: CheckPorts;
  signal: AbortSignal;
  /** Lookup terms that may still be queried (per walk: concurrent runs never share it). */
  budget: number;
}

async function query(walk: Walk, term: LookupTerm): Promise<{ query: SpfQuery; txt: TxtAnswer | null }> {
  const { ports, signal } = walk;
  const name = absoluteName(term.target ?? "");
  switch (term.mechanism) {
    case "include":
    case "redirect": {
      const txt = txtAnswer(await ports.lookup(name, RRType.TXT, signal));
      return { query: { ...term, outcome: txt.outcome, status: txt.status }, txt };
    }
    case "a": {
      // Without a sender there is no address family to choose: a void `a` is one with neither.
      const [a, aaaa] = await Promise.all([ports.lookup(name, RRType.A, signal), ports.lookup(name, RRType.AAAA, signal)]);
      const outcomes = [outcomeOf(a), outcomeOf(aaaa)];
      const outcome: Outcome = outcomes.includes("answer") ? "answer" : outcomes.includes("failed") ? "failed" : outcomes[0]!;
      return { query: { ...term, outcome, status: a.status }, txt: null };
    }
    case "mx": {
      const mx = await ports.lookup(name, RRType.MX, signal);
      return { query: { ...term, outcome: outcomeOf(mx), status: mx.status, mxHosts: mx.answer.filter((rr) => rr.data.kind === "MX").length }, txt: null };
    }
    case "exists": {
      const a = await ports.lookup(name, RRType.A, signal);
      return { query: { ...term, outcome: outcomeOf(a), status: a.status }, txt: null };
    }
    case "ptr":
      return { query: { ...term, outcome: "not-queried", status: null }, txt: null };
  }
}

/** One record's lookups, all at once; then the records its include and redirect terms name, in order. */
async function expand(walk: Walk, domain: string, answer: TxtAnswer, path: readonly string[]): Promise<SpfNode> {
  const records = spfRecords(answer.texts);
  if (records.length !== 1) return { domain, answer, queries: [], truncated: false };
  let truncated = false;
  // The budget is taken in evaluation order before anything is awaited, so what is queried does
  // not depend on which answer came first.
  const pending = lookupTerms(parseSpf(records[0]!), domain).map((term) => {
    const loop = (term.mechanism === "include" || term.mechanism === "redirect") && term.target !== null && path.includes(term.target);
    if (loop) return Promise.resolve({ query: { ...term, outcome: "not-queried" as const, status: null, loop: true }, txt: null });
    if (term.target === null || term.mechanism === "ptr") return Promise.resolve({ query: { ...term, outcome: "not-queried" as const, status: null }, txt: null });
    if (walk.budget <= 0) {
      truncated = true;
      return Promise.resolve({ query: { ...term, outcome: "not-queried" as const, status: null }, txt: null });
    }
    walk.budget -= 1;
    return query(walk, term);
  });
  const done = await Promise.all(pending);
  const queries: SpfQuery[] = [];
  for (const { query: q, txt } of done) {
    if (txt && q.target !== null && q.outcome === "answer" && !q.loop) {
      if (path.length > SPF_WALK_DEPTH) truncated = true;
      else q.child = await expand(walk, q.target, txt, [...path, q.target]);
    }
    queries.push(q);
  }
  return { domain, answer, queries, truncated };
}

export async function collectSpf(ports: CheckPorts, domain: string, signal: AbortSignal): Promise<SpfNode> {
  const bare = domain.replace(/\.$/, "").toLowerCase();
  const answer = txtAnswer(await ports.lookup(absoluteName(bare), RRType.TXT, signal));
  return expand({ ports, signal, budget: SPF_WALK_BUDGET }, bare, answer, [bare]);
}

async function collectDmarc(ports: CheckPorts, domain: string, signal: AbortSignal): Promise<MailAuthFacts["dmarc"]> {
  const [orgDomain, ownLookup] = await Promise.all([dmarcFallbackDomain(domain), ports.lookup(absoluteName(`${DMARC_PREFIX}.${domain}`), RRType.TXT, signal)]);
  const own = txtAnswer(ownLookup);
  if (orgDomain === null || !needsOrgLookup(own)) return { own, org: null, orgDomain };
  return { own, org: txtAnswer(await ports.lookup(absoluteName(`${DMARC_PREFIX}.${orgDomain}`), RRType.TXT, signal)), orgDomain };
}

export async function collectMailAuth(ports: CheckPorts, domain: string, dkimSelector: string | null, signal: AbortSignal): Promise<MailAuthFacts> {
  const bare = domain.replace(/\.$/, "").toLowerCase();
  const [spf, dmarc, dkim] = await Promise.all([
    collectSpf(ports, bare, signal),
    collectDmarc(ports, bare, signal),
    dkimSelector === null ? null : ports.lookup(absoluteName(dkimName(dkimSelector, bare)), RRType.TXT, signal).then((l) => ({ selector: dkimSelector, answer: txtAnswer(l) })),
  ]);
  return { domain: bare, spf, dmarc, dkim };
}
