// The SSRF guard: mailsec connects wherever a stranger's DNS points it, so every outbound
// connection is checked on the IP address actually connected to (never a name, which could
// resolve differently at connect time). Ranges follow the IANA IPv4 and IPv6 Special-Purpose
// Address Registries (RFC 6890 and successors).
import net from "node:net";
import ipaddr from "ipaddr.js";

export type GuardVerdict = { allowed: true } | { allowed: false; range: string; reason: string };

export interface GuardOptions {
  /** The lab's switch: opens private, loopback and other non-global unicast ranges. */
  allowPrivate: boolean;
}

interface Rule {
  cidr: string;
  reason: string;
  /** Addresses no SMTP server can have: refused even with allowPrivate. */
  never?: true;
}

const IPV4_RULES: Rule[] = [
  { cidr: "255.255.255.255/32", reason: "the limited broadcast address (RFC 919)", never: true },
  { cidr: "0.0.0.0/8", reason: "the unspecified 'this network' range (RFC 1122)", never: true },
  { cidr: "10.0.0.0/8", reason: "a private network (RFC 1918)" },
  { cidr: "100.64.0.0/10", reason: "carrier-grade NAT shared space (RFC 6598)" },
  { cidr: "127.0.0.0/8", reason: "loopback (RFC 1122)" },
  { cidr: "169.254.0.0/16", reason: "link-local (RFC 3927)" },
  { cidr: "172.16.0.0/12", reason: "a private network (RFC 1918)" },
  { cidr: "192.0.0.0/24", reason: "IETF protocol assignments (RFC 6890)" },
  { cidr: "192.0.2.0/24", reason: "documentation TEST-NET-1 (RFC 5737)" },
  { cidr: "192.88.99.0/24", reason: "the deprecated 6to4 relay anycast range (RFC 7526)" },
  { cidr: "192.168.0.0/16", reason: "a private network (RFC 1918)" },
  { cidr: "198.18.0.0/15", reason: "benchmarking (RFC 2544)" },
  { cidr: "198.51.100.0/24", reason: "documentation TEST-NET-2 (RFC 5737)" },
  { cidr: "203.0.113.0/24", reason: "documentation TEST-NET-3 (RFC 5737)" },
  { cidr: "224.0.0.0/4", reason: "multicast (RFC 5771)", never: true },
  { cidr: "240.0.0.0/4", reason: "reserved for future use (RFC 1112)" },
];

// Order matters: specific ranges come before the blocks that contain them, so the reason names
// the most precise range. Tunnelling and translation prefixes (6to4, Teredo, NAT64) are refused
// outright: they lead to an IPv4 address chosen by whoever wrote the AAAA record.
const IPV6_RULES: Rule[] = [
  { cidr: "::/128", reason: "the unspecified address (RFC 4291)", never: true },
  { cidr: "::1/128", reason: "loopback (RFC 4291)" },
  { cidr: "64:ff9b::/96", reason: "the NAT64 well-known prefix, which embeds an IPv4 address (RFC 6052)" },
  { cidr: "64:ff9b:1::/48", reason: "the local-use NAT64 prefix (RFC 8215)" },
  { cidr: "100::/64", reason: "the discard-only prefix (RFC 6666)" },
  { cidr: "2001::/32", reason: "Teredo tunnelling, which embeds an IPv4 address (RFC 4380)" },
  { cidr: "2001:2::/48", reason: "benchmarking (RFC 5180)" },
  { cidr: "2001:10::/28", reason: "deprecated ORCHID identifiers (RFC 4843)" },
  { cidr: "2001:20::/28", reason: "ORCHIDv2 identifiers (RFC 7343)" },
  { cidr: "2001::/23", reason: "IETF protocol assignments (RFC 2928)" },
  { cidr: "2001:db8::/32", reason: "documentation (RFC 3849)" },
  { cidr: "2002::/16", reason: "6to4 tunnelling, which embeds an IPv4 address (RFC 3056)" },
  { cidr: "3fff::/20", reason: "documentation (RFC 9637)" },
  { cidr: "5f00::/16", reason: "segment routing SIDs (RFC 9602)" },
  { cidr: "fc00::/7", reason: "unique local addresses, the IPv6 private range (RFC 4193)" },
  { cidr: "fe80::/10", reason: "link-local (RFC 4291)" },
  { cidr: "fec0::/10", reason: "deprecated site-local (RFC 3879)" },
  { cidr: "ff00::/8", reason: "multicast (RFC 4291)", never: true },
];

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");

function compile<T extends ipaddr.IPv4 | ipaddr.IPv6>(rules: Rule[], parse: (cidr: string) => [T, number]) {
  return rules.map((r) => ({ ...r, net: parse(r.cidr) }));
}
const V4 = compile(IPV4_RULES, (c) => ipaddr.IPv4.parseCIDR(c));
const V6 = compile(IPV6_RULES, (c) => ipaddr.IPv6.parseCIDR(c));

function refuse(range: string, reason: string): GuardVerdict {
  return { allowed: false, range, reason };
}

function checkV4(addr: ipaddr.IPv4, options: GuardOptions): GuardVerdict {
  for (const rule of V4) {
    if (!addr.match(rule.net)) continue;
    if (options.allowPrivate && rule.never !== true) return { allowed: true };
    return refuse(rule.cidr, rule.reason);
  }
  return { allowed: true };
}

function checkV6(addr: ipaddr.IPv6, options: GuardOptions): GuardVerdict {
  // A mapped address reaches the embedded IPv4 address on a dual-stack socket: judge that one.
  if (addr.isIPv4MappedAddress()) {
    const inner = checkV4(addr.toIPv4Address(), options);
    if (inner.allowed) return inner;
    return refuse(`::ffff:0:0/96 -> ${inner.range}`, `an IPv4-mapped form of ${inner.reason}`);
  }
  for (const rule of V6) {
    if (!addr.match(rule.net)) continue;
    if (options.allowPrivate && rule.never !== true) return { allowed: true };
    return refuse(rule.cidr, rule.reason);
  }
  if (!addr.match(GLOBAL_UNICAST_V6) && !options.allowPrivate) {
    return refuse("outside 2000::/3", "not IPv6 global unicast space (reserved by the IETF, RFC 4291)");
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
    return refuse("not an IP address", `"${ip.slice(0, 100)}" is not an IPv4 or IPv6 address literal; the guard only judges the address actually connected to`);
  }
  if (family === 4) return checkV4(ipaddr.IPv4.parse(ip), options);
  const addr = ipaddr.IPv6.parse(ip);
  // A zone index only makes sense for link-local scopes, which the guard refuses anyway.
  if (addr.zoneId !== undefined && !options.allowPrivate) return refuse("scoped address", "an address with a zone index (link-local scope)");
  return checkV6(addr, options);
}
