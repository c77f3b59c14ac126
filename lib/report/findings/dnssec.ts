// Findings of the DNSSEC validator (lib/dnssec). The validator picks one of these codes as the
// reason of a result and fills the message parameters; the texts here are the only place they live.
// EDE numbers are RFC 8914 §4 INFO-CODEs.
// The English texts live in lib/report/i18n/en/findings.ts; this file holds what no language changes:
// the code, its severity, its typed parameters and the RFC rules behind it.
import { z } from "zod";
import { list, num, str, type FindingSpec } from "./types";

/** The codes lib/dnssec may return; report must not import dnssec, so they are defined here. */
export const DnssecCode = {
  RRSIG_EXPIRED: "DNSSEC_RRSIG_EXPIRED",
  RRSIG_NOT_YET_VALID: "DNSSEC_RRSIG_NOT_YET_VALID",
  RRSIG_BAD_SIGNATURE: "DNSSEC_RRSIG_BAD_SIGNATURE",
  RRSIG_MISSING: "DNSSEC_RRSIG_MISSING",
  RRSIG_MALFORMED: "DNSSEC_RRSIG_MALFORMED",
  NO_MATCHING_KEY: "DNSSEC_NO_MATCHING_KEY",
  DNSKEY_MISSING: "DNSSEC_DNSKEY_MISSING",
  DS_MISMATCH: "DNSSEC_DS_MISMATCH",
  DENIAL_MISSING: "DNSSEC_DENIAL_MISSING",
  DENIAL_INVALID: "DNSSEC_DENIAL_INVALID",
  UNSUPPORTED_ALGORITHM: "DNSSEC_UNSUPPORTED_ALGORITHM",
  UNSUPPORTED_DIGEST: "DNSSEC_UNSUPPORTED_DIGEST",
  DEPRECATED_ALGORITHM: "DNSSEC_DEPRECATED_ALGORITHM",
  DEPRECATED_DIGEST: "DNSSEC_DEPRECATED_DIGEST",
  WEAK_KEY: "DNSSEC_WEAK_KEY",
  NSEC3_ITERATIONS: "DNSSEC_NSEC3_ITERATIONS",
  INSECURE_DELEGATION: "DNSSEC_INSECURE_DELEGATION",
  NSEC3_OPT_OUT: "DNSSEC_NSEC3_OPT_OUT",
  NO_TRUST_ANCHOR: "DNSSEC_NO_TRUST_ANCHOR",
  CNAME_LOOP: "DNSSEC_CNAME_LOOP",
  CNAME_CHAIN_TOO_LONG: "DNSSEC_CNAME_CHAIN_TOO_LONG",
  DNAME_MISMATCH: "DNSSEC_DNAME_MISMATCH",
  CHAIN_TOO_LONG: "DNSSEC_CHAIN_TOO_LONG",
  SERVFAIL: "DNSSEC_SERVFAIL",
  NETWORK_FAILURE: "DNSSEC_NETWORK_FAILURE",
  UNEXPECTED_RESPONSE: "DNSSEC_UNEXPECTED_RESPONSE",
  // H1: a signature that fails beside one that carries the RRset (RFC 4035 §5.3.3, RFC 6840 §5.11).
  EXTRA_RRSIG_EXPIRED: "DNSSEC_EXTRA_RRSIG_EXPIRED",
  EXTRA_RRSIG_NOT_YET_VALID: "DNSSEC_EXTRA_RRSIG_NOT_YET_VALID",
  EXTRA_RRSIG_BAD_SIGNATURE: "DNSSEC_EXTRA_RRSIG_BAD_SIGNATURE",
  EXTRA_RRSIG_NO_KEY: "DNSSEC_EXTRA_RRSIG_NO_KEY",
  EXTRA_RRSIG_MALFORMED: "DNSSEC_EXTRA_RRSIG_MALFORMED",
  EXTRA_RRSIG_UNSUPPORTED_ALGORITHM: "DNSSEC_EXTRA_RRSIG_UNSUPPORTED_ALGORITHM",
  RRSIG_NOT_CHECKED: "DNSSEC_RRSIG_NOT_CHECKED",
  // H1: denial proofs an attacker cannot forge (issue 9 §4).
  DENIAL_WILDCARD_EXPANDED: "DNSSEC_DENIAL_WILDCARD_EXPANDED",
  DNAME_WILDCARD: "DNSSEC_DNAME_WILDCARD",
} as const;
export type DnssecCode = (typeof DnssecCode)[keyof typeof DnssecCode];

