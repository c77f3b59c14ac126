// The result document and the streaming events: the contract between the engine, the store,
// the HTTP API, the CLI and the UI (docs/ARCHITECTURE.md). Bump SCHEMA_VERSION on any
// incompatible change; stored runs are parsed with these schemas when read back.
//
// Version 2 (issue 10): a step's title and summary are Messages (a catalogue key and its
// params) and its findings carry their params, so a stored run renders in any language. A
// version 1 run still parses: its English strings become `legacy.text` messages (shown as they
// were written) and its bare codes findings without params.
//
// Version 3 (session 3): optional result blocks for the mail-authentication records (`spf`,
// `dmarc`, `dkim`, issue 11) and the Exchange Online readiness test (`exchangeReadiness` and the
// test kind "exchange", issue 12). Nothing a version 2 run holds changed meaning, so versions 1
// and 2 still parse; the output is always the current version.
import { z } from "zod";
import { StoredFinding } from "./findings";
import { Message } from "./i18n/types";
import { ExchangeReadinessBlock } from "./exchange-readiness-block";
import { DkimBlock, DkimSelector, DmarcBlock, SpfBlock } from "./mail-auth-blocks";
import { MtaStsBlock, Rollover, TlsRptBlock } from "./policy-blocks";
import { TrustChain } from "./trust-chain";

export const SCHEMA_VERSION = 3;

export const TestKind = z.enum(["dane", "inbound", "dnssec", "exchange"]);
export type TestKind = z.infer<typeof TestKind>;

export const Verdict = z.enum(["pass", "warning", "fail"]);
export type Verdict = z.infer<typeof Verdict>;

export const DnssecStatus = z.enum(["secure", "insecure", "bogus", "indeterminate"]);
export type DnssecStatus = z.infer<typeof DnssecStatus>;

export const StepStatus = z.enum(["success", "warning", "error", "info", "skipped", "running"]);
export type StepStatus = z.infer<typeof StepStatus>;

/** A line of "Additional details": raw evidence (a record, a transcript line) or a sentence by key. */
export type Detail = string | Message;

export interface Step {
  id: string;
  title: Message;
  status: StepStatus;
  /** Null while the step runs. */
  summary: Message | null;
  details: Detail[];
  elapsedMs: number;
  children: Step[];
  /** The findings (lib/report/findings) behind this step's outcome, with their params. */
  findings?: StoredFinding[] | undefined;
}

/** The key a version 1 English string is carried under: rendered as written, in every language. */
export const LEGACY_TEXT_KEY = "legacy.text";

const legacyText = (text: string): Message => ({ key: LEGACY_TEXT_KEY, params: { text } });

/** What a stored step may look like: version 2, or version 1 (strings and bare codes). */
interface StepInput {
  id: string;
  title: Message | string;
  status: StepStatus;
  summary: Message | string | null;
  details: (string | Message)[];
  elapsedMs: number;
  children: StepInput[];
  findings?: (StoredFinding | string)[] | undefined;
}

export const Step: z.ZodType<Step, StepInput> = z.lazy(() =>
  z.object({
    id: z.string().min(1).max(200),
    title: z.union([Message, z.string().max(2000).transform(legacyText)]),
    status: StepStatus,
    summary: z.union([Message, z.null(), z.string().max(4000).transform((text) => (text === "" ? null : legacyText(text)))]),
    details: z.array(z.union([z.string().max(20_000), Message])).max(500),
    elapsedMs: z.number().nonnegative(),
    children: z.array(Step).max(500),
    findings: z.array(z.union([StoredFinding, z.string().max(100).transform((code): StoredFinding => ({ code, params: {} }))])).max(50).optional(),
  }),
);

export const ExchangeOutcome = z.object({
  outcome: z.enum(["deliver", "defer", "no-mail", "inconclusive"]),
  code: z.enum(["4.7.321", "4.7.322", "4.7.323", "4.7.324", "4.4.312"]).nullable(),
  reason: z.string(),
});
export type ExchangeOutcome = z.infer<typeof ExchangeOutcome>;

export const TlsaStatus = z.enum(["secure", "insecure", "absent", "bogus", "servfail"]);
export type TlsaStatus = z.infer<typeof TlsaStatus>;

export const DaneOutcome = z.enum(["pass", "fail", "not-applicable", "unusable"]);
export type DaneOutcome = z.infer<typeof DaneOutcome>;

export const SmtpSummary = z.object({
  connected: z.boolean(),
  banner: z.string().nullable(),
  starttls: z.boolean(),
  tlsVersion: z.string().nullable(),
  cipher: z.string().nullable(),
});
export type SmtpSummary = z.infer<typeof SmtpSummary>;

export const CertificateSummary = z.object({
  subject: z.string(),
  sans: z.array(z.string()),
  notBefore: z.string(),
  notAfter: z.string(),
  chainLength: z.number().int().nonnegative(),
  webpkiTrusted: z.boolean(),
});
export type CertificateSummary = z.infer<typeof CertificateSummary>;

export const AddressResult = z.object({
  ip: z.string(),
  family: z.union([z.literal(4), z.literal(6)]),
  dnssec: DnssecStatus,
  smtp: SmtpSummary.nullable(),
  certificate: CertificateSummary.nullable(),
  dane: DaneOutcome,
  matchedRecord: z.string().optional(),
  error: z.string().optional(),
});
export type AddressResult = z.infer<typeof AddressResult>;

