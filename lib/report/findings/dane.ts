// Findings of DANE matching (lib/dane/match.ts): one definition per code it emits. The message
// templates are filled with the parameters lib/dane reports, so the sentence shown in a step and
// the one a translation renders come from the same place.
import type { FindingDefinition } from "./types";

const RFC7672_EE = { rfc: 7672, section: "3.1.1" };
const RFC7672_TA = { rfc: 7672, section: "3.1.2" };
const RFC7672_PKIX = { rfc: 7672, section: "3.1.3" };
const RFC7672_NAMES = { rfc: 7672, section: "3.2.3" };
const RFC7671_TA = { rfc: 7671, section: "5.2" };
const RFC7671_EE = { rfc: 7671, section: "5.1" };
const RFC7671_ROLLOVER = { rfc: 7671, section: "8.1" };

export const daneFindings: FindingDefinition[] = [
  {
    code: "DANE_NO_CERTIFICATE",
    severity: "error",
    message: "The server finished the TLS handshake without presenting any certificate.",
    why: "DANE authenticates the server by comparing its certificate or public key with the TLSA records (RFC 7672 §3.1), so a server without a certificate cannot be authenticated.",
    remediation:
      "Configure the mail server on this address with a certificate and private key for STARTTLS, then publish a TLSA record that matches it.",
    references: [{ rfc: 7672, section: "3.1" }],
  },
  {
    code: "DANE_CERT_UNPARSEABLE",
    severity: "error",
    message: "The certificate at position {depth} of the chain the server sent is not a readable X.509 certificate.",
    why: "A TLSA record is compared with a certificate's encoding or its public key (RFC 6698 §2.1.2), which requires a well-formed certificate.",
    remediation: "Check the certificate files configured on the mail server; re-export them in PEM from the issuing system.",
    references: [{ rfc: 6698, section: "2.1.2" }],
  },
  {
    code: "DANE_TLSA_MISMATCH",
    severity: "error",
    message:
      "None of the {count} usable TLSA records ({records}) matches the certificate chain; the server presented {leaf}, for which a DANE-EE record would read \"{expected}\".",
    why: "When usable TLSA records are published, a sending server must find one that matches the presented chain and otherwise must not deliver (RFC 7672 §2.2 and §3.1).",
    remediation:
      "Publish a TLSA record that matches the certificate actually deployed, preferably \"3 1 1\" with the SHA-256 digest of its public key as shown above. When you replace a key, publish the new record next to the old one first, wait at least twice the TTL, then switch the certificate and only afterwards remove the old record.",
    references: [{ rfc: 7672, section: "3.1" }, RFC7671_ROLLOVER],
  },
  {
    code: "DANE_TA_NOT_IN_CHAIN",
    severity: "error",
    message:
      "No certificate in the chain the server sent matches the DANE-TA records ({records}); the server sent: {chain}.",
    why: "With DANE-TA(2) the trust anchor has to be part of the certificate chain the server presents, even when it is a self-signed root (RFC 7672 §3.1.2); senders do not fetch it from anywhere else.",
    remediation:
      "Configure the mail server to send the full chain, including the CA certificate the TLSA record names, or publish a record for the CA that actually issued the deployed certificate. A \"3 1 1\" record for the server's own key avoids this dependency altogether.",
    references: [RFC7672_TA, RFC7671_TA],
  },
  {
    code: "DANE_TA_CHAIN_BROKEN",
    severity: "error",
    message:
      "Record \"{record}\" matches the trust anchor {anchor}, but the chain from the server certificate {leaf} up to it does not verify: {reason}.",
    why: "A DANE-TA(2) record only vouches for certificates that the named trust anchor issued, directly or through CA certificates, with every signature valid (RFC 7672 §3.1.2, RFC 7671 §5.2).",
    remediation:
      "Send the intermediate certificates in order (server certificate first, each followed by its issuer) and make sure the deployed certificate was really issued under the CA the TLSA record names.",
    references: [RFC7672_TA, RFC7671_TA],
  },
  {
    code: "DANE_TA_NAME_MISMATCH",
    severity: "error",
    message:
      "Record \"{record}\" matches the trust anchor {anchor}, but the server certificate {leaf} is issued for {certNames}, which does not cover {names}.",
    why: "Under DANE-TA(2) the server certificate must carry the MX host name (or its CNAME-expanded name) as a DNS name, with a wildcard only as the whole leftmost label (RFC 7672 §3.2.2 and §3.2.3).",
    remediation:
      "Issue the server certificate with the MX host name in its subjectAltName, or switch to a \"3 1 1\" record, under which senders do not check names.",
    references: [RFC7672_TA, { rfc: 7672, section: "3.2.2" }, RFC7672_NAMES],
  },
  {
    code: "DANE_TA_CERT_EXPIRED",
    severity: "error",
    message: "Record \"{record}\" matches the trust anchor {anchor}, but the certificate {cert} expired on {notAfter}.",
    why: "Under DANE-TA(2) the certificates below the trust anchor are checked for their validity dates like any issued certificate (RFC 7672 §3.1.2); Exchange Online defers such mail with 4.7.322.",
    remediation:
      "Renew the certificate and install it on the mail server; if the renewal changes the CA, update the TLSA record, publishing the new record before the switch.",
    references: [RFC7672_TA],
  },
  {
    code: "DANE_TA_CERT_NOT_YET_VALID",
    severity: "error",
    message: "Record \"{record}\" matches the trust anchor {anchor}, but the certificate {cert} is not valid before {notBefore}.",
    why: "Under DANE-TA(2) a certificate below the trust anchor is only accepted within its validity period (RFC 7672 §3.1.2).",
    remediation:
      "Install a certificate whose validity has started (or wait until it starts), and check the mail server's clock.",
    references: [RFC7672_TA],
  },
  {
    code: "DANE_EE_LEAF_EXPIRED",
    severity: "warning",
    message: "Record \"{record}\" matches the server certificate {leaf}, which expired on {notAfter}.",
    why: "DANE-EE(3) binds the key itself, so RFC-conforming senders ignore the validity dates (RFC 7672 §3.1.1, RFC 7671 §5.1), but senders that check them will refuse the connection.",
    remediation: "Renew the certificate; keeping the same key keeps a \"3 1 1\" record valid without any DNS change.",
    references: [RFC7672_EE, RFC7671_EE],
  },
  {
    code: "DANE_EE_LEAF_NOT_YET_VALID",
    severity: "warning",
    message: "Record \"{record}\" matches the server certificate {leaf}, which is not valid before {notBefore}.",
    why: "DANE-EE(3) senders ignore validity dates (RFC 7672 §3.1.1), but others may refuse a certificate that is not yet valid.",
    remediation: "Deploy a certificate whose validity has started, and check the mail server's clock.",
    references: [RFC7672_EE, RFC7671_EE],
  },
  {
    code: "DANE_EE_NAME_MISMATCH",
    severity: "info",
    message: "Record \"{record}\" matches the server certificate {leaf}, issued for {certNames}, which does not cover {names}.",
    why: "With DANE-EE(3) the TLSA record itself binds the key to the MX host, so senders do not check the certificate's names (RFC 7672 §3.1.1); other clients may still show the mismatch.",
    remediation: "Optional: include the MX host name in the certificate's subjectAltName when it is next renewed.",
    references: [RFC7672_EE],
  },
  {
    code: "DANE_TLSA_NONE_USABLE",
    severity: "warning",
    message: "None of the {count} TLSA records is usable for SMTP: {reasons}.",
    why: "When TLSA records exist but none is usable, senders must still insist on TLS but cannot authenticate the server (RFC 7672 §2.2 and §3.1.3).",
    remediation:
      "Replace the records with a usable one, normally \"3 1 1\" followed by the SHA-256 digest of the server's public key; usages 0 and 1 have no meaning for SMTP.",
    references: [{ rfc: 7672, section: "2.2" }, RFC7672_PKIX],
  },
  {
    code: "DANE_TLSA_RECORD_UNUSABLE",
    severity: "info",
    message: "Record \"{record}\" is ignored: {reason}.",
    why: "SMTP clients skip TLSA records with PKIX usages or unknown parameters and use the others (RFC 7672 §3.1.3).",
    remediation: "Remove the record, or replace it with a DANE-EE(3) or DANE-TA(2) record.",
    references: [RFC7672_PKIX],
  },
];

/**
 * What Exchange Online reports for each failure (the Exchange Online DANE documentation), kept
 * beside the definitions because FindingDefinition has no field for it.
 */
export const daneExchangeCodes: Readonly<Record<string, "4.7.322" | "4.7.323">> = {
  DANE_NO_CERTIFICATE: "4.7.323",
  DANE_CERT_UNPARSEABLE: "4.7.323",
  DANE_TLSA_MISMATCH: "4.7.323",
  DANE_TA_NOT_IN_CHAIN: "4.7.323",
  DANE_TA_CHAIN_BROKEN: "4.7.323",
  DANE_TA_NAME_MISMATCH: "4.7.323",
  DANE_TA_CERT_EXPIRED: "4.7.322",
  DANE_TA_CERT_NOT_YET_VALID: "4.7.323",
};
