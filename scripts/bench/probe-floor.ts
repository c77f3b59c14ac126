// The floor under issue 13's in-process DANE run: what the same network work costs in bare node,
// with none of the engine's logic. Against the lab in a child process (its CPU stays out), one
// "floor run" is what a warm dane-ee run puts on the wire: 8 DNS questions on one UDP socket, then
// TCP to mx1.dane-ee.test, banner, EHLO, STARTTLS, the TLS handshake (the probe's own context:
// no CA store, SECLEVEL 0), the chain as sent through getPeerX509Certificate, EHLO, QUIT.
// `node --import tsx scripts/bench/probe-floor.ts [runs] [--warmup N]`. Speed is reported, never asserted.
import dgram from "node:dgram";
import net from "node:net";
import tls from "node:tls";
import dnsPacket from "dns-packet";
import { parseCliCommand, wholeNumber } from "../cli-args";
import { cpuMsSince, loadAverageText, median } from "./harness";
import { withLabProcess, type BenchLab } from "./lab-process";

const WAIT_MS = 5_000;
const QUESTIONS: [string, "MX" | "DNSKEY" | "A" | "AAAA" | "TLSA" | "TXT" | "DS"][] = [
  ["dane-ee.test", "MX"],
  ["dane-ee.test", "DNSKEY"],
  ["dane-ee.test", "DS"],
  ["mx1.dane-ee.test", "A"],
  ["mx1.dane-ee.test", "AAAA"],
  ["_25._tcp.mx1.dane-ee.test", "TLSA"],
  ["_mta-sts.dane-ee.test", "TXT"],
  ["_smtp._tls.dane-ee.test", "TXT"],
];

const context = tls.createSecureContext({ minVersion: "TLSv1", ciphers: "DEFAULT:@SECLEVEL=0", ca: [] });

function bounded<T>(what: string, start: (resolve: (v: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer in ${WAIT_MS} ms`)), WAIT_MS);
    start((v) => {
      clearTimeout(timer);
      resolve(v);
    });
  });
}

function askAll(lab: BenchLab): Promise<void> {
  const socket = dgram.createSocket("udp4");
  return bounded<void>("DNS", (done) => {
    let left = QUESTIONS.length;
    socket.on("message", () => {
      if (--left === 0) done();
    });
    socket.connect(lab.resolver.port, lab.resolver.host, () => {
      QUESTIONS.forEach(([name, type], i) => {
        const query = dnsPacket.encode({
          type: "query",
          id: i + 1,
          // RD and CD, as the engine asks (dns-packet's RECURSION_DESIRED and CHECKING_DISABLED bits).
          flags: (1 << 8) | (1 << 4),
          questions: [{ name, type, class: "IN" }],
          answers: [],
          authorities: [],
          additionals: [{ type: "OPT", name: ".", udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: dnsPacket.DNSSEC_OK, options: [] }],
        });
        socket.send(query);
      });
    });
  }).finally(() => socket.close());
}

/** Resolves on each complete SMTP reply (its last line "NNN "). */
function replies(socket: net.Socket | tls.TLSSocket): (what: string) => Promise<void> {
  let text = "";
  const waiting: (() => void)[] = [];
  socket.on("data", (chunk: Buffer) => {
    text += chunk.toString("latin1");
    if (/(^|\n)\d{3} [^\n]*\n/.test(text)) {
      text = "";
      waiting.shift()?.();
    }
  });
  return (what) => bounded<void>(what, (done) => waiting.push(done));
}

async function converse(lab: BenchLab): Promise<void> {
  const raw = net.connect({ host: "127.0.1.1", port: lab.smtpPort });
  raw.on("error", () => undefined);
  try {
    let reply = replies(raw);
    await reply("banner");
    raw.write("EHLO floor.mailsec.test\r\n");
    await reply("EHLO");
    raw.write("STARTTLS\r\n");
    await reply("STARTTLS");
    raw.removeAllListeners("data");
    const secure = tls.connect({ socket: raw, servername: "mx1.dane-ee.test", rejectUnauthorized: false, secureContext: context });
    secure.on("error", () => undefined);
    await bounded<void>("TLS", (done) => secure.once("secureConnect", () => done()));
    const seen: Buffer[] = [];
    for (let cert = secure.getPeerX509Certificate(); cert && !seen.some((s) => s.equals(cert?.raw ?? Buffer.alloc(0))); cert = cert.issuerCertificate) seen.push(cert.raw);
    reply = replies(secure);
    secure.write("EHLO floor.mailsec.test\r\n");
    await reply("EHLO over TLS");
    secure.write("QUIT\r\n");
    await reply("QUIT");
    secure.destroy();
  } finally {
    raw.destroy();
  }
}

const USAGE = "usage: probe-floor.ts [runs] [--warmup N]";

async function main(): Promise<number> {
  const args = parseCliCommand({ warmup: { type: "string" } }, USAGE, 1);
  if (typeof args === "number") return args;
  const warmup = wholeNumber(args.values.warmup, 500, "--warmup");
  const runs = wholeNumber(args.positionals[0], 300, "runs");
  await withLabProcess(0, async (lab) => {
    for (let i = 0; i < warmup; i++) {
      await askAll(lab);
      await converse(lab);
    }
    const parts: Record<string, () => Promise<void>> = {
      dns: () => askAll(lab),
      smtp: () => converse(lab),
      both: async () => {
        await askAll(lab);
        await converse(lab);
      },
    };
    const figures: string[] = [];
    for (const [label, work] of Object.entries(parts)) {
      const cpu: number[] = [];
      for (let i = 0; i < runs; i++) {
        const before = process.cpuUsage();
        await work();
        cpu.push(cpuMsSince(before));
      }
      figures.push(`${label} p50 ${median(cpu).toFixed(2)} ms CPU`);
    }
    console.log(`floor of a warm dane-ee run after ${warmup} warm-up runs (n=${runs}): ${figures.join(", ")}; load average ${loadAverageText()}`);
  });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