/** lib/dnssec DenialDetail as params (denialParams): render.ts words {problem} from them; runs stored before carry {problem}. */
const denialShape = {
  denial: str.optional(),
  denialName: str.optional(),
  denialOwner: str.optional(),
  denialNext: str.optional(),
  denialEncloser: str.optional(),
  denialParent: str.optional(),
  denialWildcard: str.optional(),
  denialWildcardOwner: str.optional(),
  denialWildcardNext: str.optional(),
  denialCount: num.optional(),
  denialZone: str.optional(),
  denialIterations: num.optional(),
  denialLimit: num.optional(),
  denialBitmap: str.optional(),
};

/** A response the validator cannot use, as a token (validator.ts): render.ts words {problem} from it. */
const responseShape = {
  responseProblem: str.optional(),
  responseRcode: num.optional(),
  responseOwner: str.optional(),
  responseTarget: str.optional(),
  responseSigner: str.optional(),
  responseZone: str.optional(),
};

/**
 * One try of a failed query (lib/dns DnsAttempt): the server, the transport and what it met, with
 * a malformed response's WireProblem flattened into it (`wire` is its kind). Flat, so each entry is
 * one text (render.ts LISTS); lib/report cannot import lib/dns, so the tokens are named here.
 */
const attemptShape = z.object({
  server: str,
  transport: z.enum(["udp", "tcp"]),
  times: num,
  problem: z.enum(["timeout", "network", "closed", "oversize", "mismatch", "malformed", "rcode"]),
  ms: num.optional(),
  errno: str.optional(),
  received: num.optional(),
  expected: num.optional(),
  size: num.optional(),
  limit: num.optional(),
  mismatch: z.enum(["id", "not-response", "opcode", "question-count", "question-name", "question-type", "question-class"]).optional(),
  got: str.optional(),
  asked: str.optional(),
  rcode: num.optional(),
  // The WireProblem: its kind, where it was found (part, section, index, type, field) and its numbers.
  wire: str.optional(),
  offset: num.optional(),
  part: z.enum(["header", "question", "owner", "rdata", "options", "bitmap", "message"]).optional(),
  section: z.enum(["question", "answer", "authority", "additional"]).optional(),
  index: num.optional(),
  rrType: str.optional(),
  field: str.optional(),
  need: num.optional(),
  have: num.optional(),
  questions: num.optional(),
  records: num.optional(),
  rdlength: num.optional(),
  extra: num.optional(),
  end: num.optional(),
  at: num.optional(),
  target: num.optional(),
  labelType: num.optional(),
  owner: str.optional(),
  count: num.optional(),
  window: num.optional(),
  previous: num.optional(),
  length: num.optional(),
});

/** Why a query got no usable answer (lib/dns DnsTransportFailure): render.ts words {problem} from it. */
const transportShape = {
  transportProblem: z.enum(["unanswered", "aborted", "budget", "unaskable"]).optional(),
  transportCause: z.enum(["timeout", "malformed", "network", "oversize"]).optional(),
  servers: str.optional(),
  tries: num.optional(),
  timeoutMs: num.optional(),
  queries: num.optional(),
  attempts: list(attemptShape).optional(),
};

