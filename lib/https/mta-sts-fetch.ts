// Fetches an MTA-STS policy (RFC 8461 §3.3) the way a sender must: HTTPS to `mta-sts.<domain>`
// on the address mailsec resolved and the SSRF guard allowed (never a name the OS resolves again),
// SNI and WebPKI validation of that name (lib/dane/certificate.ts, the same check as the Inbound
// test's certificate step, over the same roots), GET /.well-known/mta-sts.txt, HTTP 200 only —
// a redirect is a failure, not followed —, `text/plain`, at most 64 KiB, within a bounded time.
// The body goes back raw (its line breaks are its syntax); lib/policies/mta-sts.ts shows it, and
// quotes it in findings, only through visibleText, the one sanitiser for remote text.
import http from "node:http";
import net from "node:net";
import tls from "node:tls";
import { analyzeCertificate } from "../dane/certificate";
import type { PolicyFetch, PolicyFetchFailure } from "../policies/mta-sts";
import { policyHost } from "../policies/mta-sts";
import { visibleText } from "../report/text";
import { checkTarget } from "../smtp/guard";
import { handshakeProblem, sentChain } from "../smtp/tls-upgrade";
import { POLICY_FETCH_USER_AGENT } from "./user-agent";

export const POLICY_MAX_BYTES = 64 * 1024;
const POLICY_PATH = "/.well-known/mta-sts.txt";

export interface PolicyFetchOptions {
  domain: string;
  /** Addresses of mta-sts.<domain> from mailsec's own resolver; tried in order, at most `maxAddresses`. */
  addresses: readonly string[];
  port?: number;
  allowPrivate: boolean;
  /** Trusted roots as PEM (the system's WebPKI roots plus --ca-file). */
  roots: readonly string[];
  now: Date;
  timeoutMs?: number;
  maxAddresses?: number;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 10_000;

let fetchContext: tls.SecureContext | null = null;

/**
 * One client context for every policy fetch of the process (as the SMTP probe's): tls.connect
 * without one builds a context per connection (~0.2 ms CPU, OpenSSL set-up and the root store).
 * One serves every CA set: OpenSSL verifies nothing here (rejectUnauthorized: false, no CA), the
 * chain is judged afterwards by analyzeCertificate over the caller's roots. Node's default
 * protocol versions and ciphers, as a sender's HTTPS client would offer. No session is kept or
 * offered, so every fetch sees the whole chain.
 */
function sharedContext(): tls.SecureContext {
  fetchContext ??= tls.createSecureContext({ ca: [] });
  return fetchContext;
}

/** The policy as a sender would get it, or why it could not be had. Never throws. */
export async function fetchStsPolicy(options: PolicyFetchOptions): Promise<PolicyFetch> {
  const host = policyHost(options.domain);
  const port = options.port ?? 443;
  const url = `https://${host}${port === 443 ? "" : `:${port}`}${POLICY_PATH}`;
  const fail = (failure: PolicyFetchFailure): PolicyFetch => ({ ok: false, url, failure });
  if (options.addresses.length === 0) return fail({ kind: "network", problem: { reason: "no-address" } });
  let last: PolicyFetch | null = null;
  for (const ip of options.addresses.slice(0, options.maxAddresses ?? 2)) {
    const verdict = checkTarget(ip, { allowPrivate: options.allowPrivate });
    if (!verdict.allowed) {
      last = fail({ kind: "network", problem: { reason: "guard", ip, range: verdict.range } });
      continue;
    }
    last = await fetchFrom(ip, host, port, url, options);
    // Only an address that could not be reached lets the next one be tried: an answer is an answer.
    if (last.ok || last.failure.kind !== "network") return last;
  }
  return last!;
}

function fetchFrom(ip: string, host: string, port: number, url: string, options: PolicyFetchOptions): Promise<PolicyFetch> {
  const fail = (failure: PolicyFetchFailure): PolicyFetch => ({ ok: false, url, failure });
  return new Promise<PolicyFetch>((resolve) => {
    let settled = false;
    let socket: tls.TLSSocket | null = null;
    const finish = (result: PolicyFetch) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      socket?.destroy();
      resolve(result);
    };
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => finish(fail({ kind: "network", problem: { reason: "timeout", ip, ms: timeoutMs } })), timeoutMs);
    const onAbort = () => finish(fail({ kind: "network", problem: { reason: "stopped" } }));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });

    const started = Date.now();
    const raw = net.connect({ host: ip, port });
    raw.once("error", (err: NodeJS.ErrnoException) => finish(fail({ kind: "network", problem: { reason: "socket", ip, code: visibleText(err.code ?? err.message).slice(0, 200) } })));
    raw.once("connect", () => {
      const secure = tls.connect({ socket: raw, servername: host, rejectUnauthorized: false, ALPNProtocols: ["http/1.1"], session: undefined, secureContext: sharedContext() });
      socket = secure;
      secure.once("error", (err: NodeJS.ErrnoException) => finish(fail({ kind: "network", problem: { reason: "tls", ip, tls: handshakeProblem(err, Date.now() - started) } })));
      secure.once("secureConnect", () => {
        const { chainDer } = sentChain(secure, { maxChainCerts: 10, maxChainBytes: 64 * 1024 });
        const cert = analyzeCertificate({ chainDer, hostName: host, now: options.now, roots: options.roots });
        const reason = certificateProblem(cert);
        if (reason !== null) return finish(fail({ kind: "certificate", ip, reason }));
        request(secure, host, (result) => finish(result ?? fail({ kind: "network", problem: { reason: "closed", ip } })), url, ip);
      });
    });
  });
}

