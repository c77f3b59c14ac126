// English texts of the Exchange Online readiness test (issue 12): its findings (what was seen, why
// it matters, what to change) and its step and block texts. The facts follow Microsoft's
// description of inbound SMTP DANE with DNSSEC; the sentences are ours.
import type { ExchangeReadinessCode } from "../../findings/exchange-readiness";
import type { FindingTexts } from "../types";

const RUN_AGAIN = "Get-DnssecStatusForVerifiedDomain shows the value again.";

export const enExchangeReadinessFindings: Record<ExchangeReadinessCode, FindingTexts> = {
  EXR_EX002: {
    message: "EX002: {domain} has an mx.microsoft MX ({found}), but not the expected one, {expected}.",
    why: "Exchange Online checks that the MX names exactly the DnssecMxValue it issued for the domain; another value fails that check.",
    remediation: `Point the MX at the DnssecMxValue that Enable-DnssecForVerifiedDomain returned. ${RUN_AGAIN}`,
  },
  EXR_EX003: {
    message: "EX003: the expected MX {host} is at preference {preference}, not 0.",
    why: "Before it enables DANE, Exchange Online wants its new MX to be the most preferred record, at preference 0.",
    remediation: "Once the new MX has proved it takes mail, give it preference 0 (step 5 of the procedure).",
  },
  EXR_EX004: {
    message: "EX004: {others} shares preference {preference} with the expected MX {host}.",
    why: "Senders spread mail across MX records of equal preference, so the new MX is not yet the one they use first.",
    remediation: "Finish steps 5 and 6: give the new MX preference 0 and the legacy one 30, check mail still flows, then delete the legacy MX.",
  },
  EXR_EX005: {
    message: "EX005: {others} is still listed after the expected MX {host}, as a less preferred MX.",
    why: "Exchange Online enables DANE only when its new MX is the domain's only MX; a leftover record is a path around DANE.",
    remediation: "Finish step 6: delete the legacy MX record (…mail.protection.outlook.com, …mail.eo.outlook.com or …mail.protection.outlook.de).",
  },
  EXR_EX006: {
    message: "EX006: {others} is preferred over the expected MX {host}.",
    why: "While another MX has a lower preference number, senders deliver there first and the new MX only takes mail as a fallback.",
    remediation: "Make the legacy MX less preferred than the new one: preference 30 for the legacy MX and 0 for the new one (step 5).",
  },
  EXR_EX007: {
    message: "EX007: no MX record of {domain} names the expected MX {expected}.",
    why: "The migration starts by adding the DnssecMxValue as an MX record; Exchange Online cannot find it.",
    remediation: `Add an MX record for {expected} at preference 20 with a low TTL (step 3). ${RUN_AGAIN}`,
  },
  EXR_EX008: {
    message: "EX008: the expected MX {host} is at preference {preference}; this step of the procedure puts it at {wanted}.",
    why: "The new MX is less preferred than the procedure intends at this point, so it gets less of the mail than it should.",
    remediation: "Set the new MX to preference {wanted}: 20 while the legacy MX still leads, 0 once it is swapped.",
  },
  EXR_EX009: {
    message: "EX009: the expected MX {host} is at preference {preference}; this step of the procedure puts it at {wanted}.",
    why: "The new MX is more preferred than the procedure intends at this point, before it has been checked.",
    remediation: "Set the new MX to preference {wanted} until mail through it has been checked, then swap the preferences.",
  },
  EXR_EX010: {
    message: "EX010: the MX records of {domain} could not be validated (DNSSEC bogus).",
    why: "A signed domain whose MX answer fails validation gives Exchange Online, and every validating sender, nothing they may use.",
    remediation: "Fix the signatures of the MX RRset at your DNS host (or turn DNSSEC off there and open a case with them), then run the check again.",
  },
  EXR_EX012: {
    message: "EX012: {domain} has no MX records.",
    why: "Exchange Online checks the MX records of the domain; without any there is nothing to move to the new MX.",
    remediation: "Publish the MX record Exchange Online gives for the domain (the DnssecMxValue, at preference 0).",
  },
  EXR_EX013: {
    message: "EX013: no MX of {domain} has the new form <token>.<subdomain>.mx.microsoft, and no expected value was given.",
    why: "Until Enable-DnssecForVerifiedDomain has issued a DnssecMxValue, there is no expected MX to check the records against.",
    remediation: "Run Enable-DnssecForVerifiedDomain -DomainName {domain} and give its DnssecMxValue to this test (the expected MX field).",
  },
  EXR_ED003: {
    message: "ED003: none of the MX hosts of {domain} has a DNSSEC-secure address record.",
    why: "Exchange Online needs an MX whose A record validates; without it the domain gains nothing from DNSSEC or DANE.",
    remediation: "Check the new MX and its zone again later (DNS changes can take up to 48 hours); if it stays so, roll back: re-add the legacy MX, run Disable-DnssecForVerifiedDomain, delete the mx.microsoft MX.",
  },
  EXR_ES001: {
    message: "ES001: the MTA-STS policy of {domain} is in enforce mode and none of its mx lines ({patterns}) matches the expected MX {expected}.",
    why: "Senders that apply MTA-STS refuse to deliver to an MX the policy does not list, so mail sent to the new MX would bounce.",
    remediation: "Set the policy to mode: testing, add an mx line for {expected}, change the id in the _mta-sts record, and wait for the old max_age to pass.",
  },
  EXR_ES002: {
    message: "ES002: {domain} publishes MTA-STS, but there is no expected MX to compare the policy with.",
    why: "Exchange Online compares the policy's mx lines with its new MX; without a DnssecMxValue that comparison cannot be made.",
    remediation: "Run Enable-DnssecForVerifiedDomain first and give its DnssecMxValue to this test.",
  },
  EXR_DOMAIN_NOT_SUPPORTED: {
    message: "{domain} is a tenant's onmicrosoft.com domain: Exchange Online does not offer inbound DANE for it (DomainNotSupported).",
    why: "Initial (MOERA) domains cannot be enabled for DNSSEC or DANE; the cmdlets refuse them.",
    remediation: "Use a custom domain of the tenant, one that does not end in onmicrosoft.com.",
  },
  EXR_DNS_NXDOMAIN: {
    message: "{domain} does not exist in DNS (NXDOMAIN).",
    why: "The cmdlets stop with \"domain not found\" when the MX query gets NXDOMAIN.",
    remediation: "Check the name, and that the domain is delegated and published at its DNS host; new delegations can take up to 48 hours to be seen.",
  },
  EXR_DNS_QUERY_FAILED: {
    message: "The MX query for {domain} failed (no usable answer: a timeout or SERVFAIL).",
    why: "The cmdlets stop with a DNS query error when the domain's name servers do not answer properly.",
    remediation: "Check that every name server of the domain answers the MX query, then run the check again.",
  },
  EXR_GATEWAY: {
    message: "{domain} is verified for Microsoft 365, but its MX ({hosts}) points elsewhere: a mail gateway seems to sit in front of Exchange Online.",
    why: "With a gateway in front, senders never reach Exchange Online directly; DANE towards Exchange only protects the gateway's own hop, if the gateway validates DNSSEC and DANE.",
    remediation: "Run Enable-DnssecForVerifiedDomain, make the gateway's smart host the DnssecMxValue, and check that name with the DNSSEC Validation test. The MX steps of the procedure do not apply.",
  },
  EXR_TLSA_NO_MATCH: {
    message: "DANE is published for {host} ({name}), but no TLSA record matches what the host presented.",
    why: "Exchange Online publishes several TLSA records and expects some not to match, but at least one must; otherwise DANE senders defer the mail (4.7.323).",
    remediation: "Turn inbound DANE off with Disable-SmtpDaneInbound -DomainName <domain> while the cause is found, then enable it again.",
  },
  EXR_TLSA_FAILED: {
    message: "The TLSA lookup at {name} for {host} failed ({status}).",
    why: "A TLSA lookup that fails validation or gets no answer makes DANE senders defer the mail (4.7.324).",
    remediation: "If it persists, turn inbound DANE off with Disable-SmtpDaneInbound -DomainName <domain> and report it to Microsoft.",
  },
  EXR_STS_ENFORCE_DURING_MIGRATION: {
    message: "The MTA-STS policy of {domain} is in enforce mode while the MX records are being changed.",
    why: "The procedure runs MTA-STS in testing while MX records come and go, so that a sender holding the old policy does not refuse the new MX.",
    remediation: "Set mode: testing, list the new MX, change the id in the _mta-sts record, and wait for the policy's max_age before the next MX change.",
  },
  EXR_STS_ENFORCE_AGAIN: {
    message: "DANE works for {domain}; its MTA-STS policy is still in testing mode.",
    why: "Testing was for the migration; once DANE is in place and mail flows, the policy can protect again.",
    remediation: "Set the policy back to mode: enforce and change the id in the _mta-sts record.",
  },
  EXR_TTL_BELOW_MINIMUM: {
    message: "The MX TTL is {ttl} s, under the {minimum} s the procedure allows.",
    why: "Microsoft advises a TTL as low as possible during the migration but never under {minimum} seconds.",
    remediation: "Set the MX TTL to {minimum} s or more.",
  },
  EXR_TTL_LOWER: {
    message: "The MX TTL is {ttl} s while the migration is under way.",
    why: "Each MX change reaches senders only when the TTL they cached runs out; a long TTL stretches every step.",
    remediation: "Lower the MX TTL as far as your DNS host allows (not under 30 s; {target} s or less), then wait out the old TTL before the next change.",
  },
  EXR_TTL_LOWER_FIRST: {
    message: "The MX TTL is {ttl} s: lower it before the migration starts.",
    why: "The procedure begins by lowering the TTL, so that each later MX change is seen quickly.",
    remediation: "Lower the MX TTL as far as your DNS host allows (not under 30 s; {target} s or less) and wait {ttl} s before the next step.",
  },
  EXR_TTL_RAISE: {
    message: "The MX TTL is {ttl} s; the migration is over.",
    why: "With the new MX alone in place, a short TTL only adds queries; the procedure ends with a TTL of {target} s.",
    remediation: "Raise the MX TTL to {target} s.",
  },
};

