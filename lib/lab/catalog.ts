// The lab's scenario catalog: every DNSSEC, DANE and SMTP situation mailsec must judge, with the
// verdict RFC 7672 requires and the Exchange Online outcome beside it. The rules behind each
// `expect` are written out in lib/lab/README.md ("Expectation rules"); change both together.
import type {
  AddressSpec,
  DnssecExpectation,
  ExchangeCode,
  ExpectedMx,
  MxHostSpec,
  Scenario,
  ScenarioCategory,
  ScenarioExpectation,
  SigningSpec,
  TlsaSpec,
  ZoneSpec,
} from "./catalog-types";

import { exchangeScenarios } from "./exchange-scenarios";
import { mailAuthScenarios } from "./mail-auth-scenarios";
import { policyScenarios } from "./policy-scenarios";

export type * from "./catalog-types";

const NSEC: SigningSpec = { algorithm: 13, denial: { kind: "nsec" } };
const NSEC3: SigningSpec = { algorithm: 13, denial: { kind: "nsec3", iterations: 0, salt: "", optOut: false } };

const dom = (name: string) => `${name}.test.`;
const mxName = (name: string, n = 1) => `mx${n}.${name}.test.`;
const tlsaName = (host: string) => `_25._tcp.${host}`;

const ee = (of: TlsaSpec["of"] = "good"): TlsaSpec => ({ usage: 3, selector: 1, matchingType: 1, of });
const taSpki: TlsaSpec = { usage: 2, selector: 1, matchingType: 1, of: "intermediate" };
const taCert: TlsaSpec = { usage: 2, selector: 0, matchingType: 1, of: "intermediate" };

const zone = (origin: string, extra: Partial<ZoneSpec> = {}): ZoneSpec => ({ origin, signing: NSEC, ds: "valid", ...extra });

const normal = (ip: string, cert: AddressSpec["cert"] = "good"): AddressSpec => ({ ip, smtp: "normal", cert });

const host = (h: string, ip: string, tlsa: TlsaSpec[], extra: Partial<MxHostSpec> = {}): MxHostSpec => ({
  host: h,
  preference: 10,
  addresses: [normal(ip)],
  tlsa,
  ...extra,
});

/** Host names in expectations are written as the result document shows them: no trailing dot. */
const shown = (name: string) => name.replace(/\.$/, "");

const pass = (h: string, ip: string): ExpectedMx => ({ host: shown(h), tlsa: "secure", addresses: [{ ip, dane: "pass" }] });
const failed = (h: string, ip: string): ExpectedMx => ({ host: shown(h), tlsa: "secure", addresses: [{ ip, dane: "fail" }] });

interface Simple {
  name: string;
  category: ScenarioCategory;
  description: string;
  zone?: Partial<ZoneSpec>;
  extraZones?: ZoneSpec[];
  mx: MxHostSpec[];
  faults?: Scenario["faults"];
  expect: Scenario["expect"];
  dnssecExpect?: DnssecExpectation[];
}

/** A scenario whose domain is one zone `<name>.test.` (plus optional child zones). */
const scenario = (s: Simple): Scenario => ({
  name: s.name,
  domain: dom(s.name),
  category: s.category,
  description: s.description,
  zones: [zone(dom(s.name), s.zone), ...(s.extraZones ?? [])],
  mxMode: "explicit",
  mx: s.mx,
  faults: s.faults ?? [],
  expect: s.expect,
  dnssecExpect: s.dnssecExpect ?? [],
});

/** One MX host mx1.<name>.test. on `ip` with the given TLSA set, behaviour and certificate. */
const single = (
  name: string,
  ip: string,
  tlsa: TlsaSpec[],
  smtp: AddressSpec["smtp"] = "normal",
  cert: AddressSpec["cert"] = "good",
): MxHostSpec[] => [host(mxName(name), ip, tlsa, { addresses: [{ ip, smtp, cert }] })];

type Outcome = ScenarioExpectation["exchangeOnline"];
const deliver: Outcome = { outcome: "deliver", code: null };
const defer = (code: ExchangeCode): Outcome => ({ outcome: "defer", code });

/** The expectation when the domain's MX lookup cannot be answered at all. */
const mxUnanswerable: ScenarioExpectation = { verdict: "fail", dnssec: "indeterminate", exchangeOnline: defer("4.4.312"), mx: [] };
/** The expectation when the domain's MX RRset is bogus. */
const mxBogus: ScenarioExpectation = { verdict: "fail", dnssec: "bogus", exchangeOnline: defer("4.7.324"), mx: [] };

/** A simple DANE-EE-passing setup whose interest lies in the DNS around it. */
const passing = (
  name: string,
  ip: string,
  extra: Omit<Simple, "name" | "mx" | "expect"> & { mx?: MxHostSpec[]; verdict?: "pass" | "warning" },
): Scenario => {
  const { verdict, mx, ...rest } = extra;
  return scenario({
    name,
    mx: mx ?? single(name, ip, [ee()]),
    expect: { verdict: verdict ?? "pass", dnssec: "secure", exchangeOnline: deliver, mx: [pass(mxName(name), ip)] },
    ...rest,
  });
};

/** A domain whose MX data is served with a hostile DNS answer. */
const hostile = (name: string, ip: string, fault: Scenario["faults"][number]["fault"], what: string): Scenario =>
  scenario({
    name,
    category: "hostile",
    description: `The MX answer for ${dom(name)} is hostile: ${what}. The stub must discard it within its bounds and report the lookup as failed.`,
    mx: single(name, ip, [ee()]),
    faults: [{ name: dom(name), type: "MX", fault }],
    expect: mxUnanswerable,
  });

/**
 * A DANE-protected domain whose only SMTP server is hostile: no TLS session, the host fails.
 * Failing before SMTP is even spoken is a connection failure, for which Exchange Online has no
 * DANE code (defer, code null); failing after STARTTLS is "TLS required, not achieved" (4.7.321).
 */
const hostileSmtp = (name: string, ip: string, behaviour: AddressSpec["smtp"], what: string, code: ExchangeCode | null): Scenario =>
  scenario({
    name,
    category: "hostile",
    description: `The MX server ${what}. The client must give up within its bounds; the only host is unusable, mail is deferred${code ? ` (${code})` : ""}.`,
    mx: single(name, ip, [ee()], behaviour),
    expect: { verdict: "fail", dnssec: "secure", exchangeOnline: { outcome: "defer", code }, mx: [failed(mxName(name), ip)] },
  });

