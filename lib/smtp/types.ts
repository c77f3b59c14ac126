// The SMTP probe's contract: what the caller passes and the value that comes back. Everything the
// peer does ends up in the result; probeSmtp never throws for it.

/** One SMTP reply: its code and the text of each line (code and separator removed). */
export interface SmtpReply {
  code: number;
  lines: string[];
}

export interface SmtpTimeouts {
  /** TCP connect. */
  connectMs: number;
  /** Each reply, from the command (or connect) to its last line. */
  readMs: number;
  /** The TLS handshake after STARTTLS. */
  tlsMs: number;
  /** The whole probe, connect to QUIT. */
  totalMs: number;
  /**
   * The wait for the 220 greeting: servers that tarpit delay it on purpose, and RFC 5321
   * §4.5.3.2.1 lets a client wait 5 minutes. The delay seen is reported as information.
   */
  greetingMs: number;
  /** After a throttling answer, one more attempt follows a jittered wait in this range (max 0: never). */
  throttleRetryMinMs: number;
  throttleRetryMaxMs: number;
}

export interface SmtpLimits {
  /** One reply line, without its line end (RFC 5321 §4.5.3.1.5 allows 512). */
  maxLineBytes: number;
  /** Lines in one multiline reply. */
  maxReplyLines: number;
  /** Bytes the server may send on one connection (plaintext and TLS-decrypted together). */
  maxBytesPerConnection: number;
  /** Certificates kept from the presented chain. */
  maxChainCerts: number;
  /** DER bytes kept from the presented chain. */
  maxChainBytes: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = {
  connectMs: 10_000,
  readMs: 30_000,
  tlsMs: 15_000,
  totalMs: 60_000,
  greetingMs: 30_000,
  throttleRetryMinMs: 2_000,
  throttleRetryMaxMs: 6_000,
};

export const DEFAULT_SMTP_LIMITS: SmtpLimits = {
  maxLineBytes: 2048,
  maxReplyLines: 100,
  maxBytesPerConnection: 1024 * 1024,
  maxChainCerts: 10,
  maxChainBytes: 64 * 1024,
};

export interface SmtpEnvelope {
  from: string;
  to: string;
  /**
   * An address has a UTF-8 local part (RFC 6531): MAIL FROM carries SMTPUTF8, and the envelope is
   * sent only when the server offers that extension over TLS.
   */
  smtputf8?: boolean | undefined;
  /** The message; DATA is sent only when it is given. Line ends are normalised, dots stuffed. */
  data?: string | undefined;
}

export interface SmtpProbeOptions {
  /** The address to connect to (a literal: the guard judges exactly this). */
  ip: string;
  port: number;
  /** The MX host name: SNI, and the name the certificate is about. */
  mxHost: string;
  heloName: string;
  allowPrivate: boolean;
  timeouts?: Partial<SmtpTimeouts> | undefined;
  limits?: Partial<SmtpLimits> | undefined;
  signal?: AbortSignal | undefined;
  envelope?: SmtpEnvelope | undefined;
  /**
   * Asked before every connection (the retry's too): false when this destination's connection
   * budget is spent (lib/server/destination-budget.ts), and the probe then does not connect.
   */
  admit?: ((ip: string) => Promise<boolean>) | undefined;
}

/** Where a server told mailsec to go away, and what it said (sanitised, at most 300 characters). */
export interface SmtpThrottle {
  stage: "connect" | "banner" | "ehlo" | "starttls";
  /** The server's reply; empty when it said nothing and reset or closed the connection instead (`how`). */
  reply: string;
  how?: "reset" | "closed" | undefined;
}

export type SmtpErrorKind =
  | "refused-target"
  | "connect-refused"
  | "connect-timeout"
  | "no-banner"
  | "banner-rejected"
  | "read-timeout"
  | "line-too-long"
  | "too-many-lines"
  | "connection-closed"
  | "ehlo-rejected"
  | "starttls-not-offered"
  | "starttls-refused"
  | "smtputf8-not-offered"
  | "starttls-injection"
  | "tls-handshake-failed"
  | "chain-too-long"
  | "protocol-error"
  | "aborted"
  | "total-timeout"
  /** 421/450 at the banner, EHLO or STARTTLS, or a reset right after connect: says nothing about TLS or DANE. */
  | "throttled"
  /** mailsec's own per-destination connection budget was spent: no connection was made. */
  | "budget-exhausted";

/** Where in the conversation something happened: what mailsec sent or waited for. */
export type SmtpStage = "connect" | "banner" | "ehlo" | "ehlo-tls" | "helo" | "starttls" | "tls" | "mail" | "rcpt" | "data" | "message" | "quit" | "run";

/**
 * What went wrong, as data: no sentence is made here (lib/report/i18n words it, `smtp.problem`).
 * `reason` says what happened, the other fields what it is about, where they apply.
 */
export interface SmtpProblem {
  reason:
    | "guard" // the address guard refused the target: `text` is the range it is in
    | "not-ip" // the target is not an address literal: `text` is what was given
    | "cancelled" // the caller's abort (`ms`: after how long, when it had started)
    | "budget" // mailsec's own per-destination connection budget is spent
    | "total-timeout" // the whole probe's bound, `ms`
    | "connect-timeout" // `ms`
    | "connect-refused" // ECONNREFUSED: nothing listens
    | "connect-error" // another socket error: `code` (errno), `text` (the system's own words)
    | "no-banner" // silence after connecting, `ms`
    | "read-timeout" // `stage`, `ms`, `bytes` arrived meanwhile (0: nothing; more: a trickle)
    | "line-too-long" // a reply line over `limit` bytes
    | "too-many-lines" // a multiline reply over `limit` lines
    | "not-a-reply" // `text` is no SMTP reply line
    | "code-changed" // a multiline reply changed its code: `code` "250->550"
    | "too-much-data" // more than `limit` bytes on one connection
    | "closed" // the server closed the connection at `stage` after `ms` (`code`: errno, if any)
    | "rejected" // the server answered `stage` with `code` and `text` (its reply)
    | "helo-only" // EHLO rejected, HELO accepted: no extensions, no STARTTLS
    | "not-offered" // no STARTTLS in the EHLO reply
    | "injection" // `bytes` of plaintext after the 220 to STARTTLS
    | "tls-timeout" // `ms`
    | "tls-alert" // the server sent TLS alert `code` (`text`: its RFC 8446 name), after `ms`
    | "tls-closed" // the server closed the connection in the handshake, after `ms`
    | "not-tls" // the answer to the ClientHello is not TLS: `text` is OpenSSL's reason, after `ms`
    | "tls-error" // another handshake failure: `text` (OpenSSL's reason), `code`, after `ms`
    | "chain-certs" // more than `limit` certificates presented
    | "chain-bytes" // more than `limit` bytes of certificates
    | "smtputf8" // no SMTPUTF8 over TLS for a UTF-8 address (RFC 6531 §3.4)
    | "throttled" // 421/450 at `stage`: `text` is what the server said
    | "throttled-reset" // a reset as the connection opened
    | "throttled-closed"; // a close before any greeting
  stage?: SmtpStage | undefined;
  ms?: number | undefined;
  bytes?: number | undefined;
  limit?: number | undefined;
  code?: string | number | undefined;
  /** Text from the other side or the system, as it came (bounded, made visible). */
  text?: string | undefined;
}

export interface SmtpError {
  kind: SmtpErrorKind;
  /** What went wrong, as tokens and values (what was waited for, how long, the alert). */
  problem: SmtpProblem;
}

/**
 * An annotation of the transcript: what happened on the wire, as a token and values
 * (lib/report/i18n words it: `transcript.*`).
 */
export type TranscriptNote =
  | { event: "connecting"; ip: string; port: number }
  | { event: "connected"; ms: number }
  | { event: "tls-started"; sni: string }
  | { event: "tls-established"; version: string; cipher: string; count: number; ms: number }
  | { event: "retry"; reply: string; ms: number }
  | { event: "more-lines"; count: number }
  | { event: "message-sent"; bytes: number }
  | { event: "cut" }
  | { event: "stopped"; problem: SmtpProblem };

export interface TranscriptEntry {
  /** C: what mailsec sent; S: what the server sent; info: what happened on the wire. */
  dir: "C" | "S" | "info";
  /** C and S: the line as sent or received; info: empty, the note says it. */
  text: string;
  /** info: what happened. */
  note?: TranscriptNote | undefined;
  /** Milliseconds since the probe started. */
  atMs: number;
}

export interface SmtpEhlo {
  reply: SmtpReply;
  /** Keywords with their parameters, as advertised (e.g. "SIZE 10240000"); empty after HELO. */
  extensions: string[];
  /** True when EHLO was rejected and HELO used instead (then no STARTTLS is possible). */
  usedHelo: boolean;
}

export interface SmtpTls {
  /** Negotiated protocol, e.g. "TLSv1.3". */
  version: string;
  cipher: { name: string; standardName?: string | undefined; version: string };
  /** DER of each certificate the server sent, leaf first, nothing added from a local store. */
  chainDer: Uint8Array[];
  sni: string;
  alpn?: string | undefined;
  handshakeMs: number;
}

/**
 * A conversation paused after EHLO over TLS (probeSmtpHeld), so that the recipient check goes on
 * in it instead of connecting to the same address again.
 */
export interface HeldSmtpSession {
  /**
   * MAIL, RCPT (and DATA), then QUIT in the held session: the whole conversation's result, as one
   * probe with that envelope gives it. null when the session did not last until MAIL was answered
   * (the server closed it or spoke first, the hold ran out, it was released): connect anew.
   */
  envelope(envelope: SmtpEnvelope, signal?: AbortSignal): Promise<SmtpProbeResult | null>;
  /** QUIT and close; once, whoever calls it first. */
  release(): Promise<void>;
}

export interface SmtpEnvelopeResult {
  mail: SmtpReply | null;
  rcpt: SmtpReply | null;
  /** The reply to DATA (354 expected), when a message was given and the recipient accepted. */
  data: SmtpReply | null;
  /** The reply after the message's final dot. */
  message: SmtpReply | null;
}

export interface SmtpProbeResult {
  target: { ip: string; port: number };
  /** Set when the guard refused the target: no socket was opened. */
  refused?: { range: string; reason: string } | undefined;
  connected: boolean;
  connectMs: number | null;
  banner: SmtpReply | null;
  ehlo: SmtpEhlo | null;
  starttls: { offered: boolean; reply: SmtpReply | null; accepted: boolean };
  tls: SmtpTls | null;
  /** The EHLO reply over TLS (its extensions may differ from the plaintext one). */
  ehloTls: SmtpEhlo | null;
  envelope?: SmtpEnvelopeResult | undefined;
  /** The reply to QUIT, when the conversation got that far. */
  quit: SmtpReply | null;
  transcript: TranscriptEntry[];
  /** Bytes the server sent (plaintext, then decrypted), up to where mailsec stopped reading. */
  bytesReceived: number;
  elapsedMs: number;
  error: SmtpError | null;
  /** Set when the server throttled the (last) attempt. */
  throttled?: SmtpThrottle | undefined;
  /** Milliseconds from the TCP connection to the complete greeting (tarpitting shows here). */
  greetingMs?: number | undefined;
  /** Set when a first attempt was throttled and this result is the one retry's. */
  retry?: { afterMs: number; first: SmtpThrottle } | undefined;
}
