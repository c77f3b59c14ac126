// The whole lab through real sockets: every scenario's DNS data as the catalog describes it
// (answers, signatures, DS at the parent, denial proofs, wildcards, CNAMEs), every fault, the SMTP
// servers behind the MX records, the start time, and a clean stop.
import dgram from "node:dgram";
import net from "node:net";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labelCount, normalizeName, parentName } from "../../lib/dns/name";
import { Rcode, RRType, type DnsMessage, type ResourceRecord, type RRTypeName } from "../../lib/dns/types";
import { buildQuery, decodeMessage } from "../../lib/dns/wire";
import { startLab, type Lab, type MxHostSpec, type Scenario, type TlsaSpec, type ZoneSpec } from "../../lib/lab";
import { HTML_BANNER_MARKUP, scenarios as catalogScenarios } from "../../lib/lab/catalog";
import { labCertificate, tlsaAssociationData } from "../../lib/lab/pki";
import { sharedServers, worldZones } from "../../lib/lab/world";
import { proveWithNsec } from "../../lib/dnssec/nsec";
import { proveWithNsec3 } from "../../lib/dnssec/nsec3";
import { ask, tcpRaw, udpRaw } from "./raw-dns";

let lab: Lab;
let startMs = 0;

beforeAll(async () => {
  const t0 = performance.now();
  lab = await startLab();
  startMs = performance.now() - t0;
  console.log(`startLab: ${startMs.toFixed(0)} ms (DNS ${lab.resolverString}, SMTP port ${lab.smtpPort})`);
});

afterAll(async () => {
  await lab?.stop();
});

const server = () => lab.resolver;
const faulted = (s: Scenario, name: string, type: RRTypeName) =>
  s.faults.some((f) => normalizeName(f.name) === normalizeName(name) && (!f.type || f.type === type) && !["delay", "truncate"].includes(f.fault));

const of = (m: DnsMessage, section: "answer" | "authority", type: number) => m[section].filter((r) => r.type === type);
const sigsFor = (m: DnsMessage, section: "answer" | "authority", covered: number) =>
  m[section].filter((r) => r.data.kind === "RRSIG" && r.data.typeCovered === covered);
const servedSigned = (z: ZoneSpec) => z.signing !== null && !z.serveUnsigned;

/** The zone that holds `name`: the scenario's own, or a TLD or provider zone of the lab's world. */
function zoneOf(s: Scenario, name: string): ZoneSpec | undefined {
  const n = normalizeName(name);
  return [...s.zones, ...worldZones]
    .filter((z) => n === z.origin || n.endsWith(`.${z.origin}`))
    .sort((a, b) => b.origin.length - a.origin.length)[0];
}

/**
 * A negative answer must carry the SOA, and with a signed zone the NSEC or NSEC3 records that prove
 * it, complete enough for lib/dnssec's proof checkers (signatures aside: the engine checks those).
 */
function expectDenial(m: DnsMessage, signed: boolean) {
  expect([Rcode.NOERROR, Rcode.NXDOMAIN]).toContain(m.rcode);
  expect(m.answer.filter((r) => r.type !== RRType.CNAME && r.type !== RRType.DNAME && r.type !== RRType.RRSIG)).toHaveLength(0);
  expect(of(m, "authority", RRType.SOA)).toHaveLength(1);
  const proofs = [...of(m, "authority", RRType.NSEC), ...of(m, "authority", RRType.NSEC3)];
  if (signed) {
    expect(proofs.length).toBeGreaterThan(0);
    expect(sigsFor(m, "authority", RRType.SOA)).toHaveLength(1);
    for (const p of proofs) expect(m.authority.some((r) => r.data.kind === "RRSIG" && r.data.typeCovered === p.type && normalizeName(r.name) === normalizeName(p.name))).toBe(true);
    const q = m.question[0];
    const soa = of(m, "authority", RRType.SOA)[0];
    if (!q || !soa) throw new Error("no question or SOA");
    // After a CNAME the denial is about the chain's last target.
    const lastCname = of(m, "answer", RRType.CNAME).at(-1);
    const qname = lastCname?.data.kind === "CNAME" ? lastCname.data.target : q.name;
    const goal = m.rcode === Rcode.NXDOMAIN ? { kind: "nxdomain" as const, qname } : { kind: "nodata" as const, qname, qtype: q.type };
    const nsec3 = of(m, "authority", RRType.NSEC3);
    const result = nsec3.length > 0 ? proveWithNsec3(goal, nsec3, soa.name, { maxIterations: 1000 }) : proveWithNsec(goal, of(m, "authority", RRType.NSEC));
    expect(result.status, `${qname} ${q.type}: ${"detail" in result ? result.detail : ""}`).toBe("proven");
  } else {
    expect(proofs).toHaveLength(0);
  }
}

