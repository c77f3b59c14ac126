// What Exchange Online does with mail to the domain, one finding per outcome code. The facts come
// from Microsoft's published description of its inbound DANE behaviour; the wording is ours.
import type { FindingDefinition } from "./types";

export const exchangeFindings: FindingDefinition[] = [
  {
    code: "EXO_DELIVER",
    severity: "info",
    message: "Exchange Online would deliver mail through {host}.",
    why: "Exchange Online sends through any MX host that passes its DNSSEC and DANE checks.",
    remediation: "",
    references: [{ rfc: 7672, section: "2.2" }],
  },
  {
    code: "EXO_NO_MAIL",
    severity: "info",
    message: "Exchange Online would not deliver mail to {domain}: {reason}",
    why: "A domain with a null MX, one that does not exist, or one with neither MX nor address records (RFC 5321 §5.1) does not receive mail.",
    remediation: "",
    references: [{ rfc: 7505, section: "3" }],
  },
  {
    code: "EXO_4_7_321",
    severity: "error",
    message: "Exchange Online would defer mail with 4.7.321 starttls-not-supported ({host}).",
    why: "A host with secure, usable TLSA records must offer STARTTLS; Exchange Online does not send such mail in plaintext.",
    remediation:
      "Find the server behind the address named in the error and make sure it listens on port 25 and offers STARTTLS. If it cannot do TLS, remove the TLSA record until it can, then run the test again.",
    references: [{ rfc: 7672, section: "2.2" }],
  },
  {
    code: "EXO_4_7_322",
    severity: "error",
    message: "Exchange Online would defer mail with 4.7.322 certificate-expired ({host}).",
    why: "Under DANE-TA the server certificate is checked for its validity dates; an expired one fails authentication.",
    remediation:
      "Renew the certificate of the server named in the error, install it, and update its TLSA record if the record covers the new certificate or key; then run the test again.",
    references: [{ rfc: 7672, section: "3.1.2" }],
  },
  {
    code: "EXO_4_7_323",
    severity: "error",
    message: "Exchange Online would defer mail with 4.7.323 tlsa-invalid ({host}).",
    why: "The certificate the server presented matches none of the usable TLSA records, so the server cannot be authenticated.",
    remediation:
      "Compare the TLSA records of the host with the certificate it presents (this test shows both). Publish a record that matches the certificate or key actually in use, and check that the certificate is not dated in the future.",
    references: [{ rfc: 7672, section: "3" }, { rfc: 7671, section: "5" }],
  },
  {
    code: "EXO_4_7_324",
    severity: "error",
    message: "Exchange Online would defer mail with 4.7.324 dnssec-invalid ({detail}).",
    why: "Data that claims DNSSEC protection but fails validation, or a TLSA query answered with SERVFAIL, cannot be trusted.",
    remediation:
      "Check the chain of trust: the DS records at the parent must match a key in the child zone, and every signature must be valid and in date. Answer TLSA queries for hosts without TLSA with a signed NODATA or NXDOMAIN, never SERVFAIL. If a DNS provider hosts the zone, send them these results.",
    references: [{ rfc: 7672, section: "2.1.1" }, { rfc: 4035, section: "5" }],
  },
  {
    code: "EXO_4_4_312",
    severity: "error",
    message: "Exchange Online would defer mail with 4.4.312 DNS query failed ({detail}).",
    why: "When DNS lookups fail outright Exchange Online reports a generic DNS error rather than a DNSSEC one.",
    remediation: "Make sure the domain's name servers answer every query (MX, A, AAAA, TLSA) over UDP and TCP.",
    references: [{ rfc: 7672, section: "2.1.1" }],
  },
  {
    code: "EXO_NO_HOST_REACHABLE",
    severity: "error",
    message: "Exchange Online would defer mail: no MX host of {domain} accepted a connection.",
    why: "Without any reachable MX host, senders queue the mail and retry.",
    remediation: "Make sure at least one MX host listens on port 25 from the internet.",
    references: [{ rfc: 5321, section: "4.5.4.1" }],
  },
];