/** The first reason a sender would not accept the policy host's certificate (§3.3: WebPKI, the name), or null. */
function certificateProblem(cert: ReturnType<typeof analyzeCertificate>): string | null {
  if (!cert.readable) return "unreadable";
  const codes = new Set(cert.problems.map((p) => p.code));
  if (codes.has("CERT_EXPIRED")) return "expired";
  if (codes.has("CERT_NOT_YET_VALID")) return "not-yet-valid";
  if (!cert.nameMatches) return "name-mismatch";
  return cert.webpkiTrusted ? null : "untrusted";
}

function request(secure: tls.TLSSocket, host: string, done: (result: PolicyFetch | null) => void, url: string, ip: string): void {
  const fail = (failure: PolicyFetchFailure): PolicyFetch => ({ ok: false, url, failure });
  const req = http.request({
    method: "GET",
    path: POLICY_PATH,
    headers: { Host: host, Accept: "text/plain", "User-Agent": POLICY_FETCH_USER_AGENT, Connection: "close" },
    createConnection: () => secure,
    maxHeaderSize: 16 * 1024,
    insecureHTTPParser: false,
  });
  req.once("error", (err: NodeJS.ErrnoException) => done(fail({ kind: "network", problem: { reason: "socket", ip, code: visibleText(err.code ?? err.message).slice(0, 200) } })));
  req.once("response", (res) => {
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400) {
      const location = visibleText(String(res.headers.location ?? "")).slice(0, 500);
      return done(fail({ kind: "redirect", status, location }));
    }
    if (status !== 200) return done(fail({ kind: "status", status }));
    const contentType = String(res.headers["content-type"] ?? "");
    const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
    if (mediaType !== "text/plain") return done(fail({ kind: "content-type", contentType: visibleText(contentType).slice(0, 200) || "(none)" }));
    const declared = Number(res.headers["content-length"] ?? NaN);
    if (declared > POLICY_MAX_BYTES) return done(fail({ kind: "too-large", limit: POLICY_MAX_BYTES }));
    const chunks: Buffer[] = [];
    let size = 0;
    res.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > POLICY_MAX_BYTES) return done(fail({ kind: "too-large", limit: POLICY_MAX_BYTES }));
      chunks.push(chunk);
    });
    // Raw text: the parser needs its line breaks; lib/policies shows it line by line through visibleText.
    res.once("end", () => done({ ok: true, url, ip, body: Buffer.concat(chunks).toString("utf8") }));
    res.once("aborted", () => done(null));
    res.once("error", () => done(null));
  });
  req.end();
}