export const MxResult = z.object({
  host: z.string(),
  preference: z.number().int().min(0).max(65535),
  dnssec: DnssecStatus,
  cname: z.array(z.string()).optional(),
  tlsa: z.object({
    name: z.string(),
    status: TlsaStatus,
    records: z.array(z.string()),
    usable: z.number().int().nonnegative(),
  }),
  addresses: z.array(AddressResult),
  /** DANE test: does the TLSA set survive the next certificate change (lib/policies/rollover.ts); absent before. */
  rollover: Rollover.optional(),
});
export type MxResult = z.infer<typeof MxResult>;

export const ResultDocument = z.object({
  // Versions 1 and 2 are read as the current version (version 1 steps are upgraded by Step above;
  // a version 2 run simply lacks the optional version 3 blocks).
  schemaVersion: z.union([z.literal(1), z.literal(2), z.literal(SCHEMA_VERSION)]).transform((): typeof SCHEMA_VERSION => SCHEMA_VERSION),
  id: z.string(),
  test: TestKind,
  input: z.string(),
  domain: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  verdict: Verdict,
  dnssec: DnssecStatus,
  exchangeOnline: ExchangeOutcome,
  mx: z.array(MxResult),
  steps: z.array(Step),
  /** DNSSEC test: the record type validated, so "Run again" repeats it (optional: absent before). */
  rrType: z.string().max(20).optional(),
  /** The chain of trust as picture data (lib/report/trust-chain.ts); absent in older runs. */
  trustChain: TrustChain.optional(),
  /** MTA-STS and TLS-RPT (DANE and Inbound tests, lib/policies); absent in older runs. */
  mtaSts: MtaStsBlock.optional(),
  tlsRpt: TlsRptBlock.optional(),
  /** SPF, DMARC and (when a selector was asked for) DKIM: Inbound test only (lib/policies); absent in older runs. */
  spf: SpfBlock.optional(),
  dmarc: DmarcBlock.optional(),
  dkim: DkimBlock.optional(),
  /** Exchange Online readiness test (lib/exchange): stage, cmdlet codes, next step; absent elsewhere. */
  exchangeReadiness: ExchangeReadinessBlock.optional(),
});
export type ResultDocument = z.infer<typeof ResultDocument>;

/**
 * Why a run ended without a result: a catalogue key (lib/report/i18n/en/run-errors.ts) and its
 * params, worded in the reader's language at the edge (CLI, page, the API's `message`).
 */
export type RunFailure = Message;

/**
 * The error event (session 4, within version 3: an optional field, see docs/ARCHITECTURE.md). It
 * carries `failure`; on the wire (the API's stream, `mailsec --json`) it also carries `message`,
 * the failure in English (lib/report/run-failure-text.ts), which is all a version 3 reader requires and
 * all an event written before has: such an event reads as its message, shown as written.
 */
const ErrorEvent = z
  .object({ type: z.literal("error"), failure: Message.optional(), message: z.string().optional() })
  .refine((event) => event.failure !== undefined || event.message !== undefined, "an error event names its failure")
  .transform((event): { type: "error"; failure: RunFailure } => ({ type: "error", failure: event.failure ?? legacyText((event.message ?? "").slice(0, 4000)) }));

export const RunEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("run"), id: z.string(), test: TestKind, input: z.string() }),
  // `parentId` is null for a top-level step; `index` is the step's position among its siblings
  // in reading order, so a consumer can place it whatever order the work finished in.
  z.object({ type: z.literal("step"), step: Step, parentId: z.string().nullable(), index: z.number().int().nonnegative() }),
  z.object({ type: z.literal("done"), result: ResultDocument }),
  ErrorEvent,
]);
export type RunEvent = z.infer<typeof RunEvent>;

/** What a person asks for: the HTTP body, the form and the CLI share it. */
export const RunRequest = z.object({
  test: TestKind,
  input: z.string().trim().min(1, "Enter a domain or an e-mail address.").max(320, "That is longer than any e-mail address can be."),
  /** Inbound SMTP Email only: deliver a short test message (off unless asked for). */
  sendTestMessage: z.boolean().default(false),
  /** Inbound SMTP Email only: a DKIM selector whose key at <selector>._domainkey.<domain> is checked. */
  dkimSelector: DkimSelector.optional(),
  /** DNSSEC Validation only: the record type to validate (mnemonic or TYPEnnn); MX when absent. */
  rrType: z
    .string()
    .regex(/^(?:[A-Za-z][A-Za-z0-9]{0,9}|TYPE[0-9]{1,5})$/, "Give a record type such as MX, TLSA, A or TYPE65534.")
    .optional(),
  /** Exchange Online readiness only: the DnssecMxValue Enable-DnssecForVerifiedDomain returned. */
  expectedMx: z
    .string()
    .trim()
    .toLowerCase()
    .max(253, "That is longer than any host name can be.")
    .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.?$/, "Give the expected MX as a host name, such as contoso-com.o-v1.mx.microsoft.")
    .optional(),
});
export type RunRequest = z.infer<typeof RunRequest>;