export const dnssecFindings = {
  DNSSEC_RRSIG_EXPIRED: { severity: "error", params: z.object({ rrset: str, keyTag: num, expiration: str, now: str }), references: [{rfc: 4035, section: "5.3.1"}, {rfc: 4034, section: "3.1.5"}], ede: 7 },
  DNSSEC_RRSIG_NOT_YET_VALID: { severity: "error", params: z.object({ rrset: str, keyTag: num, inception: str, now: str }), references: [{rfc: 4035, section: "5.3.1"}, {rfc: 4034, section: "3.1.5"}], ede: 8 },
  DNSSEC_RRSIG_BAD_SIGNATURE: { severity: "error", params: z.object({ rrset: str, keyTag: num }), references: [{rfc: 4035, section: "5.3.1"}, {rfc: 4034, section: "3.1.8.1"}], ede: 6 },
  DNSSEC_RRSIG_MISSING: { severity: "error", params: z.object({ rrset: str, zone: str }), references: [{rfc: 4035, section: "5.3"}, {rfc: 4035, section: "2.2"}], ede: 10 },
  DNSSEC_RRSIG_MALFORMED: { severity: "error", params: z.object({ rrset: str, keyTag: num, problem: str }), references: [{rfc: 4035, section: "5.3.1"}], ede: 6 },
  DNSSEC_NO_MATCHING_KEY: { severity: "error", params: z.object({ rrset: str, keyTag: num, algorithm: str, zone: str }), references: [{rfc: 4035, section: "5.3.1"}, {rfc: 4034, section: "2.1.1"}], ede: 9 },
  DNSSEC_DNSKEY_MISSING: { severity: "error", params: z.object({ zone: str, problem: str.optional(), dnskeyProblem: str.optional() }), references: [{rfc: 4035, section: "5.2"}], ede: 9 },
  DNSSEC_DS_MISMATCH: { severity: "error", params: z.object({ zone: str, ds: str }), references: [{rfc: 4035, section: "5.2"}, {rfc: 4034, section: "5.2"}], ede: 9 },
  DNSSEC_DENIAL_MISSING: { severity: "error", params: z.object({ kind: str, name: str, type: str }), references: [{rfc: 4035, section: "3.1.3"}, {rfc: 4035, section: "5.4"}], ede: 12 },
  DNSSEC_DENIAL_INVALID: { severity: "error", params: z.object({ proof: str, kind: str, name: str, type: str, problem: str.optional(), ...denialShape }), references: [{rfc: 4035, section: "5.4"}, {rfc: 5155, section: "8"}, {rfc: 6840, section: "4.1"}], ede: 6 },
  DNSSEC_UNSUPPORTED_ALGORITHM: { severity: "warning", params: z.object({ zone: str, algorithm: str }), references: [{rfc: 6840, section: "5.2"}, {rfc: 4035, section: "5.2"}, {rfc: 8624, section: "3.1"}], ede: 1 },
  DNSSEC_UNSUPPORTED_DIGEST: { severity: "warning", params: z.object({ zone: str, digest: str }), references: [{rfc: 6840, section: "5.2"}, {rfc: 8624, section: "3.3"}], ede: 2 },
  DNSSEC_DEPRECATED_ALGORITHM: { severity: "warning", params: z.object({ zone: str, algorithm: str }), references: [{rfc: 8624, section: "3.1"}] },
  DNSSEC_DEPRECATED_DIGEST: { severity: "warning", params: z.object({ ds: str, zone: str }), references: [{rfc: 8624, section: "3.3"}] },
  DNSSEC_WEAK_KEY: { severity: "warning", params: z.object({ keyTag: num, zone: str, bits: num }), references: [{rfc: 8624, section: "3.1"}] },
  DNSSEC_NSEC3_ITERATIONS: { severity: "warning", params: z.object({ zone: str, iterations: num, limit: num }), references: [{rfc: 9276, section: "3.1"}, {rfc: 9276, section: "3.2"}], ede: 27 },
  DNSSEC_INSECURE_DELEGATION: { severity: "info", params: z.object({ zone: str, parent: str }), references: [{rfc: 4035, section: "5.2"}, {rfc: 7672, section: "2.2"}] },
  DNSSEC_NSEC3_OPT_OUT: { severity: "info", params: z.object({ name: str, zone: str }), references: [{rfc: 5155, section: "6"}, {rfc: 5155, section: "9.2"}] },
  DNSSEC_NO_TRUST_ANCHOR: { severity: "error", params: z.object({ name: str }), references: [{rfc: 4035, section: "4.3"}] },
  DNSSEC_CNAME_LOOP: { severity: "error", params: z.object({ name: str, target: str }), references: [{rfc: 1034, section: "3.6.2"}] },
  DNSSEC_CNAME_CHAIN_TOO_LONG: { severity: "error", params: z.object({ name: str, limit: num }), references: [{rfc: 1034, section: "3.6.2"}] },
  DNSSEC_DNAME_MISMATCH: { severity: "error", params: z.object({ name: str, target: str, dname: str }), references: [{rfc: 6672, section: "3.3"}, {rfc: 6672, section: "5.3.3"}], ede: 6 },
  DNSSEC_CHAIN_TOO_LONG: { severity: "error", params: z.object({ name: str, limit: num }), references: [] },
  DNSSEC_SERVFAIL: { severity: "error", params: z.object({ name: str, type: str }), references: [{rfc: 1035, section: "4.1.1"}], ede: 22 },
  DNSSEC_NETWORK_FAILURE: { severity: "error", params: z.object({ name: str, type: str, problem: str.optional(), ...responseShape, ...transportShape }), references: [{rfc: 4035, section: "4.3"}], ede: 23 },
  DNSSEC_UNEXPECTED_RESPONSE: { severity: "error", params: z.object({ name: str, type: str, problem: str.optional(), ...responseShape }), references: [{rfc: 4035, section: "5"}], ede: 6 },
  // H1: signatures ignored because another one authenticates the RRset (RFC 4035 §5.3.3, RFC 6840 §5.11).
  DNSSEC_EXTRA_RRSIG_EXPIRED: { severity: "warning", params: z.object({ rrset: str, keyTag: num, expiration: str, now: str }), references: [{rfc: 6840, section: "5.11"}, {rfc: 4035, section: "5.3.1"}, {rfc: 4034, section: "3.1.5"}] },
  DNSSEC_EXTRA_RRSIG_NOT_YET_VALID: { severity: "warning", params: z.object({ rrset: str, keyTag: num, inception: str, now: str }), references: [{rfc: 6840, section: "5.11"}, {rfc: 4035, section: "5.3.1"}, {rfc: 4034, section: "3.1.5"}] },
  DNSSEC_EXTRA_RRSIG_BAD_SIGNATURE: { severity: "warning", params: z.object({ rrset: str, keyTag: num }), references: [{rfc: 6840, section: "5.11"}, {rfc: 4035, section: "5.3.3"}] },
  DNSSEC_EXTRA_RRSIG_NO_KEY: { severity: "warning", params: z.object({ rrset: str, keyTag: num, algorithm: str, zone: str }), references: [{rfc: 6840, section: "5.11"}, {rfc: 4035, section: "5.3.1"}] },
  DNSSEC_EXTRA_RRSIG_MALFORMED: { severity: "warning", params: z.object({ rrset: str, keyTag: num, problem: str }), references: [{rfc: 6840, section: "5.11"}, {rfc: 4035, section: "5.3.1"}] },
  DNSSEC_EXTRA_RRSIG_UNSUPPORTED_ALGORITHM: { severity: "info", params: z.object({ rrset: str, keyTag: num, algorithm: str }), references: [{rfc: 6840, section: "5.11"}, {rfc: 4035, section: "5.2"}] },
  DNSSEC_RRSIG_NOT_CHECKED: { severity: "warning", params: z.object({ rrset: str, keyTag: num, limit: num }), references: [{rfc: 4035, section: "5.3.3"}] },
  // H1: an NSEC/NSEC3 that is itself a wildcard expansion denies nothing (CVE-2017-15105); a DNAME
  // synthesised from a wildcard is undefined (RFC 4592 §4.4) and validators refuse it.
  DNSSEC_DENIAL_WILDCARD_EXPANDED: { severity: "error", params: z.object({ name: str, type: str, owner: str }), references: [{rfc: 4035, section: "5.3.4"}, {rfc: 4035, section: "5.4"}, {rfc: 5155, section: "8.1"}], ede: 6 },
  DNSSEC_DNAME_WILDCARD: { severity: "error", params: z.object({ name: str, dname: str }), references: [{rfc: 4592, section: "4.4"}, {rfc: 6672, section: "3.3"}], ede: 6 },
} as const satisfies Record<string, FindingSpec>;
