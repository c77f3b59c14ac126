// The shape of a lab scenario. The catalog (catalog.ts) is data in this shape; the zone builder,
// the DNS server, startLab and the integration tests all read it, so every fact about a scenario
// (its DNS, its SMTP servers, what mailsec must conclude) is written exactly once.
import type { NextStep, ReadinessCode, ReadinessStage } from "../report/exchange-readiness-block";
import type { DaneOutcome, DnssecStatus, TlsaStatus, Verdict } from "../report/schema";
import type { RRTypeName } from "../dns/types";
import type { SmtpBehaviour } from "./smtp-server";

/** Which certificate chain an SMTP server presents (lib/lab/pki). */
export type CertProfile =
  | "good"
  | "expired"
  | "not-yet-valid"
  | "wrong-name"
  | "self-signed"
  | "html-subject"
  /** Exchange Online's shared servers (lib/lab/world.ts): wildcard names, fixed in scripts/lab/make-pki.sh. */
  | "exchange-legacy"
  | "exchange-new";

/** What a TLSA record's association data is computed from. */
export type TlsaSubject =
  /** The leaf certificate of that profile. */
  | CertProfile
  | "intermediate"
  | "root"
  /** A key and certificate no server presents (mismatch, rollover "next key"). */
  | "unrelated";

export interface TlsaSpec {
  usage: number;
  selector: number;
  matchingType: number;
  of: TlsaSubject;
}

export type SigningAlgorithm = 7 | 8 | 13 | 14 | 15;

export type DenialSpec =
  | { kind: "nsec" }
  | { kind: "nsec3"; iterations: number; salt: string; optOut: boolean };

/**
 * Which external signer signs a zone, in which operator style (issue 9 §2). The styles differ in
 * what a validator must cope with, above all which keys sign the DNSKEY RRset:
 * ldns-default — ldns-signzone, KSK + ZSK, DNSKEY RRset signed by the KSK only (its "minimal" default);
 * bind-default — dnssec-signzone, KSK + ZSK, DNSKEY RRset signed by BOTH (BIND's default: the
 *   ZSK's RRSIG over the DNSKEY set is made by a key no DS designates);
 * bind-x — dnssec-signzone -x, DNSKEY RRset by the KSK only;
 * csk — dnssec-signzone -z with one combined signing key (flags 257) that signs everything;
 * ldns-nsec3-salt, ldns-nsec3-nosalt, ldns-nsec3-optout — ldns-signzone -n (NSEC3) with a salt,
 *   with none, with every NSEC3 flagged opt-out (-p);
 * bind-nsec3-optout — dnssec-signzone -3 -A: NSEC3 opt-out that leaves insecure delegations out
 *   of the chain (DNSKEY by both keys).
 */
export type SignerStyle =
  | "ldns-default"
  | "bind-default"
  | "bind-x"
  | "csk"
  | "ldns-nsec3-salt"
  | "ldns-nsec3-nosalt"
  | "ldns-nsec3-optout"
  | "bind-nsec3-optout";

export interface SigningSpec {
  algorithm: SigningAlgorithm;
  denial: DenialSpec;
  /** Default: bind-nsec3-optout for NSEC3 opt-out, else ldns-default (lib/lab/signer-sets.ts `signerOf`). */
  signer?: SignerStyle;
}

/**
 * How the parent zone publishes this zone's DS:
 * valid — DS of the zone's KSK (digest SHA-256);
 * none — no DS (insecure delegation, proven by the parent's NSEC/NSEC3);
 * bad-digest — the right key tag and algorithm, one digest byte altered;
 * no-matching-key — the DS of a key that is not in the zone's DNSKEY RRset;
 * unknown-algorithm — DS algorithm 253 (private, no validator implements it) -> Insecure (RFC 6840 §5.2);
 * unknown-digest-type — DS digest type 253 -> Insecure (RFC 6840 §5.2).
 */
export type DsMode = "valid" | "none" | "bad-digest" | "no-matching-key" | "unknown-algorithm" | "unknown-digest-type";

export type SignatureWindow = "expired" | "not-yet-valid";

