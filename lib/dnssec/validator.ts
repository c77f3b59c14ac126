// The chain-of-trust validator (RFC 4035 §5): from a trust anchor down through DS and DNSKEY to the
// RRset asked for, with authenticated denial, CNAME/DNAME links and insecure delegations. It asks
// its questions through a DnsTransport and never trusts the upstream AD bit; every outcome,
// Bogus included, is a value. Per-zone results are cached for the validator's lifetime (one run).
import { ancestorWithLabels, isSubdomainOf, labelCount, namesEqual, normalizeName, parentName, replaceSuffix } from "../dns/name";
import { rrTypeName } from "../dns/rdata";
import { DnsTransportError, Rcode, RRType, type DnsExchange, type DnsMessage, type DnsTransport, type DnsTransportFailure, type ResourceRecord } from "../dns/types";
import { uniqueFindings, type ParamRecord } from "../report/findings";
import type { Message } from "../report/i18n/types";
import { DNSSEC_RANK } from "../report/status";
import { DnssecCode } from "../report/findings/dnssec";
import type { TrustAnchor } from "./anchors";
import { denialNote, denialParams, type DenialGoal, type DenialResult } from "./denial";
import { proveWithNsec } from "./nsec";
import { DEFAULT_NSEC3_MAX_ITERATIONS, proveWithNsec3 } from "./nsec3";
import {
  dsPresentation,
  makeReason,
  rrsetLabel,
  type SignatureEvidence,
  type ValidationReason,
  type ValidationStatus,
  type ZoneEvidence,
} from "./reasons";
import { authenticatedTtl, verifyRrset, withAuthenticatedTtl, type RrsetVerdict } from "./rrsig";
import { classifySignatures, signatureReason } from "./signature-classes";
import { authenticateZoneKeys, unsupportedDsReason, type ZoneKeysOutcome } from "./zonekeys";

export type { DnskeyEvidence, SignatureEvidence, ValidationReason, ValidationStatus, ZoneEvidence } from "./reasons";
export type { SignatureClass, SignatureFinding } from "./signature-classes";

export interface ValidatorLimits {
  /** Names examined below the trust anchor on the way to one answer (bounds queries per name). */
  maxChainLength: number;
  /** CNAME/DNAME links followed from the name asked for. */
  maxCnameChain: number;
  /** RFC 9276: NSEC3 proofs with more iterations make the answer Insecure (EDE 27). */
  nsec3MaxIterations: number;
}

export const DEFAULT_LIMITS: ValidatorLimits = { maxChainLength: 24, maxCnameChain: 8, nsec3MaxIterations: DEFAULT_NSEC3_MAX_ITERATIONS };

export interface ValidatorOptions {
  transport: DnsTransport;
  anchors: TrustAnchor[];
  now: () => Date;
  limits?: Partial<ValidatorLimits>;
  signal?: AbortSignal;
  /** Zone states validated by earlier runs (lib/dnssec/zone-cache.ts); absent: this validator's own cache only. */
  zoneCache?: ZoneStatePort;
}

/**
 * The port through which zone states outlive one validator: `reuse` returns a state an earlier
 * run validated for `name` under `anchor`, still good at the validation time `now`, or null;
 * `offer` hands over a state this validator computed (the port decides what it keeps, how long).
 */
export interface ZoneStatePort {
  reuse(anchor: TrustAnchor, name: string, now: Date): ZoneState | null;
  offer(anchor: TrustAnchor, name: string, state: ZoneState, now: Date): void;
}

/** The trust state after examining a name as a possible zone cut (what the zone cache keeps). */
export type ZoneState = WalkState;

export interface DenialSummary {
  kind: "nxdomain" | "nodata";
  proof: "nsec" | "nsec3";
  optOut: boolean;
}

export interface ValidationResult {
  status: ValidationStatus;
  /** Why the status is not plain Secure (or why it is Insecure); null for a clean Secure answer. */
  reason: ValidationReason | null;
  /** Findings that do not change the status: deprecated algorithm or digest, weak key. */
  warnings: ValidationReason[];
  /** RCODE of the last response (after CNAMEs); -1 when no response arrived. */
  rcode: number;
  /** The final RRset, after following CNAME/DNAME links. */
  answer: ResourceRecord[];
  /**
   * The Original TTL (RFC 4034 §3.1.4) of the RRSIG that authenticated the final RRset: the TTL
   * its zone sets, which `answer`'s TTLs (what a cache had left, capped by RFC 4035 §5.3.3) are
   * not. Absent when that RRset was not authenticated.
   */
  signedTtl?: number;
  /** Names followed through CNAME/DNAME, the name asked for first. */
  cnameChain: string[];
  denial: DenialSummary | null;
  /** Zones walked, from the anchor down. */
  chain: ZoneEvidence[];
}

export interface Validator {
  validate(name: string, type: number): Promise<ValidationResult>;
}

