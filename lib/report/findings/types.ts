// A finding is one thing mailsec can observe and judge, defined once: a stable code, how serious
// it is, a message template, the RFC rule behind it and what the receiving admin should change.
// Steps, the CLI and the UI render from these; nothing else spells such text.

export type Severity = "error" | "warning" | "info";

export interface RfcReference {
  rfc: number;
  section: string;
}

export type FindingParams = Record<string, string | number>;

export interface FindingDefinition {
  /** Stable identifier, e.g. "DNSSEC_RRSIG_EXPIRED". Never reuse or rename one. */
  code: string;
  severity: Severity;
  /** One line, what was seen, with `{param}` placeholders. */
  message: string;
  /** One sentence: why it matters (the rule). */
  why: string;
  /** What the receiving domain's admin should change; empty for purely informational findings. */
  remediation: string;
  references: RfcReference[];
  /** RFC 8914 Extended DNS Error code, for DNSSEC findings. */
  ede?: number;
}

export interface Finding {
  code: string;
  params: FindingParams;
}
