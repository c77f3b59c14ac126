// Which external signer made which lab zones (issue 9 §2). The default zone set (lib/lab/zones/)
// serves every scenario, each zone signed as the catalog says (`signerOf`). Beside it, one zone set
// per operator style (lib/lab/zones/<style>/): the root, `test.` and every *pass* scenario's zones,
// all re-signed in that style, so a test can check that each pass scenario still passes whatever
// signer made the hierarchy. `startLab({ signer })` serves one of them.
import { scenarios } from "./catalog";
import { exchangeScenarios } from "./exchange-scenarios";
import { mailAuthScenarios } from "./mail-auth-scenarios";
import { policyScenarios } from "./policy-scenarios";
import type { DnssecStatus, TlsaStatus, Verdict } from "../report/schema";
import type { DenialSpec, Scenario, SignerStyle, SigningAlgorithm, SigningSpec } from "./catalog-types";

export interface SignerSet {
  style: SignerStyle;
  /** Every signed zone of the set uses this algorithm and denial. */
  algorithm: SigningAlgorithm;
  denial: DenialSpec;
  /** What made it, for README and `npm run lab`. */
  description: string;
  /**
   * Pass scenarios whose outcome a zone of this style changes, and why: the DANE verdict, the TLSA
   * status of every host (whose addresses are then not-applicable), and the DNSSEC status of the
   * scenario's `dnssecExpect` entries that change, keyed "<name> <type>". The test pins the changed
   * outcome (so it is seen, and seen to change); a warning at most, never a failure.
   */
  differs?: SignerSetDifference[];
}

export interface SignerSetDifference {
  scenario: string;
  verdict: Verdict;
  tlsa: TlsaStatus;
  dnssec: Record<string, DnssecStatus>;
  why: string;
}

/** A wildcard answer whose next closer name only an opt-out NSEC3 covers proves nothing: insecure. */
const OPT_OUT_WILDCARD =
  "ldns-signzone -p flags every NSEC3 opt-out, so the NSEC3 covering a wildcard answer's next closer name is opt-out " +
  "and the answer is insecure (RFC 5155 §9.2, as Unbound judges it): the MX host's addresses and TLSA are insecure, no DANE";

const NSEC: DenialSpec = { kind: "nsec" };

/** Between them the sets use every algorithm the lab covers besides 7 (which the alg-7 scenario has). */
export const SIGNER_SETS: readonly SignerSet[] = [
  { style: "bind-default", algorithm: 13, denial: NSEC, description: "dnssec-signzone defaults: KSK + ZSK, the DNSKEY RRset signed by both (ECDSA P-256)" },
  { style: "bind-x", algorithm: 8, denial: NSEC, description: "dnssec-signzone -x: KSK + ZSK, the DNSKEY RRset signed by the KSK only (RSA/SHA-256)" },
  { style: "csk", algorithm: 15, denial: NSEC, description: "dnssec-signzone -z: one combined signing key signs everything (Ed25519)" },
  {
    style: "ldns-nsec3-salt",
    algorithm: 14,
    denial: { kind: "nsec3", iterations: 0, salt: "5CA1AB1E", optOut: false },
    description: "ldns-signzone -n -s 5CA1AB1E: NSEC3 with a salt, no extra iterations (ECDSA P-384)",
  },
  {
    style: "ldns-nsec3-nosalt",
    algorithm: 13,
    denial: { kind: "nsec3", iterations: 0, salt: "", optOut: false },
    description: "ldns-signzone -n: NSEC3 without salt, no extra iterations (RFC 9276) (ECDSA P-256)",
  },
  {
    style: "ldns-nsec3-optout",
    algorithm: 8,
    denial: { kind: "nsec3", iterations: 0, salt: "", optOut: true },
    description: "ldns-signzone -n -p: NSEC3, every record flagged opt-out (RSA/SHA-256)",
    differs: [
      {
        scenario: "wildcard",
        verdict: "warning",
        tlsa: "insecure",
        dnssec: { "mx1.wildcard.test. A": "insecure", "_25._tcp.mx1.wildcard.test. TLSA": "insecure" },
        why: OPT_OUT_WILDCARD,
      },
      {
        scenario: "wildcard-nsec3",
        verdict: "warning",
        tlsa: "insecure",
        dnssec: { "_25._tcp.mx1.wildcard-nsec3.test. TLSA": "insecure" },
        why: OPT_OUT_WILDCARD,
      },
      {
        scenario: "cname-tlsa-at-alias",
        verdict: "warning",
        tlsa: "insecure",
        dnssec: {},
        why:
          "ldns-signzone -p flags every NSEC3 opt-out, so the NXDOMAIN for the TLSA at the CNAME target is insecure (RFC 5155 §9.2, as Unbound judges it), " +
          "and mailsec falls back to the alias's TLSA only when the target proves it has none (lib/checks/assess-host.ts tlsaForAlias, RFC 7672 §2.2.2)",
      },
    ],
  },
];

export const SIGNER_STYLES = SIGNER_SETS.map((s) => s.style);

export function signerSet(style: SignerStyle): SignerSet {
  const set = SIGNER_SETS.find((s) => s.style === style);
  if (!set) throw new Error(`no lab zone set is signed in the style ${style}`);
  return set;
}

/** The scenarios a signer-style zone set serves: those whose expected verdict is pass. */
export function passScenarios(): Scenario[] {
  // Not the MTA-STS/TLS-RPT or SPF/DMARC/DKIM scenarios: what they test is HTTPS and TXT beside
  // DANE, which no signer style changes, and their MX hosts are pass scenarios of their own.
  // Nor the tarpit: it waits 10 s for a greeting, which no signer style changes either. Nor the
  // Exchange Online world's: what they test is an MX arrangement under provider zones, and the one
  // that passes (exodane) is DANE-EE as dane-ee is.
  const apart = new Set([...policyScenarios, ...mailAuthScenarios, ...exchangeScenarios]);
  return scenarios.filter((s) => s.expect.verdict === "pass" && !apart.has(s) && s.name !== "tarpit-10s");
}

/** The signer of a zone of the default set. */
export function signerOf(signing: SigningSpec): SignerStyle {
  if (signing.signer) return signing.signer;
  return signing.denial.kind === "nsec3" && signing.denial.optOut ? "bind-nsec3-optout" : "ldns-default";
}
