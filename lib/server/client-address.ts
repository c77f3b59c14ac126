// Who is asking: the key the per-client limit counts under. A route handler never sees the socket,
// and Next only fills X-Forwarded-For with the socket's address when the client did not send one,
// so a client could name itself anything. The serving process therefore stamps every request with
// the socket's address in a header of its own, overwriting whatever the client sent under it
// (lib/server/front-door.ts).
import ipaddr from "ipaddr.js";

export const CLIENT_ADDRESS_HEADER = "x-mailsec-client-address";

/**
 * One key per client: an IPv4 address, or an IPv6 /64 (one subscriber's usual allocation, so a
 * host cannot rotate through its own prefix to get a fresh budget). IPv4-mapped IPv6 counts as IPv4.
 */
export function clientKeyOf(address: string): string {
  const text = address.trim().replace(/^\[|\]$/g, "").split("%")[0] ?? "";
  if (!ipaddr.isValid(text)) return "unknown";
  const parsed = ipaddr.process(text);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(":")}::/64`;
}

/**
 * The client behind a request. With a trusted proxy in front (MAILSEC_TRUST_PROXY=1) it is the
 * last X-Forwarded-For entry, the one that proxy appended; entries before it are the client's say.
 */
export function clientAddress(headers: Pick<Headers, "get">, trustProxy: boolean): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  if (trustProxy && forwarded) return clientKeyOf(forwarded);
  const stamped = headers.get(CLIENT_ADDRESS_HEADER);
  // Without the stamp (a process that did not install it), X-Forwarded-For is Next's socket address
  // unless the client sent one; the last entry is the best left.
  return clientKeyOf(stamped ?? forwarded ?? "unknown");
}
