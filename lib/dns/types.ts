// The shapes every DNS-speaking layer shares: the wire codec produces them, the zone-file parser
// produces them, the validator, the lab server and the checks consume them.
//
// Names are absolute presentation strings with a trailing dot ("Example.COM."), case kept as
// received, RFC 1035 escapes (`\.`, `\DDD`) for bytes that are not plain; lib/dns/name.ts
// converts between them and wire labels. `rdata` is always the RDATA as it stands on the wire but
// with compressed names expanded (case kept), so signed data can be built from bytes, never
// re-encoded from decoded strings (docs/PITFALLS: dns-packet does not round-trip every name).
import type { WireProblem, WireProblemKind } from "./errors";

export const RRClass = { IN: 1, CH: 3, ANY: 255 } as const;

/** IANA RR type codes that mailsec knows by name. Unknown types stay numeric ("TYPE65534"). */
export const RRType = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  DNAME: 39,
  OPT: 41,
  DS: 43,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
  NSEC3: 50,
  NSEC3PARAM: 51,
  TLSA: 52,
  CDS: 59,
  CDNSKEY: 60,
  ANY: 255,
} as const;
export type RRTypeName = keyof typeof RRType;

export const Rcode = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5, YXDOMAIN: 6 } as const;

/** Decoded RDATA for the types mailsec reasons about; anything else is `{ kind: "unknown" }`. */
export type RecordData =
  | { kind: "A"; address: string }
  | { kind: "AAAA"; address: string }
  | { kind: "NS"; target: string }
  | { kind: "CNAME"; target: string }
  | { kind: "DNAME"; target: string }
  | { kind: "PTR"; target: string }
  | { kind: "MX"; preference: number; exchange: string }
  | { kind: "TXT"; strings: Uint8Array[] }
  | {
      kind: "SOA";
      mname: string;
      rname: string;
      serial: number;
      refresh: number;
      retry: number;
      expire: number;
      minimum: number;
    }
  | { kind: "DS"; keyTag: number; algorithm: number; digestType: number; digest: Uint8Array }
  | { kind: "DNSKEY"; flags: number; protocol: number; algorithm: number; publicKey: Uint8Array }
  | {
      kind: "RRSIG";
      typeCovered: number;
      algorithm: number;
      labels: number;
      originalTtl: number;
      /** uint32 seconds since the epoch, compared with serial arithmetic (RFC 4034 §3.1.5). */
      expiration: number;
      inception: number;
      keyTag: number;
      signerName: string;
      signature: Uint8Array;
    }
  | { kind: "NSEC"; nextName: string; types: number[] }
  | {
      kind: "NSEC3";
      hashAlgorithm: number;
      flags: number;
      iterations: number;
      salt: Uint8Array;
      /** Raw hash bytes of the next owner (not base32hex). */
      nextHashed: Uint8Array;
      types: number[];
    }
  | { kind: "NSEC3PARAM"; hashAlgorithm: number; flags: number; iterations: number; salt: Uint8Array }
  | { kind: "TLSA"; usage: number; selector: number; matchingType: number; data: Uint8Array }
  | { kind: "unknown" };

export interface ResourceRecord {
  /** Owner name, absolute, case as received. */
  name: string;
  type: number;
  class: number;
  ttl: number;
  /** RDATA bytes, compressed names expanded, case kept. */
  rdata: Uint8Array;
  data: RecordData;
}

export interface Question {
  name: string;
  type: number;
  class: number;
}

export interface DnsHeaderFlags {
  qr: boolean;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  ad: boolean;
  cd: boolean;
}

export interface EdnsInfo {
  udpPayloadSize: number;
  /** The DO bit of the OPT record. */
  dnssecOk: boolean;
  /** Full 12-bit RCODE (header RCODE merged with the OPT extended RCODE). */
  extendedRcode: number;
  version: number;
}

export interface DnsMessage {
  id: number;
  opcode: number;
  rcode: number;
  flags: DnsHeaderFlags;
  question: Question[];
  answer: ResourceRecord[];
  authority: ResourceRecord[];
  /** Additional section without the OPT pseudo-record (that is `edns`). */
  additional: ResourceRecord[];
  edns: EdnsInfo | null;
}