/** Markup in the html-banner scenario's 220 greeting (its certificate's subject: scripts/lab/make-pki.sh). */
export const HTML_BANNER_MARKUP = "<img src=x onerror=alert(1)><b>bold</b>";

export const scenarios: readonly Scenario[] = [
  // ---- DANE that works ----------------------------------------------------------------------
  scenario({
    name: "dane-ee",
    category: "dane",
    description: "DANE-EE 3 1 1 (SHA-256 of the leaf's public key), the RFC 7672 recommendation: pass.",
    mx: single("dane-ee", "127.0.1.1", [ee()]),
    expect: {
      verdict: "pass",
      dnssec: "secure",
      exchangeOnline: deliver,
      mx: [pass(mxName("dane-ee"), "127.0.1.1")],
      exchangeReadiness: { stage: "not-exchange", codes: ["EX013"] },
    },
    dnssecExpect: [
      { name: dom("dane-ee"), type: "MX", status: "secure", ede: null },
      { name: tlsaName(mxName("dane-ee")), type: "TLSA", status: "secure", ede: null },
    ],
  }),
  scenario({
    name: "dane-ta-spki",
    category: "dane",
    description: "DANE-TA 2 1 1 on the intermediate CA's public key; the server sends leaf + intermediate: pass.",
    mx: single("dane-ta-spki", "127.0.1.2", [taSpki]),
    expect: { verdict: "pass", dnssec: "secure", exchangeOnline: deliver, mx: [pass(mxName("dane-ta-spki"), "127.0.1.2")] },
  }),
  scenario({
    name: "dane-ta-cert",
    category: "dane",
    description: "DANE-TA 2 0 1 on the intermediate CA's whole certificate: pass.",
    mx: single("dane-ta-cert", "127.0.1.3", [taCert]),
    expect: { verdict: "pass", dnssec: "secure", exchangeOnline: deliver, mx: [pass(mxName("dane-ta-cert"), "127.0.1.3")] },
  }),
  scenario({
    name: "dane-ee-cert",
    category: "dane",
    description: "DANE-EE 3 0 1 (SHA-256 of the whole leaf certificate): pass.",
    mx: single("dane-ee-cert", "127.0.1.4", [{ usage: 3, selector: 0, matchingType: 1, of: "good" }]),
    expect: { verdict: "pass", dnssec: "secure", exchangeOnline: deliver, mx: [pass(mxName("dane-ee-cert"), "127.0.1.4")] },
  }),
  scenario({
    name: "dane-ee-sha512",
    category: "dane",
    description: "DANE-EE 3 1 2 (SHA-512 of the leaf's public key): pass.",
    mx: single("dane-ee-sha512", "127.0.1.5", [{ usage: 3, selector: 1, matchingType: 2, of: "good" }]),
    expect: { verdict: "pass", dnssec: "secure", exchangeOnline: deliver, mx: [pass(mxName("dane-ee-sha512"), "127.0.1.5")] },
  }),
  scenario({
    name: "dane-ee-wrong-name",
    category: "dane",
    description: "DANE-EE 3 1 1 on a leaf whose names do not include the MX host: pass, DANE-EE ignores names (RFC 7672 §3.1.1).",
    mx: single("dane-ee-wrong-name", "127.0.1.14", [ee("wrong-name")], "normal", "wrong-name"),
    expect: { verdict: "pass", dnssec: "secure", exchangeOnline: deliver, mx: [pass(mxName("dane-ee-wrong-name"), "127.0.1.14")] },
  }),
  scenario({
    name: "dane-ee-self-signed",
    category: "dane",
    description: "DANE-EE 3 1 1 on a self-signed leaf: pass, DANE-EE needs no CA.",
    mx: single("dane-ee-self-signed", "127.0.1.15", [ee("self-signed")], "normal", "self-signed"),
    expect: { verdict: "pass", dnssec: "secure", exchangeOnline: deliver, mx: [pass(mxName("dane-ee-self-signed"), "127.0.1.15")] },
  }),
  scenario({
    name: "rollover-ee-ee",
    category: "dane",
    description: "Key rollover: two DANE-EE 3 1 1 records, the current key and the next one; the current matches: pass.",
    mx: single("rollover-ee-ee", "127.0.1.44", [ee("good"), ee("unrelated")]),
    expect: { verdict: "pass", dnssec: "secure", exchangeOnline: deliver, mx: [pass(mxName("rollover-ee-ee"), "127.0.1.44")] },
  }),
  scenario({
    name: "rollover-ee-ta",
    category: "dane",
    description: "Rollover with 3 1 1 (leaf key) + 2 1 1 (intermediate key): both match, pass.",
    mx: single("rollover-ee-ta", "127.0.1.45", [ee("good"), taSpki]),
    expect: { verdict: "pass", dnssec: "secure", exchangeOnline: deliver, mx: [pass(mxName("rollover-ee-ta"), "127.0.1.45")] },
  }),

  // ---- DANE that fails (RFC 7672 §2.2: the host cannot be used) -------------------------------
  scenario({
    name: "tlsa-mismatch",
    category: "dane",
    description: "A secure 3 1 1 record that matches no certificate the server presents: fail, Exchange Online defers with 4.7.323.",
    mx: single("tlsa-mismatch", "127.0.1.6", [ee("unrelated")]),
    expect: { verdict: "fail", dnssec: "secure", exchangeOnline: defer("4.7.323"), mx: [failed(mxName("tlsa-mismatch"), "127.0.1.6")] },
  }),
  scenario({
    name: "no-starttls",
    category: "dane",
    description: "TLSA published, but the server does not offer STARTTLS: fail, 4.7.321.",
    mx: single("no-starttls", "127.0.1.7", [ee()], "no-starttls", null),
    expect: { verdict: "fail", dnssec: "secure", exchangeOnline: defer("4.7.321"), mx: [failed(mxName("no-starttls"), "127.0.1.7")] },
  }),
  scenario({
    name: "starttls-refused",
    category: "dane",
    description: "TLSA published; STARTTLS is advertised but answered with 454: fail, 4.7.321.",
    mx: single("starttls-refused", "127.0.1.8", [ee()], "starttls-refused"),
    expect: { verdict: "fail", dnssec: "secure", exchangeOnline: defer("4.7.321"), mx: [failed(mxName("starttls-refused"), "127.0.1.8")] },
  }),
  scenario({
    name: "tls-handshake-fail",
    category: "dane",
    description: "TLSA published; STARTTLS accepted, then the TLS handshake fails with an alert: fail, 4.7.321 (no TLS).",
    mx: single("tls-handshake-fail", "127.0.1.9", [ee()], "tls-handshake-fail"),
    expect: { verdict: "fail", dnssec: "secure", exchangeOnline: defer("4.7.321"), mx: [failed(mxName("tls-handshake-fail"), "127.0.1.9")] },
  }),
  scenario({
    name: "dane-ta-expired",
    category: "dane",
    description: "DANE-TA 2 1 1 with an expired leaf: under DANE-TA the leaf must be in date, fail, 4.7.322.",
    mx: single("dane-ta-expired", "127.0.1.10", [taSpki], "normal", "expired"),
    expect: { verdict: "fail", dnssec: "secure", exchangeOnline: defer("4.7.322"), mx: [failed(mxName("dane-ta-expired"), "127.0.1.10")] },
  }),
  scenario({
    name: "dane-ee-expired",
    category: "dane",
    description: "DANE-EE 3 1 1 with an expired leaf: passes (RFC 7672 §3.1.1 ignores validity dates), flagged as a warning.",
    mx: single("dane-ee-expired", "127.0.1.11", [ee("expired")], "normal", "expired"),
    expect: { verdict: "warning", dnssec: "secure", exchangeOnline: deliver, mx: [pass(mxName("dane-ee-expired"), "127.0.1.11")] },
  }),
  scenario({
    name: "dane-ta-not-yet-valid",
    category: "dane",
    description: "DANE-TA 2 1 1 with a leaf whose validity starts in the future: fail; not an expiry, so the catch-all 4.7.323.",
    mx: single("dane-ta-not-yet-valid", "127.0.1.12", [taSpki], "normal", "not-yet-valid"),
    expect: { verdict: "fail", dnssec: "secure", exchangeOnline: defer("4.7.323"), mx: [failed(mxName("dane-ta-not-yet-valid"), "127.0.1.12")] },
  }),
  scenario({
    name: "dane-ta-wrong-name",
    category: "dane",
    description: "DANE-TA 2 1 1 with a leaf that does not name the MX host: the chain matches but the name check fails, 4.7.323.",
    mx: single("dane-ta-wrong-name", "127.0.1.13", [taSpki], "normal", "wrong-name"),
    expect: { verdict: "fail", dnssec: "secure", exchangeOnline: defer("4.7.323"), mx: [failed(mxName("dane-ta-wrong-name"), "127.0.1.13")] },
  }),
  scenario({
    name: "all-mx-fail",
    category: "dane",
    description: "Two MX hosts, both with TLSA records that match nothing: every host fails DANE, mail is blocked, 4.7.323.",
    mx: [host(mxName("all-mx-fail", 1), "127.0.1.35", [ee("unrelated")]), host(mxName("all-mx-fail", 2), "127.0.1.36", [ee("unrelated")], { preference: 20 })],
    expect: {
      verdict: "fail",
      dnssec: "secure",
      exchangeOnline: defer("4.7.323"),
      mx: [failed(mxName("all-mx-fail", 1), "127.0.1.35"), failed(mxName("all-mx-fail", 2), "127.0.1.36")],
    },
  }),
  scenario({
    name: "one-mx-fails",
    category: "dane",
    description: "Two MX hosts: the preferred one's TLSA matches nothing, the backup passes. Mail flows through the backup: warning.",
    mx: [host(mxName("one-mx-fails", 1), "127.0.1.33", [ee("unrelated")]), host(mxName("one-mx-fails", 2), "127.0.1.34", [ee()], { preference: 20 })],
    expect: {
      verdict: "warning",
      dnssec: "secure",
      exchangeOnline: deliver,
      mx: [failed(mxName("one-mx-fails", 1), "127.0.1.33"), pass(mxName("one-mx-fails", 2), "127.0.1.34")],
    },
  }),
  scenario({
    name: "ipv4-ipv6",
    category: "dane",
    description: "One MX host with an IPv4 address that passes and an IPv6 address (::1) presenting another key: one address fails, warning.",
    mx: [
      host(mxName("ipv4-ipv6"), "127.0.1.46", [ee()], {
        addresses: [normal("127.0.1.46"), normal("::1", "wrong-name")],
      }),
    ],
    expect: {
      verdict: "warning",
      dnssec: "secure",
      exchangeOnline: deliver,
      mx: [{ host: shown(mxName("ipv4-ipv6")), tlsa: "secure", addresses: [{ ip: "127.0.1.46", dane: "pass" }, { ip: "::1", dane: "fail" }] }],
    },
  }),

  // ---- TLSA present but unusable (TLS mandatory, no authentication) --------------------------
  scenario({
    name: "tlsa-unusable",
    category: "dane",
    description: "Only PKIX usages (0 0 1 on the root, 1 1 1 on the leaf): unusable for SMTP (RFC 7672 §3.1.3); TLS is enforced without authentication, warning.",
    mx: single("tlsa-unusable", "127.0.1.16", [
      { usage: 0, selector: 0, matchingType: 1, of: "root" },
      { usage: 1, selector: 1, matchingType: 1, of: "good" },
    ]),
    expect: {
      verdict: "warning",
      dnssec: "secure",
      exchangeOnline: deliver,
      mx: [{ host: shown(mxName("tlsa-unusable")), tlsa: "secure", addresses: [{ ip: "127.0.1.16", dane: "unusable" }] }],
    },
  }),
  scenario({
    name: "tlsa-unusable-no-tls",
    category: "dane",
    description: "Only a PKIX-EE 1 1 1 record and a server without STARTTLS: the TLSA record still makes TLS mandatory, so the host cannot be used, 4.7.321.",
    mx: single("tlsa-unusable-no-tls", "127.0.1.17", [{ usage: 1, selector: 1, matchingType: 1, of: "good" }], "no-starttls", null),
    expect: {
      verdict: "fail",
      dnssec: "secure",
      exchangeOnline: defer("4.7.321"),
      mx: [{ host: shown(mxName("tlsa-unusable-no-tls")), tlsa: "secure", addresses: [{ ip: "127.0.1.17", dane: "unusable" }] }],
    },
  }),
  scenario({
    name: "tlsa-unknown-params",
    category: "dane",
    description: "TLSA 3 2 1 (unknown selector) and 3 1 3 (unknown matching type): unusable, TLS enforced without authentication, warning.",
    mx: single("tlsa-unknown-params", "127.0.1.18", [
      { usage: 3, selector: 2, matchingType: 1, of: "good" },
      { usage: 3, selector: 1, matchingType: 3, of: "good" },
    ]),
    expect: {
      verdict: "warning",
      dnssec: "secure",
      exchangeOnline: deliver,
      mx: [{ host: shown(mxName("tlsa-unknown-params")), tlsa: "secure", addresses: [{ ip: "127.0.1.18", dane: "unusable" }] }],
    },
  }),

  // ---- No DANE (opportunistic TLS) -----------------------------------------------------------
  scenario({
    name: "unsigned",
    category: "dnssec",
    description: "An unsigned domain (no DS, proven by the NSEC of test.) that even publishes a TLSA record: insecure TLSA is ignored, no DANE, warning.",
    zone: { signing: null, ds: "none" },
    mx: single("unsigned", "127.0.1.28", [ee("unrelated")]),
    expect: {
      verdict: "warning",
      dnssec: "insecure",
      exchangeOnline: deliver,
      mx: [{ host: shown(mxName("unsigned")), tlsa: "insecure", addresses: [{ ip: "127.0.1.28", dane: "not-applicable" }] }],
    },
    dnssecExpect: [{ name: dom("unsigned"), type: "MX", status: "insecure", ede: null }],
  }),
  scenario({
    name: "no-tlsa-nsec",
    category: "dnssec",
    description: "Signed with NSEC, no TLSA record: the NXDOMAIN for _25._tcp is proven, no DANE for the host, warning.",
    mx: single("no-tlsa-nsec", "127.0.1.29", []),
    expect: {
      verdict: "warning",
      dnssec: "secure",
      exchangeOnline: deliver,
      mx: [{ host: shown(mxName("no-tlsa-nsec")), tlsa: "absent", addresses: [{ ip: "127.0.1.29", dane: "not-applicable" }] }],
    },
    dnssecExpect: [
      { name: tlsaName(mxName("no-tlsa-nsec")), type: "TLSA", status: "secure", ede: null },
      { name: mxName("no-tlsa-nsec"), type: "TXT", status: "secure", ede: null },
    ],
  }),
  scenario({
    name: "no-tlsa-nsec3",
    category: "dnssec",
    description: "Signed with NSEC3 (0 iterations, no salt), no TLSA record: NSEC3 closest-encloser proof, no DANE, warning.",
    zone: { signing: NSEC3 },
    mx: single("no-tlsa-nsec3", "127.0.1.30", []),
    expect: {
      verdict: "warning",
      dnssec: "secure",
      exchangeOnline: deliver,
      mx: [{ host: shown(mxName("no-tlsa-nsec3")), tlsa: "absent", addresses: [{ ip: "127.0.1.30", dane: "not-applicable" }] }],
    },
    dnssecExpect: [
      { name: tlsaName(mxName("no-tlsa-nsec3")), type: "TLSA", status: "secure", ede: null },
      { name: mxName("no-tlsa-nsec3"), type: "TXT", status: "secure", ede: null },
    ],
  }),
  scenario({
    name: "mixed-tlsa",
    category: "dane",
    description: "Two MX hosts, only the first publishes TLSA: mail to the second goes without DANE, warning.",
    mx: [host(mxName("mixed-tlsa", 1), "127.0.1.31", [ee()]), host(mxName("mixed-tlsa", 2), "127.0.1.32", [], { preference: 20 })],
    expect: {
      verdict: "warning",
      dnssec: "secure",
      exchangeOnline: deliver,
      mx: [
        pass(mxName("mixed-tlsa", 1), "127.0.1.31"),
        { host: shown(mxName("mixed-tlsa", 2)), tlsa: "absent", addresses: [{ ip: "127.0.1.32", dane: "not-applicable" }] },
      ],
    },
  }),
  scenario({
    name: "nsec3-optout",
    category: "dnssec",
    description:
      "The domain is signed with NSEC3 opt-out; its MX host lives in an unsigned child zone (hosted.nsec3-optout.test.) whose missing DS is covered by an opt-out NSEC3: host insecure, no DANE, warning.",
    zone: { signing: { algorithm: 13, denial: { kind: "nsec3", iterations: 0, salt: "", optOut: true } } },
    extraZones: [
      { origin: "hosted.nsec3-optout.test.", signing: null, ds: "none", records: [{ name: tlsaName("mx1.hosted.nsec3-optout.test."), type: "TLSA", tlsa: ee() }] },
    ],
    mx: [host("mx1.hosted.nsec3-optout.test.", "127.0.1.43", [])],
    expect: {
      verdict: "warning",
      dnssec: "secure",
      exchangeOnline: deliver,
      mx: [{ host: shown("mx1.hosted.nsec3-optout.test."), tlsa: "insecure", addresses: [{ ip: "127.0.1.43", dane: "not-applicable" }] }],
    },
    dnssecExpect: [
      { name: "hosted.nsec3-optout.test.", type: "DS", status: "insecure", ede: null },
      { name: "mx1.hosted.nsec3-optout.test.", type: "A", status: "insecure", ede: null },
    ],
  }),
  scenario({
    name: "unknown-ds-algorithm",
    category: "dnssec",
    description: "The parent's only DS names algorithm 253, which no validator implements: the zone is Insecure (RFC 6840 §5.2), not Bogus; no DANE, warning.",
    zone: { ds: "unknown-algorithm" },
    mx: single("unknown-ds-algorithm", "127.0.1.47", [ee()]),
    expect: {
      verdict: "warning",
      dnssec: "insecure",
      exchangeOnline: deliver,
      mx: [{ host: shown(mxName("unknown-ds-algorithm")), tlsa: "insecure", addresses: [{ ip: "127.0.1.47", dane: "not-applicable" }] }],
    },
    dnssecExpect: [{ name: dom("unknown-ds-algorithm"), type: "MX", status: "insecure", ede: [1] }],
  }),
  scenario({
    name: "unknown-ds-digest",
    category: "dnssec",
    description: "The parent's only DS uses digest type 253: Insecure (RFC 6840 §5.2); no DANE, warning.",
    zone: { ds: "unknown-digest-type" },
    mx: single("unknown-ds-digest", "127.0.1.48", [ee()]),
    expect: {
      verdict: "warning",
      dnssec: "insecure",
      exchangeOnline: deliver,
      mx: [{ host: shown(mxName("unknown-ds-digest")), tlsa: "insecure", addresses: [{ ip: "127.0.1.48", dane: "not-applicable" }] }],
    },
    dnssecExpect: [{ name: dom("unknown-ds-digest"), type: "MX", status: "insecure", ede: [2] }],
  }),
  scenario({
    name: "nsec3-iterations",
    category: "dnssec",
    description:
      "Signed with NSEC3 at 500 iterations (above every RFC 9276 limit): positive answers stay Secure, the proof that no TLSA exists is treated as Insecure; no DANE, warning.",
    zone: { signing: { algorithm: 13, denial: { kind: "nsec3", iterations: 500, salt: "AABBCCDD", optOut: false } } },
    mx: single("nsec3-iterations", "127.0.1.52", []),
    expect: {
      verdict: "warning",
      dnssec: "secure",
      exchangeOnline: deliver,
      mx: [{ host: shown(mxName("nsec3-iterations")), tlsa: "insecure", addresses: [{ ip: "127.0.1.52", dane: "not-applicable" }] }],
    },
    dnssecExpect: [
      { name: dom("nsec3-iterations"), type: "MX", status: "secure", ede: null },
      { name: tlsaName(mxName("nsec3-iterations")), type: "TLSA", status: "insecure", ede: [27] },
    ],
  }),

  // ---- Bogus DNSSEC (4.7.324) ----------------------------------------------------------------
  scenario({
    name: "expired-rrsig",
    category: "dnssec",
    description: "The MX RRset's RRSIG expired in 2021 (the rest of the zone is fine): MX bogus, mail deferred with 4.7.324.",
    zone: { signatureOverrides: [{ name: dom("expired-rrsig"), type: "MX", window: "expired" }] },
    mx: single("expired-rrsig", "127.0.1.19", [ee()]),
    expect: mxBogus,
    dnssecExpect: [
      { name: dom("expired-rrsig"), type: "MX", status: "bogus", ede: [7] },
      { name: mxName("expired-rrsig"), type: "A", status: "secure", ede: null },
    ],
  }),
  scenario({
    name: "not-yet-valid-rrsig",
    category: "dnssec",
    description: "The MX RRset's RRSIG only becomes valid in 2036: MX bogus, 4.7.324.",
    zone: { signatureOverrides: [{ name: dom("not-yet-valid-rrsig"), type: "MX", window: "not-yet-valid" }] },
    mx: single("not-yet-valid-rrsig", "127.0.1.20", [ee()]),
    expect: mxBogus,
    dnssecExpect: [{ name: dom("not-yet-valid-rrsig"), type: "MX", status: "bogus", ede: [8] }],
  }),
  scenario({
    name: "bad-ds",
    category: "dnssec",
    description: "The DS in test. has the right key tag and algorithm but an altered digest: the zone's keys cannot be authenticated, bogus, 4.7.324.",
    zone: { ds: "bad-digest" },
    mx: single("bad-ds", "127.0.1.21", [ee()]),
    expect: mxBogus,
    dnssecExpect: [{ name: dom("bad-ds"), type: "MX", status: "bogus", ede: [9, 6] }],
  }),
  scenario({
    name: "ds-no-key",
    category: "dnssec",
    description: "The DS in test. points at a key that is not in the zone's DNSKEY RRset: bogus (DNSKEY missing), 4.7.324.",
    zone: { ds: "no-matching-key" },
    mx: single("ds-no-key", "127.0.1.22", [ee()]),
    expect: mxBogus,
    dnssecExpect: [{ name: dom("ds-no-key"), type: "MX", status: "bogus", ede: [9] }],
  }),
  scenario({
    name: "rrsigs-missing",
    category: "dnssec",
    description: "test. publishes a DS but the zone is served without any signature or DNSKEY: bogus, 4.7.324.",
    zone: { serveUnsigned: true },
    mx: single("rrsigs-missing", "127.0.1.23", [ee()]),
    expect: mxBogus,
    dnssecExpect: [{ name: dom("rrsigs-missing"), type: "MX", status: "bogus", ede: [9, 10] }],
  }),
  scenario({
    name: "tlsa-bogus",
    category: "dnssec",
    description: "The TLSA RRset's RRSIG expired: the host cannot be used, 4.7.324; the only host, so mail is blocked.",
    zone: { signatureOverrides: [{ name: tlsaName(mxName("tlsa-bogus")), type: "TLSA", window: "expired" }] },
    mx: single("tlsa-bogus", "127.0.1.26", [ee()]),
    expect: {
      verdict: "fail",
      dnssec: "secure",
      exchangeOnline: defer("4.7.324"),
      mx: [{ host: shown(mxName("tlsa-bogus")), tlsa: "bogus", addresses: [{ ip: "127.0.1.26", dane: "fail" }] }],
    },
    dnssecExpect: [{ name: tlsaName(mxName("tlsa-bogus")), type: "TLSA", status: "bogus", ede: [7] }],
  }),

  scenario({
    name: "tlsa-forged",
    category: "dnssec",
    description:
      "The TLSA record was changed after the zone was signed (an on-path forgery): its RRSIG no longer verifies, the TLSA RRset is bogus, 4.7.324.",
    zone: { forgedAfterSigning: [{ name: tlsaName(mxName("tlsa-forged")), type: "TLSA", tlsa: ee("unrelated") }] },
    // No certificate: the host is unusable whatever it presents, so it needs no name in the lab PKI.
    mx: [host(mxName("tlsa-forged"), "127.0.1.75", [ee()], { addresses: [normal("127.0.1.75", null)] })],
    expect: {
      verdict: "fail",
      dnssec: "secure",
      exchangeOnline: defer("4.7.324"),
      mx: [{ host: shown(mxName("tlsa-forged")), tlsa: "bogus", addresses: [{ ip: "127.0.1.75", dane: "fail" }] }],
    },
    dnssecExpect: [{ name: tlsaName(mxName("tlsa-forged")), type: "TLSA", status: "bogus", ede: [6] }],
  }),

  // ---- A server that throttles the probe (H6's behaviours): nothing can be concluded ------------
  // No certificate: the probe never reaches STARTTLS, so the hosts need no name in the lab PKI.
  ...(
    [
      ["throttle-banner-421", "127.0.1.76", "banner-421", "The MX host answers the connection with 421 (too many connections)"],
      ["throttle-ehlo-421", "127.0.1.77", "ehlo-421", "The MX host answers EHLO with 421 (rate limit)"],
      ["throttle-reset", "127.0.1.78", "reset-on-connect", "The MX host resets every connection"],
    ] as const
  ).map(([name, ip, behaviour, what]) =>
    scenario({
      name,
      category: "smtp",
      description: `${what}: the probe was throttled, DANE untested, Exchange Online's outcome inconclusive (warning).`,
      mx: single(name, ip, [ee()], behaviour, null),
      expect: {
        verdict: "warning",
        dnssec: "secure",
        exchangeOnline: { outcome: "inconclusive", code: null },
        mx: [{ host: shown(mxName(name)), tlsa: "secure", addresses: [{ ip, dane: "not-applicable" }] }],
      },
    }),
  ),

  // ---- DNS failures around TLSA and MX -------------------------------------------------------
  scenario({
    name: "tlsa-servfail",
    category: "dns-fault",
    description: "The TLSA lookup answers SERVFAIL: not a proof of absence, the host cannot be used, 4.7.324.",
    mx: single("tlsa-servfail", "127.0.1.24", [ee()]),
    faults: [{ name: tlsaName(mxName("tlsa-servfail")), type: "TLSA", fault: "servfail" }],
    expect: {
      verdict: "fail",
      dnssec: "secure",
      exchangeOnline: defer("4.7.324"),
      mx: [{ host: shown(mxName("tlsa-servfail")), tlsa: "servfail", addresses: [{ ip: "127.0.1.24", dane: "fail" }] }],
    },
    dnssecExpect: [{ name: tlsaName(mxName("tlsa-servfail")), type: "TLSA", status: "indeterminate", ede: [22, 23] }],
  }),
  scenario({
    name: "tlsa-timeout",
    category: "dns-fault",
    description: "The TLSA lookup is never answered (timeout): treated like SERVFAIL, 4.7.324.",
    mx: single("tlsa-timeout", "127.0.1.25", [ee()]),
    faults: [{ name: tlsaName(mxName("tlsa-timeout")), type: "TLSA", fault: "drop" }],
    dnssecExpect: [{ name: tlsaName(mxName("tlsa-timeout")), type: "TLSA", status: "indeterminate", ede: [22, 23] }],
    expect: {
      verdict: "fail",
      dnssec: "secure",
      exchangeOnline: defer("4.7.324"),
      mx: [{ host: shown(mxName("tlsa-timeout")), tlsa: "servfail", addresses: [{ ip: "127.0.1.25", dane: "fail" }] }],
    },
  }),
  scenario({
    name: "tlsa-malformed",
    category: "dns-fault",
    description: "The TLSA lookup returns bytes that are not a DNS message: treated like SERVFAIL, 4.7.324.",
    mx: single("tlsa-malformed", "127.0.1.27", [ee()]),
    faults: [{ name: tlsaName(mxName("tlsa-malformed")), type: "TLSA", fault: "malformed" }],
    expect: {
      verdict: "fail",
      dnssec: "secure",
      exchangeOnline: defer("4.7.324"),
      mx: [{ host: shown(mxName("tlsa-malformed")), tlsa: "servfail", addresses: [{ ip: "127.0.1.27", dane: "fail" }] }],
    },
  }),
  scenario({
    name: "mx-servfail",
    category: "dns-fault",
    description: "The MX lookup answers SERVFAIL: the DNSSEC status cannot be decided; Exchange Online reports a generic 4.4.312.",
    mx: single("mx-servfail", "127.0.1.49", [ee()]),
    faults: [{ name: dom("mx-servfail"), type: "MX", fault: "servfail" }],
    expect: { ...mxUnanswerable, exchangeReadiness: { stage: "unsupported", codes: ["DnsQueryFailed"] } },
    dnssecExpect: [{ name: dom("mx-servfail"), type: "MX", status: "indeterminate", ede: [22, 23] }],
  }),
  scenario({
    name: "mx-timeout",
    category: "dns-fault",
    description: "The MX lookup is never answered: indeterminate, 4.4.312.",
    mx: single("mx-timeout", "127.0.1.50", [ee()]),
    faults: [{ name: dom("mx-timeout"), type: "MX", fault: "drop" }],
    expect: mxUnanswerable,
  }),
  passing("truncated-tcp", "127.0.1.53", {
    category: "dns-fault",
    description: "The MX and TLSA answers come back truncated (TC=1) over UDP; the full answers over TCP: pass.",
    faults: [
      { name: dom("truncated-tcp"), type: "MX", fault: "truncate" },
      { name: tlsaName(mxName("truncated-tcp")), type: "TLSA", fault: "truncate" },
    ],
  }),
  passing("dns-delay", "127.0.1.54", {
    category: "dns-fault",
    description: "Every answer for the domain's names is delayed by 300 ms (a slow network): pass.",
    faults: [
      { name: dom("dns-delay"), fault: "delay", delayMs: 300 },
      { name: tlsaName(mxName("dns-delay")), fault: "delay", delayMs: 300 },
    ],
  }),

  // ---- MX shapes -----------------------------------------------------------------------------
  scenario({
    name: "cname-mx",
    category: "mx",
    description:
      "The MX host is a CNAME to mail.hosting.cname-mx.test., a separately signed child zone; TLSA is found at the CNAME target (RFC 7672 §2.2.2): pass.",
    extraZones: [zone("hosting.cname-mx.test.")],
    mx: [host(mxName("cname-mx"), "127.0.1.37", [ee()], { cnameTo: "mail.hosting.cname-mx.test." })],
    expect: { verdict: "pass", dnssec: "secure", exchangeOnline: deliver, mx: [pass(mxName("cname-mx"), "127.0.1.37")] },
    dnssecExpect: [{ name: mxName("cname-mx"), type: "A", status: "secure", ede: null }],
  }),
  scenario({
    name: "cname-tlsa-at-alias",
    category: "mx",
    description:
      "The MX host is a secure CNAME to mail.hosting.cname-tlsa-at-alias.test.; no TLSA at the target, one at the alias name: RFC 7672 §2.2.2 falls back to it, pass.",
    extraZones: [zone("hosting.cname-tlsa-at-alias.test.")],
    mx: [host(mxName("cname-tlsa-at-alias"), "127.0.1.71", [ee()], { cnameTo: "mail.hosting.cname-tlsa-at-alias.test.", tlsaAtAlias: true })],
    expect: { verdict: "pass", dnssec: "secure", exchangeOnline: deliver, mx: [pass(mxName("cname-tlsa-at-alias"), "127.0.1.71")] },
  }),
  scenario({
    name: "cname-insecure-target",
    category: "mx",
    description:
      "The MX host is a CNAME into an unsigned zone (hosting.cname-insecure-target.test., no DS): the addresses are insecure, so the TLSA record there is ignored; no DANE, warning.",
    extraZones: [{ origin: "hosting.cname-insecure-target.test.", signing: null, ds: "none" }],
    mx: [host(mxName("cname-insecure-target"), "127.0.1.72", [ee()], { cnameTo: "mail.hosting.cname-insecure-target.test." })],
    expect: {
      verdict: "warning",
      dnssec: "secure",
      exchangeOnline: deliver,
      mx: [{ host: shown(mxName("cname-insecure-target")), tlsa: "insecure", addresses: [{ ip: "127.0.1.72", dane: "not-applicable" }] }],
    },
    dnssecExpect: [{ name: mxName("cname-insecure-target"), type: "A", status: "insecure", ede: null }],
  }),
  scenario({
    name: "dname-mx",
    category: "mx",
    description:
      "The MX host mx1.mail.dname-mx.test. lies under a DNAME (mail.dname-mx.test. -> hosting.dname-mx.test., a signed child zone): the CNAME synthesised from it (RFC 6672) is checked against the signed DNAME and TLSA is found at the expanded name (RFC 7672 §2.2.2): pass.",
    extraZones: [zone("hosting.dname-mx.test.")],
    mx: [
      host("mx1.mail.dname-mx.test.", "127.0.1.73", [ee()], {
        cnameTo: "mx1.hosting.dname-mx.test.",
        dname: { owner: "mail.dname-mx.test.", target: "hosting.dname-mx.test." },
      }),
    ],
    expect: { verdict: "pass", dnssec: "secure", exchangeOnline: deliver, mx: [pass("mx1.mail.dname-mx.test.", "127.0.1.73")] },
    dnssecExpect: [{ name: "mx1.mail.dname-mx.test.", type: "A", status: "secure", ede: null }],
  }),
  {
    name: "null-mx",
    domain: dom("null-mx"),
    category: "mx",
    description: "A null MX (RFC 7505, \"0 .\"): the domain accepts no mail; nothing to check, warning.",
    zones: [zone(dom("null-mx"))],
    mxMode: "null",
    mx: [],
    faults: [],
    expect: { verdict: "warning", dnssec: "secure", exchangeOnline: { outcome: "no-mail", code: null }, mx: [] },
    dnssecExpect: [{ name: dom("null-mx"), type: "MX", status: "secure", ede: null }],
  },
  {
    name: "no-mx",
    domain: dom("no-mx"),
    category: "mx",
    description: "No MX RRset: mail goes to the domain's own address (RFC 5321 §5.1), TLSA at _25._tcp.no-mx.test.: pass.",
    zones: [zone(dom("no-mx"))],
    mxMode: "implicit",
    mx: [host(dom("no-mx"), "127.0.1.38", [ee()], { preference: 0 })],
    faults: [],
    expect: { verdict: "pass", dnssec: "secure", exchangeOnline: deliver, mx: [pass(dom("no-mx"), "127.0.1.38")] },
    dnssecExpect: [{ name: dom("no-mx"), type: "MX", status: "secure", ede: null }],
  },
  {
    name: "nxdomain",
    domain: dom("nxdomain"),
    category: "mx",
    description: "The domain does not exist (NXDOMAIN proven by the NSEC of test.): no mail can be delivered, fail.",
    zones: [],
    mxMode: "explicit",
    mx: [],
    faults: [],
    expect: {
      verdict: "fail",
      dnssec: "secure",
      exchangeOnline: { outcome: "no-mail", code: null },
      mx: [],
      exchangeReadiness: { stage: "unsupported", codes: ["DnsNxDomain"] },
    },
    dnssecExpect: [{ name: dom("nxdomain"), type: "MX", status: "secure", ede: null }],
  },
  passing("wildcard", "127.0.1.51", {
    category: "dnssec",
    description: "The MX host's A and TLSA records are synthesised from *.wildcard.test. (NSEC proof of the next closer name): pass.",
    mx: [host(mxName("wildcard"), "127.0.1.51", [ee()], { wildcard: "*.wildcard.test." })],
    dnssecExpect: [
      { name: mxName("wildcard"), type: "A", status: "secure", ede: null },
      { name: tlsaName(mxName("wildcard")), type: "TLSA", status: "secure", ede: null },
    ],
  }),
  passing("wildcard-nsec3", "127.0.1.57", {
    category: "dnssec",
    description: "Wildcard-synthesised A and TLSA under NSEC3 (closest encloser + next closer proof): pass.",
    zone: { signing: NSEC3 },
    mx: [host(mxName("wildcard-nsec3"), "127.0.1.57", [ee()], { wildcard: "*.wildcard-nsec3.test." })],
    dnssecExpect: [{ name: tlsaName(mxName("wildcard-nsec3")), type: "TLSA", status: "secure", ede: null }],
  }),

  // ---- Signature algorithms ------------------------------------------------------------------
  passing("alg-8", "127.0.1.39", {
    category: "dnssec",
    description: "Zone signed with algorithm 8 (RSA/SHA-256, 2048-bit): pass.",
    zone: { signing: { algorithm: 8, denial: { kind: "nsec" } } },
    dnssecExpect: [{ name: dom("alg-8"), type: "MX", status: "secure", ede: null }],
  }),
  passing("alg-13", "127.0.1.40", {
    category: "dnssec",
    description: "Zone signed with algorithm 13 (ECDSA P-256/SHA-256): pass.",
    dnssecExpect: [{ name: dom("alg-13"), type: "MX", status: "secure", ede: null }],
  }),
  passing("alg-15", "127.0.1.41", {
    category: "dnssec",
    description: "Zone signed with algorithm 15 (Ed25519): pass.",
    zone: { signing: { algorithm: 15, denial: { kind: "nsec" } } },
    dnssecExpect: [{ name: dom("alg-15"), type: "MX", status: "secure", ede: null }],
  }),
  passing("alg-7", "127.0.1.42", {
    category: "dnssec",
    description: "Zone signed with algorithm 7 (RSASHA1-NSEC3-SHA1) and NSEC3: validates, but the algorithm is deprecated (RFC 8624): DANE passes, warning.",
    zone: { signing: { algorithm: 7, denial: { kind: "nsec3", iterations: 0, salt: "", optOut: false } } },
    verdict: "warning",
    dnssecExpect: [{ name: dom("alg-7"), type: "MX", status: "secure", ede: null }],
  }),

  // ---- SMTP behaviour ------------------------------------------------------------------------
  scenario({
    name: "slow-banner",
    category: "smtp",
    description: "The server waits 1.5 s before its 220 banner (within any sane timeout); DANE-EE: pass.",
    mx: [host(mxName("slow-banner"), "127.0.1.55", [ee()], { addresses: [{ ip: "127.0.1.55", smtp: "slow-banner", cert: "good", delayMs: 1500 }] })],
    expect: { verdict: "pass", dnssec: "secure", exchangeOnline: deliver, mx: [pass(mxName("slow-banner"), "127.0.1.55")] },
  }),
  scenario({
    name: "tarpit-10s",
    category: "smtp",
    description:
      "The server tarpits: 10 s before its 220 banner (RFC 5321 §4.5.3.2.1 allows 5 minutes); measured and shown as information, DANE-EE: pass.",
    mx: [
      host(mxName("tarpit-10s"), "127.0.1.79", [ee("wrong-name")], {
        addresses: [{ ip: "127.0.1.79", smtp: "slow-banner", cert: "wrong-name", delayMs: 10_000 }],
      }),
    ],
    expect: { verdict: "pass", dnssec: "secure", exchangeOnline: deliver, mx: [pass(mxName("tarpit-10s"), "127.0.1.79")] },
  }),

  scenario({
    name: "html-banner",
    category: "smtp",
    description:
      "The server's 220 banner and its certificate's subject carry HTML markup; DANE-EE on that leaf: pass, and the web UI must show the markup as text.",
    mx: [
      host(mxName("html-banner"), "127.0.1.74", [ee("html-subject")], {
        addresses: [{ ip: "127.0.1.74", smtp: "normal", cert: "html-subject", banner: `${shown(mxName("html-banner"))} ESMTP ${HTML_BANNER_MARKUP}` }],
      }),
    ],
    expect: { verdict: "pass", dnssec: "secure", exchangeOnline: deliver, mx: [pass(mxName("html-banner"), "127.0.1.74")] },
  }),

  // ---- Hostile SMTP peers (issue 6): DANE is required, the server misbehaves ---------------------
  hostileSmtp("smtp-no-banner", "127.0.1.65", "no-banner", "accepts the connection and never sends its 220 banner", null),
  hostileSmtp("smtp-endless-lines", "127.0.1.66", "endless-lines", "sends a 220- continuation line after another, forever", null),
  hostileSmtp("smtp-drip", "127.0.1.67", "drip", "sends its banner one byte a second", null),
  hostileSmtp("smtp-huge-banner", "127.0.1.68", "huge-banner", "sends a 10 MB banner line", null),
  hostileSmtp("smtp-drop-mid-handshake", "127.0.1.69", "drop-mid-handshake", "accepts STARTTLS, then closes the connection during the TLS handshake", "4.7.321"),
  hostileSmtp("smtp-starttls-injection", "127.0.1.70", "starttls-injection", "sends plaintext bytes right after its 220 reply to STARTTLS (a STARTTLS injection)", "4.7.321"),

  // ---- Hostile DNS (issue 6) -----------------------------------------------------------------
  hostile("hostile-mismatched-id", "127.0.1.60", "mismatched-id", "the answer carries another message ID"),
  hostile("hostile-wrong-question", "127.0.1.61", "wrong-question", "a well-formed answer to a different question"),
  hostile("hostile-compression-loop", "127.0.1.62", "compression-loop", "a name compression pointer that points to itself"),
  hostile("hostile-truncated-record", "127.0.1.63", "truncated-record", "the last record's RDATA is cut short"),
  scenario({
    name: "hostile-record-flood",
    category: "hostile",
    description:
      "The MX answer carries 2000 unsigned junk MX records beside the real one (TC over UDP, ~50 KB over TCP): the RRset no longer matches its RRSIG, so it is bogus, 4.7.324.",
    mx: single("hostile-record-flood", "127.0.1.64", [ee()]),
    faults: [{ name: dom("hostile-record-flood"), type: "MX", fault: "record-flood" }],
    expect: mxBogus,
  }),
  // ---- MTA-STS and TLS-RPT beside DANE (lib/lab/policy-scenarios.ts) ---------------------------
  ...policyScenarios,
  // ---- Exchange Online's inbound DANE migration (lib/lab/exchange-scenarios.ts) -----------------
  ...exchangeScenarios,
  // ---- SPF, DMARC and DKIM beside DANE (lib/lab/mail-auth-scenarios.ts) -------------------------
  ...mailAuthScenarios,
];

export function findScenario(name: string): Scenario | undefined {
  return scenarios.find((s) => s.name === name || s.domain === name || s.domain === `${name}.`);
}

/**
 * Every MX address of the catalog that has an SMTP server of its own, with the scenario and host it
 * belongs to; the addresses of the world's shared servers (lib/lab/world.ts) are not among them.
 */
export function smtpEndpoints(): { scenario: Scenario; host: MxHostSpec; address: AddressSpec; tlsName: string }[] {
  return scenarios.flatMap((scenario) =>
    scenario.mx.flatMap((host) => host.addresses.filter((a) => !a.shared).map((address) => ({ scenario, host, address, tlsName: host.cnameTo ?? host.host }))),
  );
}
