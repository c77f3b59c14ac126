// NSEC denial of existence (RFC 4035 §5.4, RFC 6840 §4), over the canonical name order of
// RFC 4034 §6.1 with the wrap-around at the end of the chain.
import { compareCanonical, isSubdomainOf, joinName, labelCount, ancestorWithLabels, namesEqual } from "../dns/name";
import { RRType, type ResourceRecord } from "../dns/types";
import { bitmapDeniesType, failed, isDelegation, proven, type DenialGoal, type DenialResult } from "./denial";

interface Nsec {
  owner: string;
  next: string;
  types: number[];
}

function asNsec(rr: ResourceRecord): Nsec | null {
  return rr.data.kind === "NSEC" ? { owner: rr.name, next: rr.data.nextName, types: rr.data.types } : null;
}

/** owner < name < next in canonical order, or past the last owner when next wraps to the apex. */
export function nsecCovers(owner: string, next: string, name: string): boolean {
  const afterOwner = compareCanonical(owner, name) < 0;
  const wraps = compareCanonical(next, owner) <= 0;
  return wraps ? afterOwner || compareCanonical(name, next) < 0 : afterOwner && compareCanonical(name, next) < 0;
}

/** Longest common ancestor of two names. */
function commonAncestor(a: string, b: string): string {
  let n = Math.min(labelCount(a), labelCount(b));
  while (n > 0 && !namesEqual(ancestorWithLabels(a, n), ancestorWithLabels(b, n))) n--;
  return ancestorWithLabels(a, n);
}

/**
 * The closest encloser a covering NSEC implies: the longer common ancestor of the name with the
 * NSEC owner or its next name (everything between them is empty).
 */
function impliedClosestEncloser(nsec: Nsec, name: string): string {
  const a = commonAncestor(name, nsec.owner);
  const b = commonAncestor(name, nsec.next);
  return labelCount(a) >= labelCount(b) ? a : b;
}

/** A covering NSEC at a cut or DNAME above the name proves nothing about names below it. */
function coverIsUsable(nsec: Nsec, name: string): boolean {
  if (!isSubdomainOf(name, nsec.owner) || namesEqual(name, nsec.owner)) return true;
  return !isDelegation(nsec.types) && !nsec.types.includes(RRType.DNAME);
}

function findCover(nsecs: Nsec[], name: string): Nsec | undefined {
  return nsecs.find((n) => !namesEqual(n.owner, name) && nsecCovers(n.owner, n.next, name) && coverIsUsable(n, name));
}

function findMatch(nsecs: Nsec[], name: string): Nsec | undefined {
  return nsecs.find((n) => namesEqual(n.owner, name));
}

export function proveWithNsec(goal: DenialGoal, records: ResourceRecord[]): DenialResult {
  const nsecs = records.map(asNsec).filter((n): n is Nsec => n !== null);
  if (nsecs.length === 0) return failed({ reason: "nsec-none" });
  switch (goal.kind) {
    case "nxdomain":
      return proveNameError(nsecs, goal.qname);
    case "nodata":
      return proveNoData(nsecs, goal.qname, goal.qtype);
    case "wildcard-answer": {
      const cover = findCover(nsecs, goal.qname);
      if (!cover) return failed({ reason: "nsec-wildcard-name-uncovered", name: goal.qname });
      const ce = impliedClosestEncloser(cover, goal.qname);
      if (!namesEqual(ce, goal.closestEncloser)) {
        return failed({ reason: "nsec-wildcard-encloser", owner: cover.owner, next: cover.next, encloser: ce, parent: goal.closestEncloser });
      }
      return proven({ reason: "nsec-wildcard-proven", owner: cover.owner, next: cover.next, name: goal.qname }, { wildcard: true });
    }
  }
}

function proveNameError(nsecs: Nsec[], qname: string): DenialResult {
  if (findMatch(nsecs, qname)) return failed({ reason: "nsec-name-exists", name: qname });
  const cover = findCover(nsecs, qname);
  if (!cover) return failed({ reason: "nsec-no-cover", name: qname });
  const ce = impliedClosestEncloser(cover, qname);
  // The next name lies below qname: qname is an empty non-terminal, so it exists (RFC 8020 §2).
  if (namesEqual(ce, qname)) return failed({ reason: "nsec-empty-non-terminal", owner: cover.owner, next: cover.next, name: qname });
  const wildcard = joinName("*", ce);
  const wildcardCover = findCover(nsecs, wildcard);
  if (!wildcardCover) return failed({ reason: "nsec-wildcard-uncovered", wildcard });
  return proven({ reason: "nsec-nxdomain-proven", owner: cover.owner, next: cover.next, name: qname, wildcardOwner: wildcardCover.owner, wildcardNext: wildcardCover.next, wildcard });
}

function proveNoData(nsecs: Nsec[], qname: string, qtype: number): DenialResult {
  const match = findMatch(nsecs, qname);
  if (match) {
    const objection = bitmapDeniesType(match.types, qtype);
    if (objection) return failed({ reason: "nsec-bitmap", name: qname, bitmap: objection });
    const insecureDelegation = qtype === RRType.DS && isDelegation(match.types);
    return proven({ reason: "nsec-nodata-proven", name: qname, count: match.types.length }, { insecureDelegation });
  }
  const cover = findCover(nsecs, qname);
  if (!cover) return failed({ reason: "nsec-no-match-or-cover", name: qname });
  // An empty non-terminal: the next name lies below the queried name (RFC 4035 §3.1.3.2 via the chain order).
  if (isSubdomainOf(cover.next, qname)) {
    return proven({ reason: "nsec-ent-proven", name: qname, owner: cover.owner, next: cover.next });
  }
  const ce = impliedClosestEncloser(cover, qname);
  const wildcard = joinName("*", ce);
  const wildcardMatch = findMatch(nsecs, wildcard);
  if (!wildcardMatch) return failed({ reason: "nsec-wildcard-no-match", name: qname, wildcard });
  const objection = bitmapDeniesType(wildcardMatch.types, qtype);
  if (objection) return failed({ reason: "nsec-bitmap", name: wildcard, bitmap: objection });
  return proven({ reason: "nsec-wildcard-nodata-proven", owner: cover.owner, next: cover.next, name: qname, wildcard }, { wildcard: true });
}
