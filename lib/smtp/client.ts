// probeSmtp: one SMTP conversation with one MX address, as a value. Guard, connect, banner, EHLO
// (HELO fallback), STARTTLS, TLS with the presented chain captured, EHLO again, an optional
// envelope, QUIT. Whatever the peer does (silence, floods, resets, bad TLS) ends up in `error`.
import { checkTarget } from "./guard";
import { ProbeContext, ProbeStop, Throttled } from "./probe-context";
import { ehloExtensions, formatReply, hasExtension } from "./reply-reader";
import { upgradeToTls } from "./tls-upgrade";
import {
  DEFAULT_SMTP_LIMITS,
  DEFAULT_SMTP_TIMEOUTS,
  type SmtpEhlo,
  type SmtpEnvelope,
  type SmtpEnvelopeResult,
  type SmtpErrorKind,
  type SmtpLimits,
  type SmtpProblem,
  type SmtpProbeOptions,
  type SmtpProbeResult,
  type SmtpReply,
  type SmtpStage,
  type SmtpThrottle,
  type SmtpTimeouts,
} from "./types";
import { SmtpWire } from "./wire";

/** Outcomes after which the conversation is still in step, so a polite QUIT makes sense. */
const QUIT_AFTER: ReadonlySet<SmtpErrorKind> = new Set(["banner-rejected", "ehlo-rejected", "starttls-not-offered", "starttls-refused", "chain-too-long", "smtputf8-not-offered"]);

const is2xx = (r: SmtpReply) => r.code >= 200 && r.code < 300;
/** A reply as one line for a problem's `text` (what the server said, bounded). */
const replyText = (r: SmtpReply) => formatReply(r).join(" / ").slice(0, 300);
const rejected = (stage: SmtpStage, r: SmtpReply): SmtpProblem => ({ reason: "rejected", stage, code: r.code, text: replyText(r) });

/**
 * 421 (service not available, closing the channel, RFC 5321 §3.8) and 450 are what a server says
 * when it has had enough of a client for now: not a verdict on its TLS or DANE.
 */
const THROTTLE_CODES: ReadonlySet<number> = new Set([421, 450]);

function throttledBy(stage: SmtpThrottle["stage"], reply: SmtpReply): Throttled {
  return new Throttled({ stage, reply: replyText(reply) });
}

function checkEnvelope(envelope: SmtpEnvelope | undefined): void {
  if (envelope === undefined) return;
  for (const [name, value] of [["from", envelope.from], ["to", envelope.to]] as const) {
    // The grammar is checked at the door (lib/checks/input.ts); this is the last line against a
    // caller that skipped it: a CR, LF or NUL would let it smuggle extra SMTP commands.
    if (/[\r\n\0]/.test(value) || Buffer.byteLength(value) > 254) throw new TypeError(`probeSmtp: envelope.${name} is not a plain address`);
  }
}

/** RFC 5321 §4.5.2 transparency, with line ends normalised to CRLF. */
export function dotStuff(data: string): string {
  const lines = data.replace(/\r\n|\r|\n/g, "\n").split("\n");
  if (lines.at(-1) === "") lines.pop();
  return `${lines.map((l) => (l.startsWith(".") ? `.${l}` : l)).join("\r\n")}\r\n.\r\n`;
}

function emptyResult(options: SmtpProbeOptions): SmtpProbeResult {
  return {
    target: { ip: options.ip, port: options.port },
    connected: false,
    connectMs: null,
    banner: null,
    ehlo: null,
    starttls: { offered: false, reply: null, accepted: false },
    tls: null,
    ehloTls: null,
    quit: null,
    transcript: [],
    bytesReceived: 0,
    elapsedMs: 0,
    error: null,
  };
}

/**
 * One SMTP conversation; when the server throttles it, one more after a jittered wait within
 * [throttleRetryMinMs, throttleRetryMaxMs], cut short by the caller's abort signal.
 */
