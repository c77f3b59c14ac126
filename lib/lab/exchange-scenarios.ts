// The Exchange Online world's scenarios (issue 12): one customer domain per stage of the seed's
// inbound-DANE migration and per readiness code, with MX records that name hosts of Exchange
// Online's two endpoints in the lab's world (lib/lab/world.ts): the legacy
// `<token>.mail.protection.outlook.com` (unsigned, as Microsoft publishes it) and the new
// `<token>.<label>.mx.microsoft` (DNSSEC-signed). Every legacy host resolves to one shared SMTP
// server, every new host to another, as a tenant's names all land on the provider's endpoints.
// Names carry no hyphen, so the seed's token rule (dots to hyphens) is unambiguous: exolegacy.test
// -> exolegacy-test. catalog.ts includes these; `expect.exchangeReadiness` is what `mailsec
// exchange` must conclude (H4's list, /work/coord board 02:20), the rest what the other tests must.
import type { HttpsSite, PolicySite } from "./https-server";
import { POLICY_HOST_IP } from "./policy-scenarios";
import type {
  ExchangeReadinessExpectation,
  ExpectedMx,
  MxHostSpec,
  RecordSpec,
  Scenario,
  ScenarioExpectation,
  TlsaSpec,
  ZoneSpec,
} from "./catalog-types";
import { EXCHANGE_LEGACY_IP, EXCHANGE_NEW_IP, sharedAddress } from "./world";

const token = (domain: string) => domain.replace(/\.$/, "").toLowerCase().replace(/\./g, "-");
const legacy = (domain: string) => `${token(domain)}.mail.protection.outlook.com.`;
const fresh = (domain: string, label = "o-v1") => `${token(domain)}.${label}.mx.microsoft.`;
const shown = (name: string) => name.replace(/\.$/, "");

const SIGNED: ZoneSpec["signing"] = { algorithm: 13, denial: { kind: "nsec" } };
// The DS lookups at the unsigned delegations (outlook.com., …) are secure denials: the signed
// parent proves there is no DS, which is what makes the names below insecure (RFC 4035 §5.2).
/** The migration's MX TTL (the seed: as low as possible, not under 30 s). */
const LOW_TTL = 30;

const legacyHost = (domain: string, preference: number): MxHostSpec => ({
  host: legacy(domain),
  preference,
  addresses: [sharedAddress(EXCHANGE_LEGACY_IP)],
  tlsa: [],
});
const newHost = (domain: string, preference: number, tlsa: TlsaSpec[] = [], label = "o-v1"): MxHostSpec => ({
  host: fresh(domain, label),
  preference,
  addresses: [sharedAddress(EXCHANGE_NEW_IP)],
  tlsa,
});

/** What the DANE test sees at each kind of host. */
const insecureLegacy = (domain: string): ExpectedMx => ({ host: shown(legacy(domain)), tlsa: "insecure", addresses: [{ ip: EXCHANGE_LEGACY_IP, dane: "not-applicable" }] });
const newWithout = (domain: string, label = "o-v1"): ExpectedMx => ({ host: shown(fresh(domain, label)), tlsa: "absent", addresses: [{ ip: EXCHANGE_NEW_IP, dane: "not-applicable" }] });

const deliver = { outcome: "deliver", code: null } as const;
/** Some host has no DANE: mail flows, the DANE test warns. */
const noDane = (mx: ExpectedMx[], dnssec: ScenarioExpectation["dnssec"] = "secure"): Omit<ScenarioExpectation, "exchangeReadiness"> => ({ verdict: "warning", dnssec, exchangeOnline: deliver, mx });

interface ExchangeSpec {
  name: string;
  description: string;
  /** Default `<name>.test.`, its own signed zone. */
  domain?: string;
  /** The domain's zones (default: one signed zone at the domain). */
  zones?: ZoneSpec[];
  mx: (domain: string) => MxHostSpec[];
  /** Default explicit; implicit = no MX RRset, `mx` holds the domain itself. */
  mxMode?: Scenario["mxMode"];
  mxTtl?: number;
  /** Give --expected-mx <token>.o-v1.mx.microsoft. */
  expectedMx?: boolean;
  records?: (domain: string) => RecordSpec[];
  /** An MTA-STS policy served for mta-sts.<domain>, with its _mta-sts record. */
  sts?: { mode: "enforce" | "testing"; mx: string[] };
  expect: (domain: string) => Omit<ScenarioExpectation, "exchangeReadiness">;
  readiness: ExchangeReadinessExpectation;
  dnssecExpect?: (domain: string) => Scenario["dnssecExpect"];
}

const current: TlsaSpec = { usage: 3, selector: 1, matchingType: 1, of: "exchange-new" };
const nextKey: TlsaSpec = { usage: 3, selector: 1, matchingType: 1, of: "unrelated" };
const otherCa: TlsaSpec = { usage: 2, selector: 1, matchingType: 1, of: "unrelated" };