/** The trust state reached at a name on the way down. */
type WalkState =
  | {
      status: "secure";
      zone: string;
      keys: ResourceRecord[];
      evidence: ZoneEvidence[];
      warnings: ValidationReason[];
      /** The name was proven not to exist: nothing below it can be a zone. */
      stop: boolean;
      /**
       * Seconds from the validation time the state holds for: the shortest authenticated TTL
       * (RFC 4035 §5.3.3) of the DNSKEY, DS and denial RRsets it rests on, from the anchor down.
       */
      validFor: number;
    }
  | {
      status: "insecure" | "bogus" | "indeterminate";
      reason: ValidationReason;
      evidence: ZoneEvidence[];
      warnings: ValidationReason[];
      /** RCODE of the response that ended the walk, when a response did. */
      rcode?: number;
      /** As for a secure state, when validated records prove this one (an insecure delegation); absent otherwise. */
      validFor?: number;
    };

type Terminal = Exclude<WalkState, { status: "secure" }>;

/** One link of a CNAME/DNAME chain. */
interface LinkResult {
  status: ValidationStatus;
  reason: ValidationReason | null;
  warnings: ValidationReason[];
  rcode: number;
  answer: ResourceRecord[];
  /** ValidationResult.signedTtl, for this link's answer. */
  signedTtl?: number;
  denial: DenialSummary | null;
  evidence: ZoneEvidence[];
  /** Set when this link is an alias to follow. */
  target: string | null;
}


/** A failed query's NETWORK_FAILURE params: the transport's failure as tokens, or a fault's own text. */
type FailureParams = { problem: string } | TransportParams;
type QueryOutcome = { ok: true; exchange: DnsExchange } | { ok: false; failure: FailureParams };

type TransportParams =
  | { transportProblem: "unanswered"; transportCause: string; servers: string; tries: number; timeoutMs: number; attempts: ParamRecord[] }
  | { transportProblem: "aborted" | "unaskable" }
  | { transportProblem: "budget"; queries: number };

/** lib/dns's DnsTransportFailure as DNSSEC_NETWORK_FAILURE's params (lib/report/i18n words them). */
function transportParams(failure: DnsTransportFailure): TransportParams {
  switch (failure.kind) {
    case "unanswered":
      return {
        transportProblem: "unanswered",
        transportCause: failure.cause,
        servers: failure.servers.join(", "),
        tries: failure.tries,
        timeoutMs: failure.timeoutMs,
        attempts: failure.attempts.map((a) => ({ ...a })),
      };
    case "budget":
      return { transportProblem: "budget", queries: failure.queries };
    default:
      return { transportProblem: failure.kind };
  }
}

function rrsetOf(records: ResourceRecord[], name: string, type: number): ResourceRecord[] {
  return records.filter((r) => r.type === type && namesEqual(r.name, name));
}

function sigsFor(records: ResourceRecord[], name: string, type: number): ResourceRecord[] {
  return records.filter((r) => r.data.kind === "RRSIG" && r.data.typeCovered === type && namesEqual(r.name, name));
}

/** The signer of an RRset's RRSIGs, when they name an ancestor of the owner. */
function signerOf(rrsigs: ResourceRecord[], owner: string): string | null {
  for (const s of rrsigs) {
    if (s.data.kind === "RRSIG" && isSubdomainOf(owner, s.data.signerName)) return normalizeName(s.data.signerName);
  }
  return null;
}

