// The security headers, in one place: proxy.ts puts them (with a per-request nonce CSP) on every
// response Next routes, and the front door (front-door.ts) puts the same ones, with a CSP that
// allows nothing, on every response before Next sees the request, so answers Next gives before or
// without the proxy (its repeated-slash redirect, a 500 for a method its adapter cannot carry)
// carry them too.

/** Everything but the Content-Security-Policy, which differs between pages and the baseline. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
};

/** For responses no page script runs in: nothing may load, nothing may frame it. */
export const BASELINE_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The per-request policy of a page: Next puts the nonce on its own scripts. */
export function pageContentSecurityPolicy(nonce: string, dev: boolean): string {
  // Development only: React evaluates code for its error overlay, and the dev tools inject style
  // elements without the nonce (a nonce would make browsers ignore 'unsafe-inline'). The
  // production build needs neither (tests/e2e checks it runs without a CSP violation).
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
