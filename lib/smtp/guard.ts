// The SSRF guard: mailsec connects wherever a stranger's DNS points it, so every outbound
// connection is checked on the IP address actually connected to (never a name, which could
// resolve differently at connect time). Ranges follow the IANA IPv4 and IPv6 Special-Purpose
// Address Registries (RFC 6890 and successors).
import net from "node:net";
import ipaddr from "ipaddr.js";

/**
 * What a refused address is, as a token: lib/report/i18n words it ("guard.reason", with the RFC
 * that defines the range), so no sentence is built here.
 */
export type GuardReason =
  | "limited-broadcast" | "this-network" | "private" | "shared" | "loopback" | "link-local" | "ietf-protocol"
  | "test-net-1" | "test-net-2" | "test-net-3" | "documentation" | "relay-6to4" | "benchmarking" | "multicast"
  | "reserved" | "unspecified" | "nat64" | "nat64-local" | "discard-only" | "teredo" | "orchid" | "orchid-v2"
  | "tunnel-6to4" | "segment-routing" | "unique-local" | "site-local" | "not-global-unicast" | "not-ip" | "scoped";

/** A refusal: the range the address is in, what that range is, its RFC, and whether an IPv4-mapped form led there. */
export interface GuardRefusal {
  allowed: false;
  range: string;
  reason: GuardReason;
  rfc?: number;
  mapped?: true;
}

export type GuardVerdict = { allowed: true } | GuardRefusal;

export interface GuardOptions {
  /** The lab's switch: opens private, loopback and other non-global unicast ranges. */
  allowPrivate: boolean;
}

interface Rule {
  cidr: string;
  reason: GuardReason;
  rfc: number;
  /** Addresses no SMTP server can have: refused even with allowPrivate. */
  never?: true;
}

const IPV4_RULES: Rule[] = [
  { cidr: "255.255.255.255/32", reason: "limited-broadcast", rfc: 919, never: true },
  { cidr: "0.0.0.0/8", reason: "this-network", rfc: 1122, never: true },
  { cidr: "10.0.0.0/8", reason: "private", rfc: 1918 },
  { cidr: "100.64.0.0/10", reason: "shared", rfc: 6598 },
  { cidr: "127.0.0.0/8", reason: "loopback", rfc: 1122 },
  { cidr: "169.254.0.0/16", reason: "link-local", rfc: 3927 },
  { cidr: "172.16.0.0/12", reason: "private", rfc: 1918 },
  { cidr: "192.0.0.0/24", reason: "ietf-protocol", rfc: 6890 },
  { cidr: "192.0.2.0/24", reason: "test-net-1", rfc: 5737 },
  { cidr: "192.88.99.0/24", reason: "relay-6to4", rfc: 7526 },
  { cidr: "192.168.0.0/16", reason: "private", rfc: 1918 },
  { cidr: "198.18.0.0/15", reason: "benchmarking", rfc: 2544 },
  { cidr: "198.51.100.0/24", reason: "test-net-2", rfc: 5737 },
  { cidr: "203.0.113.0/24", reason: "test-net-3", rfc: 5737 },
  { cidr: "224.0.0.0/4", reason: "multicast", rfc: 5771, never: true },
  { cidr: "240.0.0.0/4", reason: "reserved", rfc: 1112 },
];

