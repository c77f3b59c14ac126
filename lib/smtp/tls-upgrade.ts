// The TLS half of STARTTLS: the handshake over the existing TCP socket, and the capture of what
// the server presented. Node's own verification is off on purpose: mailsec judges the chain
// itself (DANE, WebPKI), and checkServerIdentity would only run after OpenSSL's check passed.
import net from "node:net";
import tls from "node:tls";
import { handOverOpenSsl } from "../dane/cert-memo";
import { ProbeStop, type ProbeContext } from "./probe-context";
import type { SmtpLimits, SmtpProblem, SmtpTls } from "./types";

// RFC 8446 §6 and RFC 5246 §7.2 alert descriptions: names an admin can search for.
const ALERTS: Record<number, string> = {
  0: "close_notify",
  10: "unexpected_message",
  20: "bad_record_mac",
  22: "record_overflow",
  40: "handshake_failure",
  42: "bad_certificate",
  43: "unsupported_certificate",
  44: "certificate_revoked",
  45: "certificate_expired",
  46: "certificate_unknown",
  47: "illegal_parameter",
  48: "unknown_ca",
  49: "access_denied",
  50: "decode_error",
  51: "decrypt_error",
  70: "protocol_version",
  71: "insufficient_security",
  80: "internal_error",
  86: "inappropriate_fallback",
  90: "user_canceled",
  109: "missing_extension",
  110: "unsupported_extension",
  112: "unrecognized_name",
  116: "certificate_required",
  120: "no_application_protocol",
};

/** What went wrong in the handshake, with the alert when there was one (a value: lib/report words it). */
export function handshakeProblem(err: NodeJS.ErrnoException | null, afterMs: number): SmtpProblem {
  const text = err?.message ?? "";
  const alert = /alert number (\d+)/i.exec(text);
  if (alert !== null) {
    const n = Number(alert[1]);
    return { reason: "tls-alert", stage: "tls", ms: afterMs, code: n, text: ALERTS[n] ?? "" };
  }
  if (err === null || err.code === "ECONNRESET" || /socket disconnected|socket hang up/i.test(text)) {
    return { reason: "tls-closed", stage: "tls", ms: afterMs };
  }
  // OpenSSL's text is "<hex>:error:<code>:SSL routines:<function>:<reason>:<file>:<line>:".
  const reason = (/SSL routines:[^:]*:([^:]+)/.exec(text)?.[1] ?? (text.split("\n", 1)[0] ?? "").replace(/\.$/, "")).slice(0, 300);
  if (err.code === "ERR_SSL_WRONG_VERSION_NUMBER") return { reason: "not-tls", stage: "tls", ms: afterMs, text: reason };
  return { reason: "tls-error", stage: "tls", ms: afterMs, text: reason, code: err.code };
}

/**
 * The chain exactly as the server sent it, leaf first. getPeerCertificate(true) would complete it
 * from the local store; the issuerCertificate links of getPeerX509Certificate() follow only the
 * peer's own certificates (see docs PITFALLS). Stops at the limits and says why.
 */
export function sentChain(socket: tls.TLSSocket, limits: Pick<SmtpLimits, "maxChainCerts" | "maxChainBytes">): { chainDer: Uint8Array[]; overflow: SmtpProblem | null } {
  const chainDer: Uint8Array[] = [];
  // A certificate sent twice ends the walk: compared by its bytes, which node holds already
  // (a fingerprint per certificate cost a digest each, for the same answer).
  const seen: Buffer[] = [];
  let bytes = 0;
  let cert = socket.getPeerX509Certificate();
  while (cert !== undefined) {
    const raw = cert.raw;
    if (seen.some((s) => s.equals(raw))) break;
    seen.push(raw);
    if (chainDer.length >= limits.maxChainCerts) {
      return { chainDer, overflow: { reason: "chain-certs", stage: "tls", limit: limits.maxChainCerts } };
    }
    if (bytes + raw.length > limits.maxChainBytes) {
      return { chainDer, overflow: { reason: "chain-bytes", stage: "tls", limit: limits.maxChainBytes } };
    }
    const der = new Uint8Array(raw);
    chainDer.push(der);
    bytes += raw.length;
    // The handshake already decoded it: the checks take this parse instead of making their own.
    handOverOpenSsl(cert, der);
    cert = cert.issuerCertificate;
  }
  return { chainDer, overflow: null };
}

