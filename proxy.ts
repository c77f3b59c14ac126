// Security headers on every response Next routes. The Content-Security-Policy carries a fresh
// nonce per request: Next reads it from the request's CSP header and puts it on its own scripts, so
// no script runs without it ('strict-dynamic' lets those scripts load the page's chunks). This only
// works for pages rendered per request, which is why the root layout awaits connection().
// Answers Next gives without running this proxy get the baseline headers from the front door
// (lib/server/front-door.ts). /api/runs never reaches Next: the front door serves it (run-door.ts)
// with those baseline headers (its NDJSON stream is no page).
import { NextResponse, type NextRequest } from "next/server";
import { SECURITY_HEADERS, pageContentSecurityPolicy } from "./lib/server/security-headers";

function secure<T extends Response>(response: T, csp: string): T {
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

/** Whether every escape in the path decodes: Next answers a bare 500 when a dynamic segment does not. */
function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  if (!decodable(request.nextUrl.pathname)) {
    const body = { error: "The address has a malformed percent-escape: a '%' must be followed by two hexadecimal digits of UTF-8." };
    return secure(NextResponse.json(body, { status: 400, headers: { "cache-control": "no-store" } }), csp);
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  return secure(NextResponse.next({ request: { headers: requestHeaders } }), csp);
}
