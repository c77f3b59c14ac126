// English texts of the SPF, DMARC and DKIM findings and steps (lib/report/findings/mail-auth.ts,
// lib/checks/mail-auth.ts). ICU MessageFormat; select keys write the core's "-" as "_"; an
// apostrophe before a brace is doubled.
import type { mailAuthFindings } from "../../findings/mail-auth";
import type { FindingTexts } from "../types";

const SPF_SYNTAX_PROBLEM =
  "{problem, select, unknown_mechanism {no such mechanism} domain_missing {the domain is missing} domain_invalid {the domain is not a valid name} macro_invalid {a malformed macro or a character SPF does not allow} cidr_invalid {a prefix length out of range} ip4_invalid {not an IPv4 address} ip6_invalid {not an IPv6 address} value_unexpected {this mechanism takes no such value} modifier_name {a modifier name SPF does not allow} version {the record does not start with v=spf1} other {{problem}}}";

const TAG_PROBLEM =
  "{problem, select, empty_field {an empty field between two semicolons} field_without_value {a field without tag=value} version_not_first {v= is not the first tag} tag_name {a malformed tag name} version {the version is not DKIM1} p_missing {there is no p= tag} other {{problem}}}";

export const enMailAuthFindings: Record<keyof typeof mailAuthFindings, FindingTexts> = {
  SPF_RECORD_ABSENT: {
    message: "{domain} publishes no SPF record (a TXT record starting v=spf1).",
    why: "Without SPF (RFC 7208) receivers cannot tell which servers may send mail from this domain; DMARC then rests on DKIM alone. A domain that sends no mail should say so with \"v=spf1 -all\".",
    remediation: "Publish one TXT record at {domain}: \"v=spf1 mx -all\" if your MX hosts send your mail, or list your senders (ip4:, include:); \"v=spf1 -all\" if the domain sends no mail.",
  },
  SPF_RECORD_MULTIPLE: {
    message: "{name} publishes {count} SPF records; exactly one is allowed.",
    why: "With more than one v=spf1 record an SPF check ends in a permanent error (RFC 7208 §4.5): every message from the domain fails SPF.",
    remediation: "Merge the records into one TXT record starting v=spf1 and delete the others.",
  },
  SPF_LOOKUP_FAILED: {
    message: "The {type} lookup of {name} for SPF gave no usable answer (DNSSEC: {status}).",
    why: "A receiver that cannot complete the lookup returns a temporary error (RFC 7208 §4.4) and may defer or reject the mail.",
    remediation: "Make sure the name servers of {name} answer over UDP and TCP and that the zone validates.",
  },
  SPF_SYNTAX: {
    message: "The SPF record of {domain} has a bad term “{term}”: " + SPF_SYNTAX_PROBLEM + ".",
    why: "A syntax error anywhere in the record makes every SPF check of it a permanent error (RFC 7208 §4.6).",
    remediation: "Correct or remove “{term}”; the grammar is in RFC 7208 §12.",
  },
  SPF_MODIFIER_REPEATED: {
    message: "The SPF record of {domain} has {modifier}= more than once.",
    why: "redirect= and exp= may each appear once (RFC 7208 §6); twice is a permanent error.",
    remediation: "Keep one {modifier}= modifier.",
  },
  SPF_TOO_MANY_LOOKUPS: {
    message: "Checking the SPF record of {domain} takes {lookups} DNS lookups; the limit is {limit}.",
    why: "Receivers stop after {limit} lookups through include, a, mx, ptr, exists and redirect (RFC 7208 §4.6.4) and return a permanent error: SPF fails for every message.",
    remediation: "Remove includes you no longer need, replace a and mx terms with ip4:/ip6: ranges, or flatten an include into the addresses it names.",
  },
  SPF_TOO_MANY_VOID_LOOKUPS: {
    message: "The SPF record of {domain} leads to {voidLookups} lookups that find nothing; the limit is {limit}.",
    why: "More than {limit} void lookups (NODATA or NXDOMAIN) make an SPF check a permanent error (RFC 7208 §4.6.4).",
    remediation: "Remove the terms that name domains without the records they look for.",
  },
  SPF_VOID_LOOKUP: {
    message: "The SPF term “{term}” looks up {name}, which has no such record ({outcome, select, nxdomain {the name does not exist} other {no record of that type}}).",
    why: "A lookup that finds nothing is a void lookup: it matches no sender and counts toward the limit of two (RFC 7208 §4.6.4).",
    remediation: "Remove “{term}” or publish the record it expects at {name}.",
  },
  SPF_MX_HOST_VOID: {
    message: "The MX host {host} that the SPF term “{term}” finds at {name} has no address ({outcome, select, nxdomain {the name does not exist} other {no A or AAAA record}}).",
    why: "An mx term authorises the addresses of the domain's MX hosts (RFC 7208 §5.4); a host without any authorises nothing, and its lookup is a void lookup that counts toward the limit of two (§4.6.4).",
    remediation: "Publish the A/AAAA records of {host}, remove it from the MX records of {name}, or list the senders with ip4:/ip6: instead of “{term}”.",
  },
  SPF_MX_TOO_MANY: {
    message: "The SPF mx term for {name} names {count} MX hosts; more than {limit} is a permanent error.",
    why: "An mx mechanism whose MX answer has more than {limit} hosts is a permanent error (RFC 7208 §4.6.4).",
    remediation: "List the senders with ip4:/ip6: instead of mx.",
  },
  SPF_INCLUDE_LOOP: {
    message: "The SPF record of {domain} includes {target}, which is already on the way there: an include loop.",
    why: "An evaluation would follow the loop until the lookup limit and return a permanent error (RFC 7208 §5.2, §4.6.4).",
    remediation: "Remove the include or redirect that leads back to {target}.",
  },
  SPF_INCLUDE_NO_RECORD: {
    message: "The SPF record of {domain} has {mechanism, select, redirect {redirect=} other {include:}}{target}, but {target} publishes no single SPF record.",
    why: "An include or redirect target without exactly one SPF record makes the check a permanent error (RFC 7208 §5.2, §6.1).",
    remediation: "Correct the name, or ask whoever runs {target} to publish its SPF record.",
  },
  SPF_WALK_TRUNCATED: {
    message: "mailsec stopped following the SPF records of {domain} after {limit} lookups; the count shown is a minimum.",
    why: "The walk is bounded so that a record cannot keep a test running; an evaluation past 10 lookups fails anyway (RFC 7208 §4.6.4).",
    remediation: "Bring the record under 10 lookups.",
  },
  SPF_MACRO_NOT_EXPANDED: {
    message: "The SPF term “{term}” holds a macro: the name it looks up depends on the sender, so mailsec counts it but does not look it up.",
    why: "Macros (RFC 7208 §7) expand with the sending address and names, which a receiving-side test does not have.",
    remediation: "",
  },
  SPF_ALL_PASS: {
    message: "The SPF record of {domain} ends in “{term}”: every server on the Internet passes SPF for it.",
    why: "+all authorizes any sender (RFC 7208 §5.1), which makes SPF worthless and helps forgers pass DMARC's SPF alignment.",
    remediation: "End the record with -all (or ~all while you check your senders) after listing the servers that send your mail.",
  },
  SPF_ALL_NEUTRAL: {
    message: "The SPF record of {domain} ends in “{term}”: it says nothing about servers it does not list.",
    why: "A neutral result (RFC 7208 §8.2) is treated like no SPF at all; forged mail is not marked.",
    remediation: "End the record with -all, or ~all while you check your senders.",
  },
  SPF_ALL_MISSING: {
    message: "The SPF record of {domain} has no all mechanism and no redirect.",
    why: "Without them every unlisted sender gets neutral (RFC 7208 §4.7), as if there were no SPF record.",
    remediation: "End the record with -all (or ~all).",
  },
  SPF_PTR_USED: {
    message: "The SPF record of {domain} uses “{term}”.",
    why: "ptr is slow, unreliable and heavy on the DNS; RFC 7208 §5.5 says it SHOULD NOT be published, and some receivers ignore it.",
    remediation: "Replace ptr with ip4:/ip6: ranges or a and mx terms.",
  },
  SPF_REDIRECT_IGNORED: {
    message: "The SPF record of {domain} has both an all mechanism and redirect=; the redirect is never used.",
    why: "redirect= applies only when no mechanism matched, and all always matches (RFC 7208 §6.1).",
    remediation: "Remove either the all mechanism or the redirect.",
  },
  DMARC_RECORD_ABSENT: {
    message: "{domain} publishes no DMARC record (_dmarc TXT), nor does its organizational domain {orgDomain}.",
    why: "Without DMARC (RFC 7489) receivers have no policy for mail that fails SPF and DKIM alignment, and the domain gets no reports of who sends in its name.",
    remediation: "Publish _dmarc.{orgDomain} TXT \"v=DMARC1; p=none; rua=mailto:dmarc@{orgDomain}\", read the reports, then move to p=quarantine and p=reject.",
  },
  DMARC_RECORD_MULTIPLE: {
    message: "{name} publishes {count} DMARC records; exactly one is allowed.",
    why: "With more than one record, receivers apply no DMARC policy at all (RFC 7489 §6.6.3).",
    remediation: "Merge them into one record and delete the others.",
  },
  DMARC_LOOKUP_FAILED: {
    message: "The DMARC lookup of {name} gave no usable answer (DNSSEC: {status}).",
    why: "A receiver that cannot read the record applies no DMARC policy to the mail.",
    remediation: "Make sure the name servers answer TXT queries for {name} and that the zone validates.",
  },
  DMARC_SYNTAX: {
    message: "The DMARC record at {name} is malformed: " + TAG_PROBLEM + ".",
    why: "Receivers discard a record they cannot parse (RFC 7489 §6.6.3): no DMARC policy applies.",
    remediation: "Rewrite it as \"v=DMARC1; p=…; rua=mailto:…\" (tag=value pairs split by semicolons, v first).",
  },
  DMARC_TAG_INVALID: {
    message: "The DMARC tag {tag}= has a value that is not allowed: “{value}”.",
    why: "RFC 7489 §6.3 lists the values of each tag; receivers ignore a bad value or, for p=, the whole record.",
    remediation: "Use p/sp = none, quarantine or reject; pct = 0 to 100; adkim/aspf = r or s.",
  },
  DMARC_POLICY_MISSING_RUA: {
    message: "The DMARC record at {name} has no valid p= tag; because it names a report address, receivers read it as p=none.",
    why: "RFC 7489 §6.6.3: a record without a valid policy but with a valid rua is treated as p=none.",
    remediation: "Add p=none, p=quarantine or p=reject right after v=DMARC1.",
  },
  DMARC_INHERITED: {
    message: "{domain} has no DMARC record of its own; the record of its organizational domain {orgDomain} applies.",
    why: "Receivers fall back to the organizational domain's record (RFC 7489 §6.6.3), with its sp= policy if it has one.",
    remediation: "",
  },
  DMARC_POLICY_NONE: {
    message: "The DMARC policy for {domain} is p=none: receivers take no action on mail that fails DMARC.",
    why: "p=none only asks for reports (RFC 7489 §6.3); forged mail in the domain's name is still delivered.",
    remediation: "Once the reports show that your own mail passes, move to p=quarantine, then p=reject.",
  },
  DMARC_SUBDOMAIN_POLICY_NONE: {
    message: "The DMARC record of {domain} says p={policy} but sp=none: its subdomains are not protected.",
    why: "sp= sets the policy for subdomains without a record of their own (RFC 7489 §6.3); forgers can send from any invented subdomain.",
    remediation: "Remove sp=none or set sp=quarantine or sp=reject.",
  },
  DMARC_PCT_PARTIAL: {
    message: "The DMARC policy {policy} applies to only {pct} % of failing mail (pct={pct}).",
    why: "The rest is treated one step more leniently (RFC 7489 §6.6.4); pct below 100 is meant for a rollout.",
    remediation: "Raise pct to 100 (or remove it) once the rollout is done.",
  },
  DMARC_NO_RUA: {
    message: "The DMARC record of {domain} asks for no aggregate reports (no rua=).",
    why: "Aggregate reports (RFC 7489 §7.2) show who sends mail in the domain's name; without them a policy change is blind.",
    remediation: "Add rua=mailto:dmarc-reports@{domain}.",
  },
  DMARC_URI_BARE_ADDRESS: {
    message: "The DMARC {tag}= address “{uri}” is a bare address, not a URI.",
    why: "{tag} takes URIs (RFC 7489 §6.2): receivers ignore an address without “mailto:”.",
    remediation: "Write it as {tag}=mailto:{uri}.",
  },
  DMARC_URI_INVALID: {
    message: "The DMARC {tag}= URI “{uri}” is not usable ({problem, select, scheme {only mailto: and https: are allowed here} mailto_address {the mailto: URI has no valid address} https_url {the https: URI is malformed} other {{problem}}}).",
    why: "Receivers send reports only to URIs they can use (RFC 7489 §6.2); mailto: is the one all of them support.",
    remediation: "Use {tag}=mailto:<address>.",
  },
  DMARC_REPORT_NOT_AUTHORIZED: {
    message: "The DMARC {tag}= destination “{uri}” is outside the domain and {destination} has not agreed to take its reports: there is no v=DMARC1 record at {name}.",
    why: "Before sending reports to another organization's domain, receivers look for that domain's consent at <policy domain>._report._dmarc.<destination> (RFC 7489 §7.1); without it they drop the reports, and you get none from them.",
    remediation: "Ask the operator of {destination} to publish TXT \"v=DMARC1\" at {name} (or at *._report._dmarc.{destination} for every domain it serves), or send the reports to an address in your own domain.",
  },
  DMARC_REPORT_AUTH_FAILED: {
    message: "Whether {name} authorizes the DMARC reports for “{uri}” could not be read (DNSSEC: {status}).",
    why: "A receiver that cannot complete this lookup (RFC 7489 §7.1) holds back or drops the reports for that destination.",
    remediation: "Check that the name servers of the destination answer for {name} and that its zone validates.",
  },
  DKIM_KEY_ABSENT: {
    message: "There is no DKIM key at {name} (selector “{selector}”).",
    why: "A receiver checking a signature with this selector finds no key and the signature fails (RFC 6376 §6.1.2).",
    remediation: "Check the selector your mail server signs with (the s= tag of a DKIM-Signature header) and publish its key as TXT \"v=DKIM1; k=rsa; p=…\" at {name}.",
  },
  DKIM_LOOKUP_FAILED: {
    message: "The DKIM key lookup of {name} gave no usable answer (DNSSEC: {status}).",
    why: "A receiver that cannot fetch the key returns a temporary error for the signature (RFC 6376 §6.1.2).",
    remediation: "Make sure the name servers answer TXT queries for {name} and that the zone validates.",
  },
  DKIM_KEY_MULTIPLE: {
    message: "{name} holds {count} TXT records; a DKIM key name should hold one (each is judged in the details).",
    why: "Receivers may use any one of them (RFC 6376 §3.6.2.2); signatures then fail at random.",
    remediation: "Keep one key record at this selector; publish a new key under a new selector.",
  },
  DKIM_SYNTAX: {
    message: "The DKIM key record at {name} is malformed: " + TAG_PROBLEM + ".",
    why: "A receiver that cannot parse the key record cannot verify signatures made with it (RFC 6376 §3.6.1).",
    remediation: "Publish it as \"v=DKIM1; k=rsa; p=<base64 public key>\".",
  },
  DKIM_KEY_REVOKED: {
    message: "The DKIM key at {name} is revoked (empty p=).",
    why: "An empty p= means the key was withdrawn (RFC 6376 §3.6.1): every signature with this selector fails.",
    remediation: "If mail is still signed with this selector, publish its current key or switch the signer to a selector with a published key.",
  },
  DKIM_KEY_TYPE_UNKNOWN: {
    message: "The DKIM key at {name} is of type k={keyType}, which receivers do not know.",
    why: "Only rsa (RFC 6376) and ed25519 (RFC 8463) are registered key types.",
    remediation: "Publish an RSA key of 2048 bits (k=rsa), optionally beside an Ed25519 key under another selector.",
  },
  DKIM_KEY_UNREADABLE: {
    message: "The p= value at {name} is not a readable {keyType, select, rsa {RSA} ed25519 {Ed25519} other {k={keyType}}} public key.",
    why: "Receivers cannot verify any signature against a key they cannot decode (RFC 6376 §3.6.1).",
    remediation: "Publish the base64 of the public key (SubjectPublicKeyInfo for RSA, the raw 32 bytes for Ed25519), without line breaks or quotes inside it.",
  },
  DKIM_KEY_TOO_SHORT: {
    message: "The DKIM key at {name} is an RSA key of {bits} bits; receivers refuse keys under {minimum} bits.",
    why: "RFC 8301 §3.2: verifiers MUST NOT accept signatures made with RSA keys under 1024 bits, which can be factored.",
    remediation: "Generate a 2048-bit key, publish it under a new selector, switch the signer to it, then revoke this one (p=).",
  },
  DKIM_KEY_SHORT: {
    message: "The DKIM key at {name} is an RSA key of {bits} bits; {recommended} bits are recommended.",
    why: "RFC 8301 §3.2: signers SHOULD use at least 2048-bit keys.",
    remediation: "Move to a 2048-bit key under a new selector at the next key rotation.",
  },
  DKIM_TESTING: {
    message: "The DKIM key at {name} is marked as testing (t=y).",
    why: "With t=y receivers must not treat signed mail differently from unsigned mail (RFC 6376 §3.6.1).",
    remediation: "Remove t=y once signing works.",
  },
  DKIM_SHA1_ONLY: {
    message: "The DKIM key at {name} allows only SHA-1 signatures (h=).",
    why: "RFC 8301 §3.1: signers MUST use rsa-sha256, and verifiers need not accept rsa-sha1.",
    remediation: "Remove the h= tag or set h=sha256.",
  },
};