export interface TlsUpgrade {
  socket: tls.TLSSocket;
  tls: SmtpTls;
  /** Set when the chain was cut at the limits. */
  chainOverflow: SmtpProblem | null;
}

let probeContext: tls.SecureContext | null = null;

/**
 * One client context for every probe of the process: making one per connection cost CPU each time
 * (OpenSSL context set-up, the root store attached). No CA store: node's own verification is off
 * (rejectUnauthorized: false), the chain is judged afterwards. Sharing it resumes nothing: node
 * keeps no client sessions in a context, and probes pass no `session` (tests/smtp/probe.test.ts
 * shows each probe sees a full handshake and the whole chain).
 */
function sharedContext(): tls.SecureContext {
  probeContext ??= tls.createSecureContext({
    // An analyzer must see what an old server offers (and report it), not fail the handshake:
    // TLS 1.0/1.1 and SHA-1 era suites need OpenSSL's security level 0.
    minVersion: "TLSv1",
    ciphers: "DEFAULT:@SECLEVEL=0",
    ca: [],
  });
  return probeContext;
}

/** Runs the handshake over `raw`; never reuses a session, so the peer chain is always present. */
export async function upgradeToTls(
  probe: ProbeContext,
  raw: net.Socket,
  options: { mxHost: string; tlsMs: number; limits: SmtpLimits; own: (s: tls.TLSSocket) => void },
): Promise<TlsUpgrade> {
  // SNI carries names only (RFC 6066 §3); an address literal as MX host gets none.
  const sni = net.isIP(options.mxHost) === 0 ? options.mxHost.replace(/\.$/, "") : "";
  const started = probe.elapsed();
  const socket = tls.connect({
    socket: raw,
    ...(sni !== "" ? { servername: sni } : {}),
    rejectUnauthorized: false,
    session: undefined,
    secureContext: sharedContext(),
  });
  socket.on("error", () => undefined);
  options.own(socket);
  probe.note({ event: "tls-started", sni });
  await probe.wait<void>(
    options.tlsMs,
    () => new ProbeStop("tls-handshake-failed", { reason: "tls-timeout", stage: "tls", ms: options.tlsMs }),
    (resolve, reject) => {
      let lastError: NodeJS.ErrnoException | null = null;
      const onSecure = () => resolve();
      const onError = (err: NodeJS.ErrnoException) => {
        lastError = err;
        reject(new ProbeStop("tls-handshake-failed", handshakeProblem(err, probe.elapsed() - started)));
      };
      const onClose = () => reject(new ProbeStop("tls-handshake-failed", handshakeProblem(lastError, probe.elapsed() - started)));
      socket.once("secureConnect", onSecure);
      socket.on("error", onError);
      socket.once("close", onClose);
      return () => {
        socket.off("secureConnect", onSecure);
        socket.off("error", onError);
        socket.off("close", onClose);
      };
    },
  );
  const handshakeMs = probe.elapsed() - started;
  const cipher = socket.getCipher();
  const { chainDer, overflow } = sentChain(socket, options.limits);
  const alpn = typeof socket.alpnProtocol === "string" ? socket.alpnProtocol : undefined;
  const result: SmtpTls = {
    version: socket.getProtocol() ?? "unknown",
    cipher: { name: cipher.name, standardName: cipher.standardName, version: cipher.version },
    chainDer,
    sni,
    handshakeMs,
    ...(alpn !== undefined ? { alpn } : {}),
  };
  probe.note({ event: "tls-established", version: result.version, cipher: cipher.standardName ?? cipher.name, count: chainDer.length, ms: handshakeMs });
  return { socket, tls: result, chainOverflow: overflow };
}