// Order matters: specific ranges come before the blocks that contain them, so the reason names
// the most precise range. Tunnelling and translation prefixes (6to4, Teredo, NAT64) are refused
// outright: they lead to an IPv4 address chosen by whoever wrote the AAAA record.
const IPV6_RULES: Rule[] = [
  { cidr: "::/128", reason: "unspecified", rfc: 4291, never: true },
  { cidr: "::1/128", reason: "loopback", rfc: 4291 },
  { cidr: "64:ff9b::/96", reason: "nat64", rfc: 6052 },
  { cidr: "64:ff9b:1::/48", reason: "nat64-local", rfc: 8215 },
  { cidr: "100::/64", reason: "discard-only", rfc: 6666 },
  { cidr: "2001::/32", reason: "teredo", rfc: 4380 },
  { cidr: "2001:2::/48", reason: "benchmarking", rfc: 5180 },
  { cidr: "2001:10::/28", reason: "orchid", rfc: 4843 },
  { cidr: "2001:20::/28", reason: "orchid-v2", rfc: 7343 },
  { cidr: "2001::/23", reason: "ietf-protocol", rfc: 2928 },
  { cidr: "2001:db8::/32", reason: "documentation", rfc: 3849 },
  { cidr: "2002::/16", reason: "tunnel-6to4", rfc: 3056 },
  { cidr: "3fff::/20", reason: "documentation", rfc: 9637 },
  { cidr: "5f00::/16", reason: "segment-routing", rfc: 9602 },
  { cidr: "fc00::/7", reason: "unique-local", rfc: 4193 },
  { cidr: "fe80::/10", reason: "link-local", rfc: 4291 },
  { cidr: "fec0::/10", reason: "site-local", rfc: 3879 },
  { cidr: "ff00::/8", reason: "multicast", rfc: 4291, never: true },
];

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");

function compile<T extends ipaddr.IPv4 | ipaddr.IPv6>(rules: Rule[], parse: (cidr: string) => [T, number]) {
  return rules.map((r) => ({ ...r, net: parse(r.cidr) }));
}
const V4 = compile(IPV4_RULES, (c) => ipaddr.IPv4.parseCIDR(c));
const V6 = compile(IPV6_RULES, (c) => ipaddr.IPv6.parseCIDR(c));

function refuse(range: string, reason: GuardReason, rfc?: number): GuardRefusal {
  return rfc === undefined ? { allowed: false, range, reason } : { allowed: false, range, reason, rfc };
}

function checkV4(addr: ipaddr.IPv4, options: GuardOptions): GuardVerdict {
  for (const rule of V4) {
    if (!addr.match(rule.net)) continue;
    if (options.allowPrivate && rule.never !== true) return { allowed: true };
    return refuse(rule.cidr, rule.reason, rule.rfc);
  }
  return { allowed: true };
}

function checkV6(addr: ipaddr.IPv6, options: GuardOptions): GuardVerdict {
  // A mapped address reaches the embedded IPv4 address on a dual-stack socket: judge that one.
  if (addr.isIPv4MappedAddress()) {
    const inner = checkV4(addr.toIPv4Address(), options);
    if (inner.allowed) return inner;
    return { ...inner, range: `::ffff:0:0/96 -> ${inner.range}`, mapped: true };
  }
  for (const rule of V6) {
    if (!addr.match(rule.net)) continue;
    if (options.allowPrivate && rule.never !== true) return { allowed: true };
    return refuse(rule.cidr, rule.reason, rule.rfc);
  }
  if (!addr.match(GLOBAL_UNICAST_V6) && !options.allowPrivate) {
    return refuse("outside 2000::/3", "not-global-unicast", 4291);
  }
  return { allowed: true };
}

/**
 * Decides whether mailsec may open a connection to `ip`. Takes an address literal only:
 * a host name, or a shorthand like "127.1" that the OS would resolve, is refused.
 */
export function checkTarget(ip: string, options: GuardOptions): GuardVerdict {
  const family = net.isIP(ip);
  if (family === 0) {
    return refuse("not-ip", "not-ip");
  }
  if (family === 4) return checkV4(ipaddr.IPv4.parse(ip), options);
  const addr = ipaddr.IPv6.parse(ip);
  // A zone index only makes sense for link-local scopes, which the guard refuses anyway.
  if (addr.zoneId !== undefined && !options.allowPrivate) return refuse("scoped address", "scoped");
  return checkV6(addr, options);
}

/**
 * The params of "guard.reason" (lib/report/i18n/en/steps.ts), which words a refusal of `ip`:
 * rfc is text so that no locale groups its digits.
 */
export function guardReasonParams(refusal: GuardRefusal, ip: string): { guardReason: GuardReason; rfc: string; mapped: "yes" | "no"; ip: string } {
  return { guardReason: refusal.reason, rfc: refusal.rfc === undefined ? "" : String(refusal.rfc), mapped: refusal.mapped === true ? "yes" : "no", ip: ip.slice(0, 100) };
}
