// The lab's sender-authentication scenarios (issue 11, H3's requests on the board at 02:20): SPF
// (RFC 7208), DMARC (RFC 7489) and DKIM (RFC 6376) records beside a DANE setup that passes. Each is
// a signed domain whose MX names mx1.dane-ee.test (another scenario's host, as the MTA-STS
// scenarios do), plus its TXT records. The DKIM keys are public keys in lib/lab/pki (dkim-*.pub.pem,
// made once by openssl; no private key is kept: the lab signs no mail). catalog.ts includes these.
import { createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import type { DkimBlock, DmarcBlock, SpfBlock } from "../report/mail-auth-blocks";
import type { Verdict } from "../report/schema";
import type { DnssecExpectation, RecordSpec, Scenario, ZoneSpec } from "./catalog-types";
import { PKI_DIR } from "./pki";

const EE_HOST = "mx1.dane-ee.test.";
const EE_IP = "127.0.1.1";
const SIGNED: ZoneSpec["signing"] = { algorithm: 13, denial: { kind: "nsec" } };

/** What the Inbound test's mail-authentication blocks must hold (the fields a scenario pins). */
export interface MailAuthExpectation {
  spf?: Partial<Pick<SpfBlock, "record" | "lookups" | "voidLookups" | "all" | "verdict">>;
  dmarc?: Partial<Pick<DmarcBlock, "record" | "policy" | "subdomainPolicy" | "inherited" | "recordDomain" | "verdict">>;
  /** The Inbound test's verdict (with the lab root trusted, --ca-file, as the policy scenarios). */
  inbound: Verdict;
  /** Finding codes the run must name. */
  findings?: string[];
}

/** A DKIM key the lab publishes, and what the Inbound test with `--dkim-selector <selector>` on mail-auth.test must find. */
export interface DkimKeyCase {
  selector: string;
  /** The public key's PEM file in lib/lab/pki (null: no key, the record is revoked or absent). */
  pemFile: string | null;
  /** A second key record published first at the same name (RFC 6376 §3.6.2.2: a verifier may use either). */
  alsoPemFile?: string;
  keyType: "rsa" | "ed25519" | null;
  /** As `openssl pkey -pubin -text` reports it. */
  keyBits: number | null;
  expect: Pick<DkimBlock, "record" | "verdict">;
  inbound: Verdict;
  findings?: string[];
}

export const DKIM_DOMAIN = "mail-auth.test.";

export const dkimKeys: readonly DkimKeyCase[] = [
  { selector: "s2048", pemFile: "dkim-rsa2048.pub.pem", keyType: "rsa", keyBits: 2048, expect: { record: "valid", verdict: "pass" }, inbound: "pass" },
  { selector: "s512", pemFile: "dkim-rsa512.pub.pem", keyType: "rsa", keyBits: 512, expect: { record: "valid", verdict: "fail" }, inbound: "warning", findings: ["DKIM_KEY_TOO_SHORT"] },
  { selector: "ed", pemFile: "dkim-ed25519.pub.pem", keyType: "ed25519", keyBits: 256, expect: { record: "valid", verdict: "pass" }, inbound: "pass" },
  { selector: "revoked", pemFile: null, keyType: "rsa", keyBits: null, expect: { record: "revoked", verdict: "fail" }, inbound: "warning", findings: ["DKIM_KEY_REVOKED"] },
  {
    selector: "two",
    alsoPemFile: "dkim-rsa2048.pub.pem",
    pemFile: "dkim-rsa512.pub.pem",
    keyType: "rsa",
    keyBits: 512,
    expect: { record: "valid", verdict: "fail" },
    inbound: "warning",
    findings: ["DKIM_KEY_MULTIPLE", "DKIM_KEY_TOO_SHORT"],
  },
  { selector: "nosuch", pemFile: null, keyType: null, keyBits: null, expect: { record: "absent", verdict: "fail" }, inbound: "warning", findings: ["DKIM_KEY_ABSENT"] },
];

/** The p= of a DKIM key record: base64 of the SPKI DER for RSA, of the raw 32-byte key for Ed25519 (RFC 8463 §4.2). */
function dkimPublicKey(pemFile: string | null, keyType: DkimKeyCase["keyType"]): string {
  if (!pemFile) return "";
  const spki = createPublicKey(readFileSync(`${PKI_DIR}${pemFile}`, "utf8")).export({ type: "spki", format: "der" });
  return (keyType === "ed25519" ? spki.subarray(spki.length - 32) : spki).toString("base64");
}

function dkimRecords(): RecordSpec[] {
  const record = (k: DkimKeyCase, pemFile: string | null): RecordSpec => ({ name: `${k.selector}._domainkey.${DKIM_DOMAIN}`, type: "TXT", text: `v=DKIM1; k=${k.keyType ?? "rsa"}; p=${dkimPublicKey(pemFile, k.keyType)}` });
  return dkimKeys.filter((k) => k.selector !== "nosuch").flatMap((k) => [...(k.alsoPemFile ? [record(k, k.alsoPemFile)] : []), record(k, k.pemFile)]);
}

interface MailAuthSpec {
  name: string;
  description: string;
  /** Default `<name>.test.`, the apex of the scenario's zone. */
  domain?: string;
  /** TXT texts (and other records) relative to nothing: absolute names. */
  records: (zone: string) => RecordSpec[];
  /** Zones beside the scenario's own (a DMARC report destination's), signed as it is. */
  extraZones?: { origin: string; records: RecordSpec[] }[];
  /** Names whose DNSSEC status delv must confirm (tests/lab/delv.test.ts), beside the MX. */
  dnssecExpect?: DnssecExpectation[];
  expect: MailAuthExpectation;
}

const txt = (name: string, text: string): RecordSpec => ({ name, type: "TXT", text });
const a = (name: string, address: string): RecordSpec => ({ name, type: "A", address });
const aaaa = (name: string, address: string): RecordSpec => ({ name, type: "AAAA", address });
const mx = (name: string, preference: number, exchange: string): RecordSpec => ({ name, type: "MX", preference, exchange });

const specs: MailAuthSpec[] = [
  {
    name: "spf-lookups",
    description: "SPF that needs 11 DNS lookups through two includes (RFC 7208 §4.6.4 allows 10): a permerror for receivers.",
    records: (z) => [
      a(z, "192.0.2.10"),
      txt(z, `v=spf1 a mx include:_s1.${z.slice(0, -1)} include:_s2.${z.slice(0, -1)} -all`),
      txt(`_s1.${z}`, `v=spf1 ${[1, 2, 3, 4].map((i) => `a:h${i}.${z.slice(0, -1)}`).join(" ")} -all`),
      txt(`_s2.${z}`, `v=spf1 a:h5.${z.slice(0, -1)} a:h6.${z.slice(0, -1)} mx:${z.slice(0, -1)} -all`),
      ...[1, 2, 3, 4, 5, 6].map((i) => a(`h${i}.${z}`, `192.0.2.${i}`)),
    ],
    expect: { spf: { record: "valid", lookups: 11, voidLookups: 0, verdict: "fail" }, inbound: "warning", findings: ["SPF_TOO_MANY_LOOKUPS"] },
  },
  {
    name: "spf-void",
    description: "SPF with three a: terms naming names that do not exist: three void lookups (RFC 7208 §4.6.4 allows 2).",
    records: (z) => [txt(z, `v=spf1 ${[1, 2, 3].map((i) => `a:nx${i}.${z.slice(0, -1)}`).join(" ")} mx -all`)],
    expect: { spf: { lookups: 4, voidLookups: 3, verdict: "fail" }, inbound: "warning", findings: ["SPF_TOO_MANY_VOID_LOOKUPS"] },
  },
  {
    name: "spf-plus-all",
    description: "SPF ending in +all: every host on the internet may send as the domain.",
    records: (z) => [txt(z, "v=spf1 mx +all")],
    expect: { spf: { lookups: 1, all: "pass", verdict: "fail" }, inbound: "warning", findings: ["SPF_ALL_PASS"] },
  },
  {
    name: "spf-two",
    description: "Two v=spf1 records at the domain (RFC 7208 §3.2: a permerror).",
    records: (z) => [txt(z, "v=spf1 mx -all"), txt(z, "v=spf1 a -all")],
    expect: { spf: { record: "multiple", verdict: "fail" }, inbound: "warning", findings: ["SPF_RECORD_MULTIPLE"] },
  },
  {
    name: "spf-loop",
    description: "SPF whose includes loop (_a includes _b, which includes _a again).",
    records: (z) => [
      txt(z, `v=spf1 include:_a.${z.slice(0, -1)} -all`),
      txt(`_a.${z}`, `v=spf1 include:_b.${z.slice(0, -1)} -all`),
      txt(`_b.${z}`, `v=spf1 include:_a.${z.slice(0, -1)} -all`),
    ],
    expect: { spf: { verdict: "fail" }, inbound: "warning", findings: ["SPF_INCLUDE_LOOP"] },
  },
  {
    name: "spf-deep",
    description: "SPF whose includes nest 12 deep (_1 includes _2 … _12): 11 lookups, and the walk stops at its depth bound.",
    records: (z) => [
      txt(z, `v=spf1 include:_1.${z.slice(0, -1)} -all`),
      ...Array.from({ length: 11 }, (_, i) => txt(`_${i + 1}.${z}`, `v=spf1 include:_${i + 2}.${z.slice(0, -1)} -all`)),
      txt(`_12.${z}`, "v=spf1 -all"),
    ],
    expect: { spf: { lookups: 11, verdict: "fail" }, inbound: "warning", findings: ["SPF_TOO_MANY_LOOKUPS", "SPF_WALK_TRUNCATED"] },
  },
  {
    name: "spf-wide",
    description: "SPF with four includes of eight a: terms each: 36 lookup terms, more than the walk queries (it counts the rest).",
    records: (z) => [
      txt(z, `v=spf1 ${[1, 2, 3, 4].map((k) => `include:_w${k}.${z.slice(0, -1)}`).join(" ")} -all`),
      ...[1, 2, 3, 4].map((k) => txt(`_w${k}.${z}`, `v=spf1 ${[1, 2, 3, 4, 5, 6, 7, 8].map((i) => `a:h${i}.${z.slice(0, -1)}`).join(" ")} -all`)),
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => a(`h${i}.${z}`, `192.0.2.${i}`)),
    ],
    expect: { spf: { lookups: 36, verdict: "fail" }, inbound: "warning", findings: ["SPF_TOO_MANY_LOOKUPS", "SPF_WALK_TRUNCATED"] },
  },
  {
    name: "spf-mx",
    description: "SPF with an mx term for the domain, one for _out.spf-mx.test/24//64 (RFC 7208 §5.4) and a:o1.spf-mx.test//48 (§5.3): each host's A and AAAA are what the terms authorise, the prefix lengths applied.",
    records: (z) => [
      txt(z, `v=spf1 mx mx:_out.${z.slice(0, -1)}/24//64 a:o1.${z.slice(0, -1)}//48 -all`),
      mx(`_out.${z}`, 20, `o2.${z}`),
      mx(`_out.${z}`, 10, `o1.${z}`),
      a(`o1.${z}`, "192.0.2.11"),
      aaaa(`o1.${z}`, "2001:db8:1::11"),
      a(`o2.${z}`, "198.51.100.12"),
    ],
    expect: { spf: { record: "valid", lookups: 3, voidLookups: 0, all: "fail", verdict: "pass" }, inbound: "pass" },
  },
  {
    name: "spf-mx-many",
    description: "SPF with an mx term whose target has 11 MX hosts: more than 10 is a permerror (RFC 7208 §4.6.4), no host's address is asked.",
    records: (z) => [
      txt(z, `v=spf1 mx:_many.${z.slice(0, -1)} -all`),
      ...Array.from({ length: 11 }, (_, i) => mx(`_many.${z}`, 10 + i, `m${i + 1}.${z}`)),
      ...Array.from({ length: 11 }, (_, i) => a(`m${i + 1}.${z}`, `192.0.2.${100 + i}`)),
    ],
    expect: { spf: { record: "valid", lookups: 1, voidLookups: 0, verdict: "fail" }, inbound: "warning", findings: ["SPF_MX_TOO_MANY"] },
  },
  {
    name: "spf-mx-void",
    description: "SPF with an mx term whose three MX hosts have no address (two names that do not exist, one with only a TXT record): three void lookups (RFC 7208 §4.6.4 allows 2).",
    records: (z) => [
      txt(z, `v=spf1 mx:_void.${z.slice(0, -1)} -all`),
      mx(`_void.${z}`, 10, `v1.${z}`),
      mx(`_void.${z}`, 20, `v2.${z}`),
      mx(`_void.${z}`, 30, `v3.${z}`),
      txt(`v3.${z}`, "no address here"),
    ],
    expect: { spf: { record: "valid", lookups: 1, voidLookups: 3, verdict: "fail" }, inbound: "warning", findings: ["SPF_MX_HOST_VOID", "SPF_TOO_MANY_VOID_LOOKUPS"] },
  },
  {
    name: "dmarc-none",
    description: "DMARC p=none: reports only, no protection against spoofing.",
    records: (z) => [txt(z, "v=spf1 mx -all"), txt(`_dmarc.${z}`, `v=DMARC1; p=none; rua=mailto:dmarc@${z.slice(0, -1)}`)],
    expect: {
      spf: { verdict: "pass" },
      dmarc: { record: "valid", policy: "none", inherited: false, verdict: "warning" },
      inbound: "warning",
      findings: ["DMARC_POLICY_NONE"],
    },
  },
  {
    name: "dmarc-org",
    description: "The domain sub.dmarc-org.test has no DMARC record; its organizational domain dmarc-org.test has one whose sp=quarantine applies (RFC 7489 §6.6.3).",
    domain: "sub.dmarc-org.test.",
    records: (z) => [txt(`sub.${z}`, "v=spf1 mx -all"), txt(`_dmarc.${z}`, `v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@${z.slice(0, -1)}`)],
    expect: { dmarc: { record: "valid", policy: "quarantine", inherited: true, recordDomain: "dmarc-org.test", verdict: "pass" }, inbound: "pass" },
  },
  {
    name: "dmarc-external",
    description: "DMARC reports to two other organizations (RFC 7489 §7.1): reports.dmarc-dest.test authorizes dmarc-external.test by name, dmarc-wild.test every domain by a wildcard *._report._dmarc record.",
    records: (z) => [txt(z, "v=spf1 mx -all"), txt(`_dmarc.${z}`, `v=DMARC1; p=reject; rua=mailto:dmarc@${z.slice(0, -1)},mailto:agg@reports.dmarc-dest.test!10m; ruf=mailto:forensic@dmarc-wild.test`)],
    extraZones: [
      { origin: "dmarc-dest.test.", records: [txt("dmarc-external.test._report._dmarc.reports.dmarc-dest.test.", "v=DMARC1")] },
      { origin: "dmarc-wild.test.", records: [txt("*._report._dmarc.dmarc-wild.test.", "v=DMARC1")] },
    ],
    dnssecExpect: [
      { name: "dmarc-external.test._report._dmarc.reports.dmarc-dest.test.", type: "TXT", status: "secure", ede: null },
      { name: "dmarc-external.test._report._dmarc.dmarc-wild.test.", type: "TXT", status: "secure", ede: null },
    ],
    expect: { dmarc: { record: "valid", policy: "reject", verdict: "pass" }, inbound: "pass" },
  },
  {
    name: "dmarc-external-bad",
    description: "DMARC aggregate reports to reports.dmarc-dest.test, which has not authorized this domain (no dmarc-external-bad.test._report._dmarc record): receivers drop them (RFC 7489 §7.1); the ruf= destination's wildcard authorizes it.",
    records: (z) => [txt(z, "v=spf1 mx -all"), txt(`_dmarc.${z}`, "v=DMARC1; p=reject; rua=mailto:agg@reports.dmarc-dest.test; ruf=mailto:forensic@dmarc-wild.test")],
    dnssecExpect: [{ name: "dmarc-external-bad.test._report._dmarc.reports.dmarc-dest.test.", type: "TXT", status: "secure", ede: null }],
    expect: { dmarc: { record: "valid", policy: "reject", verdict: "warning" }, inbound: "warning", findings: ["DMARC_REPORT_NOT_AUTHORIZED"] },
  },
  {
    name: "mail-auth",
    description: "SPF, DMARC p=reject and DKIM keys (2048-bit RSA, 512-bit RSA, Ed25519, a revoked one) under selectors: the baseline that passes.",
    records: (z) => [txt(z, "v=spf1 mx -all"), txt(`_dmarc.${z}`, `v=DMARC1; p=reject; rua=mailto:dmarc@${z.slice(0, -1)}`), ...dkimRecords()],
    expect: { spf: { lookups: 1, verdict: "pass" }, dmarc: { policy: "reject", verdict: "pass" }, inbound: "pass" },
  },
];

