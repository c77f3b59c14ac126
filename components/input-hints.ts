// What the form does with a typed target before the API sees it: a URL is reduced to its host (a
// person pastes links), and a name longer than DNS allows is told the limit instead of a generic
// refusal. The API parses the result once more at its door (lib/checks/input.ts), as for any client.

// The types a mail admin asks about; the CLI (--type) takes any type.
export const DNSSEC_TYPES = ["MX", "TLSA", "A", "AAAA", "TXT", "NS", "SOA", "DS", "DNSKEY", "CNAME"] as const;
export type DnssecType = (typeof DNSSEC_TYPES)[number];

export function dnssecType(value: unknown): DnssecType {
  const upper = typeof value === "string" ? value.toUpperCase() : "";
  return DNSSEC_TYPES.find((type) => type === upper) ?? "MX";
}

/** RFC 1035 §2.3.4 in presentation form (255 octets on the wire); RFC 5321 §4.5.3.1.3 for a path. */
export const MAX_DOMAIN = 253;
export const MAX_ADDRESS = 320;

export type Target =
  | { kind: "as-typed"; value: string }
  | { kind: "from-url"; value: string }
  | { kind: "too-long"; length: number; max: number; what: "domain" | "address" };

export function normalizeTarget(typed: string): Target {
  let value = typed.trim();
  let kind: "as-typed" | "from-url" = "as-typed";
  if (/^mailto:/i.test(value)) {
    value = value.replace(/^mailto:/i, "").split("?")[0] ?? "";
    kind = "from-url";
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    try {
      const host = new URL(value).hostname.replace(/^\[|\]$/g, "");
      if (host) {
        value = host;
        kind = "from-url";
      }
    } catch {
      // Not a URL after all: the API says what is wrong with it.
    }
  }
  const at = value.lastIndexOf("@");
  const domain = at >= 0 ? value.slice(at + 1) : value;
  if (domain.replace(/\.$/, "").length > MAX_DOMAIN) return { kind: "too-long", length: domain.length, max: MAX_DOMAIN, what: "domain" };
  if (value.length > MAX_ADDRESS) return { kind: "too-long", length: value.length, max: MAX_ADDRESS, what: "address" };
  return { kind, value };
}
