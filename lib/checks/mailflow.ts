// The part the DANE and Inbound tests share: the chain of trust, MX discovery, every host and
// address in parallel, and the Exchange Online forecast. Each test adds its own steps around it.
import { formatTlsa } from "../dane/tlsa";
import { exchangeForecast, type ExchangeHostFacts } from "../report/exchange";
import { message } from "../report/i18n/message";
import type { ExchangeOutcome, MxResult, Verdict } from "../report/schema";
import { mailVerdict } from "../report/verdict";
import { checkAddress, type AddressCheck } from "./address";
import { endChainStep } from "./chain";
import { trustChainOf } from "./trust-chain";
import { discoverHost, discoverMx, prefetchMxHosts, type HostFacts, type HostLookups, type MxDiscovery } from "./discovery";
import type { CheckPorts, Lookup } from "./ports";
import { noResolverFailure } from "./present";
import { RunAbort, type StepRecorder, type TestBody } from "./runner";
import type { Step } from "../report/schema";

export interface HostCheck {
  facts: HostFacts;
  addresses: AddressCheck[];
}

export interface MailFlow {
  mx: MxDiscovery;
  hosts: HostCheck[];
  exchange: ExchangeOutcome;
  /** The mail flow always judges its verdict (lib/report/verdict.ts's mailVerdict). */
  body: TestBody & { verdict: Verdict };
}

export interface MailFlowOptions {
  /** Adds the Inbound test's certificate step under each address. */
  certificateStep?: boolean;
}

async function checkHost(
  ports: CheckPorts,
  rec: StepRecorder,
  host: { host: string; preference: number },
  mx: MxDiscovery,
  lookups: HostLookups | undefined,
  options: MailFlowOptions,
): Promise<HostCheck> {
  // A top-level step per host (issue 14): the MX step judges the MX lookup alone.
  const step = rec.top(`mx-host:${host.host}`, message("host.title", { host: host.host, preference: host.preference }));
  let resolveTlsa: (facts: HostFacts["tlsa"]) => void = () => undefined;
  const tlsa = new Promise<HostFacts["tlsa"]>((resolve) => (resolveTlsa = resolve));
  const facts = await discoverHost(ports, step, host, mx.dnssec, lookups);
  resolveTlsa(facts.tlsa);
  const addresses = await Promise.all(facts.addresses.map((address) => checkAddress(ports, step, facts, address, tlsa, options.certificateStep === true)));
  const count = addresses.length;
  const summary = facts.daneRequired
    ? message("host.dane", { passed: addresses.filter((a) => a.result.dane === "pass").length, count })
    : facts.tlsa.status === "bogus" || facts.tlsa.status === "servfail"
      ? message("host.tlsaFailed")
      : facts.tlsa.status === "secure"
        ? // RFC 7672 §2.2: unusable records still make TLS mandatory, so this is not "no DANE".
          message("host.noneUsable", { tls: addresses.filter((a) => a.probe.tls !== null).length, count })
        : message("host.noDane", { tlsa: facts.tlsa.status });
  const { status, findings } = step.childVerdict();
  step.end({ status, summary, details: facts.cname ? [message("host.alias", { host: host.host, chain: facts.cname.join(" -> ") })] : [], findings });
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
  if (!mxLookup.unanswered) return;
  const probe = await ports.lookup(".", 2, signal);
  if (probe.unanswered) throw new RunAbort(noResolverFailure(mxLookup), "resolver");
}

function treeStatuses(steps: readonly Step[]): Step["status"][] {
  return steps.flatMap((s) => [s.status, ...treeStatuses(s.children)]);
}

export async function runMailFlow(ports: CheckPorts, rec: StepRecorder, domain: string, shown: string, options: MailFlowOptions = {}): Promise<MailFlow> {
  const chainStep = rec.top("dnssec", message("chain.mailTitle", { domain: shown }));
  const mxStep = rec.top("mx", message("mx.title", { domain: shown }));

  // Started first so that it and the validated MX lookup share one query.
  const prefetched = prefetchMxHosts(ports, domain, rec.signal);
  const { mx, outcome } = await discoverMx(ports, mxStep, domain);
  await ensureResolverAnswers(ports, mx.lookup, rec.signal);
  mxStep.end(outcome);
  const usable = mx.dnssec !== "bogus" && (mx.kind === "records" || mx.kind === "implicit");
  // Settled by now: the peek and the MX validation waited on the same answer.
  const early = usable ? await prefetched : new Map<string, HostLookups>();
  const hostChecks = usable ? mx.hosts.map((h) => checkHost(ports, rec, h, mx, early.get(h.host), options)) : [];
  // Declared after the host steps so it reads last, whatever finishes first.
  const exchangeStep = rec.top("exchange", message("exchange.title", { domain: shown }));
  const hosts = await Promise.all(hostChecks);

  const chainLookups = [mx.lookup, ...hosts.flatMap((h) => h.facts.lookups)];
  endChainStep(chainStep, chainLookups);

  const forecast = exchangeForecast({ domain, mxLookup: mx.kind, mxDnssec: mx.dnssec, hosts: hosts.map(exchangeHost) });
  const exchange = forecast.outcome;
  exchangeStep.end({
    status: exchange.outcome === "deliver" ? "success" : exchange.outcome === "no-mail" ? "info" : exchange.outcome === "inconclusive" ? "warning" : "error",
    summary: message("exchange.summary", { outcome: exchange.outcome, code: exchange.code ?? "" }),
    findings: [forecast.finding],
  });

  const flagged = treeStatuses(rec.roots).some((s) => s === "warning" || s === "error");
  const verdict = mailVerdict({ mxKind: mx.kind, mxDnssec: mx.dnssec, exchange, hosts: hosts.map((h) => h.addresses.map((a) => a.result.dane)), flagged });
  return {
    mx,
    hosts,
    exchange,
    body: { domain, dnssec: mx.dnssec, exchangeOnline: exchange, mx: hosts.map(mxResult), verdict, trustChain: trustChainOf(chainLookups) },
  };
}
