// What the three tests need from the world, as ports: a validating lookup, an SMTP probe and a
// clock. lib/checks/wiring.ts builds them from the real resolver, validator and SMTP client; the
// tests below never see sockets or the validator's internals, only these values.
import type { ResourceRecord } from "../dns/types";
import type { Finding } from "../report/findings";
import type { Detail, DnssecStatus } from "../report/schema";
import type { TrustChainZone } from "../report/trust-chain";
import type { PolicyFetch } from "../policies/mta-sts";
import type { SmtpProbeOptions, SmtpProbeResult } from "../smtp/types";

/** The chain-of-trust evidence for one zone, as detail lines (message keys and records). */
export interface ZoneReport {
  zone: string;
  status: DnssecStatus;
  /** One line a fact: DS at the parent, DNSKEYs, RRSIGs checked, denial proofs. */
  lines: Detail[];
  /** Signatures in this zone that are a cause of a failure: no other signature carried their RRset. */
  invalidSignatures: number;
  /**
   * Finding codes of the zone's signatures that are not valid (lib/dnssec/signature-classes.ts):
   * warnings when another signature carried the RRset (RFC 6840 §5.11), errors when none did.
   */
  signatureFindings: Finding[];
  /** The same zone as picture data (the result document's trustChain). */
  chain?: TrustChainZone;
}

export interface Lookup {
  name: string;
  type: number;
  status: DnssecStatus;
  /** Why the status is what it is, as a finding (its EDE is in the spec); null for a plain secure answer. */
  reason: Finding | null;
  rcode: number;
  /** Records of the queried type at the end of any CNAME chain. */
  answer: ResourceRecord[];
  /** The Original TTL of the RRSIG that authenticated `answer` (lib/dnssec ValidationResult.signedTtl); absent when unsigned. */
  signedTtl?: number;
  /** Names traversed through CNAMEs, the queried name first; [name] when there was no alias. */
  cnameChain: string[];
  /** Presentation-form records of the answer (and CNAMEs), for "Additional details". */
  records: string[];
  /** How non-existence was proven, when it was. */
  denial: { kind: "nxdomain" | "nodata"; proof: "nsec" | "nsec3"; optOut: boolean } | null;
  zones: ZoneReport[];
  /** Remarks that do not change the status (a deprecated algorithm or digest, RFC 8624). */
  warnings: Finding[];
  /** No resolver answered at all: that is operational, not a DNSSEC verdict (the reason says what happened). */
  unanswered: boolean;
}

export interface CheckPorts {
  lookup(name: string, type: number, signal: AbortSignal): Promise<Lookup>;
  /**
   * The answer records as the resolver sent them, before validation, sharing the query `lookup`
   * sends for the same question. Only for starting the lookups that follow from an answer early:
   * it may be forged, so nothing is reported or concluded from it. [] when no answer came.
   */
  peek(name: string, type: number): Promise<ResourceRecord[]>;
  probe(options: SmtpProbeOptions): Promise<SmtpProbeResult>;
  /**
   * The recipient check's session reuse: after this, the run's next conversation without an
   * envelope that gets through EHLO over TLS is held (one in all), and a probe with an envelope
   * for that address and name goes on in it instead of connecting again. Absent: never held.
   */
  holdSessionForRecipient?(): void;
  /** QUITs and closes a session still held (the recipient check chose another address, or ended). */
  releaseHeldSessions?(): Promise<void>;
  now(): Date;
  smtpPort: number;
  allowPrivate: boolean;
  /**
   * Fetches the MTA-STS policy of a domain from the given addresses of mta-sts.<domain>
   * (lib/https/mta-sts-fetch.ts, through the guard); absent, no policy is fetched.
   */
  fetchPolicy?: (domain: string, addresses: string[], signal: AbortSignal) => Promise<PolicyFetch>;
  /** WebPKI roots as PEM for the policy checks: the system's plus --ca-file; node:tls's when absent. */
  roots?: readonly string[];
}