/** Distinct owner/type pairs, in order of appearance. */
function groupRrsets(records: ResourceRecord[]): ResourceRecord[][] {
  const groups = new Map<string, ResourceRecord[]>();
  for (const r of records) {
    const key = `${normalizeName(r.name)}|${r.type}`;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  return [...groups.values()];
}

function mergeEvidence(into: ZoneEvidence[], more: ZoneEvidence[]): ZoneEvidence[] {
  const out = [...into];
  for (const z of more) {
    const existing = out.findIndex((e) => namesEqual(e.zone, z.zone));
    if (existing < 0) out.push(z);
    else {
      const e = out[existing] as ZoneEvidence;
      out[existing] = { ...e, signatures: [...e.signatures, ...z.signatures.filter((s) => !e.signatures.some((t) => sameSig(s, t)))] };
    }
  }
  return out;
}

function sameSig(a: SignatureEvidence, b: SignatureEvidence): boolean {
  return a.covers === b.covers && a.keyTag === b.keyTag && a.inception === b.inception && a.valid === b.valid;
}

function uniqueReasons(reasons: ValidationReason[]): ValidationReason[] {
  return uniqueFindings(reasons);
}

export function createValidator(options: ValidatorOptions): Validator {
  const limits: ValidatorLimits = { ...DEFAULT_LIMITS, ...options.limits };
  // An anchor already normalised (parseTrustAnchors' are) stays the same object: the zone cache
  // keys its states by it (a WeakMap), and a copy per run would rebuild that key every run.
  const anchors = options.anchors.map((a) => {
    const zone = normalizeName(a.zone);
    return zone === a.zone ? a : { ...a, zone };
  });
  const queries = new Map<string, Promise<QueryOutcome>>();
  const states = new Map<string, Promise<WalkState>>();
  /** Names (stateAt's keys) whose state the zone cache handed this validator. */
  const cacheOffered = new Set<string>();
  // One clock reading per validation keeps every signature judged against the same instant.
  let now = options.now();

  function query(name: string, type: number): Promise<QueryOutcome> {
    const key = `${normalizeName(name)}|${type}`;
    let pending = queries.get(key);
    if (!pending) {
      pending = options.transport.query({ name, type, class: 1 }, { signal: options.signal }).then(
        (exchange): QueryOutcome => ({ ok: true, exchange }),
        (error: unknown): QueryOutcome => ({
          ok: false,
          // Anything but a DnsTransportError is a fault in mailsec: its own text, as INTERNAL_ERROR shows one.
          failure: error instanceof DnsTransportError ? transportParams(error.failure) : { problem: error instanceof Error ? error.message : String(error) },
        }),
      );
      queries.set(key, pending);
    }
    return pending;
  }

  /** The transport's failure as tokens (or a fault's text), or a responseProblem token: the catalogue words them. */
  function networkFailure(name: string, type: number, problem: FailureParams | { responseProblem: "rcode"; responseRcode: number }, evidence: ZoneEvidence[]): Terminal {
    return {
      status: "indeterminate",
      reason: makeReason(DnssecCode.NETWORK_FAILURE, { name, type: rrTypeName(type), ...problem }),
      evidence,
      warnings: [],
    };
  }

  /** Usable message or a terminal state for transport errors and SERVFAIL. */
  async function ask(name: string, type: number, evidence: ZoneEvidence[]): Promise<DnsMessage | Terminal> {
    const outcome = await query(name, type);
    if (!outcome.ok) return networkFailure(name, type, outcome.failure, evidence);
    const message = outcome.exchange.message;
    if (message.rcode === Rcode.SERVFAIL) {
      return { status: "indeterminate", reason: makeReason(DnssecCode.SERVFAIL, { name, type: rrTypeName(type) }), evidence, warnings: [], rcode: message.rcode };
    }
    if (message.rcode !== Rcode.NOERROR && message.rcode !== Rcode.NXDOMAIN) {
      return { ...networkFailure(name, type, { responseProblem: "rcode", responseRcode: message.rcode }, evidence), rcode: message.rcode };
    }
    return message;
  }

  /**
   * DS (or an anchor) -> DNSKEY RRset of `zone` -> its self-signature (RFC 4035 §5.2). `dsSigs` is
   * the evidence of the DS RRset's own signature, shown with the child zone.
   */
  async function enterZone(
    zone: string,
    ds: ResourceRecord[],
    anchorKeys: ResourceRecord[],
    dsSigs: SignatureEvidence[],
    above: ZoneEvidence[],
    warnings: ValidationReason[],
    validFor: number,
  ): Promise<WalkState> {
    const unsupported = unsupportedDsReason(zone, ds, anchorKeys);
    let outcome: ZoneKeysOutcome;
    if (unsupported) {
      outcome = authenticateZoneKeys({ zone, ds, anchorKeys, dnskeys: [], rrsigs: [], now, dsSignatures: dsSigs });
    } else {
      const pendingEvidence: ZoneEvidence = { zone, status: "indeterminate", ds: ds.map(dsPresentation), dnskeys: [], signatures: dsSigs };
      const message = await ask(zone, RRType.DNSKEY, [...above, pendingEvidence]);
      if ("status" in message) return message;
      outcome = authenticateZoneKeys({
        zone,
        ds,
        anchorKeys,
        dnskeys: rrsetOf(message.answer, zone, RRType.DNSKEY),
        rrsigs: sigsFor(message.answer, zone, RRType.DNSKEY),
        now,
        dsSignatures: dsSigs,
      });
    }
    const evidence = [...above, outcome.evidence];
    const allWarnings = uniqueReasons([...warnings, ...outcome.warnings]);
    if (outcome.status === "secure") {
      return { status: "secure", zone, keys: outcome.keys, evidence, warnings: allWarnings, stop: false, validFor: Math.min(validFor, outcome.ttl) };
    }
    // An algorithm or digest we cannot check is a fact of the validated DS set; a failure is not kept.
    return { status: outcome.status, reason: outcome.reason, evidence, warnings: allWarnings, ...(outcome.status === "insecure" ? { validFor } : {}) };
  }

  function anchorFor(name: string): TrustAnchor | null {
    let best: TrustAnchor | null = null;
    for (const a of anchors) {
      if (isSubdomainOf(name, a.zone) && (!best || labelCount(a.zone) > labelCount(best.zone))) best = a;
    }
    return best;
  }

  const stateKey = (anchor: TrustAnchor, name: string): string => `${anchor.zone}|${normalizeName(name)}`;

  /**
   * The state after examining `name` as a possible zone cut, walking down from `anchor`.
   * `reusedNow`: what the zone cache answered for these names a moment ago (zoneFor asked it, in
   * the same turn), so it is not asked twice.
   */
  function stateAt(anchor: TrustAnchor, name: string, reusedNow?: ReadonlyMap<string, ZoneState | null>): Promise<WalkState> {
    const key = stateKey(anchor, name);
    let pending = states.get(key);
    if (!pending) {
      const reused = (reusedNow?.has(key) ? reusedNow.get(key) : options.zoneCache?.reuse(anchor, name, now)) ?? null;
      pending = reused
        ? Promise.resolve(reused)
        : namesEqual(name, anchor.zone)
          ? enterZone(anchor.zone, anchor.ds, anchor.dnskeys, [], [], [], Infinity)
          : stateAt(anchor, parentName(name), reusedNow).then((parent) => (parent.status === "secure" && !parent.stop ? descend(parent, name) : parent));
      const port = options.zoneCache;
      if (port && !reused) void pending.then((state) => port.offer(anchor, name, state, now));
      states.set(key, pending);
    }
    return pending;
  }

  /**
   * Secure denial records (NSEC/NSEC3 with valid RRSIGs by `zone`) from a section, or the failure.
   * `question` is what the denial is for (it names the finding when a record is refused).
   */
  function verifiedDenialRecords(
    section: ResourceRecord[],
    zone: string,
    keys: ResourceRecord[],
    sigEvidence: SignatureEvidence[],
    question: { name: string; type: number },
  ): { records: ResourceRecord[]; proof: "nsec" | "nsec3" | null; ttl: number } | { failure: ValidationReason } {
    // A response that followed a CNAME into another zone carries that zone's proofs too: only
    // records of this zone (by owner, and by signer when signed) take part in its proof.
    const signedElsewhere = (r: ResourceRecord): boolean => {
      const signers = sigsFor(section, r.name, r.type).map((s) => (s.data.kind === "RRSIG" ? s.data.signerName : ""));
      return signers.length > 0 && !signers.some((signer) => namesEqual(signer, zone));
    };
    const denial = section.filter((r) => (r.type === RRType.NSEC || r.type === RRType.NSEC3) && isSubdomainOf(r.name, zone) && !signedElsewhere(r));
    let ttl = Infinity;
    for (const rrset of groupRrsets(denial)) {
      const first = rrset[0] as ResourceRecord;
      const verdict = verifyRrset({ rrset, rrsigs: sigsFor(section, first.name, first.type), dnskeys: keys, zone, now });
      sigEvidence.push(...classifySignatures(verdict, first.name, zone, now).evidence);
      if (verdict.status === "unsigned") return { failure: makeReason(DnssecCode.RRSIG_MISSING, { rrset: rrsetLabel(first.name, first.type), zone }) };
      if (verdict.status === "invalid") return { failure: signatureReason(verdict.failed, first.name, zone, now) };
      // CVE-2017-15105: an NSEC/NSEC3 whose RRSIG labels field is below its owner's label count was
      // synthesised from a wildcard, so it can be replayed at any name the wildcard matches: its
      // owner is not a name of the zone and it denies nothing (RFC 4035 §5.3.4, §5.4; Unbound, BIND).
      if (verdict.wildcard) {
        return { failure: makeReason(DnssecCode.DENIAL_WILDCARD_EXPANDED, { name: question.name, type: rrTypeName(question.type), owner: first.name }) };
      }
      // RFC 4034 §4.1.1: the next owner name is the next name of the signer's zone; a span that leaves
      // the zone would let the zone deny names it has no authority over.
      const escapes = rrset.find((r) => r.data.kind === "NSEC" && !isSubdomainOf(r.data.nextName, zone));
      if (escapes?.data.kind === "NSEC") {
        return {
          failure: makeReason(DnssecCode.DENIAL_INVALID, {
            proof: "NSEC",
            kind: question.type === RRType.DS ? "no-DS" : "denial",
            name: question.name,
            type: rrTypeName(question.type),
            ...denialParams({ reason: "nsec-leaves-zone", owner: escapes.name, next: escapes.data.nextName, zone }),
          }),
        };
      }
      ttl = Math.min(ttl, authenticatedTtl(rrset, verdict.by, now));
    }
    const proof = denial.some((r) => r.type === RRType.NSEC3) ? "nsec3" : denial.length ? "nsec" : null;
    return { records: denial, proof, ttl };
  }

  function prove(goal: DenialGoal, records: ResourceRecord[], proof: "nsec" | "nsec3", zone: string): DenialResult {
    return proof === "nsec"
      ? proveWithNsec(goal, records.filter((r) => r.type === RRType.NSEC))
      : proveWithNsec3(goal, records.filter((r) => r.type === RRType.NSEC3), zone, { maxIterations: limits.nsec3MaxIterations });
  }

  /** Is `name` a zone cut below the secure zone `parent`? Asks the parent for DS (RFC 4035 §5.2). */
  async function descend(parent: Extract<WalkState, { status: "secure" }>, name: string): Promise<WalkState> {
    const zone = normalizeName(name);
    const message = await ask(zone, RRType.DS, parent.evidence);
    if ("status" in message) return message;
    const terminal = (status: Terminal["status"], reason: ValidationReason, note?: Message, sigs: SignatureEvidence[] = [], validFor?: number): Terminal => ({
      status,
      reason,
      evidence: [...parent.evidence, { zone, status, ds: [], dnskeys: [], signatures: sigs, reason, ...(note !== undefined ? { note } : {}) }],
      warnings: parent.warnings,
      ...(validFor !== undefined ? { validFor } : {}),
    });
    const ds = rrsetOf(message.answer, zone, RRType.DS);
    if (ds.length > 0 && message.rcode === Rcode.NOERROR) {
      const verdict = verifyRrset({ rrset: ds, rrsigs: sigsFor(message.answer, zone, RRType.DS), dnskeys: parent.keys, zone: parent.zone, now });
      const sigs = classifySignatures(verdict, zone, parent.zone, now).evidence;
      if (verdict.status === "unsigned") return terminal("bogus", makeReason(DnssecCode.RRSIG_MISSING, { rrset: rrsetLabel(zone, RRType.DS), zone: parent.zone }), undefined, sigs);
      if (verdict.status === "invalid") return terminal("bogus", signatureReason(verdict.failed, zone, parent.zone, now), undefined, sigs);
      return enterZone(zone, ds, [], sigs, parent.evidence, parent.warnings, Math.min(parent.validFor, authenticatedTtl(ds, verdict.by, now)));
    }
    // No DS: either no cut here, an alias, a name that does not exist, or an unsigned delegation.
    if (message.rcode === Rcode.NOERROR && rrsetOf(message.answer, zone, RRType.CNAME).length > 0) return parent;
    const sigs: SignatureEvidence[] = [];
    const denial = verifiedDenialRecords(message.authority, parent.zone, parent.keys, sigs, { name: zone, type: RRType.DS });
    if ("failure" in denial) return terminal("bogus", denial.failure, undefined, sigs);
    let kind: "nxdomain" | "nodata" = message.rcode === Rcode.NXDOMAIN ? "nxdomain" : "nodata";
    // What the proof shows holds no longer than its records and the keys that signed them.
    const provenFor = Math.min(parent.validFor, denial.ttl);
    if (!denial.proof) {
      return terminal("bogus", makeReason(DnssecCode.DENIAL_MISSING, { kind: kind === "nxdomain" ? "NXDOMAIN" : "no-data", name: zone, type: "DS" }), undefined, sigs);
    }
    const goal: DenialGoal = kind === "nxdomain" ? { kind, qname: zone } : { kind, qname: zone, qtype: RRType.DS };
    let result = prove(goal, denial.records, denial.proof, parent.zone);
    // Broken servers answer a DS query at an empty non-terminal with NXDOMAIN (RFC 8020 §2 says the
    // name exists) while the NSEC/NSEC3 they send proves NODATA; validators go by the signed proof.
    if (kind === "nxdomain" && result.status === "failed") {
      const nodata = prove({ kind: "nodata", qname: zone, qtype: RRType.DS }, denial.records, denial.proof, parent.zone);
      if (nodata.status === "proven") {
        kind = "nodata";
        result = nodata;
      }
    }
    if (result.status === "iterations-exceeded") {
      return terminal("insecure", makeReason(DnssecCode.NSEC3_ITERATIONS, { zone: parent.zone, iterations: result.iterations, limit: result.limit }), undefined, sigs, provenFor);
    }
    if (result.status === "failed") {
      return terminal("bogus", makeReason(DnssecCode.DENIAL_INVALID, { proof: denial.proof.toUpperCase(), kind: kind === "nxdomain" ? "NXDOMAIN" : "no-DS", name: zone, type: "DS", ...denialParams(result.detail) }), undefined, sigs);
    }
    if (kind === "nxdomain") {
      // RFC 5155 §9.2: under opt-out the name may belong to an unsigned delegation.
      if (result.optOut) return terminal("insecure", makeReason(DnssecCode.NSEC3_OPT_OUT, { name: zone, zone: parent.zone }), undefined, sigs, provenFor);
      return { ...parent, stop: true, validFor: provenFor };
    }
    if (result.insecureDelegation) {
      const reason = makeReason(DnssecCode.INSECURE_DELEGATION, { zone, parent: parent.zone });
      return terminal("insecure", reason, denialNote(result.detail), sigs, provenFor);
    }
    return { ...parent, validFor: provenFor };
  }

  /** The trust state of the zone that should have signed data at `name`. */
  /**
   * `likelyZones`: the name is a signer, so the names above it are probably zone apexes too and
   * their DNSKEY sets can be fetched at once (a wasted NODATA costs less than a round trip).
   */
  async function zoneFor(name: string, likelyZones: boolean): Promise<WalkState> {
    const anchor = anchorFor(name);
    if (!anchor) {
      return { status: "indeterminate", reason: makeReason(DnssecCode.NO_TRUST_ANCHOR, { name }), evidence: [], warnings: [] };
    }
    const depth = labelCount(name) - labelCount(anchor.zone);
    if (depth > limits.maxChainLength) {
      return { status: "indeterminate", reason: makeReason(DnssecCode.CHAIN_TOO_LONG, { name, limit: limits.maxChainLength }), evidence: [], warnings: [] };
    }
    // Independent questions go out together; stateAt then consumes them top-down from the cache.
    // A state an earlier run validated needs neither question.
    const port = options.zoneCache;
    const reusedNow = new Map<string, ZoneState | null>();
    const fromCache = (at: string): boolean => {
      if (!port) return false;
      const key = stateKey(anchor, at);
      // Offered once to this validator: its questions were never needed, and are not now.
      if (cacheOffered.has(key)) return true;
      const reused = port.reuse(anchor, at, now);
      reusedNow.set(key, reused);
      if (reused) cacheOffered.add(key);
      return reused !== null;
    };
    for (let n = labelCount(anchor.zone) + 1; n <= labelCount(name); n++) {
      const ancestor = ancestorWithLabels(name, n);
      if (fromCache(ancestor)) continue;
      void query(ancestor, RRType.DS);
      if (likelyZones) void query(ancestor, RRType.DNSKEY);
    }
    if (!fromCache(anchor.zone)) void query(anchor.zone, RRType.DNSKEY);
    return stateAt(anchor, name, reusedNow);
  }

  function fromTerminal(state: Terminal, rcode: number, answer: ResourceRecord[]): LinkResult {
    return { status: state.status, reason: state.reason, warnings: state.warnings, rcode, answer: state.status === "insecure" ? answer : [], denial: null, evidence: state.evidence, target: null };
  }

  async function validateLink(qname: string, qtype: number): Promise<LinkResult> {
    const message = await ask(qname, qtype, []);
    if ("status" in message) {
      return fromTerminal(message, message.rcode ?? -1, []);
    }
    const rcode = message.rcode;
    // RFC 8482 §7 / RFC 1035 §3.2.3: an ANY answer is every RRset at the name, each validated on its own.
    let rrset = qtype === RRType.ANY ? message.answer.filter((r) => r.type !== RRType.RRSIG && namesEqual(r.name, qname)) : rrsetOf(message.answer, qname, qtype);
    let aliasType: number | null = null;
    // A DNAME above qname comes first: nothing exists below a DNAME (RFC 6672 §2.3), so the CNAME at
    // qname beside it is the unsigned synthesised one, judged against the DNAME below.
    const dname = message.answer.find((r) => r.data.kind === "DNAME" && isSubdomainOf(qname, r.name) && !namesEqual(qname, r.name)) ?? null;
    if (dname) {
      rrset = rrsetOf(message.answer, dname.name, RRType.DNAME);
      aliasType = RRType.DNAME;
    } else if (rrset.length === 0 && qtype !== RRType.CNAME) {
      const cname = rrsetOf(message.answer, qname, RRType.CNAME);
      if (cname.length > 0) {
        rrset = cname;
        aliasType = RRType.CNAME;
      }
    }
    const positive = rrset.length > 0;
    const owner = positive ? (rrset[0] as ResourceRecord).name : qname;
    const rrsigs = positive ? sigsFor(message.answer, owner, (rrset[0] as ResourceRecord).type) : [];
    const negativeSigner = (): string | null => {
      const soa = message.authority.find((r) => r.type === RRType.SOA && isSubdomainOf(qname, r.name));
      const signer = signerOf(message.authority.filter((r) => r.type === RRType.RRSIG && (r.data.kind === "RRSIG" && (r.data.typeCovered === RRType.SOA || r.data.typeCovered === RRType.NSEC || r.data.typeCovered === RRType.NSEC3))), qname);
      return signer ?? (soa ? normalizeName(soa.name) : null);
    };
    // Where an alias points, known before judging it: an insecure alias is still followed.
    const first = rrset[0];
    let target: string | null = null;
    if (aliasType === RRType.CNAME && first?.data.kind === "CNAME") target = first.data.target;
    if (aliasType === RRType.DNAME && first?.data.kind === "DNAME" && dname) {
      // RFC 6672 §2.2: replace the DNAME owner suffix of qname with the DNAME target.
      const substituted = replaceSuffix(qname, dname.name, first.data.target);
      if (substituted === null) {
        const problem = { responseProblem: "dname-too-long", responseOwner: dname.name, responseTarget: first.data.target };
        return { status: "bogus", reason: makeReason(DnssecCode.UNEXPECTED_RESPONSE, { name: qname, type: rrTypeName(qtype), ...problem }), warnings: [], rcode, answer: [], denial: null, evidence: [], target: null };
      }
      target = normalizeName(substituted);
    }
    const signer = positive ? signerOf(rrsigs, owner) : negativeSigner();
    // Unsigned data: walk down to the name itself (not for DS, which lives in the parent).
    const walkTarget = signer ?? (qtype === RRType.DS && labelCount(qname) > 0 ? parentName(qname) : qname);
    const state = await zoneFor(walkTarget, signer !== null);
    if (state.status !== "secure") {
      const link = fromTerminal(state, rcode, positive && !aliasType ? rrset : []);
      return state.status === "insecure" ? { ...link, target } : link;
    }
    const zone = state.zone;
    const answerSigs: SignatureEvidence[] = [];
    const done = (status: ValidationStatus, reason: ValidationReason | null, extra: Partial<LinkResult> = {}): LinkResult => {
      const last = state.evidence[state.evidence.length - 1] as ZoneEvidence;
      const evidence = [...state.evidence.slice(0, -1), { ...last, signatures: [...last.signatures, ...answerSigs] }];
      return { status, reason, warnings: state.warnings, rcode, answer: [], denial: null, evidence, target: null, ...extra };
    };
    if (signer && !namesEqual(signer, zone)) {
      return done("bogus", makeReason(DnssecCode.UNEXPECTED_RESPONSE, { name: qname, type: rrTypeName(qtype), responseProblem: "wrong-zone", responseSigner: signer, responseOwner: owner, responseZone: zone }));
    }

    if (positive && first) {
      const sets = qtype === RRType.ANY && !aliasType ? groupRrsets(rrset) : [rrset];
      const valid: Extract<RrsetVerdict, { status: "valid" }>[] = [];
      for (const set of sets) {
        const head = set[0] as ResourceRecord;
        const each: RrsetVerdict = verifyRrset({ rrset: set, rrsigs: sigsFor(message.answer, head.name, head.type), dnskeys: state.keys, zone, now });
        answerSigs.push(...classifySignatures(each, head.name, zone, now).evidence);
        if (each.status === "unsigned") return done("bogus", makeReason(DnssecCode.RRSIG_MISSING, { rrset: rrsetLabel(head.name, head.type), zone }));
        if (each.status === "invalid") return done("bogus", signatureReason(each.failed, head.name, zone, now));
        valid.push(each);
      }
      const verdict = { wildcard: valid.find((v) => v.wildcard)?.wildcard ?? null };
      // RFC 4592 §4.4: a DNAME at a wildcard owner is undefined; validators refuse one synthesised from it.
      if (aliasType === RRType.DNAME && verdict.wildcard) {
        return done("bogus", makeReason(DnssecCode.DNAME_WILDCARD, { name: qname, dname: `${first.name} DNAME ${target ?? ""}` }));
      }
      if (aliasType === RRType.DNAME && first.data.kind === "DNAME" && target) {
        // The synthesised CNAME is unsigned (RFC 6672 §5.3.3): it must say exactly what the DNAME implies.
        const synthesized = rrsetOf(message.answer, qname, RRType.CNAME)[0];
        if (synthesized?.data.kind === "CNAME" && !namesEqual(synthesized.data.target, target)) {
          return done("bogus", makeReason(DnssecCode.DNAME_MISMATCH, { name: qname, target: synthesized.data.target, dname: `${first.name} DNAME ${first.data.target}` }));
        }
      }
      if (verdict.wildcard) {
        let denial = verifiedDenialRecords(message.authority, zone, state.keys, answerSigs, { name: qname, type: qtype });
        // A resolver that followed a wildcard CNAME may hand back only the target zone's proofs;
        // asking for the CNAME itself returns the proof that belongs to this link.
        if (aliasType === RRType.CNAME && !("failure" in denial) && !denial.proof) {
          const own = await ask(qname, RRType.CNAME, state.evidence);
          if (!("status" in own)) denial = verifiedDenialRecords(own.authority, zone, state.keys, answerSigs, { name: qname, type: RRType.CNAME });
        }
        if ("failure" in denial) return done("bogus", denial.failure);
        if (!denial.proof) return done("bogus", makeReason(DnssecCode.DENIAL_MISSING, { kind: "wildcard", name: qname, type: rrTypeName(qtype) }));
        const w = verdict.wildcard;
        const result = prove({ kind: "wildcard-answer", qname: first.name, nextCloser: w.nextCloser, closestEncloser: w.closestEncloser }, denial.records, denial.proof, zone);
        if (result.status === "iterations-exceeded") {
          return done("insecure", makeReason(DnssecCode.NSEC3_ITERATIONS, { zone, iterations: result.iterations, limit: result.limit }), { answer: aliasType ? [] : rrset, target });
        }
        if (result.status === "failed") {
          return done("bogus", makeReason(DnssecCode.DENIAL_INVALID, { proof: denial.proof.toUpperCase(), kind: "wildcard", name: qname, type: rrTypeName(qtype), ...denialParams(result.detail) }));
        }
        // RFC 5155 §9.2: a next closer name covered only by an opt-out span may hide an unsigned
        // delegation, so the wildcard answer is Insecure (as Unbound's validator judges it).
        if (result.optOut) return done("insecure", makeReason(DnssecCode.NSEC3_OPT_OUT, { name: qname, zone }), { answer: aliasType ? [] : rrset, target });
      }
      if (aliasType) return done("secure", null, { answer: [], target });
      // Only a secure answer carries its records, with their authenticated TTLs.
      const authenticated: ResourceRecord[] = [];
      let signedTtl = Infinity;
      sets.forEach((set, i) => {
        const by = (valid[i] as (typeof valid)[number]).by;
        authenticated.push(...withAuthenticatedTtl(set, by, now));
        if (by.rrsig.data.kind === "RRSIG") signedTtl = Math.min(signedTtl, by.rrsig.data.originalTtl);
      });
      return done("secure", null, Number.isFinite(signedTtl) ? { answer: authenticated, target, signedTtl } : { answer: authenticated, target });
    }

    // Negative answer: NXDOMAIN or NODATA, proven by NSEC or NSEC3 signed by the zone.
    const kind = rcode === Rcode.NXDOMAIN ? "nxdomain" : "nodata";
    const kindText = kind === "nxdomain" ? "NXDOMAIN" : "no-data";
    // The answer's signer (or SOA) names `zone`, but a cut below it is not ruled out by that: when
    // the denial does not hold in `zone`, the chain decides, by walking down to qname with DS
    // queries. An unsigned delegation proven by its DS denial makes the answer Insecure, not Bogus.
    const unprovable = async (reason: ValidationReason): Promise<LinkResult> => {
      if (qtype !== RRType.DS && !namesEqual(qname, zone) && isSubdomainOf(qname, zone)) {
        const below = await zoneFor(qname, false);
        if (below.status === "insecure") return fromTerminal(below, rcode, []);
      }
      return done("bogus", reason);
    };
    const denial = verifiedDenialRecords(message.authority, zone, state.keys, answerSigs, { name: qname, type: qtype });
    if ("failure" in denial) return done("bogus", denial.failure);
    if (!denial.proof) return unprovable(makeReason(DnssecCode.DENIAL_MISSING, { kind: kindText, name: qname, type: rrTypeName(qtype) }));
    const goal: DenialGoal = kind === "nxdomain" ? { kind, qname } : { kind, qname, qtype };
    const result = prove(goal, denial.records, denial.proof, zone);
    if (result.status === "iterations-exceeded") {
      return done("insecure", makeReason(DnssecCode.NSEC3_ITERATIONS, { zone, iterations: result.iterations, limit: result.limit }));
    }
    if (result.status === "failed") {
      return unprovable(makeReason(DnssecCode.DENIAL_INVALID, { proof: denial.proof.toUpperCase(), kind: kindText, name: qname, type: rrTypeName(qtype), ...denialParams(result.detail) }));
    }
    const summary: DenialSummary = { kind, proof: denial.proof, optOut: result.optOut };
    // RFC 5155 §9.2: a name error inside an opt-out span may hide an unsigned delegation.
    if (kind === "nxdomain" && result.optOut) {
      return done("insecure", makeReason(DnssecCode.NSEC3_OPT_OUT, { name: qname, zone }), { denial: summary });
    }
    // RFC 5155 §8.6: a DS denied only by an opt-out span leaves the delegation unsigned.
    if (qtype === RRType.DS && result.optOut && result.insecureDelegation) {
      const reason = makeReason(DnssecCode.INSECURE_DELEGATION, { zone: qname, parent: zone });
      const insecure = done("insecure", reason, { denial: summary });
      insecure.evidence.push({ zone: normalizeName(qname), status: "insecure", ds: [], dnskeys: [], signatures: [], reason, note: denialNote(result.detail) });
      return insecure;
    }
    // RFC 5155 §9.2: a NODATA whose next closer name is covered only by an opt-out span (an empty
    // non-terminal left out of the chain, or a wildcard NODATA) is Insecure, as Unbound judges it.
    if (result.optOut) return done("insecure", makeReason(DnssecCode.NSEC3_OPT_OUT, { name: qname, zone }), { denial: summary });
    return done("secure", null, { denial: summary });
  }

  async function validate(name: string, type: number): Promise<ValidationResult> {
    now = options.now();
    const start = normalizeName(name);
    const cnameChain = [start];
    let current = start;
    let status: ValidationStatus = "secure";
    let reason: ValidationReason | null = null;
    let warnings: ValidationReason[] = [];
    let evidence: ZoneEvidence[] = [];
    for (;;) {
      const link = await validateLink(current, type);
      if (DNSSEC_RANK[link.status] > DNSSEC_RANK[status]) {
        status = link.status;
        reason = link.reason;
      } else if (link.status === status && !reason) reason = link.reason;
      warnings = uniqueReasons([...warnings, ...link.warnings]);
      evidence = mergeEvidence(evidence, link.evidence);
      const finish = (extra: Partial<ValidationResult> = {}): ValidationResult => ({
        status,
        reason,
        warnings,
        rcode: link.rcode,
        answer: link.answer,
        ...(link.signedTtl !== undefined ? { signedTtl: link.signedTtl } : {}),
        cnameChain,
        denial: link.denial,
        chain: evidence,
        ...extra,
      });
      if (!link.target || link.status === "bogus" || link.status === "indeterminate") return finish();
      const target = normalizeName(link.target);
      if (cnameChain.some((n) => namesEqual(n, target))) {
        return finish({ status: "bogus", reason: makeReason(DnssecCode.CNAME_LOOP, { name: start, target }), answer: [] });
      }
      if (cnameChain.length > limits.maxCnameChain) {
        return finish({ status: "bogus", reason: makeReason(DnssecCode.CNAME_CHAIN_TOO_LONG, { name: start, limit: limits.maxCnameChain }), answer: [] });
      }
      cnameChain.push(target);
      current = target;
    }
  }

  return { validate };
}