function tlsaText(r: ResourceRecord) {
  return r.data.kind === "TLSA" ? `${r.data.usage} ${r.data.selector} ${r.data.matchingType} ${Buffer.from(r.data.data).toString("hex")}` : "";
}
const specText = (t: TlsaSpec) => `${t.usage} ${t.selector} ${t.matchingType} ${Buffer.from(tlsaAssociationData(t)).toString("hex")}`;

/** Every TLSA record the catalog publishes at `_25._tcp.<target>` (host spec and extra records). */
function expectedTlsa(s: Scenario, h: MxHostSpec): string[] {
  const owner = `_25._tcp.${h.tlsaAtAlias ? h.host : (h.cnameTo ?? h.host)}`;
  const at = (name: string) => normalizeName(name) === normalizeName(owner);
  const extra = s.zones.flatMap((z) => z.records ?? []).filter((r) => r.type === "TLSA" && at(r.name));
  // A record forged after signing is served as forged (its RRSIG kept).
  const forged = s.zones.flatMap((z) => z.forgedAfterSigning ?? []).filter((f) => at(f.name));
  if (forged.length > 0) return forged.map((f) => specText(f.tlsa)).sort();
  return [...h.tlsa, ...extra.flatMap((r) => (r.type === "TLSA" ? [r.tlsa] : []))].map(specText).sort();
}

describe("lab start", () => {
  it("starts DNS and every SMTP server within the bound and writes a trust anchor", () => {
    // The target is 2 s; the assertion is generous so a loaded machine does not flake it.
    expect(startMs).toBeLessThan(10_000);
    expect(lab.trustAnchorText).toMatch(/^\.\s+\d+\s+IN\s+DS\s+\d+ 13 2 [0-9A-F]{64}$/m);
    expect(lab.smtpPort).toBeGreaterThan(0);
  });

  it("serves the signed root DNSKEY RRset", async () => {
    const { message } = await ask(server(), { name: ".", type: "DNSKEY" });
    expect(of(message, "answer", RRType.DNSKEY).length).toBeGreaterThanOrEqual(2);
    expect(sigsFor(message, "answer", RRType.DNSKEY).length).toBeGreaterThan(0);
  });

  it("omits signatures and proofs without DO", async () => {
    const { message } = await ask(server(), { name: "dane-ee.test.", type: "MX", dnssecOk: false });
    expect(of(message, "answer", RRType.MX)).toHaveLength(1);
    expect(of(message, "answer", RRType.RRSIG)).toHaveLength(0);
  });
});

