// Findings of the certificate checks of the Inbound SMTP Email test (lib/dane/certificate.ts).
// Opportunistic SMTP senders deliver over TLS whatever the certificate looks like, so most of these
// are warnings: they matter to senders that authenticate (DANE-TA, MTA-STS) and to people reading.
import type { FindingDefinition } from "./types";

const RFC5280_VALIDITY = { rfc: 5280, section: "4.1.2.5" };
const RFC5280_PATH = { rfc: 5280, section: "6.1" };

export const certificateFindings: FindingDefinition[] = [
  {
    code: "CERT_NONE",
    severity: "error",
    message: "The server presented no certificate in the TLS handshake.",
    why: "Without a certificate a sender cannot tell the real server from anyone in the path (RFC 8446 §4.4.2 requires one for server authentication).",
    remediation: "Configure a certificate and private key for STARTTLS on the mail server.",
    references: [{ rfc: 8446, section: "4.4.2" }],
  },
  {
    code: "CERT_UNREADABLE",
    severity: "error",
    message: "The certificate at position {depth} of the chain is not a readable X.509 certificate.",
    why: "Senders parse every certificate they are sent; one they cannot read cannot be checked (RFC 5280 §4.1).",
    remediation: "Re-export the certificate files from the issuing system in PEM and reconfigure the mail server with them.",
    references: [{ rfc: 5280, section: "4.1" }],
  },
  {
    code: "CERT_EXPIRED",
    severity: "error",
    message: "The server certificate {cert} expired on {notAfter}, {days} days ago.",
    why: "A certificate is only valid within its validity period (RFC 5280 §4.1.2.5); Exchange Online defers mail to a DANE domain whose certificate has expired with 4.7.322.",
    remediation: "Renew the certificate and install it on the mail server; if DANE is in use, publish the TLSA record for the new certificate before the switch unless the key stays the same.",
    references: [RFC5280_VALIDITY],
  },
  {
    code: "CERT_NOT_YET_VALID",
    severity: "error",
    message: "The server certificate {cert} is not valid before {notBefore}.",
    why: "A certificate is only valid within its validity period (RFC 5280 §4.1.2.5).",
    remediation: "Install a certificate whose validity has started, and check the clocks of the issuing system and the mail server.",
    references: [RFC5280_VALIDITY],
  },
  {
    code: "CERT_EXPIRING_SOON",
    severity: "warning",
    message: "The server certificate {cert} expires on {notAfter}, in {days} days.",
    why: "Once it expires, senders that authenticate the server refuse it (RFC 5280 §4.1.2.5), and DANE-TA domains start deferring mail.",
    remediation: "Renew the certificate now; with DANE, keep the key or publish the new TLSA record ahead of the switch.",
    references: [RFC5280_VALIDITY],
  },
  {
    code: "CERT_NAME_MISMATCH",
    severity: "warning",
    message: "The server certificate {cert} is issued for {certNames}, which does not cover the MX host {host}.",
    why: "Senders that authenticate the MX host (DANE-TA, MTA-STS) match its name against the certificate's DNS names, a wildcard standing for exactly one leftmost label (RFC 7672 §3.2.3, RFC 6125 §6.4).",
    remediation: "Issue the certificate with the MX host name in its subjectAltName.",
    references: [{ rfc: 7672, section: "3.2.3" }, { rfc: 6125, section: "6.4" }],
  },
  {
    code: "CERT_SELF_SIGNED",
    severity: "warning",
    message: "The server certificate {cert} is self-signed.",
    why: "A self-signed certificate is trusted by no public root store (RFC 5280 §6.1), so only DANE-EE(3) records can authenticate it.",
    remediation: "Use a certificate from a public CA, or publish a \"3 1 1\" TLSA record for this key in a DNSSEC-signed zone.",
    references: [RFC5280_PATH, { rfc: 7672, section: "3.1.1" }],
  },
  {
    code: "CERT_UNTRUSTED",
    severity: "warning",
    message: "The chain of {cert} does not lead to a trusted root: {reason}.",
    why: "WebPKI trust needs an unbroken path of valid signatures from the server certificate to a root in the store (RFC 5280 §6.1); MTA-STS senders require it.",
    remediation: "Send the intermediate certificates with the server certificate, or use a certificate from a CA in the public root programs.",
    references: [RFC5280_PATH],
  },
  {
    code: "CERT_INTERMEDIATE_OUT_OF_DATE",
    severity: "warning",
    message: "The chain certificate {cert} is outside its validity period ({notBefore} to {notAfter}).",
    why: "Every certificate on the path to the root must be within its validity period (RFC 5280 §6.1.3).",
    remediation: "Replace the intermediate certificate on the mail server with the current one from your CA.",
    references: [{ rfc: 5280, section: "6.1.3" }],
  },
  {
    code: "CERT_WEAK_KEY",
    severity: "warning",
    message: "The certificate {cert} has a weak {keyType} key of {keySize} bits.",
    why: "TLS servers should use RSA keys of at least 2048 bits (RFC 7525 §4.5); curves below 256 bits fall short of the same security level.",
    remediation: "Generate a new key (RSA 2048+ or ECDSA P-256) and reissue the certificate; with DANE, publish the new TLSA record first.",
    references: [{ rfc: 7525, section: "4.5" }],
  },
  {
    code: "CERT_SHA1_SIGNATURE",
    severity: "warning",
    message: "The certificate {cert} is signed with SHA-1 ({algorithm}).",
    why: "SHA-1 collisions are practical, so SHA-1 signatures on certificates are deprecated (RFC 9155 §2 for TLS signatures).",
    remediation: "Reissue the certificate with a SHA-256 (or stronger) signature.",
    references: [{ rfc: 9155, section: "2" }],
  },
  {
    code: "CERT_CHAIN_ORDER",
    severity: "warning",
    message: "The chain is not in order: {detail}.",
    why: "TLS 1.2 requires each certificate to be followed by the one that certifies it (RFC 5246 §7.4.2); some senders do not reorder.",
    remediation: "Configure the chain file as: server certificate, then its issuer, then that issuer's issuer.",
    references: [{ rfc: 5246, section: "7.4.2" }, { rfc: 8446, section: "4.4.2" }],
  },
];