/** Migration step 3 and its variants: the legacy MX at 0, the new one added at `preference`, the TTL lowered. */
const addedAt = (name: string, preference: number, description: string, readiness: ExchangeReadinessExpectation): ExchangeSpec => ({
  name,
  description,
  mx: (d) => [legacyHost(d, 0), newHost(d, preference)],
  mxTtl: LOW_TTL,
  expectedMx: true,
  expect: (d) => noDane([insecureLegacy(d), newWithout(d)]),
  readiness,
});

const specs: ExchangeSpec[] = [
  {
    name: "exolegacy",
    description: "Exchange Online, before the migration: the one MX is the legacy <token>.mail.protection.outlook.com (unsigned): no DANE, warning.",
    mx: (d) => [legacyHost(d, 0)],
    expect: (d) => noDane([insecureLegacy(d)]),
    readiness: { stage: "legacy-only", codes: ["EX013"], nextStep: "lower-ttl" },
    dnssecExpect: (d) => [
      { name: legacy(d), type: "A", status: "insecure", ede: null },
      { name: "outlook.com.", type: "DS", status: "secure", ede: null },
    ],
  },
  {
    name: "exolegacyeo",
    description: "Before the migration, with the older legacy name <token>.mail.eo.outlook.com (unsigned): no DANE, warning.",
    mx: (d) => [{ ...legacyHost(d, 0), host: `${token(d)}.mail.eo.outlook.com.` }],
    expect: (d) => noDane([{ ...insecureLegacy(d), host: `${token(d)}.mail.eo.outlook.com` }]),
    readiness: { stage: "legacy-only", codes: ["EX013"] },
  },
  {
    name: "exolegacyde",
    description: "Before the migration, with the German cloud's legacy name <token>.mail.protection.outlook.de (unsigned, under the signed de.): no DANE, warning.",
    mx: (d) => [{ ...legacyHost(d, 0), host: `${token(d)}.mail.protection.outlook.de.` }],
    expect: (d) => noDane([{ ...insecureLegacy(d), host: `${token(d)}.mail.protection.outlook.de` }]),
    readiness: { stage: "legacy-only", codes: ["EX013"] },
    dnssecExpect: (d) => [
      { name: `${token(d)}.mail.protection.outlook.de.`, type: "A", status: "insecure", ede: null },
      { name: "outlook.de.", type: "DS", status: "secure", ede: null },
    ],
  },
  {
    name: "exolegacyexp",
    description: "The legacy MX only, checked against the expected mx.microsoft name (--expected-mx): the new MX is not there yet.",
    mx: (d) => [legacyHost(d, 0)],
    expectedMx: true,
    expect: (d) => noDane([insecureLegacy(d)]),
    readiness: { stage: "legacy-only", codes: ["EX007"], nextStep: "lower-ttl" },
  },
  {
    ...addedAt("exoadded", 20, "Migration step 3: the new mx.microsoft MX at 20 beside the legacy MX at 0, MX TTL 30 s.", {
      stage: "new-mx-added",
      codes: ["EX003", "EX006"],
      nextStep: "swap-priorities",
    }),
    dnssecExpect: (d) => [
      { name: fresh(d), type: "A", status: "secure", ede: null },
      { name: `_25._tcp.${fresh(d)}`, type: "TLSA", status: "secure", ede: null },
    ],
  },
  addedAt("exoaddedlow", 10, "The new MX added at 10 instead of the seed's 20, beside the legacy MX at 0.", { stage: "new-mx-added", codes: ["EX003", "EX006", "EX009"] }),
  addedAt("exoaddedhigh", 50, "The new MX added at 50 instead of the seed's 20, beside the legacy MX at 0.", { stage: "new-mx-added", codes: ["EX003", "EX006", "EX008"] }),
  addedAt("exosamepref", 0, "The new MX and the legacy MX both at preference 0.", { stage: "new-mx-added", codes: ["EX004"] }),
  {
    name: "exoprimary",
    description: "Migration step 5: the new MX at 0, the legacy MX moved to 30.",
    mx: (d) => [newHost(d, 0), legacyHost(d, 30)],
    mxTtl: LOW_TTL,
    expectedMx: true,
    expect: (d) => noDane([newWithout(d), insecureLegacy(d)]),
    readiness: { stage: "new-mx-primary", codes: ["EX005"], nextStep: "delete-legacy" },
  },
  {
    name: "exoonly",
    description: "Migration step 6: only the new MX at 0 (TTL back at 3600), no TLSA yet: DNSSEC-secure, no DANE, warning.",
    mx: (d) => [newHost(d, 0)],
    expectedMx: true,
    expect: (d) => noDane([newWithout(d)]),
    readiness: { stage: "new-mx-only", codes: [], nextStep: "enable-dane" },
  },
  {
    name: "exonotzero",
    description: "Only the new MX, at preference 10 instead of 0.",
    mx: (d) => [newHost(d, 10)],
    expectedMx: true,
    expect: (d) => noDane([newWithout(d)]),
    readiness: { stage: "new-mx-only", codes: ["EX003"] },
  },
  {
    name: "exowrongvalue",
    description: "The one MX is an mx.microsoft name under another label (o-v2) than the expected one (o-v1).",
    mx: (d) => [newHost(d, 0, [], "o-v2")],
    expectedMx: true,
    expect: (d) => noDane([newWithout(d, "o-v2")]),
    readiness: { stage: "new-mx-only", codes: ["EX002"] },
  },
  {
    name: "exodane",
    description:
      "Inbound DANE enabled: the new MX at 0 with three TLSA records, as Exchange Online publishes several: its current key (matches), a next key and another CA (match nothing): pass.",
    mx: (d) => [newHost(d, 0, [current, nextKey, otherCa])],
    expectedMx: true,
    expect: (d) => ({ verdict: "pass", dnssec: "secure", exchangeOnline: deliver, mx: [{ host: shown(fresh(d)), tlsa: "secure", addresses: [{ ip: EXCHANGE_NEW_IP, dane: "pass" }] }] }),
    readiness: { stage: "dane-enabled", codes: [], nextStep: "done" },
    dnssecExpect: (d) => [{ name: `_25._tcp.${fresh(d)}`, type: "TLSA", status: "secure", ede: null }],
  },
  {
    name: "exodanefail",
    description: "Inbound DANE enabled, but none of the TLSA records at the new MX matches its certificate: DANE fails, mail is deferred (4.7.323).",
    mx: (d) => [newHost(d, 0, [nextKey, otherCa])],
    expectedMx: true,
    expect: (d) => ({
      verdict: "fail",
      dnssec: "secure",
      exchangeOnline: { outcome: "defer", code: "4.7.323" },
      mx: [{ host: shown(fresh(d)), tlsa: "secure", addresses: [{ ip: EXCHANGE_NEW_IP, dane: "fail" }] }],
    }),
    // DANE is not in force when nothing matches: H4's stage rule; the step back is the rollback cmdlet.
    readiness: { stage: "new-mx-only", codes: [], nextStep: "disable-dane" },
  },
  {
    name: "exoinsecure",
    description: "The one MX is an mx.microsoft name in an unsigned child zone (o-v9.mx.microsoft., no DS): its address is not DNSSEC-secure.",
    zones: [
      { origin: "exoinsecure.test.", signing: SIGNED, ds: "valid" },
      { origin: "o-v9.mx.microsoft.", signing: null, ds: "none" },
    ],
    mx: (d) => [newHost(d, 0, [], "o-v9")],
    expect: (d) => noDane([{ host: shown(fresh(d, "o-v9")), tlsa: "insecure", addresses: [{ ip: EXCHANGE_NEW_IP, dane: "not-applicable" }] }]),
    readiness: { stage: "new-mx-only", codes: ["ED003"], nextStep: "rollback-dnssec" },
    dnssecExpect: (d) => [
      { name: fresh(d, "o-v9"), type: "A", status: "insecure", ede: null },
      { name: "o-v9.mx.microsoft.", type: "DS", status: "secure", ede: null },
    ],
  },
  {
    name: "exobogus",
    description: "The new MX at 0, but the domain's MX RRSIG has expired: the MX RRset is bogus, mail is deferred (4.7.324).",
    zones: [{ origin: "exobogus.test.", signing: SIGNED, ds: "valid", signatureOverrides: [{ name: "exobogus.test.", type: "MX", window: "expired" }] }],
    mx: (d) => [newHost(d, 0)],
    expectedMx: true,
    expect: () => ({ verdict: "fail", dnssec: "bogus", exchangeOnline: { outcome: "defer", code: "4.7.324" }, mx: [] }),
    readiness: { stage: "unsupported", codes: ["EX010"] },
  },
  {
    name: "exostsenforce",
    description: "The new MX at 0 and the legacy at 30, with an MTA-STS policy still in enforce mode that lists only *.mail.protection.outlook.com.",
    mx: (d) => [newHost(d, 0), legacyHost(d, 30)],
    mxTtl: LOW_TTL,
    expectedMx: true,
    sts: { mode: "enforce", mx: ["*.mail.protection.outlook.com"] },
    expect: (d) => noDane([newWithout(d), insecureLegacy(d)]),
    readiness: { stage: "new-mx-primary", codes: ["ES001", "EX005"], nextStep: "sts-testing" },
  },
  {
    name: "exostsnoexp",
    description: "The legacy MX only, an MTA-STS policy (testing) listing *.mail.protection.outlook.com, and no expected MX to compare it with.",
    mx: (d) => [legacyHost(d, 0)],
    sts: { mode: "testing", mx: ["*.mail.protection.outlook.com"] },
    expect: (d) => noDane([insecureLegacy(d)]),
    readiness: { stage: "legacy-only", codes: ["ES002", "EX013"] },
  },
  {
    name: "exogateway",
    description: "A third-party gateway in front: the MX is the gateway's (mx1.dane-ee.test), the domain carries Microsoft 365's MS= verification record.",
    mx: () => [{ host: "mx1.dane-ee.test.", preference: 10, addresses: [], tlsa: [] }],
    records: (d) => [{ name: d, type: "TXT", text: "MS=ms12345678" }],
    expect: () => ({ verdict: "pass", dnssec: "secure", exchangeOnline: deliver, mx: [{ host: "mx1.dane-ee.test", tlsa: "secure", addresses: [{ ip: "127.0.1.1", dane: "pass" }] }] }),
    readiness: { stage: "not-exchange", codes: ["EX013"], nextStep: "gateway-smarthost" },
  },
  {
    name: "exotenant",
    description: "A tenant's initial domain under onmicrosoft.com (unsigned), MX at its legacy host: not supported for inbound DANE.",
    domain: "exotenant.onmicrosoft.com.",
    // The domain's records live in the world's onmicrosoft.com. zone, as a tenant's do.
    zones: [],
    mx: (d) => [legacyHost(d, 0)],
    expect: (d) => noDane([insecureLegacy(d)], "insecure"),
    readiness: { stage: "unsupported", codes: ["DomainNotSupported"], nextStep: "use-custom-domain" },
    dnssecExpect: () => [{ name: "onmicrosoft.com.", type: "DS", status: "secure", ede: null }],
  },
  {
    name: "exonomx",
    description: "A signed domain with no MX RRset and no address at its apex (NODATA): the implicit MX (RFC 5321 §5.1) has no address, nothing receives its mail.",
    mxMode: "implicit",
    mx: (d) => [{ host: d, preference: 0, addresses: [], tlsa: [] }],
    // The DANE test follows RFC 5321 §5.1 to the domain itself, which has no address (TLSA proven absent).
    expect: (d) => ({ verdict: "fail", dnssec: "secure", exchangeOnline: { outcome: "no-mail", code: null }, mx: [{ host: shown(d), tlsa: "absent", addresses: [] }] }),
    readiness: { stage: "not-exchange", codes: ["EX012"] },
    dnssecExpect: (d) => [{ name: d, type: "MX", status: "secure", ede: null }],
  },
];