export const enMailAuthSteps = {
  "spf.title": "Checking the SPF record of ''{domain}'' (RFC 7208).",
  "spf.summary":
    "{record, select, valid {SPF record found: {lookups} of {limit} DNS lookups, {voidLookups} of {voidLimit} void; {all, select, pass {+all (any sender passes)} fail {-all} softfail {~all} neutral {?all} other {no all}}.} absent {No SPF record is published.} multiple {Several SPF records: SPF fails for every message.} other {The SPF record is not usable.}}",
  "spf.record": "{indent}TXT {name}: “{text}”",
  "spf.noRecord": "{indent}TXT {name}: no SPF record.",
  "spf.host":
    "{indent}{host}: {outcome, select, answer {{networks}} nodata {no A or AAAA record (void)} nxdomain {no such name (void)} failed {no usable answer} other {not looked up (the walk's bound)}}",
  "spf.lookup":
    "{indent}{term} → {target}: {outcome, select, answer {found} nodata {no record (void)} nxdomain {no such name (void)} failed {no usable answer} loop {already on the path (loop)} other {not looked up}}",
  "dmarc.title": "Checking the DMARC record of ''{domain}'' (RFC 7489).",
  "dmarc.summary":
    "{record, select, valid {DMARC policy {policy}{inherited, select, yes {, inherited from {recordDomain}} other {}}.} absent {No DMARC record is published.} multiple {Several DMARC records: receivers apply none.} other {The DMARC record is not usable.}}",
  "dmarc.record": "TXT {name}: “{text}”",
  "dmarc.noRecord": "TXT {name}: no record.",
  "dmarc.destination":
    "{tag}= {uri} → TXT {name}: {outcome, select, authorized {v=DMARC1, the destination takes the reports} unauthorized {no v=DMARC1 record, receivers drop the reports} other {no usable answer}}",
  "dkim.title": "Checking the DKIM key of selector ''{selector}'' ({name}, RFC 6376).",
  "dkim.summary":
    "{record, select, valid {{keyType, select, rsa {An RSA key} ed25519 {An Ed25519 key} other {A key of type k={keyType}}} of {bits} bits is published.} revoked {The key is revoked (empty p=).} absent {No key is published at this selector.} other {The key record is not usable.}}",
  "dkim.record": "TXT {name}: “{text}”",
  "dkim.key":
    "  key record {index}: {record, select, valid {{keyType, select, rsa {RSA} ed25519 {Ed25519} other {k={keyType}}}, {bits} bits} revoked {revoked (empty p=)} other {not usable}}; {verdict, select, pass {a verifier that picks it verifies} warning {a verifier that picks it verifies, with a warning} other {a verifier that picks it fails the signature}}.",
} as const satisfies Record<string, string>;
