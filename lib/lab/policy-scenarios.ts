// The lab's MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) scenarios: each a signed domain whose MX
// records name MX hosts of other scenarios (mx1.dane-ee.test, mx1.dane-ta-spki.test: DANE passes
// and their lab certificates name them, so the lab PKI needs no new names), plus the policy
// records and, behind `mta-sts.<domain>` (on POLICY_HOST_IP), a site of the lab HTTPS server
// (lib/lab/https-server.ts). catalog.ts includes these scenarios; startLab serves the sites.
import type { MtaStsBlock, TlsRptBlock } from "../report/policy-blocks";
import type { Verdict } from "../report/schema";
import type { RecordSpec, Scenario } from "./catalog-types";
import type { HttpsSite, PolicySite, SiteCertificate } from "./https-server";

/** The loopback address every lab policy host resolves to; the server tells sites apart by SNI and Host. */
export const POLICY_HOST_IP = "127.0.2.1";

const dom = (name: string) => `${name}.test.`;
const EE_HOST = "mx1.dane-ee.test.";
const TA_HOST = "mx1.dane-ta-spki.test.";
const EE_IP = "127.0.1.1";
const TA_IP = "127.0.1.2";

export interface PolicyExpectation {
  mtaSts: Partial<MtaStsBlock>;
  tlsRpt?: Partial<TlsRptBlock>;
  /** The Inbound test's verdict with the lab root trusted (--ca-file): MTA-STS can fail it. */
  inbound: Verdict;
  /** Finding codes the mta-sts step must name. */
  findings?: string[];
}

interface PolicySpec {
  name: string;
  description: string;
  /** TXT texts at _mta-sts.<domain>; absent: none. */
  sts?: string[];
  /** The policy host's site; absent: mta-sts.<domain> has no address. */
  site?: PolicySite;
  cert?: SiteCertificate;
  /** TXT text at _smtp._tls.<domain>. */
  rpt?: string;
  /** MX hosts (default: the DANE-EE host only). */
  mx?: "ee" | "ee+ta";
  expect: PolicyExpectation;
}