describe("resolver-like answers beyond the catalog's records", () => {
  it("proves NODATA at an empty non-terminal, with NSEC and with NSEC3", async () => {
    for (const name of ["_tcp.mx1.dane-ee.test.", "_tcp.mx1.alg-7.test."]) {
      const { message } = await ask(server(), { name, type: "A" });
      expect(message.rcode, name).toBe(Rcode.NOERROR);
      expectDenial(message, true);
    }
  });

  it("proves a wildcard NODATA (the wildcard exists without the type)", async () => {
    for (const name of ["mx1.wildcard.test.", "mx1.wildcard-nsec3.test."]) {
      const { message } = await ask(server(), { name, type: "TXT" });
      expect(message.rcode, name).toBe(Rcode.NOERROR);
      expectDenial(message, true);
    }
  });

  it("answers below a DNAME with the signed DNAME and an unsigned synthesised CNAME (RFC 6672 §3.1)", async () => {
    const { message } = await ask(server(), { name: "_25._tcp.MX1.mail.dname-mx.test.", type: "TLSA" });
    expect(message.rcode).toBe(Rcode.NOERROR);
    const [dname] = of(message, "answer", RRType.DNAME);
    expect(dname?.data).toEqual({ kind: "DNAME", target: "hosting.dname-mx.test." });
    expect(sigsFor(message, "answer", RRType.DNAME)).toHaveLength(1);
    const cnames = of(message, "answer", RRType.CNAME);
    // The owner keeps the question's case; the CNAME carries the DNAME's TTL and no signature.
    expect(cnames.map((r) => [r.name, r.data.kind === "CNAME" ? r.data.target : "", r.ttl])).toEqual([
      ["_25._tcp.MX1.mail.dname-mx.test.", "_25._tcp.MX1.hosting.dname-mx.test.", dname?.ttl],
    ]);
    expect(sigsFor(message, "answer", RRType.CNAME)).toHaveLength(0);
    // The synthesised CNAME is followed into the target zone like any other.
    expect(of(message, "answer", RRType.TLSA)).toHaveLength(1);
    expect(sigsFor(message, "answer", RRType.TLSA)).toHaveLength(1);
  });

  it("answers the DNAME owner itself and a CNAME question below it without following", async () => {
    const own = await ask(server(), { name: "mail.dname-mx.test.", type: "DNAME" });
    expect(own.message.answer.map((r) => r.type).sort()).toEqual([RRType.DNAME, RRType.RRSIG]);
    const cname = await ask(server(), { name: "mx1.mail.dname-mx.test.", type: "CNAME" });
    expect(cname.message.answer.filter((r) => r.type !== RRType.RRSIG).map((r) => r.type)).toEqual([RRType.DNAME, RRType.CNAME]);
  });

  it("answers YXDOMAIN when the DNAME substitution would exceed 255 octets (RFC 6672 §2.2)", async () => {
    // 3 x 63 + 42 octets of labels under mail.dname-mx.test.: 255 octets; the target suffix is 3 longer.
    const name = `${["a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(42)].join(".")}.mail.dname-mx.test.`;
    const { message } = await ask(server(), { name, type: "A" });
    expect(message.rcode).toBe(Rcode.YXDOMAIN);
    expect(of(message, "answer", RRType.DNAME)).toHaveLength(1);
    expect(of(message, "answer", RRType.CNAME)).toHaveLength(0);
  });

  it("answers names outside the lab with a proven NXDOMAIN from the root", async () => {
    const { message } = await ask(server(), { name: "example.com.", type: "A" });
    expect(message.rcode).toBe(Rcode.NXDOMAIN);
    expectDenial(message, true);
  });

  it("answers a garbage query with FORMERR and the same ID", async () => {
    const reply = await new Promise<Uint8Array>((resolve, reject) => {
      const socket = dgram.createSocket("udp4");
      const timer = setTimeout(() => reject(new Error("no FORMERR")), 2000);
      socket.on("message", (msg) => {
        clearTimeout(timer);
        socket.close();
        resolve(new Uint8Array(msg));
      });
      socket.send(Buffer.from([0xab, 0xcd, 0x01, 0x00, 0x00, 0x01, 0xff]), lab.resolver.port, lab.resolver.host);
    });
    expect(reply[0]).toBe(0xab);
    expect(reply[1]).toBe(0xcd);
    expect(reply[3]! & 0x0f).toBe(Rcode.FORMERR);
  });

  it("answers pipelined queries on one TCP connection", async () => {
    const names = ["dane-ee.test.", "alg-8.test.", "no-mx.test."];
    const frames = names.map((name, i) => {
      const body = buildQuery({ name, type: RRType.MX, class: 1 }, { id: 100 + i });
      const f = Buffer.alloc(2 + body.length);
      f.writeUInt16BE(body.length, 0);
      f.set(body, 2);
      return f;
    });
    const replies = await new Promise<DnsMessage[]>((resolve, reject) => {
      const socket = net.connect(lab.resolver);
      let buf = Buffer.alloc(0);
      const out: DnsMessage[] = [];
      const timer = setTimeout(() => reject(new Error(`only ${out.length} TCP answers`)), 3000);
      socket.on("connect", () => socket.write(Buffer.concat(frames)));
      socket.on("data", (chunk: Buffer) => {
        buf = Buffer.concat([buf, chunk]);
        while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
          out.push(decodeMessage(buf.subarray(2, 2 + buf.readUInt16BE(0))));
          buf = buf.subarray(2 + buf.readUInt16BE(0));
        }
        if (out.length === names.length) {
          clearTimeout(timer);
          socket.destroy();
          resolve(out);
        }
      });
      socket.on("error", reject);
    });
    expect(replies.map((m) => m.id).sort()).toEqual([100, 101, 102]);
  });

  it("adds the configured delay to every answer (the benchmark's round trip)", async () => {
    const slow = await startLab({ withSmtp: false, dnsDelayMs: 150 });
    try {
      const t0 = performance.now();
      const { message } = await ask(slow.resolver, { name: "dane-ee.test.", type: "MX" });
      expect(performance.now() - t0).toBeGreaterThanOrEqual(145);
      expect(of(message, "answer", RRType.MX)).toHaveLength(1);
    } finally {
      await slow.stop();
    }
  });
});

