// Findings about one SMTP conversation: reaching the server, the greeting, EHLO, STARTTLS and the
// TLS handshake. The messages name what was seen; the probe's own error text goes in {detail}.
// The English texts live in lib/report/i18n/en/findings.ts; this file holds what no language changes:
// the code, its severity, its typed parameters and the RFC rules behind it.
import { z } from "zod";
import { num, str, type FindingSpec } from "./types";

export const smtpFindings = {
  SMTP_TARGET_REFUSED: { severity: "error", params: z.object({ ip: str, detail: str }), references: [{rfc: 6890, section: "2.2"}] },
  SMTP_CONNECT_FAILED: { severity: "error", params: z.object({ ip: str, port: num, detail: str }), references: [{rfc: 5321, section: "5.1"}] },
  SMTP_NO_BANNER: { severity: "error", params: z.object({ ip: str, detail: str }), references: [{rfc: 5321, section: "4.3.1"}] },
  SMTP_EHLO_FAILED: { severity: "error", params: z.object({ ip: str, detail: str }), references: [{rfc: 5321, section: "4.1.1.1"}] },
  SMTP_HELO_ONLY: { severity: "warning", params: z.object({ ip: str }), references: [{ rfc: 5321, section: "4.1.1.1" }, { rfc: 3207, section: "4" }] },
  SMTP_STARTTLS_NOT_OFFERED: { severity: "error", params: z.object({ ip: str }), references: [{rfc: 7672, section: "2.2"}, {rfc: 3207, section: "4"}] },
  SMTP_STARTTLS_REFUSED: { severity: "error", params: z.object({ ip: str, detail: str }), references: [{rfc: 3207, section: "4"}] },
  SMTP_TLS_FAILED: { severity: "error", params: z.object({ ip: str, detail: str }), references: [{rfc: 7672, section: "2.2"}] },
  SMTP_STARTTLS_OPPORTUNISTIC_MISSING: { severity: "warning", params: z.object({ ip: str }), references: [{rfc: 3207, section: "4"}] },
  SMTP_PROTOCOL_ERROR: { severity: "error", params: z.object({ ip: str, detail: str }), references: [{rfc: 5321, section: "4.1"}] },
  SMTP_SMTPUTF8_NOT_OFFERED: { severity: "error", params: z.object({ ip: str, detail: str }), references: [{rfc: 6531, section: "3.4"}] },
  SMTP_ENVELOPE_NOT_REACHED: { severity: "error", params: z.object({ ip: str, detail: str }), references: [{ rfc: 5321, section: "4.1" }] },
  SMTP_NULL_SENDER_REFUSED: { severity: "error", params: z.object({ ip: str, reply: str }), references: [{ rfc: 5321, section: "4.5.5" }] },
  SMTP_RECIPIENT_REFUSED: { severity: "error", params: z.object({ ip: str, recipient: str, reply: str }), references: [{ rfc: 5321, section: "3.3" }] },
  SMTP_MESSAGE_REFUSED: { severity: "error", params: z.object({ ip: str, reply: str }), references: [{ rfc: 5321, section: "4.1.1.4" }] },
  SMTP_THROTTLED: { severity: "warning", params: z.object({ ip: str, stage: str, reply: str }), references: [{rfc: 5321, section: "4.2.5"}] },
  SMTP_GREETING_DELAY: { severity: "info", params: z.object({ ip: str, ms: num }), references: [{rfc: 5321, section: "4.5.3.2.1"}] },
  SMTP_CONNECTION_BUDGET: { severity: "warning", params: z.object({ ip: str }), references: [] },
  SMTP_TLS_OK: { severity: "info", params: z.object({ version: str, ip: str, cipher: str }), references: [] },
} as const satisfies Record<string, FindingSpec>;
