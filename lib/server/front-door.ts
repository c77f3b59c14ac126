// What the serving process does to every HTTP request before Next sees it. Next answers some
// requests without running proxy.ts (its repeated-slash redirect; a bare 500 for a method its
// fetch adapter cannot construct a Request for), so the headers and refusals that must hold for
// every response are set here, on the Node response itself:
// - the client's socket address is stamped on the request (lib/server/client-address.ts says why);
// - the security headers go on first, with a CSP that allows nothing; the proxy replaces that CSP
//   with the page's nonce policy on everything it routes;
// - TRACE gets a 405 (an answer, not Next's 500);
// - a path with a door of its own (/api/runs: run-door.ts) is answered by that door, and
//   Next never sees it.
import http from "node:http";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { BASELINE_CSP, SECURITY_HEADERS } from "./security-headers";

/** A path's own handler: it answers the request on the node response. */
export type Door = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const installed = Symbol.for("mailsec.frontDoor");
type Patched = typeof http.Server.prototype & { [installed]?: true };
// The doors by exact path, on globalThis: the patch is made once per process, by whichever copy
// of this module came first (Next loads modules in several bundles), and reads them all here.
const doorsSlot = Symbol.for("mailsec.frontDoor.doors");
const doors: Map<string, Door> = ((globalThis as typeof globalThis & { [doorsSlot]?: Map<string, Door> })[doorsSlot] ??= new Map());

/** The request's path without its query: origin-form ("/a?b"), or absolute-form as a proxy sends it. */
function pathOf(url: string): string {
  if (url.startsWith("/")) {
    const query = url.indexOf("?");
    return query === -1 ? url : url.slice(0, query);
  }
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

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
  if (!UNCARRIED_METHODS.has((req.method ?? "").toUpperCase())) {
    const door = doors.size > 0 ? doors.get(pathOf(req.url ?? "/")) : undefined;
    if (!door) return false;
    door(req, res);
    return true;
  }
  res.statusCode = 405;
  res.setHeader("allow", "GET, HEAD, POST, OPTIONS");
  res.setHeader("content-type", "application/json");
  res.setHeader("cache-control", "no-store");
  res.end(JSON.stringify({ error: `mailsec does not answer ${req.method} requests.` }));
  return true;
}

/**
 * Puts the front door before every HTTP server of this process (`next start`'s included), with
 * `add`'s doors beside those already installed (a path's later door replaces its earlier one).
 */
export function installFrontDoor(add: Readonly<Record<string, Door>> = {}): void {
  for (const [path, door] of Object.entries(add)) doors.set(path, door);
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