describe.each([...catalogScenarios])("scenario $name", (s) => {
  // The zone holding the domain: its own, or (a tenant's domain) a world zone; none for NXDOMAIN.
  const apex = s.zones.length > 0 || s.mx.length > 0 ? zoneOf(s, s.domain) : undefined;

  it("serves the MX data", async () => {
    if (faulted(s, s.domain, "MX")) return;
    const { message } = await ask(server(), { name: s.domain, type: "MX" });
    if (!apex) {
      expect(message.rcode).toBe(Rcode.NXDOMAIN);
      expectDenial(message, true);
      return;
    }
    if (s.mxMode === "implicit" || (s.mxMode === "explicit" && s.mx.length === 0)) {
      expect(message.rcode).toBe(Rcode.NOERROR);
      expectDenial(message, servedSigned(apex));
      return;
    }
    const mx = of(message, "answer", RRType.MX).map((r) => (r.data.kind === "MX" ? `${r.data.preference} ${normalizeName(r.data.exchange)}` : ""));
    const want = s.mxMode === "null" ? ["0 ."] : s.mx.map((h) => `${h.preference} ${normalizeName(h.host)}`);
    expect(mx.sort()).toEqual(want.sort());
    expect(sigsFor(message, "answer", RRType.MX)).toHaveLength(servedSigned(apex) ? 1 : 0);
  });

  it("publishes each zone's DS at the parent as the catalog says", async () => {
    for (const z of s.zones) {
      const { message } = await ask(server(), { name: z.origin, type: "DS" });
      const ds = of(message, "answer", RRType.DS);
      if (z.ds === "none" || z.signing === null) {
        expect(ds, z.origin).toHaveLength(0);
        expectDenial(message, true);
        continue;
      }
      expect(ds, z.origin).toHaveLength(1);
      const sig = sigsFor(message, "answer", RRType.DS)[0];
      expect(sig?.data.kind === "RRSIG" && normalizeName(sig.data.signerName)).toBe(normalizeName(parentName(z.origin)));
      const d = ds[0]?.data;
      if (d?.kind !== "DS") throw new Error("not a DS");
      expect(d.algorithm === 253).toBe(z.ds === "unknown-algorithm");
      expect(d.digestType === 253).toBe(z.ds === "unknown-digest-type");
    }
  });

  it("serves each MX host's addresses and TLSA records", async () => {
    for (const h of s.mx) {
      const target = h.cnameTo ?? h.host;
      const zone = zoneOf(s, target);
      // A policy scenario's MX record names another scenario's host, which that scenario serves and checks.
      const n = normalizeName(target);
      if (h.addresses.length === 0 && !s.zones.some((z) => n === z.origin || n.endsWith(`.${z.origin}`))) continue;
      if (!zone) throw new Error(`${target} outside the scenario's zones`);
      for (const family of ["A", "AAAA"] as const) {
        const { message } = await ask(server(), { name: h.host, type: family });
        const want = h.addresses.filter((a) => a.ip.includes(":") === (family === "AAAA")).map((a) => a.ip);
        const got = of(message, "answer", RRType[family]).map((r) => (r.data.kind === "A" || r.data.kind === "AAAA" ? r.data.address : ""));
        expect(got.map((ip) => (ip.includes(":") ? ip.replace(/^0:0:0:0:0:0:0:1$/, "::1") : ip)), `${h.host} ${family}`).toEqual(want);
        if (want.length === 0) expectDenial(message, servedSigned(zone));
        else expect(sigsFor(message, "answer", RRType[family]).length > 0).toBe(servedSigned(zone));
        if (h.cnameTo) expect(of(message, "answer", RRType.CNAME)).toHaveLength(1);
        if (h.dname) {
          expect(of(message, "answer", RRType.DNAME).map((r) => r.name)).toEqual([h.dname.owner]);
          expect(sigsFor(message, "answer", RRType.DNAME)).toHaveLength(1);
        }
        if (h.wildcard && want.length > 0) {
          // A synthesised answer: the RRSIG's labels count is the wildcard's, and the authority proves the name itself absent.
          const sig = sigsFor(message, "answer", RRType[family])[0];
          expect(sig?.data.kind === "RRSIG" && sig.data.labels).toBeLessThan(labelCount(h.host));
          expect(message.authority.some((r) => r.type === RRType.NSEC || r.type === RRType.NSEC3)).toBe(true);
        }
      }
      const tlsaName = `_25._tcp.${h.tlsaAtAlias ? h.host : target}`;
      if (faulted(s, tlsaName, "TLSA")) continue;
      const { message } = await ask(server(), { name: tlsaName, type: "TLSA" });
      const want = expectedTlsa(s, h);
      expect(of(message, "answer", RRType.TLSA).map(tlsaText).sort(), tlsaName).toEqual(want);
      if (want.length === 0) expectDenial(message, servedSigned(zoneOf(s, tlsaName) ?? zone));
      else expect(sigsFor(message, "answer", RRType.TLSA).length > 0).toBe(servedSigned(zoneOf(s, tlsaName) ?? zone));
    }
  });

  it("serves the RRSIG windows the catalog asks for", async () => {
    const now = Math.floor(lab.now.getTime() / 1000);
    for (const z of s.zones) {
      for (const o of z.signatureOverrides ?? []) {
        const { message } = await ask(server(), { name: o.name, type: o.type });
        const sig = sigsFor(message, "answer", RRType[o.type])[0];
        if (sig?.data.kind !== "RRSIG") throw new Error(`no RRSIG for ${o.name} ${o.type}`);
        if (o.window === "expired") expect(sig.data.expiration).toBeLessThan(now);
        else expect(sig.data.inception).toBeGreaterThan(now);
      }
      if (z.serveUnsigned) {
        const { message } = await ask(server(), { name: z.origin, type: "DNSKEY" });
        expect(of(message, "answer", RRType.DNSKEY)).toHaveLength(0);
      }
    }
  });
});


