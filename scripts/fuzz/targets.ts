// What `npm run fuzz` throws at mailsec's parsers of untrusted input, and what counts as a clean
// outcome for each. Seeds are real inputs the modules read (the malformed-DNS corpus, RFC example
// zones, the lab's zones and certificates, SMTP replies of the lab), never output of the code under test.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { X509Certificate } from "node:crypto";
import { parseDnsName, parseInput, refusal } from "../../lib/checks/input";
import { renderMessage } from "../../lib/report/i18n/render";
import { parseCert } from "../../lib/dane/cert";
import { bytesEqual, formatTlsa, parseTlsaPresentation } from "../../lib/dane/tlsa";
import { WireError } from "../../lib/dns/errors";
import { decodeRdata } from "../../lib/dns/rdata";
import { decodeMessage, encodeMessage } from "../../lib/dns/wire";
import { ZoneParseError, parseZoneFile } from "../../lib/dns/zonefile";
import { ReplyReader } from "../../lib/smtp/reply-reader";
import type { Outcome, Target } from "./engine";

const ROOT = join(import.meta.dirname, "..", "..");
const VECTORS = join(ROOT, "tests", "vectors");
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const text = (bytes: Uint8Array) => decoder.decode(bytes);

function filesIn(dir: string, filter: (name: string) => boolean = () => true): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && filter(e.name))
    .map((e) => join(dir, e.name))
    .sort();
}

/** A message JavaScript itself writes for a bug (a property of undefined, a runaway recursion), not a module's refusal. */
const ENGINE_ERROR = /Cannot read propert|is not a function|is not iterable|undefined|Maximum call stack|Invalid array length|out of memory/;

class InvariantBroken extends Error {}
function check(condition: boolean, what: string): void {
  if (!condition) throw new InvariantBroken(what);
}

const dnsDecoder: Target = {
  name: "dns-decoder",
  kind: "bytes",
  seeds: () =>
    ["c-ares-fuzzinput", "dnssec-prover-parse_response"].flatMap((d) => filesIn(join(VECTORS, "malformed", d)).map((f) => new Uint8Array(readFileSync(f)))),
  run(input) {
    let message;
    try {
      message = decodeMessage(input);
    } catch (err) {
      if (err instanceof WireError) return "rejected";
      throw err;
    }
    // What was accepted must be a message mailsec can write back: nothing was half-read.
    decodeMessage(encodeMessage(message));
    return "ok";
  },
};

const zoneFile: Target = {
  name: "zone-file-parser",
  kind: "text",
  seeds: () => [
    ...filesIn(join(VECTORS, "rfc-examples"), (n) => n.endsWith(".zone")).map((f) => readFileSync(f)),
    readFileSync(join(ROOT, "lib", "lab", "zones", "dane-ee.test.signed")).subarray(0, 8192),
    readFileSync(join(ROOT, "lib", "lab", "zones", "trust-anchor.zone")),
  ].map((b) => new Uint8Array(b)),
  run(input) {
    try {
      parseZoneFile(text(input), { origin: "example." });
      return "ok";
    } catch (err) {
      // The parser wraps whatever went wrong on a line in ZoneParseError: an engine message inside is a bug.
      if (err instanceof ZoneParseError && !ENGINE_ERROR.test(err.detail)) return "rejected";
      throw err;
    }
  },
};

const UNSAFE_SHOWN = /[\p{Cc}\p{Zl}\p{Zp}\p{Bidi_Control}]/u;

const replyReader: Target = {
  name: "smtp-reply-reader",
  kind: "bytes",
  seeds: () =>
    [
      "220 mx.example.com ESMTP Postfix\r\n",
      "250-mx.example.com greets you\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250 ENHANCEDSTATUSCODES\r\n",
      "220 2.0.0 Ready to start TLS\r\n250-injected\r\n250 OK\r\n",
      "421 4.7.0 Too many connections\r\n",
      "220-first\n220\n",
      "554 5.7.1 \u202eevil\u0085 \u001b[2J\r\n",
      `220 ${"x".repeat(3000)}\r\n`,
    ].map((s) => encoder.encode(s)),
  run(input) {
    const limits = { maxLineBytes: 512, maxReplyLines: 20 };
    const reader = new ReplyReader(limits);
    // The first byte picks the chunking, so splits at every offset are reached.
    const chunk = 1 + ((input[0] ?? 0) % 13);
    let outcome: Outcome = "ok";
    const drain = () => {
      for (;;) {
        const next = reader.next();
        if (next.kind === "incomplete") return;
        if (next.kind === "error") {
          outcome = "rejected";
          return;
        }
        check(next.reply.lines.length <= limits.maxReplyLines, "a reply longer than maxReplyLines came out");
        for (const line of next.reply.lines) check(!UNSAFE_SHOWN.test(line), `an unsafe character reached a reply line: ${JSON.stringify(line)}`);
      }
    };
    for (let at = 0; at < input.length && outcome === "ok"; at += chunk) {
      reader.feed(input.subarray(at, at + chunk));
      drain();
    }
    check(reader.buffered >= 0, "negative buffered count");
    check(reader.copiedBytes <= 3 * input.length + 512, `copied ${reader.copiedBytes} bytes for ${input.length} fed`);
    return outcome;
  },
};