const policy = (mode: string, ...mx: string[]) => ["version: STSv1", `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), "max_age: 604800", ""].join("\n");
const ok = (body: string): PolicySite => ({ kind: "policy", body });
const STS = "v=STSv1; id=20250101000000";
const RPT = "v=TLSRPTv1; rua=mailto:tlsrpt@example.net";

const specs: PolicySpec[] = [
  {
    name: "sts-enforce",
    description: "MTA-STS enforce covering the MX host, TLS-RPT to a mailto: URI: enforced, pass.",
    sts: [STS],
    site: ok(policy("enforce", "mx1.dane-ee.test")),
    rpt: RPT,
    expect: { mtaSts: { record: "valid", policy: "valid", mode: "enforce", delivery: "enforced", verdict: "pass" }, tlsRpt: { record: "valid", rua: ["mailto:tlsrpt@example.net"] }, inbound: "pass" },
  },
  {
    name: "sts-wildcard",
    description: "MTA-STS enforce with mx: *.dane-ee.test, which matches the one-label-deeper MX host (RFC 8461 §4.1): enforced.",
    sts: ["v=STSv1; id=2"],
    site: ok(policy("enforce", "*.dane-ee.test")),
    expect: { mtaSts: { delivery: "enforced", mxCovered: { "mx1.dane-ee.test": true }, verdict: "pass" }, inbound: "pass" },
  },
  {
    name: "sts-testing",
    description: "MTA-STS in testing mode: report-only.",
    sts: ["v=STSv1; id=3"],
    site: ok(policy("testing", "mx1.dane-ee.test")),
    expect: { mtaSts: { mode: "testing", delivery: "report-only", verdict: "pass" }, inbound: "pass", findings: ["MTASTS_MODE_TESTING"] },
  },
  {
    name: "sts-uncovered",
    description: "MTA-STS enforce listing one of the two MX hosts: the other never gets mail from compliant senders; the Inbound test fails.",
    sts: ["v=STSv1; id=4"],
    site: ok(policy("enforce", "mx1.dane-ee.test")),
    mx: "ee+ta",
    expect: { mtaSts: { delivery: "enforced", mxCovered: { "mx1.dane-ee.test": true, "mx1.dane-ta-spki.test": false }, verdict: "fail" }, inbound: "fail", findings: ["MTASTS_MX_NOT_COVERED"] },
  },
  {
    name: "sts-refused",
    description: "MTA-STS enforce whose only pattern matches no MX host: senders refuse to deliver.",
    sts: ["v=STSv1; id=5"],
    site: ok(policy("enforce", "*.elsewhere.test")),
    expect: { mtaSts: { delivery: "refused", verdict: "fail" }, inbound: "fail", findings: ["MTASTS_MX_NOT_COVERED", "MTASTS_REFUSED"] },
  },
  {
    name: "sts-404",
    description: "An MTA-STS record whose policy URL answers 404: no-policy, a broken deployment.",
    sts: ["v=STSv1; id=6"],
    site: { kind: "status", status: 404 },
    expect: { mtaSts: { policy: "fetch-failed", delivery: "no-policy", verdict: "fail" }, inbound: "fail", findings: ["MTASTS_POLICY_HTTP_STATUS", "MTASTS_NO_POLICY"] },
  },
  {
    name: "sts-redirect",
    description: "The policy URL redirects (RFC 8461 §3.3 forbids following it): no-policy.",
    sts: ["v=STSv1; id=7"],
    site: { kind: "redirect", location: "https://www.sts-redirect.test/.well-known/mta-sts.txt" },
    expect: { mtaSts: { policy: "fetch-failed", delivery: "no-policy" }, inbound: "fail", findings: ["MTASTS_POLICY_REDIRECT", "MTASTS_NO_POLICY"] },
  },
  {
    name: "sts-content-type",
    description: "The policy is served as text/html: no-policy.",
    sts: ["v=STSv1; id=8"],
    site: { kind: "policy", body: policy("enforce", "mx1.dane-ee.test"), contentType: "text/html" },
    expect: { mtaSts: { policy: "fetch-failed", delivery: "no-policy" }, inbound: "fail", findings: ["MTASTS_POLICY_CONTENT_TYPE", "MTASTS_NO_POLICY"] },
  },
  {
    name: "sts-oversize",
    description: "The policy host sends more than 64 KiB: no-policy.",
    sts: ["v=STSv1; id=9"],
    site: { kind: "oversize" },
    expect: { mtaSts: { policy: "fetch-failed", delivery: "no-policy" }, inbound: "fail", findings: ["MTASTS_POLICY_TOO_LARGE", "MTASTS_NO_POLICY"] },
  },
  {
    name: "sts-expired-cert",
    description: "The policy host's certificate has expired: the policy cannot be trusted, no-policy.",
    sts: ["v=STSv1; id=10"],
    site: ok(policy("enforce", "mx1.dane-ee.test")),
    cert: "expired",
    expect: { mtaSts: { policy: "fetch-failed", delivery: "no-policy" }, inbound: "fail", findings: ["MTASTS_POLICY_CERTIFICATE", "MTASTS_NO_POLICY"] },
  },
  {
    name: "sts-no-policy-host",
    description: "An MTA-STS record, but mta-sts.<domain> does not exist: no-policy.",
    sts: ["v=STSv1; id=11"],
    expect: { mtaSts: { policy: "fetch-failed", delivery: "no-policy" }, inbound: "fail", findings: ["MTASTS_POLICY_FETCH_FAILED", "MTASTS_NO_POLICY"] },
  },
  {
    name: "sts-two-records",
    description: "Two v=STSv1 records (RFC 8461 §3.1: a sender then assumes no policy), a good policy behind them: no-policy.",
    sts: ["v=STSv1; id=12", "v=STSv1; id=13"],
    site: ok(policy("enforce", "mx1.dane-ee.test")),
    expect: { mtaSts: { record: "multiple", policy: "valid", delivery: "no-policy", verdict: "fail" }, inbound: "fail", findings: ["MTASTS_RECORD_MULTIPLE", "MTASTS_NO_POLICY"] },
  },
  {
    name: "tlsrpt-bare",
    description: "TLS-RPT with rua=tlsrpt@… (a bare address, not a mailto: URI): the record is unusable, a warning.",
    rpt: "v=TLSRPTv1; rua=tlsrpt@tlsrpt-bare.test",
    expect: { mtaSts: { record: "absent", delivery: "none" }, tlsRpt: { record: "invalid", verdict: "warning" }, inbound: "warning" },
  },
];

function toScenario(s: PolicySpec): Scenario {
  const domain = dom(s.name);
  const records: RecordSpec[] = [
    ...(s.sts ?? []).map((text): RecordSpec => ({ name: `_mta-sts.${domain}`, type: "TXT", text })),
    ...(s.site ? [{ name: `mta-sts.${domain}`, type: "A", address: POLICY_HOST_IP } as const] : []),
    ...(s.rpt ? [{ name: `_smtp._tls.${domain}`, type: "TXT", text: s.rpt } as const] : []),
  ];
  // MX hosts of other scenarios: only the MX records are this zone's (no addresses, no TLSA here).
  const mx = [{ host: EE_HOST, preference: 10, addresses: [], tlsa: [] }, ...(s.mx === "ee+ta" ? [{ host: TA_HOST, preference: 20, addresses: [], tlsa: [] }] : [])];
  const expected = [{ host: "mx1.dane-ee.test", tlsa: "secure" as const, addresses: [{ ip: EE_IP, dane: "pass" as const }] }];
  if (s.mx === "ee+ta") expected.push({ host: "mx1.dane-ta-spki.test", tlsa: "secure", addresses: [{ ip: TA_IP, dane: "pass" }] });
  return {
    name: s.name,
    domain,
    // DANE passes on every one of them: what differs is the policy beside it.
    category: "dane",
    description: s.description,
    zones: [{ origin: domain, signing: { algorithm: 13, denial: { kind: "nsec" } }, ds: "valid", records }],
    mxMode: "explicit",
    mx,
    faults: [],
    expect: { verdict: "pass", dnssec: "secure", exchangeOnline: { outcome: "deliver", code: null }, mx: expected },
    dnssecExpect: [],
  };
}

export const policyScenarios: readonly Scenario[] = specs.map(toScenario);

/** What each policy scenario's mtaSts/tlsRpt blocks and Inbound verdict must be. */
export const policyExpectations: Readonly<Record<string, PolicyExpectation>> = Object.fromEntries(specs.map((s) => [s.name, s.expect]));

/** The HTTPS sites the lab serves for them. */
export const policySites: readonly HttpsSite[] = specs.flatMap((s) => (s.site ? [{ host: `mta-sts.${s.name}.test`, site: s.site, ...(s.cert ? { cert: s.cert } : {}) }] : []));