describe("faults", () => {
  const all = catalogScenarios.flatMap((s) => s.faults);
  const byKind = (kind: string) => all.filter((f) => f.fault === kind);

  it("covers every fault kind", () => {
    const kinds = new Set(all.map((f) => f.fault));
    for (const k of ["servfail", "drop", "truncate", "delay", "malformed", "mismatched-id", "wrong-question", "compression-loop", "truncated-record", "record-flood"]) {
      expect(kinds.has(k as never), k).toBe(true);
    }
  });

  it("answers SERVFAIL", async () => {
    for (const f of byKind("servfail")) {
      const { message } = await ask(server(), { name: f.name, type: f.type ?? "A" });
      expect(message.rcode, f.name).toBe(Rcode.SERVFAIL);
    }
  });

  it("drops queries so the client times out, over UDP and TCP", async () => {
    for (const f of byKind("drop")) {
      expect(await udpRaw(server(), { name: f.name, type: f.type ?? "A", timeoutMs: 400 })).toBeNull();
      expect(await tcpRaw(server(), { name: f.name, type: f.type ?? "A", timeoutMs: 400 })).toBeNull();
    }
  });

  it("truncates over UDP and answers fully over TCP", async () => {
    for (const f of byKind("truncate")) {
      const udp = await udpRaw(server(), { name: f.name, type: f.type ?? "A" });
      const first = decodeMessage(udp ?? new Uint8Array());
      expect(first.flags.tc).toBe(true);
      expect(first.answer).toHaveLength(0);
      const { message, transport } = await ask(server(), { name: f.name, type: f.type ?? "A" });
      expect(transport).toBe("tcp");
      expect(message.answer.length).toBeGreaterThan(0);
    }
  });

  it("truncates a large answer for a plain 512-octet client", async () => {
    // Two RSA-2048 keys and an RSA signature: well over 512 octets.
    const udp = await udpRaw(server(), { name: "alg-8.test.", type: "DNSKEY", udpPayloadSize: 512 });
    expect(decodeMessage(udp ?? new Uint8Array()).flags.tc).toBe(true);
  });

  it("delays answers by the configured time", async () => {
    for (const f of byKind("delay")) {
      const t0 = performance.now();
      const { message } = await ask(server(), { name: f.name, type: f.type ?? "MX" });
      expect(performance.now() - t0).toBeGreaterThanOrEqual((f.delayMs ?? 0) - 5);
      expect(message.rcode).toBe(Rcode.NOERROR);
    }
  });

  it("sends malformed, compression-loop and truncated-record answers the decoder must refuse", async () => {
    for (const f of [...byKind("malformed"), ...byKind("compression-loop"), ...byKind("truncated-record")]) {
      const raw = await udpRaw(server(), { name: f.name, type: f.type ?? "A" });
      expect(raw, f.name).not.toBeNull();
      expect(() => decodeMessage(raw ?? new Uint8Array()), `${f.fault} ${f.name}`).toThrow();
    }
  });

  it("answers with a mismatched ID and with the wrong question", async () => {
    for (const f of byKind("mismatched-id")) {
      const m = decodeMessage((await udpRaw(server(), { name: f.name, type: f.type ?? "A", id: 0x4242 })) ?? new Uint8Array());
      expect(m.id).not.toBe(0x4242);
    }
    for (const f of byKind("wrong-question")) {
      const m = decodeMessage((await udpRaw(server(), { name: f.name, type: f.type ?? "A", id: 0x4242 })) ?? new Uint8Array());
      expect(m.id).toBe(0x4242);
      expect(normalizeName(m.question[0]?.name ?? ".")).not.toBe(normalizeName(f.name));
    }
  });

  it("floods the answer with junk records (TC over UDP, thousands over TCP)", async () => {
    for (const f of byKind("record-flood")) {
      const udp = decodeMessage((await udpRaw(server(), { name: f.name, type: f.type ?? "A" })) ?? new Uint8Array());
      expect(udp.flags.tc).toBe(true);
      const tcp = decodeMessage((await tcpRaw(server(), { name: f.name, type: f.type ?? "A" })) ?? new Uint8Array());
      expect(tcp.answer.length).toBeGreaterThan(1000);
    }
  });
});