export async function probeSmtp(options: SmtpProbeOptions): Promise<SmtpProbeResult> {
  checkEnvelope(options.envelope);
  const timeouts = { ...DEFAULT_SMTP_TIMEOUTS, ...options.timeouts };
  const first = await probeOnce(options, timeouts);
  if (first.throttled === undefined || timeouts.throttleRetryMaxMs <= 0 || options.signal?.aborted === true) return first;
  const min = Math.max(0, Math.min(timeouts.throttleRetryMinMs, timeouts.throttleRetryMaxMs));
  const waitMs = Math.round(min + Math.random() * (timeouts.throttleRetryMaxMs - min));
  const waited = await pause(waitMs, options.signal);
  if (!waited) return first;
  const second = await probeOnce(options, timeouts);
  const note = { dir: "info" as const, text: "", note: { event: "retry" as const, reply: first.throttled.reply, ms: waitMs }, atMs: first.elapsedMs };
  return {
    ...second,
    transcript: [...first.transcript, note, ...second.transcript.map((t) => ({ ...t, atMs: t.atMs + first.elapsedMs + waitMs }))],
    elapsedMs: first.elapsedMs + waitMs + second.elapsedMs,
    retry: { afterMs: waitMs, first: first.throttled },
  };
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

async function probeOnce(options: SmtpProbeOptions, timeouts: SmtpTimeouts): Promise<SmtpProbeResult> {
  const limits = { ...DEFAULT_SMTP_LIMITS, ...options.limits };
  const result = emptyResult(options);
  const probe = new ProbeContext();

  const verdict = checkTarget(options.ip, { allowPrivate: options.allowPrivate });
  if (!verdict.allowed) {
    result.refused = { range: verdict.range, reason: verdict.reason };
    result.error = {
      kind: "refused-target",
      problem: verdict.reason === "not-ip" ? { reason: "not-ip", text: options.ip.slice(0, 100) } : { reason: "guard", text: verdict.range },
    };
    return result;
  }
  if (options.signal?.aborted === true) {
    result.error = { kind: "aborted", problem: { reason: "cancelled" } };
    return result;
  }
  if (options.admit !== undefined && !(await options.admit(options.ip))) {
    result.error = { kind: "budget-exhausted", problem: { reason: "budget" } };
    return result;
  }

  const onAbort = () => probe.stop(new ProbeStop("aborted", { reason: "cancelled", ms: probe.elapsed() }));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const totalTimer = setTimeout(
    () => probe.stop(new ProbeStop("total-timeout", { reason: "total-timeout", stage: "run", ms: timeouts.totalMs })),
    timeouts.totalMs,
  );
  let wire: SmtpWire | null = null;
  try {
    try {
      const t0 = probe.elapsed();
      probe.note({ event: "connecting", ip: options.ip, port: options.port });
      wire = await SmtpWire.connect(probe, { ip: options.ip, port: options.port }, timeouts, limits);
      result.connected = true;
      result.connectMs = probe.elapsed() - t0;
      probe.note({ event: "connected", ms: result.connectMs });
      await converse(wire, probe, options, { tlsMs: timeouts.tlsMs, limits }, result);
    } catch (stop) {
      if (!(stop instanceof ProbeStop)) throw stop;
      result.error = { kind: stop.kind, problem: stop.problem };
      if (stop instanceof Throttled) result.throttled = stop.throttle;
    }
    if (wire !== null && (result.error === null || QUIT_AFTER.has(result.error.kind))) {
      result.quit = await quit(wire);
    }
  } finally {
    clearTimeout(totalTimer);
    options.signal?.removeEventListener("abort", onAbort);
    wire?.destroy();
  }
  result.transcript = probe.transcript;
  result.bytesReceived = wire?.bytesReceived ?? 0;
  result.elapsedMs = probe.elapsed();
  return result;
}

/** QUIT is a courtesy: its failure does not change the outcome. */
async function quit(wire: SmtpWire): Promise<SmtpReply | null> {
  try {
    wire.send("QUIT");
    return await wire.readReply("quit");
  } catch (stop) {
    if (stop instanceof ProbeStop) return null;
    throw stop;
  }
}

async function ehlo(wire: SmtpWire, heloName: string, overTls: boolean): Promise<SmtpEhlo> {
  const stage = overTls ? "ehlo-tls" : "ehlo";
  wire.send(`EHLO ${heloName}`);
  const reply = await wire.readReply(stage);
  if (is2xx(reply)) return { reply, extensions: ehloExtensions(reply), usedHelo: false };
  if (THROTTLE_CODES.has(reply.code)) throw throttledBy("ehlo", reply);
  if (reply.code < 500 || overTls) throw new ProbeStop("ehlo-rejected", rejected(stage, reply));
  // RFC 5321 §3.2: a server that does not know EHLO may still speak HELO, without extensions.
  wire.send(`HELO ${heloName}`);
  const helo = await wire.readReply("helo");
  // Stage "helo": EHLO was rejected before it (the transcript shows both replies).
  if (!is2xx(helo)) throw new ProbeStop("ehlo-rejected", rejected("helo", helo));
  return { reply: helo, extensions: [], usedHelo: true };
}

async function converse(
  wire: SmtpWire,
  probe: ProbeContext,
  options: SmtpProbeOptions,
  tlsOptions: { tlsMs: number; limits: SmtpLimits },
  result: SmtpProbeResult,
): Promise<void> {
  const connectedAt = probe.elapsed();
  let banner: SmtpReply;
  try {
    banner = await wire.readBanner();
  } catch (stop) {
    // A reset or close before the first byte of a greeting is how many servers shed load.
    if (stop instanceof ProbeStop && stop.kind === "connection-closed" && wire.bytesReceived === 0) {
      throw new Throttled({ stage: "connect", reply: "", how: "closed" });
    }
    throw stop;
  }
  result.banner = banner;
  result.greetingMs = probe.elapsed() - connectedAt;
  if (THROTTLE_CODES.has(banner.code)) throw throttledBy("banner", banner);
  if (banner.code !== 220) throw new ProbeStop("banner-rejected", rejected("banner", banner));

  const plain = await ehlo(wire, options.heloName, false);
  result.ehlo = plain;
  result.starttls.offered = hasExtension(plain.extensions, "STARTTLS");
  if (!result.starttls.offered) {
    throw new ProbeStop("starttls-not-offered", { reason: plain.usedHelo ? "helo-only" : "not-offered", stage: "ehlo" });
  }

  wire.send("STARTTLS");
  const starttls = await wire.readReply("starttls");
  result.starttls.reply = starttls;
  if (THROTTLE_CODES.has(starttls.code)) throw throttledBy("starttls", starttls);
  if (starttls.code !== 220) throw new ProbeStop("starttls-refused", rejected("starttls", starttls));
  result.starttls.accepted = true;
  if (wire.unreadBytes > 0) {
    throw new ProbeStop("starttls-injection", { reason: "injection", stage: "starttls", bytes: wire.unreadBytes });
  }

  const upgrade = await upgradeToTls(probe, wire.detach(), {
    mxHost: options.mxHost,
    tlsMs: tlsOptions.tlsMs,
    limits: tlsOptions.limits,
    own: (s) => wire.own(s),
  });
  result.tls = upgrade.tls;
  wire.attach(upgrade.socket);
  if (upgrade.chainOverflow !== null) {
    throw new ProbeStop("chain-too-long", upgrade.chainOverflow);
  }

  result.ehloTls = await ehlo(wire, options.heloName, true);
  if (options.envelope?.smtputf8 === true && !hasExtension(result.ehloTls.extensions, "SMTPUTF8")) {
    throw new ProbeStop("smtputf8-not-offered", { reason: "smtputf8", stage: "ehlo-tls" });
  }
  if (options.envelope !== undefined) {
    result.envelope = await sendEnvelope(wire, options.envelope);
  }
}

async function sendEnvelope(wire: SmtpWire, envelope: SmtpEnvelope): Promise<SmtpEnvelopeResult> {
  const out: SmtpEnvelopeResult = { mail: null, rcpt: null, data: null, message: null };
  // RFC 6531 §3.4: a UTF-8 address goes only to a server that offers SMTPUTF8, and MAIL says so.
  wire.send(`MAIL FROM:<${envelope.from}>${envelope.smtputf8 === true ? " SMTPUTF8" : ""}`);
  out.mail = await wire.readReply("mail");
  if (!is2xx(out.mail)) return out;
  wire.send(`RCPT TO:<${envelope.to}>`);
  out.rcpt = await wire.readReply("rcpt");
  if (!is2xx(out.rcpt) || envelope.data === undefined) return out;
  wire.send("DATA");
  out.data = await wire.readReply("data");
  if (out.data.code !== 354) return out;
  const body = dotStuff(envelope.data);
  wire.sendRaw(body);
  out.message = await wire.readReply("message");
  return out;
}
