// The lab's internet above the scenarios: the TLDs and provider zones that scenario zones hang from
// (the root itself is made by scripts/lab/build-zones.ts), and the shared SMTP servers that answer
// for every host of a provider. A zone set holds `test.` always and any other world zone only
// when one of its scenarios has a name under it, so the signer-style sets (pass scenarios under
// `test.` only) keep the hierarchy they had.
//
// The Exchange Online zones mirror how Microsoft publishes (issue 12): the legacy MX names under
// `mail.protection.outlook.com` are not DNSSEC-signed — here `outlook.com.` has no DS in `com.` —,
// which is why the migration moves a domain to a `<token>.<label>.mx.microsoft` name, signed with
// a DS in the signed TLD `microsoft.`. `onmicrosoft.com.` (tenants' initial domains) and
// `outlook.de.` are modelled as unsigned delegations from signed TLDs.
import type { AddressSpec, CertProfile, SigningSpec, ZoneSpec } from "./catalog-types";

/** TLDs are signed as the root is in the default set: dnssec-signzone with BIND's defaults. */
const TLD: SigningSpec = { algorithm: 13, denial: { kind: "nsec" }, signer: "bind-default" };
const PROVIDER: SigningSpec = { algorithm: 13, denial: { kind: "nsec" } };

/** The lab's one name server name; every delegation names it, its address is glue in `test.`. */
export const NS_HOST = "ns1.test.";

export const worldZones: readonly ZoneSpec[] = [
  { origin: "test.", signing: TLD, ds: "valid", records: [{ name: NS_HOST, type: "A", address: "127.0.0.1" }] },
  { origin: "com.", signing: TLD, ds: "valid" },
  { origin: "outlook.com.", signing: null, ds: "none" },
  { origin: "onmicrosoft.com.", signing: null, ds: "none" },
  { origin: "de.", signing: TLD, ds: "valid" },
  { origin: "outlook.de.", signing: null, ds: "none" },
  { origin: "microsoft.", signing: TLD, ds: "valid" },
  { origin: "mx.microsoft.", signing: PROVIDER, ds: "valid" },
];

/** One SMTP server that answers for every host of a provider whose addresses say `shared: true`. */
export interface SharedServer {
  ip: string;
  /** Its banner and EHLO name. */
  hostname: string;
  cert: CertProfile;
  smtp: AddressSpec["smtp"];
  /** What it stands for, for README and `npm run lab`. */
  description: string;
}

export const EXCHANGE_LEGACY_IP = "127.0.1.80";
export const EXCHANGE_NEW_IP = "127.0.1.81";

export const sharedServers: readonly SharedServer[] = [
  {
    ip: EXCHANGE_LEGACY_IP,
    hostname: "mail.protection.outlook.com",
    cert: "exchange-legacy",
    smtp: "normal",
    description: "Exchange Online's legacy inbound endpoint: every <token>.mail.protection.outlook.com (and mail.eo.outlook.com, mail.protection.outlook.de) host",
  },
  {
    ip: EXCHANGE_NEW_IP,
    hostname: "mx.microsoft",
    cert: "exchange-new",
    smtp: "normal",
    description: "Exchange Online's DNSSEC endpoint: every <token>.<label>.mx.microsoft host (o-v1, o-v2, o-v9)",
  },
];

/** The address of a host served by a shared server. */
export function sharedAddress(ip: string): AddressSpec {
  const server = sharedServers.find((s) => s.ip === ip);
  if (!server) throw new Error(`no shared lab server on ${ip}`);
  return { ip, smtp: server.smtp, cert: server.cert, shared: true };
}
