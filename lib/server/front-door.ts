// What the serving process does to every HTTP request before Next sees it. Next answers some
// requests without running proxy.ts (its repeated-slash redirect; a bare 500 for a method its
// fetch adapter cannot construct a Request for), so the headers and refusals that must hold for
// every response are set here, on the Node response itself:
// - the client's socket address is stamped on the request (lib/server/client-address.ts says why);
// - the security headers go on first, with a CSP that allows nothing; the proxy replaces that CSP
//   with the page's nonce policy on everything it routes;
// - TRACE gets a 405 (an answer, not Next's 500).
import http from "node:http";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { BASELINE_CSP, SECURITY_HEADERS } from "./security-headers";

const installed = Symbol.for("mailsec.frontDoor");
type Patched = typeof http.Server.prototype & { [installed]?: true };

/**
 * Methods undici's Request refuses to carry, so Next's adapter throws on them. (Node's parser
 * itself answers TRACK with 400, and CONNECT never becomes a "request" event.)
 */
const UNCARRIED_METHODS: ReadonlySet<string> = new Set(["TRACE", "TRACK", "CONNECT"]);

/** Applies the front door to one request; true when it answered the request itself. */
export function frontDoor(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? "unknown";
  res.setHeader("content-security-policy", BASELINE_CSP);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (!UNCARRIED_METHODS.has((req.method ?? "").toUpperCase())) return false;
  res.statusCode = 405;
  res.setHeader("allow", "GET, HEAD, POST, OPTIONS");
  res.setHeader("content-type", "application/json");
  res.setHeader("cache-control", "no-store");
  res.end(JSON.stringify({ error: `mailsec does not answer ${req.method} requests.` }));
  return true;
}

/** Puts the front door before every HTTP server of this process (`next start`'s included). */
export function installFrontDoor(): void {
  const proto = http.Server.prototype as Patched;
  if (proto[installed]) return;
  proto[installed] = true;
  const emit = proto.emit;
  // Patching the prototype reaches the server `next start` already created; only "request" is touched.
  proto.emit = function frontDoorEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    const [req, res] = args;
    if (event === "request" && req instanceof http.IncomingMessage && res instanceof http.ServerResponse && frontDoor(req, res)) return true;
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  };
}
