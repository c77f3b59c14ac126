// The DNS half of the Inbound test's sender-authentication checks (issue 11): the SPF record and
// every record its include and redirect terms lead to, with the lookups of its a, mx and exists
// terms (an mx term's hosts' A and AAAA too, SPF_WALK_HOSTS of them in all); _dmarc at the domain, then at its organizational domain,
// then the authorization of each report destination outside it (RFC 7489 §7.1); one DKIM key when a selector
// is asked for. Every name goes through the run's validating resolver (ports.lookup). The walk is
// bounded: SPF_WALK_BUDGET lookup terms queried in all, include/redirect SPF_WALK_DEPTH deep, a
// target already on the path is a loop and is not followed. lib/policies judges what it found.
import { RRType } from "../dns/types";
import { dkimName } from "../policies/dkim";
import { DMARC_PREFIX, dmarcFallbackDomain, needsOrgLookup, reportDestinations, type DmarcInput } from "../policies/dmarc";
import {
  lookupTerms,
  parseSpf,
  spfRecords,
  SPF_HOST_ADDRESSES,
  SPF_MX_LIMIT,
  SPF_WALK_BUDGET,
  SPF_WALK_DEPTH,
  SPF_WALK_HOSTS,
  type LookupTerm,
  type SpfHost,
  type SpfNode,
  type SpfQuery,
} from "../policies/spf";
import type { TxtAnswer } from "../policies/txt";
import { txtAnswer } from "./policies";
import type { CheckPorts, Lookup } from "./ports";
import { absoluteName } from "./present";

export interface MailAuthFacts {
  domain: string;
  spf: SpfNode;
  dmarc: Omit<DmarcInput, "domain">;
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
  /** MX hosts whose addresses may still be asked for. */
  hosts: number;
}

/** A host's A and AAAA lookups as one: an address of either family is an answer; void only when both are. */
async function addresses(walk: Walk, host: string): Promise<Omit<SpfHost, "name">> {
  const name = absoluteName(host);
  const [a, aaaa] = await Promise.all([walk.ports.lookup(name, RRType.A, walk.signal), walk.ports.lookup(name, RRType.AAAA, walk.signal)]);
  const outcomes = [outcomeOf(a), outcomeOf(aaaa)];
  const outcome: Outcome = outcomes.includes("answer") ? "answer" : outcomes.includes("failed") ? "failed" : outcomes[0]!;
  const found = [...a.answer, ...aaaa.answer].flatMap((rr) => (rr.data.kind === "A" || rr.data.kind === "AAAA" ? [rr.data.address] : []));
  return { outcome, status: outcome === "failed" ? (outcomeOf(a) === "failed" ? a.status : aaaa.status) : a.status, addresses: [...new Set(found)].slice(0, SPF_HOST_ADDRESSES) };
}

/**
 * An mx term's hosts, by preference then name (RFC 7208 §5.4). More than SPF_MX_LIMIT is a
 * permerror before any address is asked (§4.6.4): none is. The host budget is taken here, before
 * the first await, so which hosts are asked does not depend on which answer came first.
 */
function mxHostAddresses(walk: Walk, exchanges: readonly { preference: number; exchange: string }[]): Promise<SpfHost[]> {
  // A null MX (RFC 7505, ".") names no host.
  const named = [...exchanges].filter((e) => e.exchange !== "." && e.exchange !== "").sort((x, y) => x.preference - y.preference || x.exchange.localeCompare(y.exchange));
  const hosts = [...new Set(named.map((e) => e.exchange.replace(/\.$/, "").toLowerCase()))];
  if (exchanges.length > SPF_MX_LIMIT) return Promise.resolve([]);
  return Promise.all(
    hosts.map((name) => {
      if (walk.hosts <= 0) return Promise.resolve({ name, outcome: "not-queried" as const, status: null, addresses: [] });
      walk.hosts -= 1;
      return addresses(walk, name).then((found) => ({ name, ...found }));
    }),
  );
}

interface Queried {
  query: SpfQuery;
  txt: TxtAnswer | null;
  /** mx: the MX answer's records, whose hosts' addresses are asked once every term of the record is. */
  exchanges?: { preference: number; exchange: string }[];
}

async function query(walk: Walk, term: LookupTerm): Promise<Queried> {
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
      const found = await addresses(walk, term.target ?? "");
      return { query: { ...term, outcome: found.outcome, status: found.status, hosts: [{ name: term.target ?? "", ...found }] }, txt: null };
    }
    case "mx": {
      const mx = await ports.lookup(name, RRType.MX, signal);
      const exchanges = mx.answer.flatMap((rr) => (rr.data.kind === "MX" ? [{ preference: rr.data.preference, exchange: rr.data.exchange }] : []));
      const outcome = outcomeOf(mx);
      return { query: { ...term, outcome, status: mx.status, mxHosts: exchanges.length }, txt: null, ...(outcome === "answer" ? { exchanges } : {}) };
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
  const pending = lookupTerms(parseSpf(records[0]!), domain).map((term): Promise<Queried> => {
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
  // Every mx term's hosts at once, their budget taken in evaluation order.
  const hosts = done.map((d) => (d.exchanges ? mxHostAddresses(walk, d.exchanges) : null));
  const queries: SpfQuery[] = [];
  for (const [i, { query: q, txt }] of done.entries()) {
    const found = hosts[i];
    if (found) q.hosts = await found;
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
  return expand({ ports, signal, budget: SPF_WALK_BUDGET, hosts: SPF_WALK_HOSTS }, bare, answer, [bare]);
}

async function collectDmarc(ports: CheckPorts, domain: string, signal: AbortSignal): Promise<MailAuthFacts["dmarc"]> {
  const [orgDomain, ownLookup] = await Promise.all([dmarcFallbackDomain(domain), ports.lookup(absoluteName(`${DMARC_PREFIX}.${domain}`), RRType.TXT, signal)]);
  const own = txtAnswer(ownLookup);
  const org = orgDomain === null || !needsOrgLookup(own) ? null : txtAnswer(await ports.lookup(absoluteName(`${DMARC_PREFIX}.${orgDomain}`), RRType.TXT, signal));
  const destinations = await reportDestinations({ domain, own, org, orgDomain });
  const external = await Promise.all(destinations.map(async (destination) => ({ destination, answer: txtAnswer(await ports.lookup(absoluteName(destination.name), RRType.TXT, signal)) })));
  return { own, org, orgDomain, external };
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
