// probeSmtp: one SMTP conversation with one MX address, as a value. Guard, connect, banner, EHLO
// (HELO fallback), STARTTLS, TLS with the presented chain captured, EHLO again, an optional
// envelope, QUIT. Whatever the peer does (silence, floods, resets, bad TLS) ends up in `error`.
// probeSmtpHeld may pause a conversation after EHLO over TLS and hand it out as a HeldSmtpSession,
// whose envelope goes on in the same connection (the Inbound test's recipient check).
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
  type HeldSmtpSession,
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
  return (await probeSmtpHeld(options, 0)).result;
}

/**
 * probeSmtp, but a conversation without an envelope that gets through EHLO over TLS is not ended:
 * it is held for at most `holdMs` (0: never held) and handed out as `session`. Its reads and the
 * total bound stop while it waits; the envelope gets them afresh. A throttled first attempt's
 * retry is never held.
 */
export async function probeSmtpHeld(options: SmtpProbeOptions, holdMs: number): Promise<{ result: SmtpProbeResult; session: HeldSmtpSession | null }> {
  checkEnvelope(options.envelope);
  const timeouts = { ...DEFAULT_SMTP_TIMEOUTS, ...options.timeouts };
  const held = await probeOnce(options, timeouts, holdMs);
  const first = held.result;
  if (first.throttled === undefined || timeouts.throttleRetryMaxMs <= 0 || options.signal?.aborted === true) return held;
  const min = Math.max(0, Math.min(timeouts.throttleRetryMinMs, timeouts.throttleRetryMaxMs));
  const waitMs = Math.round(min + Math.random() * (timeouts.throttleRetryMaxMs - min));
  const waited = await pause(waitMs, options.signal);
  if (!waited) return held;
  const { result: second } = await probeOnce(options, timeouts, 0);
  const note = { dir: "info" as const, text: "", note: { event: "retry" as const, reply: first.throttled.reply, ms: waitMs }, atMs: first.elapsedMs };
  return {
    result: {
      ...second,
      transcript: [...first.transcript, note, ...second.transcript.map((t) => ({ ...t, atMs: t.atMs + first.elapsedMs + waitMs }))],
      elapsedMs: first.elapsedMs + waitMs + second.elapsedMs,
      retry: { afterMs: waitMs, first: first.throttled },
    },
    session: null,
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

type Conversation = { result: SmtpProbeResult; session: HeldSmtpSession | null };

async function probeOnce(options: SmtpProbeOptions, timeouts: SmtpTimeouts, holdMs: number): Promise<Conversation> {
  const limits = { ...DEFAULT_SMTP_LIMITS, ...options.limits };
  const result = emptyResult(options);
  const probe = new ProbeContext();
  const done = (): Conversation => ({ result, session: null });

  const verdict = checkTarget(options.ip, { allowPrivate: options.allowPrivate });
  if (!verdict.allowed) {
    result.refused = { range: verdict.range, reason: verdict.reason };
    result.error = {
      kind: "refused-target",
      problem: verdict.reason === "not-ip" ? { reason: "not-ip", text: options.ip.slice(0, 100) } : { reason: "guard", text: verdict.range },
    };
    return done();
  }
  if (options.signal?.aborted === true) {
    result.error = { kind: "aborted", problem: { reason: "cancelled" } };
    return done();
  }
  if (options.admit !== undefined && !(await options.admit(options.ip))) {
    result.error = { kind: "budget-exhausted", problem: { reason: "budget" } };
    return done();
  }

  const onAbort = () => probe.stop(new ProbeStop("aborted", { reason: "cancelled", ms: probe.elapsed() }));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const totalTimer = setTimeout(
    () => probe.stop(new ProbeStop("total-timeout", { reason: "total-timeout", stage: "run", ms: timeouts.totalMs })),
    timeouts.totalMs,
  );
  let wire: SmtpWire | null = null;
  let session: HeldSmtpSession | null = null;
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
    if (wire !== null && result.error === null && holdMs > 0 && options.envelope === undefined && result.ehloTls !== null) {
      session = holdSession(wire, probe, result, timeouts, holdMs);
    } else if (wire !== null && (result.error === null || QUIT_AFTER.has(result.error.kind))) {
      result.quit = await quit(wire);
    }
  } finally {
    clearTimeout(totalTimer);
    options.signal?.removeEventListener("abort", onAbort);
    if (session === null) wire?.destroy();
  }
  // A held conversation's result is what it was at the pause: the transcript so far, no QUIT.
  result.transcript = session === null ? probe.transcript : [...probe.transcript];
  result.bytesReceived = wire?.bytesReceived ?? 0;
  result.elapsedMs = probe.elapsed();
  return { result, session };
}

/** How long a released session waits for the reply to its QUIT (a courtesy) before it closes anyway. */
const RELEASE_QUIT_MS = 2_000;

/**
 * The paused conversation: no read is pending and no bound runs while it waits, except `holdMs`,
 * after which it QUITs and closes. Its envelope runs under a total bound and the caller's signal
 * of its own, in the same ProbeContext, so the final transcript is the whole conversation's.
 */
function holdSession(wire: SmtpWire, probe: ProbeContext, paused: SmtpProbeResult, timeouts: SmtpTimeouts, holdMs: number): HeldSmtpSession {
  let over = false;
  const finish = (): boolean => {
    if (over) return false;
    over = true;
    clearTimeout(holdTimer);
    return true;
  };
  const release = async (): Promise<void> => {
    if (!finish()) return;
    const bound = setTimeout(() => probe.stop(new ProbeStop("total-timeout", { reason: "total-timeout", stage: "quit", ms: RELEASE_QUIT_MS })), RELEASE_QUIT_MS);
    try {
      await quit(wire);
    } finally {
      clearTimeout(bound);
      wire.destroy();
    }
  };
  // The hold ends the conversation on its own; it must not keep the process alive.
  const holdTimer = setTimeout(() => void release(), holdMs);
  holdTimer.unref();
  return {
    release,
    async envelope(envelope, signal) {
      checkEnvelope(envelope);
      // The server spoke (a 421 on its idle timeout) or left while the session waited: it is gone.
      if (over) return null;
      if (probe.stopped !== null || wire.unreadBytes > 0 || signal?.aborted === true) {
        await release();
        return null;
      }
      finish();
      const result: SmtpProbeResult = { ...paused, starttls: { ...paused.starttls }, transcript: [], error: null, quit: null };
      const onAbort = () => probe.stop(new ProbeStop("aborted", { reason: "cancelled", ms: probe.elapsed() }));
      signal?.addEventListener("abort", onAbort, { once: true });
      const total = setTimeout(() => probe.stop(new ProbeStop("total-timeout", { reason: "total-timeout", stage: "run", ms: timeouts.totalMs })), timeouts.totalMs);
      const out: SmtpEnvelopeResult = { mail: null, rcpt: null, data: null, message: null };
      try {
        try {
          if (envelope.smtputf8 === true && !hasExtension(paused.ehloTls?.extensions ?? [], "SMTPUTF8")) {
            throw new ProbeStop("smtputf8-not-offered", { reason: "smtputf8", stage: "ehlo-tls" });
          }
          await sendEnvelope(wire, envelope, out);
          result.envelope = out;
        } catch (stop) {
          if (!(stop instanceof ProbeStop)) throw stop;
          // Nothing of the envelope was answered: the session did not last, a new one may.
          if (out.mail === null && stop.kind !== "smtputf8-not-offered") return null;
          if (out.mail !== null) result.envelope = out;
          result.error = { kind: stop.kind, problem: stop.problem };
        }
        if (result.error === null || QUIT_AFTER.has(result.error.kind)) result.quit = await quit(wire);
      } finally {
        clearTimeout(total);
        signal?.removeEventListener("abort", onAbort);
        wire.destroy();
      }
      result.transcript = probe.transcript;
      result.bytesReceived = wire.bytesReceived;
      result.elapsedMs = probe.elapsed();
      return result;
    },
  };
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

/** MAIL, RCPT and the optional message; `out` fills as the replies come, so a stop keeps what was answered. */
async function sendEnvelope(wire: SmtpWire, envelope: SmtpEnvelope, out: SmtpEnvelopeResult = { mail: null, rcpt: null, data: null, message: null }): Promise<SmtpEnvelopeResult> {
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