// ---- SMTP ---------------------------------------------------------------------------------------

function smtpDialogue(host: string, port: number, lines: string[], timeoutMs = 4000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let text = "";
    let sent = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`SMTP ${host}: timed out after ${JSON.stringify(text.slice(0, 200))}`));
    }, timeoutMs);
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString("latin1");
      // Send the next command after each complete final reply line ("NNN text").
      const finals = text.split("\r\n").filter((l) => /^\d{3} /.test(l)).length;
      if (finals > sent) {
        const next = lines[sent];
        sent += 1;
        if (next === undefined) {
          clearTimeout(timer);
          socket.destroy();
          resolve(text);
        } else socket.write(`${next}\r\n`);
      }
    });
    socket.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

function starttlsPeer(host: string, port: number, servername: string): Promise<tls.PeerCertificate & { raw: Buffer }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let text = "";
    let step = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("STARTTLS timed out"));
    }, 4000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString("latin1");
      const finals = text.split("\r\n").filter((l) => /^\d{3} /.test(l)).length;
      if (step === 0 && finals >= 1) {
        step = 1;
        socket.write("EHLO lab-test.invalid\r\n");
      } else if (step === 1 && finals >= 2) {
        step = 2;
        socket.write("STARTTLS\r\n");
      } else if (step === 2 && finals >= 3) {
        step = 3;
        socket.off("data", onData);
        const secure = tls.connect({ socket, servername, rejectUnauthorized: false }, () => {
          clearTimeout(timer);
          const peer = secure.getPeerCertificate(false);
          secure.destroy();
          resolve(peer);
        });
        secure.on("error", reject);
      }
    };
    socket.on("data", onData);
    socket.on("error", reject);
  });
}

