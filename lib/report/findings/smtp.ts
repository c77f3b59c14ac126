// Findings about one SMTP conversation: reaching the server, the greeting, EHLO, STARTTLS and the
// TLS handshake. The messages name what was seen; the probe's own error text goes in {detail}.
import type { FindingDefinition } from "./types";

const STARTTLS_REQUIRED = "With secure, usable TLSA records a sender must use STARTTLS and must not fall back to plaintext.";

export const smtpFindings: FindingDefinition[] = [
  {
    code: "SMTP_TARGET_REFUSED",
    severity: "error",
    message: "mailsec does not connect to {ip}: {detail}",
    why: "Loopback, private and reserved addresses are not reachable from the internet, so senders cannot deliver there either.",
    remediation: "Publish public addresses for your MX hosts.",
    references: [{ rfc: 6890, section: "2.2" }],
  },
  {
    code: "SMTP_CONNECT_FAILED",
    severity: "error",
    message: "Could not connect to {ip} port {port}: {detail}",
    why: "A sender that cannot connect tries the next address or MX host, and defers the mail when none answers.",
    remediation: "Make sure the mail server listens on the SMTP port (25) and that no firewall drops connections from the internet.",
    references: [{ rfc: 5321, section: "5.1" }],
  },
  {
    code: "SMTP_NO_BANNER",
    severity: "error",
    message: "{ip} did not send a usable 220 greeting: {detail}",
    why: "An SMTP server opens the session with a 220 reply; without it no mail can be sent.",
    remediation: "Check the mail server's logs: it accepted the connection but did not greet the client.",
    references: [{ rfc: 5321, section: "4.3.1" }],
  },
  {
    code: "SMTP_EHLO_FAILED",
    severity: "error",
    message: "{ip} did not accept EHLO: {detail}",
    why: "Extensions such as STARTTLS are only advertised in the reply to EHLO.",
    remediation: "Enable ESMTP (EHLO) on the mail server.",
    references: [{ rfc: 5321, section: "4.1.1.1" }],
  },
  {
    code: "SMTP_STARTTLS_NOT_OFFERED",
    severity: "error",
    message: "{ip} does not advertise STARTTLS.",
    why: STARTTLS_REQUIRED,
    remediation: "Enable STARTTLS on the mail server with a certificate that matches the TLSA records.",
    references: [{ rfc: 7672, section: "2.2" }, { rfc: 3207, section: "4" }],
  },
  {
    code: "SMTP_STARTTLS_REFUSED",
    severity: "error",
    message: "{ip} advertised STARTTLS but refused it: {detail}",
    why: STARTTLS_REQUIRED,
    remediation: "Fix the mail server's TLS configuration (certificate and key files) so that STARTTLS is answered with 220.",
    references: [{ rfc: 3207, section: "4" }],
  },
  {
    code: "SMTP_TLS_FAILED",
    severity: "error",
    message: "The TLS handshake with {ip} failed: {detail}",
    why: STARTTLS_REQUIRED,
    remediation: "Check the server's certificate and key, and that it offers TLS 1.2 or 1.3 with common cipher suites.",
    references: [{ rfc: 7672, section: "2.2" }],
  },
  {
    code: "SMTP_STARTTLS_OPPORTUNISTIC_MISSING",
    severity: "warning",
    message: "{ip} does not offer STARTTLS: mail to it travels in plaintext.",
    why: "Without TLS anyone on the path can read the mail; DANE would make TLS mandatory.",
    remediation: "Enable STARTTLS on the mail server.",
    references: [{ rfc: 3207, section: "4" }],
  },
  {
    code: "SMTP_PROTOCOL_ERROR",
    severity: "error",
    message: "The SMTP conversation with {ip} broke off: {detail}",
    why: "A server that violates the protocol or closes the connection cannot receive mail.",
    remediation: "Check the mail server's logs for the session from mailsec's address.",
    references: [{ rfc: 5321, section: "4.1" }],
  },
  {
    code: "SMTP_TLS_OK",
    severity: "info",
    message: "TLS {version} established with {ip} ({cipher}).",
    why: "",
    remediation: "",
    references: [],
  },
];