/** Extra records beyond those generated from the MX hosts. Names are absolute. */
export type RecordSpec =
  | { name: string; type: "A"; address: string }
  | { name: string; type: "AAAA"; address: string }
  | { name: string; type: "TXT"; text: string }
  /** An MX record beside the scenario's own MX hosts (an SPF mx term's target, not a mail route the tests probe). */
  | { name: string; type: "MX"; preference: number; exchange: string }
  | { name: string; type: "CNAME"; target: string }
  | { name: string; type: "DNAME"; target: string }
  | { name: string; type: "TLSA"; tlsa: TlsaSpec };

export interface ZoneSpec {
  /**
   * Absolute origin. The first zone of a scenario holds its domain (the domain itself, or a name
   * below it); its parent is the deepest zone above it in the set: a TLD or provider zone of the
   * lab's world (lib/lab/world.ts), or an earlier zone of the scenario.
   */
  origin: string;
  /** null: served unsigned. */
  signing: SigningSpec | null;
  ds: DsMode;
  records?: RecordSpec[];
  /** RRsets whose RRSIG is replaced by one made with a past or future validity window. */
  signatureOverrides?: { name: string; type: RRTypeName; window: SignatureWindow }[];
  /** Serve the zone WITHOUT its signatures although the parent has a DS (RRSIGs missing). */
  serveUnsigned?: boolean;
  /**
   * Records whose RDATA is replaced AFTER the external signer signed the zone, their RRSIG kept: a
   * forged answer whose signature no longer verifies (what an on-path attacker can send).
   */
  forgedAfterSigning?: { name: string; type: "TLSA"; tlsa: TlsaSpec }[];
}

export interface AddressSpec {
  /**
   * 127.0.1.x, or ::1 (the one IPv6 scenario). Distinct across the whole catalog except ::1 and the
   * shared servers' addresses.
   */
  ip: string;
  /**
   * The address of one of the world's shared servers (lib/lab/world.ts `sharedServers`, e.g. the one
   * behind every `<token>.mail.protection.outlook.com`): the A/AAAA record is published at the host,
   * but no SMTP server of its own starts; `smtp` and `cert` must be the shared server's.
   */
  shared?: boolean;
  smtp: SmtpBehaviour;
  /** Chain presented after STARTTLS; null = no TLS configured. */
  cert: CertProfile | null;
  delayMs?: number;
  /** Text of the 220 greeting after the code (default "<host> ESMTP mailsec lab"). */
  banner?: string;
}

export interface MxHostSpec {
  /** The MX exchange name (absolute). */
  host: string;
  preference: number;
  /** The host name is a CNAME to this name; addresses and TLSA are published at the target. */
  cnameTo?: string;
  /**
   * With cnameTo: the alias is not a CNAME at the host but a DNAME at `owner` (an ancestor of the
   * host) whose target turns the host name into cnameTo; the server synthesises the CNAME (RFC 6672).
   */
  dname?: { owner: string; target: string };
  /** Publish A/AAAA and TLSA at this wildcard owner instead of at the host (synthesised answers). */
  wildcard?: string;
  addresses: AddressSpec[];
  /** Published at _25._tcp.<host or CNAME target> (or at the wildcard); empty = none. */
  tlsa: TlsaSpec[];
  /** With cnameTo: publish the TLSA records at the alias (_25._tcp.<host>) instead of the target (RFC 7672 §2.2.2 fallback). */
  tlsaAtAlias?: boolean;
}

export type MxRecordMode =
  /** MX records from `mx`. */
  | "explicit"
  /** RFC 7505 null MX: "0 .". */
  | "null"
  /** No MX RRset: mail goes to the domain's own A/AAAA (RFC 5321 §5.1); `mx` holds the domain itself. */
  | "implicit";