function toScenario(s: MailAuthSpec): Scenario {
  const zone = `${s.name}.test.`;
  const domain = s.domain ?? zone;
  return {
    name: s.name,
    domain,
    category: "mail-auth",
    description: s.description,
    zones: [{ origin: zone, signing: SIGNED, ds: "valid", records: s.records(zone) }, ...(s.extraZones ?? []).map((x): ZoneSpec => ({ origin: x.origin, signing: SIGNED, ds: "valid", records: x.records }))],
    mxMode: "explicit",
    // Another scenario's host: only the MX record is this zone's.
    mx: [{ host: EE_HOST, preference: 10, addresses: [], tlsa: [] }],
    faults: [],
    expect: { verdict: "pass", dnssec: "secure", exchangeOnline: { outcome: "deliver", code: null }, mx: [{ host: "mx1.dane-ee.test", tlsa: "secure", addresses: [{ ip: EE_IP, dane: "pass" }] }] },
    dnssecExpect: s.dnssecExpect ?? [],
  };
}

export const mailAuthScenarios: readonly Scenario[] = specs.map(toScenario);

/** What each mail-auth scenario's spf/dmarc blocks and Inbound verdict must be. */
export const mailAuthExpectations: Readonly<Record<string, MailAuthExpectation>> = Object.fromEntries(specs.map((s) => [s.name, s.expect]));