export const enExchangeReadinessSteps = {
  "exchangeReadiness.title": "Checking the Exchange Online inbound DANE readiness of ''{domain}''.",
  "exchangeReadiness.summary":
    "{stage, select, not_exchange {The MX records do not point at Exchange Online} legacy_only {Only the legacy Exchange Online MX is in place} new_mx_added {The new mx.microsoft MX is in place beside the legacy one} new_mx_primary {The new MX leads; the legacy MX is still there} new_mx_only {The new MX is the only one; DANE is not enabled yet} dane_enabled {Inbound DANE works through the new MX} other {The procedure cannot start for this domain}}. Next: {nextStep, select, none {nothing to do for Exchange Online} use_custom_domain {use a custom domain} fix_dns {fix the domain''s DNS} add_mx {publish the MX records} gateway_smarthost {point the gateway at the new MX and check it with the DNSSEC test} lower_ttl {lower the MX TTL} sts_testing {set MTA-STS to testing} enable_dnssec {enable DNSSEC for the domain in Exchange Online} add_new_mx {add the new MX at preference 20} swap_priorities {swap the MX preferences} delete_legacy {delete the legacy MX} fix_mx {correct the MX records} raise_ttl {raise the MX TTL to 3600 s} enable_dane {enable inbound DANE} rollback_dnssec {roll back to the legacy MX} disable_dane {turn inbound DANE off} sts_enforce {set MTA-STS back to enforce} other {nothing; the migration is complete}}.",
  "exchangeReadiness.stage": "Stage: {stage}",
  "exchangeReadiness.codes": "Codes the Exchange Online cmdlets would give: {codes}",
  "exchangeReadiness.noCodes": "Codes the Exchange Online cmdlets would give: none",
  "exchangeReadiness.expected": "Expected MX: {host}",
  "exchangeReadiness.token": "MX token of the domain: {token}",
  "exchangeReadiness.mx": "MX {preference} {host} ({kind, select, legacy {legacy Exchange Online} new {new mx.microsoft} other {not Exchange Online}})",
  "exchangeReadiness.ttl": "MX TTL: {ttl} s ({source, select, rrsig {the Original TTL of the RRSIG over the MX records: the TTL the zone sets} other {the TTL of the answer: through a caching resolver, what it had left}})",
  "exchangeReadiness.cmdlet": "Cmdlet: {cmdlet} -DomainName {domain}",
  "exchangeReadiness.wait": "Then wait {seconds} s before the step after it.",
} as const;
