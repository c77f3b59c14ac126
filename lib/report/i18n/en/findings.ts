// English texts of every finding (ICU MessageFormat over the finding's params, lib/report/findings).
// The type makes a code without English text, or English text for no code, a compile error. An
// apostrophe before a brace is doubled (''{x}'') because a single one would quote the brace.
import type { FindingCode } from "../../findings";
import type { FindingTexts } from "../types";
import { enMailAuthFindings } from "./mail-auth";
import { enExchangeReadinessFindings } from "./exchange-readiness";

export const enFindings: Record<FindingCode, FindingTexts> = {
  // general
  INPUT_INVALID: {
    message: "''{input}'' is not a domain name or e-mail address mailsec can test: {problem}",
    why: "Host names are limited to letters, digits and hyphens in labels of at most 63 octets, 253 octets in all.",
    remediation: "Enter the domain that receives the mail (example.com) or a full address (someone@example.com).",
  },
  RUN_TIMED_OUT: {
    message: "The test did not finish within {seconds} s and was stopped.",
    why: "Every test is bounded in time so that a silent server cannot hold a run open.",
    remediation: "Run the test again; if it stops again at the same step, that server or name server is not answering.",
  },
  INTERNAL_ERROR: {
    message: "mailsec failed inside while checking this: {detail}",
    why: "This is a fault in mailsec, not in the domain under test; the result of this part is unknown.",
    remediation: "Run the test again; if it fails the same way, report it to the mailsec maintainers with this result's link.",
  },
  RESOLVER_UNREACHABLE: {
    message: "No configured resolver answered the query for {name} {type}.",
    why: "Without answers mailsec cannot learn the MX, address and TLSA records it must check.",
    remediation: "Check the resolver addresses given to mailsec and that they answer DNS over UDP and TCP.",
  },
  MX_NULL: {
    message: "{domain} publishes a null MX record: it accepts no mail.",
    why: "A null MX (a single MX with preference 0 and exchange '.') tells senders to bounce mail at once.",
    remediation: "If the domain should receive mail, replace the null MX with the names of your mail servers.",
  },
  MX_IMPLICIT: {
    message: "{domain} has no MX records; senders fall back to the domain's own addresses.",
    why: "Without MX records SMTP treats the domain itself as the only mail host, at preference 0.",
    remediation: "Publish MX records naming your mail servers, even when it is the domain's own host.",
  },
  DOMAIN_NXDOMAIN: {
    message: "{domain} does not exist in DNS (NXDOMAIN).",
    why: "Mail to a name that does not exist is returned to the sender at once.",
    remediation: "Check the spelling of the domain, and that it is delegated from its parent zone.",
  },
  MX_INSECURE: {
    message: "The MX records of {domain} are not signed with DNSSEC: senders cannot use DANE for this domain.",
    why: "DANE applies only when the MX RRset is proven authentic; otherwise an attacker could substitute the MX hosts.",
    remediation: "Sign the zone with DNSSEC and publish its DS record at the parent, then publish TLSA records for the MX hosts.",
  },
  MX_BOGUS: {
    message: "The MX records of {domain} failed DNSSEC validation.",
    why: "A validating sender must not use MX data that fails validation, so mail is deferred.",
    remediation: "Repair the zone's signatures or the DS record at the parent (see the DNSSEC steps) and re-sign the zone.",
  },
  MX_LOOKUP_FAILED: {
    message: "The MX lookup for {domain} failed: no usable answer arrived.",
    why: "A sender that cannot learn the MX records (SERVFAIL, no answer) defers the mail and retries.",
    remediation: "Make sure every authoritative name server of the domain answers MX queries over UDP and TCP.",
  },
  HOST_ADDRESS_BOGUS: {
    message: "The address records of {host} failed DNSSEC validation.",
    why: "A sender must not connect to an address learned from bogus DNS data; the host is unusable.",
    remediation: "Repair the DNSSEC signatures of the zone that holds the MX host's address records (re-sign it, and check that its DS at the parent matches a current key).",
  },
  HOST_ADDRESS_INSECURE: {
    message: "The addresses of {host} are not DNSSEC-signed: senders do not use DANE for this host.",
    why: "TLSA records are only looked up for an MX host whose address records are secure.",
    remediation: "Put the MX host's name in a signed zone (with a DS record at its parent) to make DANE apply to it.",
  },
  HOST_NO_ADDRESS: {
    message: "{host} has no A or AAAA records.",
    why: "A sender cannot reach an MX host without an address.",
    remediation: "Publish A and/or AAAA records for the MX host, or remove it from the MX records.",
  },
  HOST_CNAME_INSECURE: {
    message: "{host} is an alias whose CNAME chain is not fully secure; TLSA is looked up only at the original name.",
    why: "The TLSA base domain may follow a CNAME only when every link of the chain is DNSSEC-secure.",
    remediation: "Sign every zone along the alias chain, or name the final host in the MX record directly.",
  },
  TLSA_LOOKUP_SECURE: {
    message: "{name} has {count} DNSSEC-secure TLSA record(s), {usable} of them usable for SMTP.",
    why: "Secure, usable TLSA records make DANE mandatory for this host: STARTTLS and a matching certificate are required.",
    remediation: "",
  },
  TLSA_LOOKUP_ABSENT: {
    message: "{name} has no TLSA records (authenticated denial of existence).",
    why: "With no TLSA records, senders fall back to opportunistic TLS for this host.",
    remediation: "To protect this host with DANE, publish a TLSA record such as '3 1 1 <SHA-256 of the server's public key>'.",
  },
  TLSA_LOOKUP_INSECURE: {
    message: "The TLSA lookup for {name} is not DNSSEC-secure.",
    why: "Only TLSA records proven authentic by DNSSEC may be used; insecure ones are ignored.",
    remediation: "Sign the zone that holds the TLSA name (_25._tcp.<MX host>) and link it to its parent with a DS record.",
  },
  TLSA_LOOKUP_BOGUS: {
    message: "The TLSA lookup for {name} failed DNSSEC validation.",
    why: "A bogus TLSA answer means the host cannot be used for delivery until the zone validates again.",
    remediation: "Repair the DNSSEC signatures or denial records (NSEC/NSEC3) of the zone that holds the TLSA name (_25._tcp.<MX host>).",
  },
  TLSA_LOOKUP_SERVFAIL: {
    message: "The TLSA lookup for {name} failed: no usable answer arrived.",
    why: "A TLSA lookup that fails is not a denial: a sender must treat the host as unusable rather than skip DANE.",
    remediation: "Make the authoritative servers answer TLSA queries for _25._tcp.<MX host> with the records or a signed NODATA/NXDOMAIN, never SERVFAIL or silence.",
  },
  // dnssec
  DNSSEC_RRSIG_EXPIRED: {
    message: "The signature over {rrset} made with key {keyTag} expired on {expiration} (checked at {now}).",
    why: "Once its expiration time has passed a signature proves nothing, so validating resolvers treat the data as bogus and refuse it.",
    remediation: "Re-sign the zone and make sure the signer runs on a schedule that refreshes signatures well before they expire.",
  },
  DNSSEC_RRSIG_NOT_YET_VALID: {
    message: "The signature over {rrset} made with key {keyTag} only becomes valid on {inception} (checked at {now}).",
    why: "A signature whose inception lies in the future is not yet usable, so validating resolvers reject the data until then.",
    remediation: "Check the signing host's clock and re-sign with an inception time slightly in the past.",
  },
  DNSSEC_RRSIG_BAD_SIGNATURE: {
    message: "The signature over {rrset} made with key {keyTag} does not verify.",
    why: "A signature that does not match the data means the data was changed after signing or signed with another key; resolvers refuse it.",
    remediation: "Re-sign the zone with the keys published in its DNSKEY set and check that nothing rewrites the records after signing.",
  },
  DNSSEC_RRSIG_MISSING: {
    message: "{rrset} has no signature from the zone {zone}, which is signed.",
    why: "In a signed zone every authoritative record set must carry a signature; one without is indistinguishable from forged data.",
    remediation: "Sign the zone completely (including records added after the last signing) and check that every name server serves the signed copy.",
  },
  DNSSEC_RRSIG_MALFORMED: {
    message: "The signature over {rrset} with key {keyTag} is unusable: {problem}.",
    why: "A signature whose signer name or label count does not fit the record it covers cannot be checked and is treated as invalid.",
    remediation: "Re-sign the zone with a standard signer; the signer name must be the zone apex and the label count must match the owner name.",
  },
  DNSSEC_NO_MATCHING_KEY: {
    message: "{rrset} is signed with key {keyTag} (algorithm {algorithm}), which is not a usable key in the DNSKEY set of {zone}.",
    why: "A signature can only be trusted through a key the zone publishes and the chain of trust vouches for.",
    remediation: "Publish the signing key in the zone's DNSKEY set with the zone-key flag (and without the revoke flag), or re-sign with a published key.",
  },
  DNSSEC_DNSKEY_MISSING: {
    message: "The zone {zone} has DS records at its parent but no validly signed DNSKEY set: {problem}.",
    why: "The parent says the zone is signed, so without its keys nothing in it can be validated and resolvers return SERVFAIL.",
    remediation: "Serve the DNSKEY set from every name server of the zone, signed by the key the parent's DS points to.",
  },
  DNSSEC_DS_MISMATCH: {
    message: "No DNSKEY of {zone} matches the DS records at its parent ({ds, select, none {the configured trust anchor} other {{ds}}}).",
    why: "The DS record is how the parent vouches for the child's key; if it points to no published key, the chain of trust is broken.",
    remediation: "Update the DS records at the registrar or parent to match the zone's current key-signing key, or publish the key they point to.",
  },
  DNSSEC_DENIAL_MISSING: {
    message: "The {kind} answer for {name} {type} comes without the signed NSEC or NSEC3 records that prove it.",
    why: "In a signed zone a negative answer must be proven; without the proof an attacker could have erased the data.",
    remediation: "Check that the zone's NSEC or NSEC3 chain is complete and signed, and that the name servers include it in negative answers.",
  },
  DNSSEC_DENIAL_INVALID: {
    message: "The {proof} records do not prove the {kind} answer for {name} {type}: {problem}.",
    why: "A denial of existence is only trusted when its NSEC or NSEC3 records cover exactly the names the rules require.",
    remediation: "Re-sign the zone so the NSEC/NSEC3 chain is rebuilt from the current data.",
  },
  DNSSEC_UNSUPPORTED_ALGORITHM: {
    message: "The zone {zone} is signed only with algorithm {algorithm}, which mailsec does not validate; the zone is treated as unsigned.",
    why: "When no DS record uses an algorithm the validator implements, the zone is handled as insecure rather than bogus.",
    remediation: "Roll the zone to a current algorithm such as ECDSAP256SHA256 (13) or ED25519 (15).",
  },
  DNSSEC_UNSUPPORTED_DIGEST: {
    message: "The DS records for {zone} use only digest type {digest}, which mailsec does not check; the zone is treated as unsigned.",
    why: "A DS record with an unknown digest type cannot vouch for a key, so the delegation is handled as insecure.",
    remediation: "Publish a DS record with digest type 2 (SHA-256) at the parent.",
  },
  DNSSEC_DEPRECATED_ALGORITHM: {
    message: "The zone {zone} is signed with {algorithm}, an algorithm that should no longer be used.",
    why: "RSA with SHA-1 is no longer considered strong; some validators already refuse it and treat such zones as unsigned.",
    remediation: "Roll the zone to ECDSAP256SHA256 (13), ED25519 (15) or RSASHA256 (8) with a new DS at the parent.",
  },
  DNSSEC_DEPRECATED_DIGEST: {
    message: "The DS record {ds} for {zone} uses SHA-1.",
    why: "SHA-1 DS digests are deprecated; a SHA-256 DS should be published instead.",
    remediation: "Replace the SHA-1 DS record at the parent with a SHA-256 (digest type 2) one.",
  },
  DNSSEC_WEAK_KEY: {
    message: "Key {keyTag} of {zone} is only {bits} bits long.",
    why: "RSA keys under 1024 bits can be factored with modest effort, so signatures made with them give little assurance.",
    remediation: "Replace the key with an RSA key of at least 2048 bits or, better, an ECDSA or Ed25519 key.",
  },
  DNSSEC_NSEC3_ITERATIONS: {
    message: "The zone {zone} uses {iterations} NSEC3 iterations, above the limit of {limit}; its negative answers are treated as unsigned.",
    why: "Extra NSEC3 iterations cost resolvers work without adding protection, so resolvers stop validating denials above a limit.",
    remediation: "Set NSEC3 iterations to 0 and use no salt when re-signing the zone.",
  },
  DNSSEC_INSECURE_DELEGATION: {
    message: "{zone} is not signed: its parent {parent} proves there is no DS record for it.",
    why: "Without a DS record at the parent the chain of trust ends, so answers from the zone cannot be validated (and DANE cannot apply).",
    remediation: "Sign the zone and publish its DS record at the parent (usually through the registrar) if you want DNSSEC and DANE.",
  },
  DNSSEC_NSEC3_OPT_OUT: {
    message: "{name} lies in an NSEC3 opt-out span of {zone}: it may sit under an unsigned delegation, so its absence is not proven.",
    why: "Opt-out lets a zone skip unsigned delegations in its NSEC3 chain, so a name inside such a span can only be reported as unsigned.",
    remediation: "If the name should be signed, re-sign the zone without NSEC3 opt-out.",
  },
  DNSSEC_NO_TRUST_ANCHOR: {
    message: "No configured trust anchor covers {name}.",
    why: "A validator can only decide whether data is signed starting from a key it trusts in advance.",
    remediation: "Configure a trust anchor for the root (the default) or for a zone above the name.",
  },
  DNSSEC_CNAME_LOOP: {
    message: "The alias chain starting at {name} loops back to {target}.",
    why: "A chain of aliases that returns to a name it already visited never reaches any data.",
    remediation: "Change the CNAME or DNAME records so the chain ends at a name that holds the data.",
  },
  DNSSEC_CNAME_CHAIN_TOO_LONG: {
    message: "The alias chain starting at {name} is longer than {limit} links.",
    why: "Resolvers follow only a few aliases; longer chains fail and each link is another zone that can break.",
    remediation: "Point the first CNAME directly at the final name.",
  },
  DNSSEC_DNAME_MISMATCH: {
    message: "The CNAME {name} -> {target} does not follow from the DNAME {dname}.",
    why: "A CNAME synthesised from a DNAME must rewrite exactly the DNAME's owner suffix; anything else is unauthenticated.",
    remediation: "Check the DNAME record and the name servers that synthesise answers from it.",
  },
  DNSSEC_CHAIN_TOO_LONG: {
    message: "Reaching {name} needs more than {limit} zones from the trust anchor.",
    why: "The walk down the chain of trust is bounded so one name cannot cost an unbounded number of queries.",
    remediation: "Reduce the number of delegations above the name.",
  },
  DNSSEC_SERVFAIL: {
    message: "The resolver answered SERVFAIL for {name} {type}.",
    why: "SERVFAIL means the data could not be obtained, often because a validating resolver found it bogus or the name servers failed.",
    remediation: "Check that the zone's name servers answer and that its signatures and DS records are current.",
  },
  DNSSEC_NETWORK_FAILURE: {
    message: "No usable answer for {name} {type}: {problem}.",
    why: "Without an answer mailsec cannot tell whether the data is signed; the result is indeterminate, not bogus.",
    remediation: "Check the resolver addresses given to mailsec and that the zone's name servers answer over UDP and TCP.",
  },
  DNSSEC_UNEXPECTED_RESPONSE: {
    message: "The answer for {name} {type} is not usable: {problem}.",
    why: "An answer that fits neither a positive nor a proven negative response cannot be validated.",
    remediation: "Check the zone's name servers: they may serve inconsistent data or mishandle DNSSEC records.",
  },
  // H1: signatures ignored because another signature authenticates the RRset.
  DNSSEC_EXTRA_RRSIG_EXPIRED: {
    message: "A signature over {rrset} made with key {keyTag} expired on {expiration} (checked at {now}); another signature still validates the records.",
    why: "Validators accept an RRset when any one signature on the chain of trust is valid and ignore the rest, so this does not break resolution today, but it shows stale data left behind.",
    remediation: "Remove the stale signature (re-sign the zone, or finish the key rollover that left it behind).",
  },
  DNSSEC_EXTRA_RRSIG_NOT_YET_VALID: {
    message: "A signature over {rrset} made with key {keyTag} only becomes valid on {inception} (checked at {now}); another signature still validates the records.",
    why: "Validators accept an RRset when any one signature on the chain of trust is valid; a signature from the future usually means a signer with a wrong clock.",
    remediation: "Check the signing host's clock and re-sign with an inception time slightly in the past.",
  },
  DNSSEC_EXTRA_RRSIG_BAD_SIGNATURE: {
    message: "A signature over {rrset} made with key {keyTag} does not verify; another signature still validates the records.",
    why: "Validators accept an RRset when any one signature on the chain of trust is valid, but a signature that does not match means the data changed after signing or two signers disagree.",
    remediation: "Re-sign the zone and check that every name server serves the same signed copy.",
  },
  DNSSEC_EXTRA_RRSIG_NO_KEY: {
    message: "A signature over {rrset} names key {keyTag} (algorithm {algorithm}), which is not in the DNSKEY set of {zone}; another signature still validates the records.",
    why: "A signature by a key the zone no longer publishes (a retired ZSK) is ignored by validators; it is harmless while another signature is valid, but it is what breaks when that one expires.",
    remediation: "Re-sign the zone so no record keeps a signature by the retired key, or publish the key until its signatures have expired from caches.",
  },
  DNSSEC_EXTRA_RRSIG_MALFORMED: {
    message: "A signature over {rrset} with key {keyTag} is unusable ({problem}); another signature still validates the records.",
    why: "A signature whose fields do not fit the records it covers is ignored by validators.",
    remediation: "Re-sign the zone with a standard signer.",
  },
  DNSSEC_EXTRA_RRSIG_UNSUPPORTED_ALGORITHM: {
    message: "A signature over {rrset} with key {keyTag} uses algorithm {algorithm}, which mailsec does not validate; another signature validates the records.",
    why: "A validator ignores signatures by algorithms it does not implement when another signature on the chain of trust is valid (RFC 6840 §5.11).",
    remediation: "",
  },
  DNSSEC_RRSIG_NOT_CHECKED: {
    message: "A signature over {rrset} with key {keyTag} was not checked: the RRset had used up its {limit} signature checks; another signature validates the records.",
    why: "Validators bound the signature checks per RRset against KeyTrap (CVE-2023-50387); an RRset that needs more is unusual.",
    remediation: "Sign each RRset with few keys and avoid key-tag collisions in the DNSKEY set.",
  },
  DNSSEC_DENIAL_WILDCARD_EXPANDED: {
    message: "The denial for {name} {type} rests on the NSEC/NSEC3 record at {owner}, which is itself a wildcard expansion (its signature's label count is below its owner's); such a record denies nothing.",
    why: "A record synthesised from a wildcard can be replayed at any name the wildcard matches, so an attacker could use it to deny records that exist (CVE-2017-15105); validators refuse it as a proof.",
    remediation: "Nothing to change in the zone if it is served correctly: this answer was altered on the way, or the name server synthesises NSEC records from wildcards. Check what every name server returns for this name.",
  },
  DNSSEC_DNAME_WILDCARD: {
    message: "The answer for {name} uses the DNAME {dname}, synthesised from a wildcard DNAME.",
    why: "A DNAME at a wildcard owner is undefined (RFC 4592 §4.4): validators do not accept a DNAME expanded from a wildcard, so the answer is bogus.",
    remediation: "Replace the wildcard DNAME with a DNAME at each name that should redirect, or with wildcard CNAME records.",
  },
  // dane
  DANE_NO_CERTIFICATE: {
    message: "The server finished the TLS handshake without presenting any certificate.",
    why: "DANE authenticates the server by comparing its certificate or public key with the TLSA records (RFC 7672 §3.1), so a server without a certificate cannot be authenticated.",
    remediation: "Configure the mail server on this address with a certificate and private key for STARTTLS, then publish a TLSA record that matches it.",
  },
  DANE_CERT_UNPARSEABLE: {
    message: "The certificate at position {depth} of the chain the server sent is not a readable X.509 certificate.",
    why: "A TLSA record is compared with a certificate's encoding or its public key (RFC 6698 §2.1.2), which requires a well-formed certificate.",
    remediation: "Check the certificate files configured on the mail server; re-export them in PEM from the issuing system.",
  },
  DANE_TLSA_MISMATCH: {
    message: "None of the {count} usable TLSA records ({records}) matches the certificate chain; the server presented {leaf}, for which a DANE-EE record would read \"{expected}\".",
    why: "When usable TLSA records are published, a sending server must find one that matches the presented chain and otherwise must not deliver (RFC 7672 §2.2 and §3.1).",
    remediation: "Publish a TLSA record that matches the certificate actually deployed, preferably \"3 1 1\" with the SHA-256 digest of its public key as shown above. When you replace a key, publish the new record next to the old one first, wait at least twice the TTL, then switch the certificate and only afterwards remove the old record.",
  },
  DANE_TA_NOT_IN_CHAIN: {
    message: "No certificate in the chain the server sent matches the DANE-TA records ({records}); the server sent: {chain}.",
    why: "With DANE-TA(2) the trust anchor has to be part of the certificate chain the server presents, even when it is a self-signed root (RFC 7672 §3.1.2); senders do not fetch it from anywhere else.",
    remediation: "Configure the mail server to send the full chain, including the CA certificate the TLSA record names, or publish a record for the CA that actually issued the deployed certificate. A \"3 1 1\" record for the server's own key avoids this dependency altogether.",
  },
  DANE_TA_CHAIN_BROKEN: {
    message: "Record \"{record}\" matches the trust anchor {anchor}, but the chain from the server certificate {leaf} up to it does not verify: {reason}.",
    why: "A DANE-TA(2) record only vouches for certificates that the named trust anchor issued, directly or through CA certificates, with every signature valid (RFC 7672 §3.1.2, RFC 7671 §5.2).",
    remediation: "Send the intermediate certificates in order (server certificate first, each followed by its issuer) and make sure the deployed certificate was really issued under the CA the TLSA record names.",
  },
  DANE_TA_NAME_MISMATCH: {
    message: "Record \"{record}\" matches the trust anchor {anchor}, but the server certificate {leaf} is issued for {certNames}, which does not cover {names}.",
    why: "Under DANE-TA(2) the server certificate must carry the MX host name (or its CNAME-expanded name) as a DNS name, with a wildcard only as the whole leftmost label (RFC 7672 §3.2.2 and §3.2.3).",
    remediation: "Issue the server certificate with the MX host name in its subjectAltName, or switch to a \"3 1 1\" record, under which senders do not check names.",
  },
  DANE_TA_CERT_EXPIRED: {
    message: "Record \"{record}\" matches the trust anchor {anchor}, but the certificate {cert} expired on {notAfter}.",
    why: "Under DANE-TA(2) the certificates below the trust anchor are checked for their validity dates like any issued certificate (RFC 7672 §3.1.2); Exchange Online defers such mail with 4.7.322.",
    remediation: "Renew the certificate and install it on the mail server; if the renewal changes the CA, update the TLSA record, publishing the new record before the switch.",
  },
  DANE_TA_CERT_NOT_YET_VALID: {
    message: "Record \"{record}\" matches the trust anchor {anchor}, but the certificate {cert} is not valid before {notBefore}.",
    why: "Under DANE-TA(2) a certificate below the trust anchor is only accepted within its validity period (RFC 7672 §3.1.2).",
    remediation: "Install a certificate whose validity has started (or wait until it starts), and check the mail server's clock.",
  },
  DANE_EE_LEAF_EXPIRED: {
    message: "Record \"{record}\" matches the server certificate {leaf}, which expired on {notAfter}.",
    why: "DANE-EE(3) binds the key itself, so RFC-conforming senders ignore the validity dates (RFC 7672 §3.1.1, RFC 7671 §5.1), but senders that check them will refuse the connection.",
    remediation: "Renew the certificate; keeping the same key keeps a \"3 1 1\" record valid without any DNS change.",
  },
  DANE_EE_LEAF_NOT_YET_VALID: {
    message: "Record \"{record}\" matches the server certificate {leaf}, which is not valid before {notBefore}.",
    why: "DANE-EE(3) senders ignore validity dates (RFC 7672 §3.1.1), but others may refuse a certificate that is not yet valid.",
    remediation: "Deploy a certificate whose validity has started, and check the mail server's clock.",
  },
  DANE_EE_NAME_MISMATCH: {
    message: "Record \"{record}\" matches the server certificate {leaf}, issued for {certNames}, which does not cover {names}.",
    why: "With DANE-EE(3) the TLSA record itself binds the key to the MX host, so senders do not check the certificate's names (RFC 7672 §3.1.1); other clients may still show the mismatch.",
    remediation: "Optional: include the MX host name in the certificate's subjectAltName when it is next renewed.",
  },
  DANE_TLSA_NONE_USABLE: {
    message: "{count, plural, one {The only TLSA record is not} other {None of the # TLSA records is}} usable for SMTP (PKIX usages 0/1, or unknown selector or matching type).",
    why: "When TLSA records exist but none is usable, senders must still insist on TLS but cannot authenticate the server (RFC 7672 §2.2 and §3.1.3).",
    remediation: "Replace the records with a usable one, normally \"3 1 1\" followed by the SHA-256 digest of the server's public key; usages 0 and 1 have no meaning for SMTP.",
  },
  DANE_TLSA_RECORD_UNUSABLE: {
    message: "Record \"{record}\" is ignored: {reason}.",
    why: "SMTP clients skip TLSA records with PKIX usages or unknown parameters and use the others (RFC 7672 §3.1.3).",
    remediation: "Remove the record, or replace it with a DANE-EE(3) or DANE-TA(2) record.",
  },
  // certificate
  CERT_NONE: {
    message: "The server presented no certificate in the TLS handshake.",
    why: "Without a certificate a sender cannot tell the real server from anyone in the path (RFC 8446 §4.4.2 requires one for server authentication).",
    remediation: "Configure a certificate and private key for STARTTLS on the mail server.",
  },
  CERT_UNREADABLE: {
    message: "The certificate at position {depth} of the chain is not a readable X.509 certificate.",
    why: "Senders parse every certificate they are sent; one they cannot read cannot be checked (RFC 5280 §4.1).",
    remediation: "Re-export the certificate files from the issuing system in PEM and reconfigure the mail server with them.",
  },
  CERT_EXPIRED: {
    message: "The server certificate {cert} expired on {notAfter}, {days} days ago.",
    why: "A certificate is only valid within its validity period (RFC 5280 §4.1.2.5); Exchange Online defers mail to a DANE domain whose certificate has expired with 4.7.322.",
    remediation: "Renew the certificate and install it on the mail server; if DANE is in use, publish the TLSA record for the new certificate before the switch unless the key stays the same.",
  },
  CERT_NOT_YET_VALID: {
    message: "The server certificate {cert} is not valid before {notBefore}.",
    why: "A certificate is only valid within its validity period (RFC 5280 §4.1.2.5).",
    remediation: "Install a certificate whose validity has started, and check the clocks of the issuing system and the mail server.",
  },
  CERT_EXPIRING_SOON: {
    message: "The server certificate {cert} expires on {notAfter}, in {days} days.",
    why: "Once it expires, senders that authenticate the server refuse it (RFC 5280 §4.1.2.5), and DANE-TA domains start deferring mail.",
    remediation: "Renew the certificate now; with DANE, keep the key or publish the new TLSA record ahead of the switch.",
  },
  CERT_NAME_MISMATCH: {
    message: "The server certificate {cert} is issued for {certNames}, which does not cover the MX host {host}.",
    why: "Senders that authenticate the MX host (DANE-TA, MTA-STS) match its name against the certificate's DNS names, a wildcard standing for exactly one leftmost label (RFC 7672 §3.2.3, RFC 6125 §6.4).",
    remediation: "Issue the certificate with the MX host name in its subjectAltName.",
  },
  CERT_SELF_SIGNED: {
    message: "The server certificate {cert} is self-signed.",
    why: "A self-signed certificate is trusted by no public root store (RFC 5280 §6.1), so only DANE-EE(3) records can authenticate it.",
    remediation: "Use a certificate from a public CA, or publish a \"3 1 1\" TLSA record for this key in a DNSSEC-signed zone.",
  },
  CERT_UNTRUSTED: {
    message: "The chain of {cert} does not lead to a trusted root: {reason}.",
    why: "WebPKI trust needs an unbroken path of valid signatures from the server certificate to a root in the store (RFC 5280 §6.1); MTA-STS senders require it.",
    remediation: "Send the intermediate certificates with the server certificate, or use a certificate from a CA in the public root programs.",
  },
  CERT_INTERMEDIATE_OUT_OF_DATE: {
    message: "The chain certificate {cert} is outside its validity period ({notBefore} to {notAfter}).",
    why: "Every certificate on the path to the root must be within its validity period (RFC 5280 §6.1.3).",
    remediation: "Replace the intermediate certificate on the mail server with the current one from your CA.",
  },
  CERT_WEAK_KEY: {
    message: "The certificate {cert} has a weak {keyType} key of {keySize} bits.",
    why: "TLS servers should use RSA keys of at least 2048 bits (RFC 7525 §4.5); curves below 256 bits fall short of the same security level.",
    remediation: "Generate a new key (RSA 2048+ or ECDSA P-256) and reissue the certificate; with DANE, publish the new TLSA record first.",
  },
  CERT_SHA1_SIGNATURE: {
    message: "The certificate {cert} is signed with SHA-1 ({algorithm}).",
    why: "SHA-1 collisions are practical, so SHA-1 signatures on certificates are deprecated (RFC 9155 §2 for TLS signatures).",
    remediation: "Reissue the certificate with a SHA-256 (or stronger) signature.",
  },
  CERT_CHAIN_ORDER: {
    message: "The chain is not in order: {detail}.",
    why: "TLS 1.2 requires each certificate to be followed by the one that certifies it (RFC 5246 §7.4.2); some senders do not reorder.",
    remediation: "Configure the chain file as: server certificate, then its issuer, then that issuer's issuer.",
  },
  // smtp
  SMTP_TARGET_REFUSED: {
    message: "mailsec does not connect to {ip}: {detail}.",
    why: "Loopback, private and reserved addresses are not reachable from the internet, so senders cannot deliver there either.",
    remediation: "Publish public addresses for your MX hosts.",
  },
  SMTP_CONNECT_FAILED: {
    message: "Could not connect to {ip} port {port}: {detail}.",
    why: "A sender that cannot connect tries the next address or MX host, and defers the mail when none answers.",
    remediation: "Make sure the mail server listens on the SMTP port (25) and that no firewall drops connections from the internet.",
  },
  SMTP_NO_BANNER: {
    message: "{ip} did not send a usable 220 greeting: {detail}.",
    why: "An SMTP server opens the session with a 220 reply; without it no mail can be sent.",
    remediation: "Check the mail server's logs: it accepted the connection but did not greet the client.",
  },
  SMTP_EHLO_FAILED: {
    message: "{ip} did not accept EHLO: {detail}.",
    why: "Extensions such as STARTTLS are only advertised in the reply to EHLO.",
    remediation: "Enable ESMTP (EHLO) on the mail server.",
  },
  SMTP_HELO_ONLY: {
    message: "{ip} rejected EHLO and accepted only HELO, so it advertises no SMTP extensions (no STARTTLS).",
    why: "Extensions such as STARTTLS exist only in an EHLO session; a server that takes HELO alone cannot offer TLS.",
    remediation: "Enable ESMTP (EHLO) on the mail server, with STARTTLS.",
  },
  SMTP_STARTTLS_NOT_OFFERED: {
    message: "{ip} does not advertise STARTTLS.",
    why: "With secure, usable TLSA records a sender must use STARTTLS and must not fall back to plaintext.",
    remediation: "Enable STARTTLS on the mail server with a certificate that matches the TLSA records.",
  },
  SMTP_STARTTLS_REFUSED: {
    message: "{ip} advertised STARTTLS but refused it: {detail}.",
    why: "With secure, usable TLSA records a sender must use STARTTLS and must not fall back to plaintext.",
    remediation: "Fix the mail server's TLS configuration (certificate and key files) so that STARTTLS is answered with 220.",
  },
  SMTP_TLS_FAILED: {
    message: "The TLS handshake with {ip} failed: {detail}.",
    why: "With secure, usable TLSA records a sender must use STARTTLS and must not fall back to plaintext.",
    remediation: "Check the server's certificate and key, and that it offers TLS 1.2 or 1.3 with common cipher suites.",
  },
  SMTP_STARTTLS_OPPORTUNISTIC_MISSING: {
    message: "{ip} does not offer STARTTLS: mail to it travels in plaintext.",
    why: "Without TLS anyone on the path can read the mail; DANE would make TLS mandatory.",
    remediation: "Enable STARTTLS on the mail server.",
  },
  SMTP_PROTOCOL_ERROR: {
    message: "The SMTP conversation with {ip} broke off: {detail}.",
    why: "A server that violates the protocol or closes the connection cannot receive mail.",
    remediation: "Check the mail server's logs for the session from mailsec's address.",
  },
  SMTP_SMTPUTF8_NOT_OFFERED: {
    message: "{ip} does not offer SMTPUTF8, so it cannot take mail for an address whose local part is not ASCII: {detail}.",
    why: "A sender may hand an address with a UTF-8 local part only to a server that advertises SMTPUTF8; otherwise the mail is returned.",
    remediation: "Enable SMTPUTF8 (RFC 6531) on the mail server, or give the mailbox an ASCII alias.",
  },
  SMTP_ENVELOPE_NOT_REACHED: {
    message: "The conversation with {ip} ended before the envelope could be sent: {detail}.",
    why: "A sender must get through the greeting, EHLO and STARTTLS before it can name the recipient.",
    remediation: "Check the mail server's logs for the session from mailsec's address; the steps above show where it stopped.",
  },
  SMTP_NULL_SENDER_REFUSED: {
    message: "{ip} refused the null sender (MAIL FROM:<>) with {reply}.",
    why: "Bounces and delivery reports are sent with the null reverse path, and every mail server must accept it.",
    remediation: "Configure the mail server to accept MAIL FROM:<> (RFC 5321 §4.5.5).",
  },
  SMTP_RECIPIENT_REFUSED: {
    message: "{ip} refused the recipient <{recipient}> with {reply}.",
    why: "A server that refuses RCPT TO does not take mail for that address.",
    remediation: "Check that the mailbox exists and that the server accepts mail for the domain from the internet.",
  },
  SMTP_MESSAGE_REFUSED: {
    message: "{ip} did not accept the test message ({reply}).",
    why: "The server accepted the recipient but refused the message itself, so mail to this address does not arrive.",
    remediation: "Check the server's content filters and size limits, and its logs for mailsec's test message.",
  },
  SMTP_THROTTLED: {
    message: "{ip} throttled mailsec at {stage}: {reply, select, none {it reset or closed the connection without a reply} other {{reply}}}. This address could not be tested; its result is inconclusive.",
    why: "Servers answer 421 or 450, or drop the connection, when a client connects too often; that says nothing about their STARTTLS or DANE.",
    remediation: "Test again later. If it persists, check whether the server rate-limits or blocks the address mailsec tests from.",
  },
  SMTP_GREETING_DELAY: {
    message: "{ip} waited {ms} ms before its greeting.",
    why: "Some servers delay the 220 greeting on purpose (tarpitting) to slow down spam senders; RFC 5321 lets a client wait 5 minutes, and real senders do.",
    remediation: "",
  },
  SMTP_CONNECTION_BUDGET: {
    message: "mailsec did not connect to {ip}: its budget of connections to that address for this minute is spent.",
    why: "mailsec limits how often it connects to one server, across all tests, so that it never floods it.",
    remediation: "Test again in a minute.",
  },
  SMTP_TLS_OK: {
    message: "TLS {version} established with {ip} ({cipher}).",
    why: "",
    remediation: "",
  },
  // exchange
  EXO_DELIVER: {
    message: "Exchange Online would deliver mail through {host}.",
    why: "Exchange Online sends through any MX host that passes its DNSSEC and DANE checks.",
    remediation: "",
  },
  EXO_NO_MAIL: {
    message: "Exchange Online would not deliver mail to {domain}: {why, select, null_mx {it publishes a null MX and accepts no mail} nxdomain {the domain does not exist, so mail is returned at once} other {it has neither MX nor A/AAAA records, so it is no mail destination (RFC 5321 §5.1)}}.",
    why: "A domain with a null MX, one that does not exist, or one with neither MX nor address records (RFC 5321 §5.1) does not receive mail.",
    remediation: "",
  },
  EXO_4_7_321: {
    message: "Exchange Online would defer mail with 4.7.321 starttls-not-supported ({host}).",
    why: "A host with secure, usable TLSA records must offer STARTTLS; Exchange Online does not send such mail in plaintext.",
    remediation: "Find the server behind the address named in the error and make sure it listens on port 25 and offers STARTTLS. If it cannot do TLS, remove the TLSA record until it can, then run the test again.",
  },
  EXO_4_7_322: {
    message: "Exchange Online would defer mail with 4.7.322 certificate-expired ({host}).",
    why: "Under DANE-TA the server certificate is checked for its validity dates; an expired one fails authentication.",
    remediation: "Renew the certificate of the server named in the error, install it, and update its TLSA record if the record covers the new certificate or key; then run the test again.",
  },
  EXO_4_7_323: {
    message: "Exchange Online would defer mail with 4.7.323 tlsa-invalid ({host}).",
    why: "The certificate the server presented matches none of the usable TLSA records, so the server cannot be authenticated.",
    remediation: "Compare the TLSA records of the host with the certificate it presents (this test shows both). Publish a record that matches the certificate or key actually in use, and check that the certificate is not dated in the future.",
  },
  EXO_4_7_324: {
    message: "Exchange Online would defer mail with 4.7.324 dnssec-invalid ({host}).",
    why: "Data that claims DNSSEC protection but fails validation, or a TLSA query answered with SERVFAIL, cannot be trusted. Exchange Online may report this as 4.4.312 (DNS query failed) instead: a limitation Microsoft documents.",
    remediation: "Check the chain of trust: the DS records at the parent must match a key in the child zone, and every signature must be valid and in date. Answer TLSA queries for hosts without TLSA with a signed NODATA or NXDOMAIN, never SERVFAIL. If a DNS provider hosts the zone, send them these results.",
  },
  EXO_4_4_312: {
    message: "Exchange Online would defer mail with 4.4.312 DNS query failed ({host}).",
    why: "When DNS lookups fail outright Exchange Online reports a generic DNS error rather than a DNSSEC one.",
    remediation: "Make sure the domain's name servers answer every query (MX, A, AAAA, TLSA) over UDP and TCP.",
  },
  EXO_INCONCLUSIVE: {
    message: "mailsec cannot forecast what Exchange Online does: {detail}",
    why: "The hosts were not tested for reasons outside the servers (mailsec's address policy, or throttling), so their TLS and DANE are unknown.",
    remediation: "Run the test again later, or from a network that the servers do not throttle.",
  },
  EXO_NO_HOST_REACHABLE: {
    message: "Exchange Online would defer mail: no MX host of {domain} accepted a connection.",
    why: "Without any reachable MX host, senders queue the mail and retry.",
    remediation: "Make sure at least one MX host listens on port 25 from the internet.",
  },
  // policies (MTA-STS, TLS-RPT, DANE rollover): lib/report/findings/policies.ts
  POLICY_TXT_LOOKUP_FAILED: {
    message: "The TXT lookup of {name} gave no usable answer (DNSSEC: {status}).",
    why: "A sender that cannot read the record cannot apply it; a bogus answer must not be used at all.",
    remediation: "Make the name servers answer TXT queries for this name, correctly signed if the zone is signed.",
  },
  MTASTS_RECORD_ABSENT: {
    message: "{domain} publishes no MTA-STS record (_mta-sts TXT): senders use no MTA-STS policy for it.",
    why: "MTA-STS (RFC 8461) lets a domain without DNSSEC require authenticated TLS from senders; without the record, a sender that does not use DANE delivers over opportunistic TLS, open to downgrade.",
    remediation: "To protect mail from senders that do not do DANE, publish an MTA-STS policy at https://mta-sts.{domain}/.well-known/mta-sts.txt and a _mta-sts.{domain} TXT record \"v=STSv1; id=…\".",
  },
  MTASTS_RECORD_MULTIPLE: {
    message: "{name} has {count} records starting with v=STSv1; a sender needs exactly one.",
    why: "With more than one MTA-STS record a sender must assume the domain has no available policy (RFC 8461 §3.1).",
    remediation: "Keep one _mta-sts TXT record and delete the others; change its id whenever the policy changes.",
  },
  MTASTS_RECORD_SYNTAX: {
    message: "The MTA-STS record of {name} is not valid ({problem, select, empty_field {an empty field} version_not_first {v=STSv1 is not its first field} version_repeated {v= appears twice} id_missing {it has no id} id_repeated {id appears twice} bad_extension {a field is malformed} field_without_value {a field has no value} other {{problem}}}): “{record}”.",
    why: "A sender must treat a syntactically invalid record as no MTA-STS record at all (RFC 8461 §3.1).",
    remediation: "Publish exactly \"v=STSv1; id=<1 to 32 letters and digits>;\", with no other v= field.",
  },
  MTASTS_RECORD_ID_INVALID: {
    message: "The id “{id}” in the MTA-STS record of {name} is not 1 to 32 letters and digits.",
    why: "The id tells senders when to fetch the policy again; RFC 8461 §3.1 allows only 1 to 32 ASCII letters and digits, so a sender rejects the record.",
    remediation: "Use an id such as a timestamp without punctuation (20240131T120000 becomes 20240131120000), and change it with every policy change.",
  },
  MTASTS_POLICY_FETCH_FAILED: {
    message: "The MTA-STS policy at {url} could not be fetched: {problem}.",
    why: "A sender that finds the record but cannot fetch the policy cannot apply it (RFC 8461 §3.3).",
    remediation: "Make the policy host answer HTTPS on port 443 from the internet, with its own A/AAAA records.",
  },
  MTASTS_POLICY_HTTP_STATUS: {
    message: "The MTA-STS policy host answered {url} with HTTP {status}, not 200.",
    why: "Only a 200 response carries a policy (RFC 8461 §3.3); anything else leaves senders without one.",
    remediation: "Serve the policy file at /.well-known/mta-sts.txt on the host mta-sts.<domain> with status 200.",
  },
  MTASTS_POLICY_REDIRECT: {
    message: "The MTA-STS policy host answered {url} with a redirect (HTTP {status}) to “{location}”.",
    why: "Senders must not follow redirects when fetching a policy (RFC 8461 §3.3), so a redirected policy is no policy.",
    remediation: "Serve the file directly from mta-sts.<domain>; if a hosting service redirects, serve it without the redirect (many need a setting for this path).",
  },
  MTASTS_POLICY_CONTENT_TYPE: {
    message: "The MTA-STS policy at {url} is served as “{contentType}”, not text/plain.",
    why: "The policy is a text/plain resource (RFC 8461 §3.2); senders such as Postfix's and Google's reject other media types.",
    remediation: "Configure the web server to send Content-Type: text/plain for /.well-known/mta-sts.txt.",
  },
  MTASTS_POLICY_TOO_LARGE: {
    message: "The MTA-STS policy at {url} is larger than {limit} bytes; mailsec stopped reading it.",
    why: "A policy is a few lines; senders bound what they read (RFC 8461 §3.3 suggests 64 KiB), so a larger body is not a policy.",
    remediation: "Serve only the policy lines (version, mode, mx, max_age) at that path.",
  },
  MTASTS_POLICY_CERTIFICATE: {
    message: "The certificate of {host} (at {ip}) is not valid for it: {reason, select, expired {it has expired} not_yet_valid {it is not valid yet} name_mismatch {it does not name {host}} untrusted {it does not lead to a trusted root} unreadable {it cannot be read} other {{reason}}}.",
    why: "The policy is only trusted when fetched over HTTPS with a certificate that is WebPKI-valid for mta-sts.<domain> (RFC 8461 §3.3); otherwise an attacker could serve their own.",
    remediation: "Install a certificate from a public CA whose names include {host}, with its intermediate certificates, and renew it before it expires.",
  },
  MTASTS_POLICY_SYNTAX: {
    message: "Line {line} of the MTA-STS policy is not valid ({problem, select, not_key_value {not a “key: value” line} bad_key {a malformed key} bad_version {version must be STSv1} bad_mode {mode must be enforce, testing or none} bad_max_age {max_age must be a number of seconds} other {{problem}}}): “{text}”.",
    why: "A sender must reject a policy it cannot parse (RFC 8461 §3.2), as if there were none.",
    remediation: "Write one “key: value” per line: version: STSv1, mode: enforce|testing|none, one mx: line per MX pattern, max_age: seconds.",
  },
  MTASTS_POLICY_FIELD_MISSING: {
    message: "The MTA-STS policy has no {field} field.",
    why: "version, mode and max_age are required, and mx in enforce and testing mode (RFC 8461 §3.2): without them the policy is unusable.",
    remediation: "Add the missing line, e.g. “{field}: …”, to the policy file.",
  },
  MTASTS_POLICY_FIELD_REPEATED: {
    message: "The MTA-STS policy gives {field} more than once; the first one counts.",
    why: "Only mx may be repeated (RFC 8461 §3.2); senders may read a repeated field differently.",
    remediation: "Keep one {field} line.",
  },
  MTASTS_POLICY_MAX_AGE_RANGE: {
    message: "The policy's max_age {maxAge} exceeds the maximum of {limit} seconds (one year).",
    why: "RFC 8461 §3.2 caps max_age at 31557600 seconds; senders cap it or reject the policy.",
    remediation: "Use a max_age of at most 31557600; a week to a year (604800 to 31557600) is usual.",
  },
  MTASTS_POLICY_MX_PATTERN: {
    message: "“{pattern}” is not a valid mx pattern; it matches no MX host.",
    why: "An mx pattern is a host name, optionally starting with “*.” for exactly one label (RFC 8461 §4.1).",
    remediation: "List each MX host name, or “*.” followed by the parent domain of several of them.",
  },
  MTASTS_MODE_TESTING: {
    message: "{domain}'s MTA-STS policy is in testing mode: senders report failures but still deliver.",
    why: "testing lets an admin watch TLS-RPT reports before enforcing (RFC 8461 §5); mail is not protected yet.",
    remediation: "When the reports show no failures, switch the policy to mode: enforce and change the record's id.",
  },
  MTASTS_MODE_NONE: {
    message: "{domain}'s MTA-STS policy has mode none: senders drop any policy they had cached.",
    why: "mode none withdraws MTA-STS (RFC 8461 §8.3); mail is delivered as without a policy.",
    remediation: "Leave it so while withdrawing MTA-STS; then delete the record and the policy once every max_age has passed.",
  },
  MTASTS_MX_NOT_COVERED: {
    message: "The MX host {host} matches none of the policy's mx patterns ({patterns}): senders that enforce MTA-STS never deliver to it.",
    why: "In enforce mode a sender only delivers to MX hosts a pattern matches (RFC 8461 §4.1); this host gets no mail from them, and if every MX is like it the mail bounces.",
    remediation: "Add an “mx: {host}” line (or a “*.” pattern that covers it) to the policy, and change the record's id.",
  },
  MTASTS_MX_CERTIFICATE: {
    message: "The MX host {host} does not present a certificate that is WebPKI-valid for its name: senders that enforce MTA-STS never deliver to it.",
    why: "MTA-STS requires each MX host's certificate to be valid for the MX name and to lead to a trusted root (RFC 8461 §4.2).",
    remediation: "Install a certificate from a public CA that names {host}, with its intermediate certificates.",
  },
  MTASTS_TESTING_MX_NOT_COVERED: {
    message: "The MX host {host} matches none of the policy's mx patterns ({patterns}); in testing mode senders only report it.",
    why: "Switching this policy to enforce would stop delivery to this host (RFC 8461 §4.1).",
    remediation: "Add an “mx: {host}” line to the policy before switching to enforce.",
  },
  MTASTS_TESTING_MX_CERTIFICATE: {
    message: "The MX host {host} does not present a certificate WebPKI-valid for its name; in testing mode senders only report it.",
    why: "Switching this policy to enforce would stop delivery to this host (RFC 8461 §4.2).",
    remediation: "Install a certificate from a public CA that names {host} before switching to enforce.",
  },
  MTASTS_NO_POLICY: {
    message: "{domain} announces MTA-STS but offers no usable policy: a broken deployment.",
    why: "Senders find the record but no valid policy behind it; they keep any policy they cached, so a change made now may never reach them, and new senders get no protection (RFC 8461 §5).",
    remediation: "Fix the record and the policy file as the findings above say; both must be valid together.",
  },
  MTASTS_REFUSED: {
    message: "Senders that enforce {domain}'s MTA-STS policy refuse to deliver: no MX host passes it.",
    why: "In enforce mode a sender delivers only to an MX host that the policy matches and whose certificate is valid for it (RFC 8461 §5); here there is none, so mail is not delivered.",
    remediation: "Add the MX hosts to the policy's mx lines and give them valid certificates, or switch the policy to testing while you fix them.",
  },
  TLSRPT_RECORD_ABSENT: {
    message: "{domain} publishes no TLS-RPT record (_smtp._tls TXT): senders do not report TLS failures to it.",
    why: "SMTP TLS Reporting (RFC 8460) is how an admin learns that DANE or MTA-STS fails for some senders.",
    remediation: "Publish _smtp._tls.{domain} TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@{domain}\".",
  },
  TLSRPT_RECORD_MULTIPLE: {
    message: "{name} has {count} records starting with v=TLSRPTv1; a sender needs exactly one.",
    why: "With more than one record senders must assume the domain does not do TLS reporting (RFC 8460 §3).",
    remediation: "Keep one record, with every report address in its rua list.",
  },
  TLSRPT_RECORD_SYNTAX: {
    message: "The TLS-RPT record of {name} is not valid ({problem, select, empty_field {an empty field} version_not_first {v=TLSRPTv1 is not its first field} version_repeated {v= appears twice} rua_repeated {rua appears twice} bad_extension {a field is malformed} field_without_value {a field has no value} other {{problem}}}): “{record}”.",
    why: "A sender ignores a record it cannot parse (RFC 8460 §3), so no reports arrive.",
    remediation: "Publish \"v=TLSRPTv1; rua=mailto:<address>\" (or an https: URI), one rua field with a comma-separated list.",
  },
  TLSRPT_RUA_MISSING: {
    message: "The TLS-RPT record of {name} has no rua field: senders have nowhere to send reports.",
    why: "rua is the one required field (RFC 8460 §3).",
    remediation: "Add rua=mailto:<address> (or an https: URI) to the record.",
  },
  TLSRPT_RUA_BARE_ADDRESS: {
    message: "The TLS-RPT report address “{uri}” is a bare address, not a URI.",
    why: "rua takes URIs (RFC 8460 §3): senders ignore an address without “mailto:”. This is the most common TLS-RPT mistake.",
    remediation: "Write it as rua=mailto:{uri}.",
  },
  TLSRPT_RUA_INVALID: {
    message: "The TLS-RPT report URI “{uri}” is not usable ({problem, select, scheme {only mailto: and https: are allowed} mailto_address {the mailto: URI has no valid address} https_url {the https: URI is malformed} other {{problem}}}).",
    why: "Senders send reports only to mailto: and https: URIs (RFC 8460 §3).",
    remediation: "Use rua=mailto:<address> or rua=https://<host>/<path>.",
  },
  DANE_ROLLOVER_SINGLE: {
    message: "{host}'s TLSA {count, plural, one {record names} other {records all name}} only the certificate presented today: a certificate change with a new key breaks DANE until DNS catches up.",
    why: "A TLSA set should survive the next certificate change (RFC 7671 §8.1): publish the next key's record before the change, or a DANE-TA(2) record for the issuing CA beside the DANE-EE(3) one. internet.nl recommends the same.",
    remediation: "Add a second record: \"3 1 1\" for the next key (generated now, used at the next renewal), or \"2 1 1\" for the issuing CA. Reuse the key at renewals (certbot --reuse-key) to keep \"3 1 1\" valid.",
  },
  ...enMailAuthFindings,
  DANE_ROLLOVER_FUTURE_RECORD: {
    message: "TLSA record “{record}” of {host} matches nothing the server presents: published for a future key.",
    why: "During a rollover the record for the next certificate is published ahead of it (RFC 7671 §8.1); another record matches today.",
    remediation: "",
  },
  ...enExchangeReadinessFindings,
};
