// The part the DANE and Inbound tests share: the chain of trust, MX discovery, every host and
// address in parallel, and the Exchange Online forecast. Each test adds its own steps around it.
import { formatTlsa } from "../dane/tlsa";
import { exchangeFindingCode, exchangeOnlineOutcome, type ExchangeHostFacts } from "../report/exchange";
import type { ExchangeOutcome, MxResult } from "../report/schema";
import { mailVerdict } from "../report/verdict";
import { checkAddress, type AddressCheck } from "./address";
import { endChainStep } from "./chain";
import { discoverHost, discoverMx, MX_TITLE, prefetchMxHosts, type HostFacts, type HostLookups, type MxDiscovery } from "./discovery";
import type { CheckPorts, Lookup } from "./ports";
import { stepTreeStatuses, worstStatus } from "./present";
import { RunAbort, type StepRecorder, type StepScope, type TestBody } from "./runner";

export interface HostCheck {
  facts: HostFacts;
  addresses: AddressCheck[];
}

export interface MailFlow {
  mx: MxDiscovery;
  hosts: HostCheck[];
  exchange: ExchangeOutcome;
  body: TestBody;
}

export interface MailFlowOptions {
  /** Adds the Inbound test's certificate step under each address. */
  certificateStep?: boolean;
}

async function checkHost(
  ports: CheckPorts,
  mxStep: StepScope,
  host: { host: string; preference: number },
  mx: MxDiscovery,
  lookups: HostLookups | undefined,
  options: MailFlowOptions,
): Promise<HostCheck> {
  const step = mxStep.begin(host.host, `Testing MX host '${host.host}' (preference ${host.preference}).`);
  let resolveTlsa: (facts: HostFacts["tlsa"]) => void = () => undefined;
  const tlsa = new Promise<HostFacts["tlsa"]>((resolve) => (resolveTlsa = resolve));
  const facts = await discoverHost(ports, step, host, mx.dnssec, lookups);
  resolveTlsa(facts.tlsa);
  const addresses = await Promise.all(facts.addresses.map((address) => checkAddress(ports, step, facts, address, tlsa, options.certificateStep === true)));
  const passed = addresses.filter((a) => a.result.dane === "pass").length;
  const summary = facts.daneRequired
    ? `${passed} of ${addresses.length} address(es) passed DANE.`
    : facts.tlsa.status === "bogus" || facts.tlsa.status === "servfail"
      ? "This host cannot be used: its TLSA lookup failed."
      : facts.tlsa.status === "secure"
        ? // RFC 7672 §2.2: unusable records still make TLS mandatory, so this is not "no DANE".
          `None of its TLSA records is usable: TLS is mandatory, but the server is not authenticated; ${addresses.filter((a) => a.probe.tls !== null).length} of ${addresses.length} address(es) completed TLS.`
        : `DANE is not in force for this host (TLSA: ${facts.tlsa.status}).`;
  step.end({ status: worstStatus(step.childStatuses()), summary, details: facts.cname ? [`'${host.host}' is an alias of ${facts.cname.join(" -> ")}`] : [] });
  return { facts, addresses };
}

function mxResult(check: HostCheck): MxResult {
  const { facts } = check;
  const result: MxResult = {
    host: facts.host,
    preference: facts.preference,
    dnssec: facts.addressDnssec,
    tlsa: { name: facts.tlsa.name, status: facts.tlsa.status, records: facts.tlsa.records.map(formatTlsa), usable: facts.tlsa.usable },
    addresses: check.addresses.map((a) => a.result),
  };
  if (facts.cname) result.cname = facts.cname;
  return result;
}

function exchangeHost(check: HostCheck): ExchangeHostFacts {
  return { host: check.facts.host, addressDnssec: check.facts.addressDnssec, tlsa: { status: check.facts.tlsa.status, usable: check.facts.tlsa.usable }, addresses: check.addresses.map((a) => a.exchange) };
}

/** Fails the run (exit 2, "could not run") when the resolver itself is unreachable rather than one name failing. */
async function ensureResolverAnswers(ports: CheckPorts, mxLookup: Lookup, signal: AbortSignal): Promise<void> {
  if (mxLookup.failure === null) return;
  const probe = await ports.lookup(".", 2, signal);
  if (probe.failure !== null) throw new RunAbort(`No resolver answered: ${mxLookup.failure}`, "resolver");
}

export async function runMailFlow(ports: CheckPorts, rec: StepRecorder, domain: string, shown: string, options: MailFlowOptions = {}): Promise<MailFlow> {
  const chainStep = rec.top("dnssec", `Attempting to validate the DNSSEC chain of trust for '${shown}' and its MX hosts.`);
  const mxStep = rec.top("mx", MX_TITLE(shown));
  const exchangeStep = rec.top("exchange", `Forecasting what Exchange Online does with mail to '${shown}'.`);

  // Started first so that it and the validated MX lookup share one query.
  const prefetched = prefetchMxHosts(ports, domain, rec.signal);
  const { mx, outcome } = await discoverMx(ports, mxStep, domain);
  await ensureResolverAnswers(ports, mx.lookup, rec.signal);
  mxStep.addDetails(...(outcome.details ?? []));
  const usable = mx.dnssec !== "bogus" && (mx.kind === "records" || mx.kind === "implicit");
  // Settled by now: the peek and the MX validation waited on the same answer.
  const early = usable ? await prefetched : new Map<string, HostLookups>();
  const hosts = usable ? await Promise.all(mx.hosts.map((h) => checkHost(ports, mxStep, h, mx, early.get(h.host), options))) : [];
  mxStep.end({ ...outcome, details: [], status: worstStatus([outcome.status, ...mxStep.childStatuses()]) });

  endChainStep(chainStep, [mx.lookup, ...hosts.flatMap((h) => h.facts.lookups)]);

  const exchange = exchangeOnlineOutcome({ domain, mxLookup: mx.kind, mxDnssec: mx.dnssec, hosts: hosts.map(exchangeHost) });
  exchangeStep.end({
    status: exchange.outcome === "deliver" ? "success" : exchange.outcome === "no-mail" ? "info" : "error",
    summary: exchange.code ? `${exchange.outcome === "defer" ? "Deferred" : exchange.outcome} with ${exchange.code}: ${exchange.reason}` : exchange.reason,
    findings: [exchangeFindingCode(exchange)],
  });

  const flagged = stepTreeStatuses(rec.roots).some((s) => s === "warning" || s === "error");
  const verdict = mailVerdict({ mxKind: mx.kind, mxDnssec: mx.dnssec, exchange, hosts: hosts.map((h) => h.addresses.map((a) => a.result.dane)), flagged });
  return {
    mx,
    hosts,
    exchange,
    body: { domain, dnssec: mx.dnssec, exchangeOnline: exchange, mx: hosts.map(mxResult), verdict },
  };
}