const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

const inputParser: Target = {
  name: "input-parser",
  kind: "text",
  seeds: () =>
    [
      "example.com",
      "postmaster@example.com",
      '"odd@local"@Mail.Example.test',
      "jöran@bücher.example",
      "_25._tcp.mx1.example.com.",
      "*.example.com",
      "a.b!#$%&'*+-/=?^_`{|}~@example.com",
      "user@[192.0.2.1]",
      "postmaster> NOTIFY=SUCCESS@example.com",
      `${"a".repeat(64)}@${"b".repeat(63)}.example`,
      "xn--bcher-kva.example",
    ].map((s) => encoder.encode(s)),
  run(input) {
    const raw = text(input);
    let accepted = false;
    for (const parsed of [parseInput(raw), parseDnsName(raw)]) {
      if (!parsed.ok) {
        check(!HIDDEN.test(renderMessage("en", refusal(parsed))), "a refusal echoes a hidden character");
        continue;
      }
      accepted = true;
      check(parsed.domain === "." || (/^[\x21-\x7e]+$/.test(parsed.domain) && parsed.domain.length <= 253), `accepted domain ${JSON.stringify(parsed.domain)}`);
      if (parsed.localPart !== null) {
        check(Buffer.byteLength(parsed.localPart) <= 64, "a local part over 64 octets was accepted");
        check(Buffer.byteLength(parsed.localPart) + 1 + parsed.domain.length <= 254, "an address over 254 octets was accepted");
        check(!/[\r\n\0]/.test(parsed.localPart), "a local part with CR, LF or NUL was accepted");
      }
    }
    return accepted ? "ok" : "rejected";
  },
};

const tlsaPresentation: Target = {
  name: "tlsa-presentation",
  kind: "text",
  seeds: () => ["3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "2 0 1 ( AB CD EF )", "255 255 255 00", "3 1 2 " + "ff".repeat(64)].map((s) => encoder.encode(s)),
  run(input) {
    const parsed = parseTlsaPresentation(text(input));
    if (!parsed.ok) return "rejected";
    const again = parseTlsaPresentation(formatTlsa(parsed.record));
    check(again.ok && bytesEqual(again.record.data, parsed.record.data) && again.record.usage === parsed.record.usage, "formatTlsa does not parse back to the same record");
    return "ok";
  },
};

const TLSA_TYPE = 52;

const tlsaRdata: Target = {
  name: "tlsa-rdata",
  kind: "bytes",
  seeds: () => [Uint8Array.from([3, 1, 1, ...Array.from({ length: 32 }, (_, i) => i)]), Uint8Array.from([2, 0, 0, 0x30, 0x82, 0x01, 0x00]), Uint8Array.from([0, 0, 0])],
  run(input) {
    try {
      decodeRdata(TLSA_TYPE, input);
      return "ok";
    } catch (err) {
      if (err instanceof WireError) return "rejected";
      throw err;
    }
  },
};

const certificate: Target = {
  name: "certificate-parser",
  kind: "bytes",
  seeds: () => filesIn(join(ROOT, "lib", "lab", "pki"), (n) => n.endsWith(".cert.pem")).map((f) => new Uint8Array(new X509Certificate(readFileSync(f)).raw)),
  run(input) {
    const cert = parseCert(input, 0);
    if (cert === null) return "rejected";
    check(typeof cert.subject === "string" && typeof cert.issuer === "string", "a parsed certificate without subject or issuer text");
    check(cert.notBefore instanceof Date && cert.notAfter instanceof Date, "a parsed certificate without dates");
    return "ok";
  },
};

export const TARGETS: readonly Target[] = [dnsDecoder, zoneFile, replyReader, inputParser, tlsaPresentation, tlsaRdata, certificate];