describe("SMTP servers", () => {
  it("greets on every normal MX address and offers STARTTLS, refusing it where no TLS is configured", async () => {
    const endpoints = catalogScenarios.flatMap((s) => s.mx.flatMap((h) => h.addresses.map((a) => ({ s, h, a }))));
    for (const { h, a } of endpoints.filter((e) => e.a.smtp === "normal" || e.a.smtp === "no-starttls")) {
      const text = await smtpDialogue(a.ip, lab.smtpPort, ["EHLO lab-test.invalid", "QUIT"]);
      // A shared server (lib/lab/world.ts) greets with the provider's name, not the tenant's host.
      const greeter = a.shared ? (sharedServers.find((x) => x.ip === a.ip)?.hostname ?? "") : (h.cnameTo ?? h.host);
      expect(text, a.ip).toMatch(new RegExp(`^220 ${greeter.replace(/\.$/, "").replace(/\./g, "\\.")}`));
      expect(/^250[- ]STARTTLS/m.test(text), `${a.ip} ${a.smtp}`).toBe(a.smtp === "normal");
      if (a.smtp === "normal" && a.cert === null) {
        const refused = await smtpDialogue(a.ip, lab.smtpPort, ["EHLO lab-test.invalid", "STARTTLS", "QUIT"]);
        expect(refused, `${a.ip} STARTTLS without a certificate`).toMatch(/^4\d\d /m);
      }
    }
  });

  it("presents the profile's chain after STARTTLS", async () => {
    const good = labCertificate("good");
    const peer = await starttlsPeer("127.0.1.1", lab.smtpPort, "mx1.dane-ee.test");
    expect(new Uint8Array(peer.raw)).toEqual(good.leafDer);
    const expired = labCertificate("expired");
    const peer2 = await starttlsPeer("127.0.1.10", lab.smtpPort, "mx1.dane-ta-expired.test");
    expect(new Uint8Array(peer2.raw)).toEqual(expired.leafDer);
  });

  it("sends a scenario's own banner text verbatim, markup and all, with the markup-subject leaf after STARTTLS", async () => {
    const text = await smtpDialogue("127.0.1.74", lab.smtpPort, ["QUIT"]);
    expect(text.split("\r\n")[0]).toBe(`220 mx1.html-banner.test ESMTP ${HTML_BANNER_MARKUP}`);
    const peer = await starttlsPeer("127.0.1.74", lab.smtpPort, "mx1.html-banner.test");
    expect(new Uint8Array(peer.raw)).toEqual(labCertificate("html-subject").leafDer);
    expect(peer.subject.CN).toBe("mailsec lab TEST <b>mx</b> leaf");
    expect(peer.subject.O).toBe("mailsec lab <img src=x onerror=alert(1)>");
  });
});

describe("stop", () => {
  it("closes every DNS and SMTP socket", async () => {
    const extra = await startLab();
    const { port } = extra.resolver;
    const smtpPort = extra.smtpPort;
    expect(await udpRaw(extra.resolver, { name: "dane-ee.test.", type: "MX" })).not.toBeNull();
    await extra.stop();
    await expect(tcpRaw({ host: "127.0.0.1", port }, { name: "dane-ee.test.", type: "MX" })).rejects.toThrow(/ECONNREFUSED/);
    for (const ip of ["127.0.1.1", "127.0.1.46", "::1"]) {
      await expect(smtpDialogue(ip, smtpPort, ["QUIT"], 1000)).rejects.toThrow(/ECONNREFUSED/);
    }
    expect(await udpRaw({ host: "127.0.0.1", port }, { name: "dane-ee.test.", type: "MX", timeoutMs: 300 })).toBeNull();
  });
});
