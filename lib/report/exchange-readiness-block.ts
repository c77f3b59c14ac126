// The result document's block of the Exchange Online readiness test (issue 12): where a domain
// stands on the move of its inbound mail to SMTP DANE with DNSSEC, the refusal codes Microsoft's
// cmdlets would give today, and the next step. An optional field of schema v3: runs stored before
// it still parse. lib/exchange decides these values; the words are in lib/report/i18n.
import { z } from "zod";

/** The stages of the procedure, in the order a migration walks them (`unsupported` stands apart). */
export const READINESS_STAGES = ["not-exchange", "legacy-only", "new-mx-added", "new-mx-primary", "new-mx-only", "dane-enabled", "unsupported"] as const;
export const ReadinessStage = z.enum(READINESS_STAGES);
export type ReadinessStage = z.infer<typeof ReadinessStage>;

/**
 * The refusal codes of Microsoft's DNSSEC/DANE cmdlets that can be read from outside the tenant,
 * plus the two DNS failures the cmdlets report without a code (named here for the JSON).
 */
export const READINESS_CODES = [
  "EX002", "EX003", "EX004", "EX005", "EX006", "EX007", "EX008", "EX009", "EX010", "EX012", "EX013",
  "ED003", "ES001", "ES002", "DomainNotSupported", "DnsNxDomain", "DnsQueryFailed",
] as const;
export const ReadinessCode = z.enum(READINESS_CODES);
export type ReadinessCode = z.infer<typeof ReadinessCode>;

/** What to do next; `cmdlet` in the block names the Exchange Online PowerShell command it needs, if any. */
export const NEXT_STEPS = [
  "none", "use-custom-domain", "fix-dns", "add-mx", "gateway-smarthost", "lower-ttl", "sts-testing", "enable-dnssec",
  "add-new-mx", "swap-priorities", "delete-legacy", "fix-mx", "raise-ttl", "enable-dane", "rollback-dnssec", "disable-dane",
  "sts-enforce", "done",
] as const;
export const NextStep = z.enum(NEXT_STEPS);
export type NextStep = z.infer<typeof NextStep>;

export const CMDLETS = ["Enable-DnssecForVerifiedDomain", "Get-DnssecStatusForVerifiedDomain", "Enable-SmtpDaneInbound", "Disable-SmtpDaneInbound", "Disable-DnssecForVerifiedDomain"] as const;
export const Cmdlet = z.enum(CMDLETS);
export type Cmdlet = z.infer<typeof Cmdlet>;

/** How the MX TTL compares with the seed's advice for the stage. */
export const TtlAdvice = z.enum(["ok", "lower", "below-minimum", "raise", "not-applicable"]);
export type TtlAdvice = z.infer<typeof TtlAdvice>;

/**
 * Where the block's mxTtl was read: `rrsig`, the Original TTL of the RRSIG over the MX RRset (RFC
 * 4034 §3.1.4: the TTL the zone sets, whatever a cache had left); `answer`, the answer's own TTL
 * (an unsigned RRset: through a caching resolver it may be less than the zone's).
 */
export const MxTtlSource = z.enum(["rrsig", "answer"]);
export type MxTtlSource = z.infer<typeof MxTtlSource>;

const host = z.string().max(300);

export const ExchangeReadinessBlock = z.object({
  stage: ReadinessStage,
  /** Sorted; codes a newer version added read as plain strings. */
  codes: z.array(z.string().max(40)).max(40),
  /** The DnssecMxValue given, or the new-style MX found when none was given. */
  expectedMx: host.nullable(),
  legacyMx: z.array(host).max(20),
  newMx: host.nullable(),
  /** TTL of the MX RRset (seconds), read as mxTtlSource says. */
  mxTtl: z.number().int().nonnegative().nullable(),
  /** Absent in runs stored before it: those read the answer's TTL. */
  mxTtlSource: MxTtlSource.nullable().optional(),
  nextStep: z.string().max(40),
  cmdlet: Cmdlet.nullable().optional(),
  ttlAdvice: TtlAdvice.optional(),
  /** Seconds to wait after making the next change before the step after it (old TTL, MTA-STS max_age, TLSA propagation). */
  waitSeconds: z.number().int().nonnegative().nullable().optional(),
  /** The MX points elsewhere while the domain is verified for Microsoft 365: a gateway in front. */
  gateway: z.boolean().optional(),
});
export type ExchangeReadinessBlock = z.infer<typeof ExchangeReadinessBlock>;