export type FaultKind =
  | "servfail"
  /** No answer at all: the client times out. */
  | "drop"
  /** TC=1 with empty sections over UDP; the full answer over TCP. */
  | "truncate"
  /** Answer correctly after `delayMs`. */
  | "delay"
  /**
   * A lossy path: the first `drops` copies of the question (any transport) go unanswered, the next
   * is answered, and the cycle starts again, so every run that asks it meets the same loss.
   */
  | "lossy"
  /** Bytes that are not a DNS message (a header claiming records that are not there). */
  | "malformed"
  /** Hostile: the right answer with a different message ID (the client must drop it and time out). */
  | "mismatched-id"
  /** Hostile: a well-formed answer for another question. */
  | "wrong-question"
  /** Hostile: an answer whose owner name is a compression pointer to itself. */
  | "compression-loop"
  /** Hostile: the last record's RDATA cut short (RDLENGTH larger than what follows). */
  | "truncated-record"
  /** Hostile: the answer padded with thousands of unsigned junk records (sent over TCP when UDP would truncate). */
  | "record-flood"
  /** Hostile: a CNAME synthesised from a DNAME that points somewhere the DNAME does not say. */
  | "dname-wrong-cname"
  /** Hostile: every RRSIG in the answer names the queried name as its signer, which is no zone apex. */
  | "signer-not-apex"
  /** A DS question answered from the child's side of the cut (its NODATA), as a child-only server would. */
  | "ds-from-child";

export interface FaultSpec {
  name: string;
  /** Absent: every type at that name. */
  type?: RRTypeName;
  fault: FaultKind;
  delayMs?: number;
  /** With "lossy": copies dropped before one is answered (default 1). */
  drops?: number;
}

export type ExchangeCode = "4.7.321" | "4.7.322" | "4.7.323" | "4.7.324" | "4.4.312";

export interface ExpectedAddress {
  ip: string;
  dane: DaneOutcome;
}

export interface ExpectedMx {
  /** As the result document shows it: no trailing dot ("mx1.dane-ee.test"). */
  host: string;
  tlsa: TlsaStatus;
  addresses: ExpectedAddress[];
}

export interface ScenarioExpectation {
  verdict: Verdict;
  /** Status of the domain's MX RRset (or of its non-existence). */
  dnssec: DnssecStatus;
  /** "inconclusive": the server throttled the probe (SMTP 421 / reset), nothing can be forecast. */
  exchangeOnline: { outcome: "deliver" | "defer" | "no-mail" | "inconclusive"; code: ExchangeCode | null };
  /** Empty when the MX RRset is bogus or indeterminate (nothing below it is trusted) or there is no mail. */
  mx: ExpectedMx[];
  /** Set on the scenarios of the Exchange Online world (lib/lab/exchange-scenarios.ts) and on others the exchange test pins. */
  exchangeReadiness?: ExchangeReadinessExpectation;
}

/** A DNSSEC Validation expectation for one name/type. `ede`: acceptable RFC 8914 codes; null = none expected. */
export interface DnssecExpectation {
  name: string;
  type: RRTypeName;
  status: DnssecStatus;
  ede: number[] | null;
}

/** Where a domain stands on Exchange Online's inbound DANE migration (issue 12): the result block's own stages. */
export type ExchangeStage = ReadinessStage;

/** What `mailsec exchange <domain> [--expected-mx <scenario.exchangeExpectedMx>]` must conclude. */
export interface ExchangeReadinessExpectation {
  stage: ExchangeStage;
  /** The readiness codes (EX002 …, ES001, ED003, DomainNotSupported, DnsNxDomain, DnsQueryFailed), sorted; [] = none. */
  codes: ReadinessCode[];
  /** The next step the test must name, where a scenario pins it. */
  nextStep?: NextStep;
}

export type ScenarioCategory = "dane" | "dnssec" | "mx" | "smtp" | "dns-fault" | "hostile" | "exchange" | "mail-auth";

export interface Scenario {
  name: string;
  /** Absolute; `<name>.test.` for most, else a name containing `name` as a label (`ex-unsupported.onmicrosoft.com.`, `sub.dmarc-org.test.`). */
  domain: string;
  category: ScenarioCategory;
  description: string;
  zones: ZoneSpec[];
  mxMode: MxRecordMode;
  mx: MxHostSpec[];
  faults: FaultSpec[];
  expect: ScenarioExpectation;
  dnssecExpect: DnssecExpectation[];
  /** TTL of the domain's MX RRset (default: the lab's 3600 s); the Exchange migration lowers it. */
  mxTtl?: number;
  /** The exchange test's `--expected-mx` (Exchange Online's DnssecMxValue), no trailing dot; absent: not given. */
  exchangeExpectedMx?: string;
}
