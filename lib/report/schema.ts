// The result document and the streaming events: the contract between the engine, the store,
// the HTTP API, the CLI and the UI (docs/ARCHITECTURE.md). Bump SCHEMA_VERSION on any
// incompatible change; stored runs are parsed with these schemas when read back.
import { z } from "zod";

export const SCHEMA_VERSION = 1;

export const TestKind = z.enum(["dane", "inbound", "dnssec"]);
export type TestKind = z.infer<typeof TestKind>;

export const Verdict = z.enum(["pass", "warning", "fail"]);
export type Verdict = z.infer<typeof Verdict>;

export const DnssecStatus = z.enum(["secure", "insecure", "bogus", "indeterminate"]);
export type DnssecStatus = z.infer<typeof DnssecStatus>;

export const StepStatus = z.enum(["success", "warning", "error", "info", "skipped", "running"]);
export type StepStatus = z.infer<typeof StepStatus>;

export interface Step {
  id: string;
  title: string;
  status: StepStatus;
  summary: string;
  details: string[];
  elapsedMs: number;
  children: Step[];
  /** Stable finding codes (lib/report/findings) behind this step's outcome, if any. */
  findings?: string[] | undefined;
}

export const Step: z.ZodType<Step> = z.lazy(() =>
  z.object({
    id: z.string().min(1).max(200),
    title: z.string().max(2000),
    status: StepStatus,
    summary: z.string().max(4000),
    details: z.array(z.string().max(20_000)).max(500),
    elapsedMs: z.number().nonnegative(),
    children: z.array(Step).max(500),
    findings: z.array(z.string().max(100)).max(50).optional(),
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
});
export type MxResult = z.infer<typeof MxResult>;

export const ResultDocument = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
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
});
export type ResultDocument = z.infer<typeof ResultDocument>;

export const RunEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("run"), id: z.string(), test: TestKind, input: z.string() }),
  // `parentId` is null for a top-level step; `index` is the step's position among its siblings
  // in reading order, so a consumer can place it whatever order the work finished in.
  z.object({ type: z.literal("step"), step: Step, parentId: z.string().nullable(), index: z.number().int().nonnegative() }),
  z.object({ type: z.literal("done"), result: ResultDocument }),
  z.object({ type: z.literal("error"), message: z.string() }),
]);
export type RunEvent = z.infer<typeof RunEvent>;

/** What a person asks for: the HTTP body, the form and the CLI share it. */
export const RunRequest = z.object({
  test: TestKind,
  input: z.string().trim().min(1, "Enter a domain or an e-mail address.").max(320, "That is longer than any e-mail address can be."),
  /** Inbound SMTP Email only: deliver a short test message (off unless asked for). */
  sendTestMessage: z.boolean().default(false),
  /** DNSSEC Validation only: the record type to validate (mnemonic or TYPEnnn); MX when absent. */
  rrType: z
    .string()
    .regex(/^(?:[A-Za-z][A-Za-z0-9]{0,9}|TYPE[0-9]{1,5})$/, "Give a record type such as MX, TLSA, A or TYPE65534.")
    .optional(),
});
export type RunRequest = z.infer<typeof RunRequest>;
