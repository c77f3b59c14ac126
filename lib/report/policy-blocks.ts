// The result document's blocks for the mail policies beside DANE (issue 11): MTA-STS (RFC 8461),
// TLS-RPT (RFC 8460) and each MX host's DANE rollover readiness (RFC 7671 §8.1). Optional fields of
// schema v2: runs stored before them still parse.
import { z } from "zod";

const RecordState = z.enum(["valid", "invalid", "multiple", "absent"]);
const BlockVerdict = z.enum(["pass", "warning", "fail"]);

export const MtaStsBlock = z.object({
  record: RecordState,
  id: z.string().max(32).nullable(),
  policy: z.enum(["valid", "invalid", "fetch-failed", "not-fetched"]),
  mode: z.enum(["enforce", "testing", "none"]).nullable(),
  mx: z.array(z.string().max(300)).max(200).nullable(),
  maxAge: z.number().int().nonnegative().nullable(),
  mxCovered: z.record(z.string().max(300), z.boolean()).nullable(),
  delivery: z.enum(["enforced", "report-only", "refused", "no-policy", "none"]),
  verdict: BlockVerdict,
});
export type MtaStsBlock = z.infer<typeof MtaStsBlock>;

export const TlsRptBlock = z.object({
  record: RecordState,
  rua: z.array(z.string().max(2000)).max(20),
  verdict: BlockVerdict,
});
export type TlsRptBlock = z.infer<typeof TlsRptBlock>;

export const Rollover = z.enum(["ready", "single-record", "not-applicable"]);
export type Rollover = z.infer<typeof Rollover>;