/** One answered query, with where and how it was answered (the UI shows this as evidence). */
export interface DnsExchange {
  question: Question;
  message: DnsMessage;
  server: string;
  transport: "udp" | "tcp";
  elapsedMs: number;
  /** Size of the response in octets. */
  size: number;
}

export interface QueryOptions {
  /** Aborts the query (and every retry) when the whole run is cancelled or out of time. */
  signal?: AbortSignal | undefined;
}

/**
 * The port through which everything above lib/dns asks questions. A transport failure (no server
 * answered in time, every answer malformed) is thrown as DnsTransportError: that is operational,
 * not a DNSSEC verdict. Any answer that arrives, SERVFAIL included, is returned.
 */
export interface DnsTransport {
  query(question: Question, options?: QueryOptions): Promise<DnsExchange>;
}

/** A response judged unusable while waiting for one (RFC 5452 §9.1): what differed from the query. */
export type DnsMismatch = "id" | "not-response" | "opcode" | "question-count" | "question-name" | "question-type" | "question-class";

/**
 * What one try at one server over one transport ran into, as data (lib/report/i18n words it:
 * key dns.attempt). Flat scalars only, so a list of them is a finding's `attempts` param:
 * - timeout: nothing usable arrived within `ms`;
 * - network: a socket error (`errno`: ECONNREFUSED from an ICMP port unreachable, ...);
 * - closed: the TCP connection closed, `received` of `expected` octets of a message read
 *   (`expected` 0: no message had begun);
 * - oversize: a response of `size` octets beyond the `limit` accepted;
 * - mismatch: a response that does not answer the query (`got` and `asked` as text, "" when
 *   the kind says it all);
 * - malformed: a response the decoder rejects, with its WireProblem flattened (`wire` is its kind);
 * - rcode: an answer with an RCODE that names the resolver's trouble (SERVFAIL, NOTIMP, REFUSED),
 *   so the next resolver was asked.
 * `times` counts identical entries (the same server, transport and problem) merged into one.
 */
export type DnsAttemptProblem =
  | { problem: "timeout"; ms: number }
  | { problem: "network"; errno: string }
  | { problem: "closed"; received: number; expected: number }
  | { problem: "oversize"; size: number; limit: number }
  | { problem: "mismatch"; mismatch: DnsMismatch; got: string; asked: string }
  | MalformedAttempt<WireProblem>
  | { problem: "rcode"; rcode: number };

export type DnsAttempt = { server: string; transport: "udp" | "tcp"; times: number } & DnsAttemptProblem;

/** A WireProblem as an attempt's values, per problem kind: `wire` is the kind, the rest as they were. */
type MalformedAttempt<P> = P extends { kind: infer K extends WireProblemKind } ? { problem: "malformed"; wire: K } & Omit<P, "kind"> : never;

/**
 * Why a query failed, as data:
 * - unanswered: no server gave a usable answer in `tries` tries of `timeoutMs` each; `cause` is
 *   the last try's kind of trouble, `servers` the servers asked, `attempts` what each try met;
 * - aborted: the run was cancelled or ran out of time;
 * - budget: the run's query budget (lib/dns/cache.ts) is spent, so a run cannot loop forever;
 * - unaskable: the name cannot be written as a question (a caller's bug or a hostile name).
 */
export type DnsTransportFailure =
  | { kind: "unanswered"; cause: "timeout" | "malformed" | "network" | "oversize"; servers: string[]; tries: number; timeoutMs: number; attempts: DnsAttempt[] }
  | { kind: "aborted" }
  | { kind: "budget"; queries: number }
  | { kind: "unaskable" };

/** The failure's kind as before the structured failure: an unanswered query by its cause. */
export type DnsTransportErrorKind = "timeout" | "malformed" | "network" | "aborted" | "oversize" | "budget" | "unaskable";

export class DnsTransportError extends Error {
  readonly kind: DnsTransportErrorKind;
  constructor(
    readonly failure: DnsTransportFailure,
    readonly question: Question,
  ) {
    // For a stack trace or a log: the reader's words come from the failure (lib/report/i18n).
    super(`${failure.kind} ${question.name}/${question.type} ${JSON.stringify(failure)}`);
    this.name = "DnsTransportError";
    this.kind = failure.kind === "unanswered" ? failure.cause : failure.kind;
  }
}
