// Findings about one SMTP conversation: reaching the server, the greeting, EHLO, STARTTLS and the
// TLS handshake. The messages name what was seen; the probe's problem (tokens) is worded as {detail}.
// The English texts live in lib/report/i18n/en/findings.ts; this file holds what no language changes:
// the code, its severity, its typed parameters and the RFC rules behind it.
import { z } from "zod";
import { num, str, type FindingSpec } from "./types";

/**
 * The probe's problem as data (lib/smtp SmtpProblem, flattened by lib/checks smtpProblemParams);
 * the messages show it as {detail}, which lib/report/i18n/render.ts words from these. A run stored
 * before them carries {detail} as English text instead, shown as it was.
 */
export const smtpProblemShape = {
  smtpProblem: str.optional(),
  smtpStage: str.optional(),
  smtpMs: num.optional(),
  smtpBytes: num.optional(),
  smtpLimit: num.optional(),
  smtpCode: str.optional(),
  smtpText: str.optional(),
  detail: str.optional(),
};

/** The shape of lib/smtp's SmtpProblem, as this layer reads it (report imports no engine module). */
export interface SmtpProblemLike {
  reason: string;
  stage?: string | undefined;
  ms?: number | undefined;
  bytes?: number | undefined;
  limit?: number | undefined;
  code?: string | number | undefined;
  text?: string | undefined;
}

/** The flat params of a probe's problem (the `problem` fields above); `smtpProblem: "none"` without one. */
export interface SmtpProblemParams {
  smtpProblem: string;
  smtpStage?: string;
  smtpMs?: number;
  smtpBytes?: number;
  smtpLimit?: number;
  smtpCode?: string;
  smtpText?: string;
}

export function smtpProblemParams(problem: SmtpProblemLike | null | undefined): SmtpProblemParams {
  if (!problem) return { smtpProblem: "none" };
  const out: SmtpProblemParams = { smtpProblem: problem.reason };
  if (problem.stage !== undefined) out.smtpStage = problem.stage;
  if (problem.ms !== undefined) out.smtpMs = problem.ms;
  if (problem.bytes !== undefined) out.smtpBytes = problem.bytes;
  if (problem.limit !== undefined) out.smtpLimit = problem.limit;
  if (problem.code !== undefined) out.smtpCode = String(problem.code);
  if (problem.text !== undefined) out.smtpText = problem.text;
  return out;
}

export const smtpFindings = {
  SMTP_TARGET_REFUSED: { severity: "error", params: z.object({ ip: str, ...smtpProblemShape }), references: [{rfc: 6890, section: "2.2"}] },
  SMTP_CONNECT_FAILED: { severity: "error", params: z.object({ ip: str, port: num, ...smtpProblemShape }), references: [{rfc: 5321, section: "5.1"}] },
  SMTP_NO_BANNER: { severity: "error", params: z.object({ ip: str, ...smtpProblemShape }), references: [{rfc: 5321, section: "4.3.1"}] },
  SMTP_EHLO_FAILED: { severity: "error", params: z.object({ ip: str, ...smtpProblemShape }), references: [{rfc: 5321, section: "4.1.1.1"}] },
  SMTP_HELO_ONLY: { severity: "warning", params: z.object({ ip: str }), references: [{ rfc: 5321, section: "4.1.1.1" }, { rfc: 3207, section: "4" }] },
  SMTP_STARTTLS_NOT_OFFERED: { severity: "error", params: z.object({ ip: str }), references: [{rfc: 7672, section: "2.2"}, {rfc: 3207, section: "4"}] },
  SMTP_STARTTLS_REFUSED: { severity: "error", params: z.object({ ip: str, ...smtpProblemShape }), references: [{rfc: 3207, section: "4"}] },
  SMTP_TLS_FAILED: { severity: "error", params: z.object({ ip: str, ...smtpProblemShape }), references: [{rfc: 7672, section: "2.2"}] },
  SMTP_STARTTLS_OPPORTUNISTIC_MISSING: { severity: "warning", params: z.object({ ip: str }), references: [{rfc: 3207, section: "4"}] },
  SMTP_PROTOCOL_ERROR: { severity: "error", params: z.object({ ip: str, ...smtpProblemShape }), references: [{rfc: 5321, section: "4.1"}] },
  SMTP_SMTPUTF8_NOT_OFFERED: { severity: "error", params: z.object({ ip: str, ...smtpProblemShape }), references: [{rfc: 6531, section: "3.4"}] },
  SMTP_ENVELOPE_NOT_REACHED: { severity: "error", params: z.object({ ip: str, ...smtpProblemShape }), references: [{ rfc: 5321, section: "4.1" }] },
  SMTP_NULL_SENDER_REFUSED: { severity: "error", params: z.object({ ip: str, reply: str }), references: [{ rfc: 5321, section: "4.5.5" }] },
  SMTP_RECIPIENT_REFUSED: { severity: "error", params: z.object({ ip: str, recipient: str, reply: str }), references: [{ rfc: 5321, section: "3.3" }] },
  SMTP_MESSAGE_REFUSED: { severity: "error", params: z.object({ ip: str, reply: str }), references: [{ rfc: 5321, section: "4.1.1.4" }] },
  SMTP_THROTTLED: { severity: "warning", params: z.object({ ip: str, stage: str, reply: str }), references: [{rfc: 5321, section: "4.2.5"}] },
  SMTP_GREETING_DELAY: { severity: "info", params: z.object({ ip: str, ms: num }), references: [{rfc: 5321, section: "4.5.3.2.1"}] },
  SMTP_CONNECTION_BUDGET: { severity: "warning", params: z.object({ ip: str }), references: [] },
  SMTP_TLS_OK: { severity: "info", params: z.object({ version: str, ip: str, cipher: str }), references: [] },
} as const satisfies Record<string, FindingSpec>;