const policy = (mode: string, mx: string[]) => ["version: STSv1", `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), "max_age: 86400", ""].join("\n");

function toScenario(s: ExchangeSpec): Scenario {
  const domain = s.domain ?? `${s.name}.test.`;
  const records: RecordSpec[] = [
    ...(s.records?.(domain) ?? []),
    ...(s.sts
      ? [
          { name: `_mta-sts.${domain}`, type: "TXT", text: `v=STSv1; id=${s.name}1` } as const,
          { name: `mta-sts.${domain}`, type: "A", address: POLICY_HOST_IP } as const,
        ]
      : []),
  ];
  const zones = s.zones ?? [{ origin: domain, signing: SIGNED, ds: "valid" }];
  const [first, ...rest] = zones;
  if (!first && records.length > 0) throw new Error(`${s.name}: records but no zone of its own to hold them`);
  return {
    name: s.name,
    domain,
    category: "exchange",
    description: s.description,
    // Extra records go into the domain's zone (or, for a tenant's domain, the world zone holding it).
    zones: first ? [{ ...first, records: [...(first.records ?? []), ...records] }, ...rest] : [],
    mxMode: s.mxMode ?? "explicit",
    mx: s.mx(domain),
    faults: [],
    expect: { ...s.expect(domain), exchangeReadiness: s.readiness },
    dnssecExpect: s.dnssecExpect?.(domain) ?? [],
    ...(s.mxTtl !== undefined ? { mxTtl: s.mxTtl } : {}),
    ...(s.expectedMx ? { exchangeExpectedMx: shown(fresh(domain)) } : {}),
  };
}

export const exchangeScenarios: readonly Scenario[] = specs.map(toScenario);

/** The MTA-STS policy hosts of the exchange scenarios, for the lab's HTTPS server. */
export const exchangeSites: readonly HttpsSite[] = specs.flatMap((s) => {
  if (!s.sts) return [];
  const site: PolicySite = { kind: "policy", body: policy(s.sts.mode, s.sts.mx) };
  return [{ host: `mta-sts.${shown(s.domain ?? `${s.name}.test.`)}`, site }];
});
