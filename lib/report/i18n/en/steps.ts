// English texts of the steps: titles, summaries and detail lines, by key (ICU MessageFormat over
// the params the presenter in lib/checks gives). Every key here must exist in every language
// (tests/i18n). Flags travel as "yes"/"no" for `select`; an apostrophe before a brace is doubled.
import { enDnsSteps } from "./dns";
import { enExchangeReadinessSteps } from "./exchange-readiness";
import { enMailAuthSteps } from "./mail-auth";
import { enInput } from "./input";
import { enRunErrors } from "./run-errors";

export const enSteps = {
  // A version 1 run's English string, shown as it was written (lib/report/schema.ts).
  "legacy.text": "{text}",

  // The runner.
  "step.internalError": "Internal error: {error}",
  "step.unfinished": "This step was left unfinished.",
  "run.stopped": "Stopped because the run could not continue.",
  // Why a run ended without a result (run.cancelled and run.timedOut close its steps too).
  ...enRunErrors,
  // The doors' refusals of an input (lib/checks/input.ts), before any run.
  ...enInput,

  // Lookup details.
  "detail.query": "Query: {name} {type}",
  "detail.dnssec":
    "DNSSEC: {status, select, secure {Secure (the answer is signed and the chain of trust to the trust anchor validates)} insecure {Insecure (the answer lies under an unsigned delegation, proven by DNSSEC)} bogus {Bogus (the answer claims DNSSEC protection but fails validation)} other {Indeterminate (no usable answer was received)}}",
  "detail.unanswered": "No resolver gave a usable answer to this query.",
  "detail.aliasChain": "Alias chain: {chain}",
  "detail.denial":
    "Proof of non-existence: {kind, select, nxdomain {NXDOMAIN (the name does not exist)} other {NODATA (the name exists, the type does not)}} proven by {proof}{optOut, select, yes { with opt-out} other {}}.",
  "detail.ds": "DS: {ds}",
  "detail.dnskey": "DNSKEY: key tag {keyTag}, {algorithmName} ({algorithm}), flags {flags}, {role, select, KSK {KSK} ZSK {ZSK} revoked {revoked} not_zone {not a zone key} other {{role}}}{designated, select, yes { (matches DS)} other {}}",
  // Why a query got no usable answer (lib/dns): NETWORK_FAILURE's {problem}, built by render.ts.
  ...enDnsSteps,
  "detail.zoneCache": "Validated by an earlier run {ageSeconds, plural, one {# second} other {# seconds}} ago and reused from the shared zone cache (not asked again).",
  // Why a response is not usable (validator.ts): NETWORK_FAILURE's and UNEXPECTED_RESPONSE's {problem}.
  "dnssec.responseProblem": "{responseProblem, select, rcode {the resolver answered with RCODE {responseRcode}} dname_too_long {the DNAME {responseOwner} -> {responseTarget} would rewrite it to a name longer than 255 octets, which a server must answer with YXDOMAIN (RFC 6672 §2.2)} wrong_zone {it is signed by {responseSigner}, but the chain of trust places {responseOwner} in the zone {responseZone}} other {{responseProblem}}}",
  // Why a zone's DNSKEY set is not authenticated (lib/dnssec zonekeys): DNSKEY_MISSING's {problem}.
  "dnssec.dnskeyProblem": "{dnskeyProblem, select, no_keys {the DNSKEY query returned no keys} unsigned {the DNSKEY set carries no signature} not_designated {the DNSKEY set is not signed by a key the DS records designate} other {{dnskeyProblem}}}",
  // Why a denial proof (lib/dnssec DenialDetail) stands or fails: a zone's note, and DENIAL_INVALID's {problem}
  // (render.ts derives it from {denial}); a clause, no final stop.
  "dnssec.denial":
    "{denial, select, nsec_none {no NSEC records were supplied} nsec_wildcard_name_uncovered {no NSEC proves that {denialName} itself does not exist, so the wildcard answer is unproven} nsec_wildcard_encloser {NSEC {denialOwner} -> {denialNext} places the closest encloser at {denialEncloser}, not at the wildcard''s parent {denialParent}} nsec_wildcard_proven {NSEC {denialOwner} -> {denialNext} proves {denialName} does not exist, so the wildcard applies} nsec_name_exists {an NSEC record exists for {denialName} itself, so the name exists} nsec_no_cover {no NSEC record covers {denialName}} nsec_empty_non_terminal {NSEC {denialOwner} -> {denialNext} shows that {denialName} is an empty non-terminal, so the name exists} nsec_wildcard_uncovered {no NSEC record proves that the wildcard {denialWildcard} does not exist} nsec_nxdomain_proven {NSEC {denialOwner} -> {denialNext} covers {denialName}; NSEC {denialWildcardOwner} -> {denialWildcardNext} covers {denialWildcard}} nsec_bitmap {NSEC at {denialName}: {denialBitmap, select, lists_type {the type bitmap lists the queried type} lists_cname {the type bitmap lists a CNAME, so the name is an alias} parent_side {the record is the parent''s at a delegation and cannot deny data below the cut} lists_dname {the type bitmap lists a DNAME, so the name is redirected} other {{denialBitmap}}}} nsec_nodata_proven {NSEC at {denialName} lists {denialCount} types, not the queried one} nsec_no_match_or_cover {no NSEC record matches or covers {denialName}} nsec_ent_proven {{denialName} is an empty non-terminal: NSEC {denialOwner} -> {denialNext} skips it} nsec_wildcard_no_match {no NSEC record matches {denialName}, and none proves the wildcard {denialWildcard} lacks the type} nsec_wildcard_nodata_proven {NSEC {denialOwner} -> {denialNext} covers {denialName}; the wildcard {denialWildcard} lacks the type} nsec_leaves_zone {the NSEC {denialOwner} -> {denialNext} leaves the zone {denialZone}} nsec3_encloser_cut {the closest encloser {denialEncloser} is a delegation or DNAME, so it proves nothing below it} nsec3_next_closer_uncovered {no NSEC3 record covers the next closer name {denialName}} nsec3_no_encloser {no NSEC3 record matches any ancestor of {denialName} in {denialZone}} nsec3_none {no usable NSEC3 records for {denialZone} were supplied} nsec3_iterations {the zone {denialZone} uses {denialIterations} NSEC3 iterations, above the limit of {denialLimit} (RFC 9276)} nsec3_name_exists {an NSEC3 record matches {denialName}, so the name exists} nsec3_wildcard_uncovered {no NSEC3 record proves that the wildcard {denialWildcard} does not exist} nsec3_nxdomain_proven {closest encloser {denialEncloser}; next closer {denialName} and wildcard {denialWildcard} are covered} nsec3_outside_zone {{denialName} is outside {denialZone}} nsec3_wildcard_next_closer_uncovered {no NSEC3 record covers the next closer name {denialName}, so the wildcard answer is unproven} nsec3_wildcard_proven {NSEC3 {denialOwner} covers the next closer name {denialName}} nsec3_bitmap {NSEC3 for {denialName}: {denialBitmap, select, lists_type {the type bitmap lists the queried type} lists_cname {the type bitmap lists a CNAME, so the name is an alias} parent_side {the record is the parent''s at a delegation and cannot deny data below the cut} lists_dname {the type bitmap lists a DNAME, so the name is redirected} other {{denialBitmap}}}} nsec3_nodata_proven {NSEC3 {denialOwner} matches {denialName} and does not list the queried type} nsec3_no_opt_out {no NSEC3 matches {denialName} and the covering NSEC3 {denialOwner} has no opt-out flag} nsec3_opt_out_proven {NSEC3 {denialOwner} with opt-out covers {denialName}: any delegation there is unsigned} nsec3_opt_out_ent_proven {no NSEC3 matches {denialName}; the opt-out NSEC3 {denialOwner} covers {denialNext}} nsec3_wildcard_no_match {no NSEC3 matches {denialName} or the wildcard {denialWildcard}} nsec3_wildcard_nodata_proven {the wildcard {denialWildcard} exists without the queried type; {denialName} is covered} other {the proof does not hold ({denial})}}",
  "detail.rrsig":
    "RRSIG over {covers}: key tag {keyTag}, algorithm {algorithm}, {inception} to {expiration} — {verdict, select, chain {valid} off_chain {valid, by a key no DS designates (not on the chain of trust; normal)} invalid {INVALID: {problem, select, signer_not_zone {the signer name is not the zone apex} signer_not_ancestor {the signer is not an ancestor of the owner name} type_mismatch {it covers another type} labels_invalid {its labels field does not fit the owner name} not_yet_valid {not yet valid} expired {expired} no_matching_key {no usable DNSKEY with this key tag and algorithm} bad_signature {the signature does not verify} other {malformed RRSIG}}{ignored, select, yes { (ignored: another signature validates the records)} other {}}} other {not checked: {problem, select, unsupported_algorithm {unsupported algorithm} not_checked {the RRset had used up its signature checks (a defence against KeyTrap, CVE-2023-50387)} other {unsupported}}{ignored, select, yes { (ignored: another signature validates the records)} other {}}}}",

  // The chain of trust.
  "chain.mailTitle": "Attempting to validate the DNSSEC chain of trust for ''{domain}'' and its MX hosts.",
  "chain.nameTitle": "Checking the chain of trust for ''{name}'' zone by zone.",
  "chain.summary":
    "{status, select, secure {Every answer validated from the trust anchor down ({zones, plural, one {# zone} other {# zones}}).} insecure {Some answers come from unsigned zones: DNSSEC (and so DANE) does not protect them.} bogus {Some answers fail DNSSEC validation (see the zones below).} other {Some answers could not be validated because no usable answer arrived.}}{remarks, select, yes { The validator has remarks on the keys or digests in use (see the findings).} other {}}",
  "zone.title": "Checking the zone ''{zone}''.",
  "zone.summary":
    "The zone ''{zone}'' is {status, select, secure {{anchor, select, yes {signed, and its keys match the configured trust anchor} other {signed, and its keys are authenticated by the parent''s DS records}}} insecure {not signed (an insecure delegation proven by its parent)} bogus {signed, but fails DNSSEC validation (bogus)} other {not checkable: no usable answer arrived}}.{bad, plural, =0 {} one { # signature in it does not validate (see the details).} other { # signatures in it do not validate (see the details).}}",

  // MX discovery.
  "mx.title": "Attempting to retrieve DNS MX records for domain ''{domain}''.",
  "mx.failed": "The MX lookup for ''{domain}'' failed (see the findings for why).",
  "mx.bogus": "The MX records failed DNSSEC validation. Nothing below them can be trusted.",
  "mx.nxdomain": "The domain ''{domain}'' does not exist (NXDOMAIN{proven, select, yes {, proven by DNSSEC} other {}}).",
  "mx.nullMx": "''{domain}'' publishes a null MX (RFC 7505): it does not accept mail.",
  "mx.implicit":
    "No MX records were found, so the domain itself is its mail host (implicit MX, RFC 5321 §5.1): mail goes to its own A/AAAA addresses, if it has any.{insecure, select, yes { They are not DNSSEC-signed, so DANE does not apply to this domain.} other {}}",
  "mx.records":
    "{count, plural, one {# MX record was} other {# MX records were}} retrieved from DNS{secure, select, yes {, DNSSEC-secure} other {}}: {hosts}.{insecure, select, yes { They are not DNSSEC-signed, so DANE does not apply to this domain.} other {}}",
  "mx.truncated": "Only the {max} most preferred of {total} MX hosts are tested.",

  // One MX host.
  "host.title": "Testing MX host ''{host}'' (preference {preference}).",
  "host.dane": "{passed} of {count, plural, one {# address} other {# addresses}} passed DANE.",
  "host.tlsaFailed": "This host cannot be used: its TLSA lookup failed.",
  "host.noneUsable":
    "None of its TLSA records is usable: TLS is mandatory, but the server is not authenticated; {tls} of {count, plural, one {# address} other {# addresses}} completed TLS.",
  "host.noDane": "DANE is not in force for this host (TLSA: {tlsa}).",
  "host.alias": "''{host}'' is an alias of {chain}",
  "addresses.title": "Attempting to resolve the A and AAAA records of ''{host}''.",
  "addresses.bogus": "The address records of ''{host}'' failed DNSSEC validation.",
  "addresses.none": "{failed, select, yes {The address lookup for ''{host}'' failed.} other {''{host}'' has no A or AAAA records.}}",
  "addresses.secure": "{count, plural, one {# address} other {# addresses}} found, DNSSEC-secure: {list}.",
  "addresses.insecureDaneOff": "{count, plural, one {# address} other {# addresses}} found ({list}), but not DNSSEC-secure: DANE does not apply to this host.",
  "addresses.found": "{count, plural, one {# address} other {# addresses}} found: {list} (DNSSEC: {dnssec}).",
  "addresses.truncated": "Only the first {max} of {total} addresses are tested.",
  "tlsa.title": "Attempting to retrieve the TLSA records at ''{name}''.",
  "tlsa.unused":
    "TLSA records are not used because {because, select, mx_insecure {the MX records are not DNSSEC-secure} other {the addresses of the host are not DNSSEC-secure}} (RFC 7672 §2.2).",
  "tlsa.noneUsable":
    "{count, plural, one {# DNSSEC-secure TLSA record} other {# DNSSEC-secure TLSA records}} found at ''{name}'', none usable for SMTP (usages 0/1 or unknown parameters): TLS is mandatory but the server cannot be authenticated.",
  "tlsa.secure": "{count, plural, one {# DNSSEC-secure TLSA record} other {# DNSSEC-secure TLSA records}} found at ''{name}'', {usable} usable: DANE is mandatory for this host.",
  "tlsa.absent": "No TLSA records at ''{name}'' (non-existence proven by DNSSEC): DANE is not in force for this host.",
  "tlsa.insecure":
    "{because, select, mx_insecure {TLSA records are not used because the MX records are not DNSSEC-secure (RFC 7672 §2.2).} addresses_insecure {TLSA records are not used because the addresses of the host are not DNSSEC-secure (RFC 7672 §2.2).} other {The TLSA answer for ''{name}'' is not DNSSEC-secure: DANE does not apply to this host.}}",
  "tlsa.bogus": "The TLSA records at ''{name}'' failed DNSSEC validation. The host cannot be used.",
  "tlsa.servfail": "The TLSA lookup for ''{name}'' failed; that is not a proof of absence, so the host cannot be used.",

  // One address: the SMTP conversation.
  "address.title": "Testing {family, select, 6 {IPv6} other {IPv4}} address {ip} of ''{host}''.",
  "address.summary":
    "{ip}: SMTP reachable, {tls, select, other {TLS {tls}} none {no TLS}}, {dane, select, pass {DANE passed} fail {DANE failed} unusable {no usable TLSA record} other {DANE not applicable}}.",
  "address.unreachable": "{ip}: no SMTP session ({detail}).",
  "smtp.connect.title": "Attempting to connect to {ip} on port {port}.",
  "smtp.banner.title": "Waiting for the SMTP greeting (220 banner).",
  "smtp.ehlo.title": "Sending EHLO and reading the advertised extensions.",
  "smtp.starttls.title": "Attempting to start TLS (STARTTLS).",
  "smtp.tls.title": "Negotiating TLS with the server name ''{host}'' and capturing its certificate chain.",
  "smtp.failed": "The conversation stopped: {detail}.",
  "smtp.notReached":
    "Not attempted: {because, select, no_connection {no connection} no_greeting {no SMTP greeting} ehlo_rejected {EHLO was not accepted} starttls_not_offered {STARTTLS is not offered} starttls_refused {STARTTLS was refused} other {no TLS session}}.",
  "smtp.connected": "Connected to {ip} port {port} in {ms} ms.",
  "smtp.greeted": "The server greeted: {banner}",
  "smtp.heloOnly": "The server rejected EHLO and accepted only HELO (no SMTP extensions).",
  "smtp.ehlo": "EHLO accepted; {count, plural, one {# extension} other {# extensions}} advertised.",
  "smtp.starttlsRequired": "The server does not offer STARTTLS, which its TLSA records make mandatory.",
  "smtp.starttlsMissing": "The server does not offer STARTTLS: mail to it travels in plaintext.",
  "smtp.starttlsAccepted": "STARTTLS offered and accepted.",
  "smtp.tls":
    "TLS established: {version}, {cipher}; the server sent {count, plural, one {# certificate} other {# certificates}}.{then, select, none {} other { Then: {then}.}}",
  // The SMTP probe's problem (lib/smtp SmtpProblem): render.ts derives {smtpWaited} from {smtpStage}
  // with smtp.stage, then {detail} (and smtp.tls's {then}) with smtp.problem; a clause, no final stop.
  "smtp.stage":
    "{smtpStage, select, banner {the banner} ehlo {the reply to EHLO} ehlo_tls {the reply to EHLO over TLS} helo {the reply to HELO} starttls {the reply to STARTTLS} mail {the reply to MAIL FROM} rcpt {the reply to RCPT TO} data {the reply to DATA} message {the reply to the message} quit {the reply to QUIT} connect {the connection} tls {the TLS handshake} other {a reply}}",
  "smtp.problem":
    "{smtpProblem, select, none {} guard {the address is in {smtpText}, a range mailsec does not connect to unless private targets are allowed (the lab)} not_ip {“{smtpText}” is not an IPv4 or IPv6 address literal; the guard judges only the address actually connected to} cancelled {the run was cancelled} budget {mailsec''s budget of connections to that address for this minute is spent (other tests are probing it); test again in a minute} total_timeout {the SMTP test did not finish within its {smtpMs, number} ms budget} connect_timeout {no TCP connection within {smtpMs, number} ms: the address does not answer (a firewall may drop SMTP traffic)} connect_refused {the server refused the TCP connection (ECONNREFUSED): nothing listens on that port} connect_error {the TCP connection failed ({smtpCode}): {smtpText}} no_banner {the server accepted the TCP connection but sent no banner within {smtpMs, number} ms} read_timeout {the server did not send {smtpWaited} within {smtpMs, number} ms: {smtpBytes, plural, =0 {nothing arrived} one {only # byte arrived, not a complete reply (the server trickles data)} other {only # bytes arrived, not a complete reply (the server trickles data)}}} line_too_long {{smtpWaited} was cut off: a reply line exceeded {smtpLimit, number} bytes} too_many_lines {{smtpWaited} was cut off: a multiline reply ran past {smtpLimit, number} lines without a final line} not_a_reply {{smtpWaited} was cut off: “{smtpText}” is not an SMTP reply line (a three-digit code 2xx-5xx, then a space or “-”)} code_changed {{smtpWaited} was cut off: a multiline reply changed its code ({smtpCode})} too_much_data {the server sent more than {smtpLimit, number} bytes on one connection while mailsec waited for {smtpWaited}} closed {the server closed the connection while mailsec waited for {smtpWaited} (after {smtpMs, number} ms)} rejected {{smtpStage, select, banner {the server greeted with “{smtpText}” instead of 220, refusing service} helo {the server rejected both EHLO and HELO (HELO: “{smtpText}”)} starttls {the server offered STARTTLS but answered it with “{smtpText}”} ehlo_tls {the server rejected EHLO over TLS with “{smtpText}”} other {the server rejected EHLO with “{smtpText}”}}} helo_only {the server rejected EHLO and accepted only HELO, so it cannot offer STARTTLS: mail to it would travel unencrypted} not_offered {the server did not offer STARTTLS in its EHLO reply: mail to it would travel unencrypted} injection {the server sent {smtpBytes, plural, one {# byte} other {# bytes}} of plaintext after its 220 reply to STARTTLS, before the TLS handshake; a client that read them would treat injected plaintext as protected} tls_timeout {the TLS handshake did not complete within {smtpMs, number} ms} tls_alert {the TLS handshake failed (after {smtpMs, number} ms): the server sent alert {smtpCode} {smtpText}} tls_closed {the server closed the connection during the TLS handshake (after {smtpMs, number} ms)} not_tls {the TLS handshake failed (after {smtpMs, number} ms): the server answered the ClientHello with bytes that are not TLS (OpenSSL: {smtpText}); it may still be speaking plaintext} tls_error {the TLS handshake failed (after {smtpMs, number} ms): {smtpText}} chain_certs {the certificate chain was cut at the limits: the server presented more than {smtpLimit, number} certificates} chain_bytes {the certificate chain was cut at the limits: the presented certificates exceed {smtpLimit, number} bytes} smtputf8 {the server does not offer SMTPUTF8 over TLS, so an address with a non-ASCII local part cannot be given to it (RFC 6531 §3.4); no envelope was sent} throttled {the server throttled mailsec in {smtpWaited}: “{smtpText}”; this says nothing about its TLS or DANE, test again later} throttled_reset {the server reset the connection as it opened (throttling); this says nothing about its TLS or DANE, test again later} throttled_closed {the server closed the connection before any greeting (throttling); this says nothing about its TLS or DANE, test again later} other {the conversation broke off ({smtpProblem})}}",
  // The address guard's refusal (lib/smtp/guard GuardReason; the webhook's delivery log words it).
  "guard.reason":
    "{mapped, select, yes {an IPv4-mapped form of } other {}}{guardReason, select, limited_broadcast {the limited broadcast address (RFC {rfc})} this_network {the unspecified ''this network'' range (RFC {rfc})} private {a private network (RFC {rfc})} shared {carrier-grade NAT shared space (RFC {rfc})} loopback {loopback (RFC {rfc})} link_local {link-local (RFC {rfc})} ietf_protocol {IETF protocol assignments (RFC {rfc})} test_net_1 {documentation TEST-NET-1 (RFC {rfc})} test_net_2 {documentation TEST-NET-2 (RFC {rfc})} test_net_3 {documentation TEST-NET-3 (RFC {rfc})} documentation {documentation (RFC {rfc})} relay_6to4 {the deprecated 6to4 relay anycast range (RFC {rfc})} benchmarking {benchmarking (RFC {rfc})} multicast {multicast (RFC {rfc})} reserved {reserved for future use (RFC {rfc})} unspecified {the unspecified address (RFC {rfc})} nat64 {the NAT64 well-known prefix, which embeds an IPv4 address (RFC {rfc})} nat64_local {the local-use NAT64 prefix (RFC {rfc})} discard_only {the discard-only prefix (RFC {rfc})} teredo {Teredo tunnelling, which embeds an IPv4 address (RFC {rfc})} orchid {deprecated ORCHID identifiers (RFC {rfc})} orchid_v2 {ORCHIDv2 identifiers (RFC {rfc})} tunnel_6to4 {6to4 tunnelling, which embeds an IPv4 address (RFC {rfc})} segment_routing {segment routing SIDs (RFC {rfc})} unique_local {unique local addresses, the IPv6 private range (RFC {rfc})} site_local {deprecated site-local (RFC {rfc})} not_global_unicast {not IPv6 global unicast space (reserved by the IETF, RFC {rfc})} not_ip {\"{ip}\" is not an IPv4 or IPv6 address literal; the guard only judges the address actually connected to} scoped {an address with a zone index (link-local scope)} other {{guardReason}}}",
  // The transcript's own notes (lib/smtp TranscriptNote), after "* ".
  "transcript.connecting": "* Connecting to {ip} port {port}",
  "transcript.connected": "* Connected in {ms} ms",
  "transcript.tlsStarted": "* TLS handshake started{sni, select, none { (no SNI)} other { (SNI {sni})}}",
  "transcript.tlsEstablished": "* TLS established: {version}, {cipher}, {count, plural, one {# certificate} other {# certificates}} presented, {ms} ms",
  "transcript.retry": "* Throttled{reply, select, none {} other { ({reply})}}; one more attempt after {ms} ms",
  "transcript.moreLines": "* ({count, plural, one {# more line} other {# more lines}} of this reply not shown)",
  "transcript.messageSent": "* (message, {bytes} bytes, ending with <CRLF>.<CRLF>)",
  "transcript.cut": "* (transcript cut: too many entries)",
  "transcript.stopped": "* {detail}",
  "smtp.sni": "SNI: {sni}",
  "smtp.handshake": "Handshake: {ms} ms",
  "smtp.chainAsSent": "Certificate chain as sent:",
  // One certificate of the chain as sent: its position, how a param names it (cert.described) and its two digests.
  "smtp.chainCert": "[{index}] {cert}; SHA-256 {sha256}; SPKI SHA-256 {spki}",
  "smtp.transcript": "SMTP transcript:",

  // The certificate (Inbound SMTP Email).
  "certificate.title": "Checking the server certificate (WebPKI trust, name, dates, key).",
  "certificate.unreadable": "The certificate could not be read (see the findings).",
  "certificate.summary":
    "{subject, select, none {(empty subject)} other {{subject}}}: {trusted, select, yes {trusted by the WebPKI ({path})} other {not trusted by the WebPKI root store}}; name {nameMatches, select, yes {matches} other {does not match}}; {validity, select, expired {expired} not_yet_valid {not yet valid} other {{days, plural, one {# day} other {# days}} left}}.",
  "certificate.issuer": "    Issuer: {issuer}",
  "certificate.names": "    Names: {names, select, none {none} other {{names}}}",
  "certificate.validity": "    Valid: {notBefore} to {notAfter} ({days, plural, =-1 {expired 1 day ago} other {{days} days}})",
  "certificate.key": "    Key: {keyType, select, unknown {unknown} other {{keyType}}}{keySize, plural, =0 {} other { {keySize} bits}}{curve, select, none {} unknown {, unknown curve} other { {curve}}}; signature: {signature}",
  "certificate.order": "Chain order: {ok, select, yes {correct} other {wrong}}",

  // DANE.
  "dane.title": "Validating the certificate against the TLSA records (DANE, RFC 7672).",
  "dane.address-bogus": "DANE cannot be relied on: the address records fail DNSSEC validation, so a sender must not use this address.",
  "dane.tlsa-bogus": "DANE cannot be evaluated: the TLSA lookup is bogus, so a sender must not use this host.",
  "dane.tlsa-servfail": "DANE cannot be evaluated: the TLSA lookup failed, so a sender must not use this host.",
  "dane.not-applicable":
    "DANE does not apply: {because, select, mx_insecure {the MX records are not DNSSEC-secure} addresses_insecure {the addresses of the host are not DNSSEC-secure} absent {the host publishes no TLSA records} other {the TLSA records are {tlsa}}}.",
  "dane.no-tls": "DANE failed: no TLS session could be established, and the TLSA records make TLS mandatory.",
  "dane.none-usable": "TLS is in use, but none of the TLSA records is usable for SMTP: the server is not authenticated.",
  "dane.authenticated": "The server is authenticated: its certificate matches the TLSA record {record} ({usage}).",
  "dane.mismatch": "DANE authentication failed (see the findings for the record and the certificate).",
  // One TLSA record against the presented chain (lib/dane/match.ts).
  "tlsaRecord.unusable":
    "{reason, select, pkix_usage {usage {usage} (PKIX) is not used for SMTP (RFC 7672 §3.1.3)} unknown_usage {usage {usage} is not defined} unknown_selector {selector {selector} is not defined (0 = certificate, 1 = public key)} unknown_matching_type {matching type {matchingType} is not defined (0 = exact, 1 = SHA-256, 2 = SHA-512)} other {the association data has the wrong length ({length} octets)}}",
  "tlsaRecord.noCertificate": "the server presented no certificate",
  "tlsaRecord.leafUnparseable": "the server certificate could not be parsed",
  "tlsaRecord.taIsLeaf": "matches the server certificate itself, but a DANE-TA(2) record must name a CA that issued it; publish it with usage 3 (DANE-EE)",
  "tlsaRecord.taNoMatch": "matches no certificate the server sent",
  "tlsaRecord.eeMatch": "DANE-EE: matches the server''s {what, select, certificate {certificate} other {public key}}",
  "tlsaRecord.eeNoMatch": "does not match the server''s {what, select, certificate {certificate} other {public key}} {cert}; for it this record would read \"{expected}\"",
  "tlsaRecord.taOk": "DANE-TA: {anchor} issues the server certificate, which is in date and valid for {name}",
  "tlsaRecord.taProblem": "matches a trust anchor, but the server is not authenticated ({code}, below)",
  // CERT_UNTRUSTED's {reason} and CERT_CHAIN_ORDER's {detail}: clauses, no final stop.
  "cert.untrusted":
    "{untrusted, select, self_signed {the server certificate is self-signed and not in the root store} other {no path of valid signatures leads to a root in the store; the last certificate sent, {top}, was issued by \"{topIssuer}\"}}",
  "cert.disorder": "{issuer} at position {position} did not issue {child} before it",
  // Noun phrases of lib/dane's findings, worded from its tokens (lib/report/i18n/render.ts DERIVED).
  // {anchor}: the trust anchor a DANE-TA record matched (match.ts AnchorTokens).
  "dane.anchor":
    "{anchorSource, select, dns_key {the public key in the record (SPKI SHA-256 {anchorKey}…)} dns_certificate {{anchorCert} carried in the record} other {{anchorCert}}}",
  // A certificate a param names (lib/report/cert-description.ts, read by render.ts): its subject (RFC 4514; "" selects none) quoted, or its absence, and its fingerprint's start.
  "cert.described": "{subject, select, none {(empty subject)} other {\"{subject}\"}} (SHA-256 {fingerprint}…)",
  // {certNames}: the DNS names a certificate carries, "" for none.
  "cert.presentedNames": "{certNameList, select, none {no host name at all} other {{certNameList}}}",
  // A certificate's signature algorithm (certificate.key's {signature}, CERT_SHA1_SIGNATURE's {algorithm}).
  "cert.signature":
    "{signatureScheme, select, rsa_pkcs1 {RSA PKCS#1 v1.5} rsa_pss {RSA-PSS} ecdsa {ECDSA} dsa {DSA} ed25519 {Ed25519} ed448 {Ed448} other {unknown ({signatureOid})}}{signatureHash, select, none {} other { with {signatureHash}}}",
  // {names}: the reference identifiers (the MX host, and its CNAME-expanded name).
  "dane.referenceNames":
    "{referenceCount, plural, =0 {(no reference name given)} =1 {{referenceName}} other {{referenceName} or {otherReferenceNames}}}",
  // DANE_TA_NOT_IN_CHAIN's {chain}: the chain as sent, an unparseable certificate shown as "?".
  "daneTa.sentChain":
    "{chainSent}{unparseableCount, plural, =0 {} =1 { (the certificate at position {unparseable} cannot be parsed)} other { (the certificates at positions {unparseable} cannot be parsed)}}",
  // DANE_TA_CHAIN_BROKEN's {reason}: a clause, no final stop.
  "daneTa.broken":
    "{broken, select, anchor_not_ca {{anchor} is not a CA certificate (basicConstraints CA is not set)} unparseable {the certificate at position {position} cannot be parsed} not_issuer {{issuer}, sent after {child}, did not issue it} issuer_not_ca {{issuer} issued {child} but is not a CA certificate} other {no sequence of signatures leads from the server certificate to it}}",
  "dane.untested":
    "DANE was not evaluated: {why, select, policy {mailsec''s address policy does not connect to this address} throttled {the server throttled mailsec, so its TLS was not reached} other {mailsec''s budget of connections to this address was spent}}.",

  // Exchange Online.
  // {detail} of EXO_INCONCLUSIVE (lib/report/i18n/render.ts derives it from {untested}).
  "exchange.untested": "{count, plural, one {the MX host {untested} was} other {the MX hosts {untested} were}} not tested, for reasons outside the servers.",
  "exchange.title": "Forecasting what Exchange Online does with mail to ''{domain}''.",
  "exchange.summary":
    "{outcome, select, deliver {Exchange Online would deliver the mail.} no_mail {Exchange Online would not deliver mail to this domain.} inconclusive {mailsec cannot forecast what Exchange Online does (see the findings).} other {Exchange Online would defer the mail{code, select, none {} other { with {code}}}.}}",

  // The DNSSEC Validation test.
  "answer.title": "Attempting to validate {shown} with DNSSEC.",
  "answer.secure":
    "Secure: {what, select, records {{count, plural, one {# record} other {# records}}} denial {a proof of non-existence} other {an empty answer}} for {shown}, validated from the trust anchor.",
  "answer.insecure": "Insecure: {what, select, records {{count, plural, one {# record} other {# records}}} denial {a proof of non-existence} other {an empty answer}} for {shown}, from an unsigned zone.",
  "answer.bogus": "Bogus: the answer for {shown} fails validation.",
  "answer.indeterminate": "Indeterminate: no usable answer for {shown}.",
  "dnssecHosts.title": "Attempting to validate the address records of each MX host.",
  "dnssecHosts.summary": "{count, plural, one {# MX host} other {# MX hosts}} checked.",
  "dnssecHost.title": "Attempting to validate the A and AAAA records of ''{host}''.",

  // Inbound SMTP Email: the recipient.
  "recipient.sendTitle": "Attempting to send a test message to ''{to}'' over TLS.",
  "recipient.checkTitle": "Attempting to check that the MX hosts accept mail for ''{to}'' (stops after RCPT TO; no message is sent).",
  "recipient.noCandidate":
    "No MX address completed a TLS handshake that a DANE sender would accept, so no recipient check was made (mailsec sends an envelope only over such a session).",
  "recipient.attemptTitle": "Trying {host} ({ip}).",
  "recipient.notReached": "{host} ({ip}): the conversation ended before the envelope: {detail}.",
  "recipient.nullSenderRefused": "{host} ({ip}) refused the null sender (MAIL FROM:<>), which bounces use.",
  "recipient.refused": "{host} ({ip}) refused the recipient <{to}>: {reply}.",
  "recipient.accepted": "{host} ({ip}) accepts mail for <{to}> over TLS (stopped after RCPT TO; no message was sent).",
  "recipient.messageRefused": "{host} ({ip}) did not accept the test message: {reply}.",
  "recipient.delivered": "{host} ({ip}) accepted the test message for <{to}> over TLS.",
  "recipient.noAttempt": "No attempt was made.",
  // MTA-STS, TLS-RPT and DANE rollover readiness (lib/checks/policies.ts).
  "mtaSts.title": "Checking the MTA-STS policy of ''{domain}'' (RFC 8461).",
  "mtaSts.summary":
    "{delivery, select, enforced {A compliant sender enforces the policy: it delivers only over authenticated TLS to the MX hosts the policy lists.} report_only {The policy is in testing mode: senders report TLS failures but deliver anyway.} refused {A compliant sender refuses to deliver: no MX host passes the enforced policy.} no_policy {The domain announces MTA-STS but offers no usable policy.} other {{record, select, absent {No MTA-STS policy is published.} other {The policy is mode none: senders apply no policy.}}}}",
  // {problem} of MTASTS_POLICY_FETCH_FAILED (render.ts derives it from {fetchProblem}; {detail}: the TLS clause).
  "mtaSts.fetchProblem":
    "{fetchProblem, select, no_address {the policy host has no address} guard {{fetchIp} is in {fetchRange}, a range mailsec does not connect to} timeout {no complete answer from {fetchIp} within {fetchMs, number} ms} stopped {the run was stopped} socket {{fetchIp}: {fetchCode}} tls {{fetchIp}: {detail}} closed {{fetchIp}: the connection closed before the answer was complete} other {{fetchProblem}}}",
  "mtaSts.record": "TXT {name}: “{text}”",
  "mtaSts.noRecord": "TXT {name}: no MTA-STS record.",
  "mtaSts.policyUrl": "Policy {url}:",
  "mtaSts.policyLine": "    {line}",
  "mtaSts.mx":
    "MX {host}: {covered, select, yes {matched by the policy} other {matched by no mx pattern}}{certificate, select, valid {, certificate valid for the name} invalid {, certificate NOT valid for the name under WebPKI} other {}}",
  "tlsRpt.title": "Checking the SMTP TLS Reporting record of ''{domain}'' (RFC 8460).",
  "tlsRpt.summary":
    "{record, select, valid {Senders report TLS failures to {rua}.} absent {No TLS-RPT record: senders do not report TLS failures.} multiple {Several TLS-RPT records: senders use none.} other {The TLS-RPT record is not usable.}}",
  "tlsRpt.record": "TXT {name}: “{text}”",
  ...enMailAuthSteps,
  "rollover.title": "Checking that the TLSA records survive the next certificate change (RFC 7671 §8.1).",
  "rollover.summary": "{ready} of {count, plural, one {# MX host} other {# MX hosts}} with DANE ready for a certificate change.",
  "rollover.host":
    "{host}: {rollover, select, ready {ready (a record for a next key or the issuing CA is published)} single_record {only today''s certificate is named} other {not applicable (no usable TLSA record matches today)}}",
  ...enExchangeReadinessSteps,
} as const satisfies Record<string, string>;

export type StepKey = keyof typeof enSteps;
