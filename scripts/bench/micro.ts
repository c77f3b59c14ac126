// Micro benchmarks: the pure CPU work one run repeats many times — decoding and encoding DNS
// messages, verifying RRSIGs per algorithm, NSEC3 hashing, DANE matching. No sockets here; the
// wire samples are responses the lab actually sent (captured by the caller).
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { analyzeCertificate, matchDane, parseCert, parseChain, type TlsaRecord } from "../../lib/dane";
import { forgetCertificate, forgetCertificates, handOverOpenSsl } from "../../lib/dane/cert-memo";
import { rootIndex } from "../../lib/dane/webpki-roots";
import tls, { rootCertificates } from "node:tls";
import type { AddressInfo } from "node:net";
import { sentChain } from "../../lib/smtp/tls-upgrade";
import { decodeMessage, encodeMessage } from "../../lib/dns/wire";
import { fromHex } from "../../lib/dns/codec";
import type { ResourceRecord } from "../../lib/dns/types";
import { signatureAlgorithm } from "../../lib/dnssec/algorithms";
import { buildSignedData } from "../../lib/dnssec/canonical";
import { nsec3Hash } from "../../lib/dnssec/nsec3";
import { verifyRrset } from "../../lib/dnssec/rrsig";
import { clearImportedKeys } from "../../lib/dnssec/algorithms/keys";
import { clearSignatureVerdicts } from "../../lib/dnssec/signature-memo";
import { labCertificate } from "../../lib/lab";
import { PKI_DIR, tlsaAssociationData } from "../../lib/lab/pki";
import { cpuMsSince, measureSync, summarise, type BenchResult, type Budget } from "./harness";
import { LDNS_SIGNED_NOW, signedApexRrset } from "./vectors";

export interface WireSample {
  label: string;
  bytes: Uint8Array;
}

export function wireBenchmarks(samples: readonly WireSample[], budget: Budget): BenchResult[] {
  return samples.flatMap((s) => {
    const decoded = decodeMessage(s.bytes);
    const records = decoded.answer.length + decoded.authority.length + decoded.additional.length;
    const what = `${s.label} (${s.bytes.length} B, ${records} RRs)`;
    return [
      measureSync("dns wire", `decodeMessage ${what}`, () => decodeMessage(s.bytes), budget),
      measureSync("dns wire", `encodeMessage compressed ${what}`, () => encodeMessage(decoded, { compress: true }), budget),
    ];
  });
}

const ALGORITHM_LABEL: Record<8 | 13 | 15, string> = { 8: "RSASHA256", 13: "ECDSAP256SHA256", 15: "ED25519" };

/** The public key bytes copied, so the algorithm's per-Uint8Array key-import cache misses. */
function withFreshKeys(dnskeys: readonly ResourceRecord[]): ResourceRecord[] {
  return dnskeys.map((k) => (k.data.kind === "DNSKEY" ? { ...k, data: { ...k.data, publicKey: k.data.publicKey.slice() } } : k));
}

export function rrsigBenchmarks(budget: Budget): BenchResult[] {
  const out: BenchResult[] = [];
  for (const algorithm of [8, 13, 15] as const) {
    const v = signedApexRrset(algorithm);
    const impl = signatureAlgorithm(algorithm);
    const rrsig = v.rrsigs[0] as ResourceRecord;
    if (!impl || rrsig.data.kind !== "RRSIG") throw new Error(`algorithm ${algorithm} is not registered`);
    const signer = v.dnskeys.find((k) => k.data.kind === "DNSKEY" && k.data.algorithm === algorithm && verifiesWith(k, rrsig, v.rrset));
    if (!signer || signer.data.kind !== "DNSKEY") throw new Error(`${v.source}: no DNSKEY verifies the apex RRSIG`);
    const bits = impl.keyBits(signer.data.publicKey);
    const label = `alg ${algorithm} ${ALGORITHM_LABEL[algorithm]}${bits ? ` ${bits}-bit` : ""}`;
    const input = { rrset: v.rrset, rrsigs: v.rrsigs, dnskeys: v.dnskeys, zone: v.zone, now: LDNS_SIGNED_NOW };
    const first = verifyRrset(input);
    // lib/dnssec keeps signature verdicts and imported keys per process (keyed by bytes): clearing
    // them before each operation measures the verification itself; without, a repeat run's memo hit.
    const result = measureSync("rrsig", `verifyRrset ${label} (key imported, verdict memo cleared)`, () => {
      clearSignatureVerdicts();
      return verifyRrset(input);
    }, budget);
    if (first.status !== "valid") result.notes.push(`verdict ${first.status}, expected valid: the figure is not a successful verification`);
    out.push(result);
    out.push(
      measureSync("rrsig", `verifyRrset ${label} (key imported each time, memos cleared)`, () => {
        clearSignatureVerdicts();
        clearImportedKeys();
        return verifyRrset({ ...input, dnskeys: withFreshKeys(v.dnskeys) });
      }, budget),
    );
    out.push(measureSync("rrsig", `verifyRrset ${label} (verdict memo hit, as a repeat run)`, () => verifyRrset(input), budget));
    const data = buildSignedData(rrsig.rdata, v.rrset);
    if (data) {
      const publicKey = signer.data.publicKey;
      const signature = rrsig.data.signature;
      out.push(measureSync("rrsig", `crypto verify only ${label}`, () => impl.verify(publicKey, data, signature), budget));
    }
  }
  return out;
}

function verifiesWith(key: ResourceRecord, rrsig: ResourceRecord, rrset: ResourceRecord[]): boolean {
  if (key.data.kind !== "DNSKEY" || rrsig.data.kind !== "RRSIG") return false;
  const data = buildSignedData(rrsig.rdata, rrset);
  return data !== null && signatureAlgorithm(key.data.algorithm)?.verify(key.data.publicKey, data, rrsig.data.signature).ok === true;
}

/** RFC 5155 Appendix A's salt; the name is a TLSA owner, what mailsec hashes most. */
const NSEC3_SALT = fromHex("aabbccdd");
const NSEC3_NAME = "_25._tcp.mx1.example.com.";

export function nsec3Benchmarks(budget: Budget): BenchResult[] {
  return [0, 10, 150].map((iterations) =>
    measureSync("nsec3", `nsec3Hash ${iterations} iterations, 4-octet salt`, () => nsec3Hash(NSEC3_NAME, NSEC3_SALT, iterations), budget),
  );
}

export function daneBenchmarks(budget: Budget): BenchResult[] {
  // The lab PKI: leaf (SAN list of every lab MX host), intermediate, root — all EC P-256.
  const good = labCertificate("good");
  const rootDer = new Uint8Array(new X509Certificate(readFileSync(`${PKI_DIR}root.cert.pem`, "utf8")).raw);
  const chainDer = [...good.chainDer, rootDer];
  const names = ["mx1.dane-ee.test"];
  const now = new Date();
  const tlsa = (usage: number, selector: number, matchingType: number, of: Parameters<typeof tlsaAssociationData>[0]["of"]): TlsaRecord => ({
    usage,
    selector,
    matchingType,
    data: tlsaAssociationData({ usage, selector, matchingType, of }),
  });
  const cases: { label: string; records: TlsaRecord[]; expect: "pass" | "fail" }[] = [
    { label: "DANE-EE 3 1 1 on the leaf", records: [tlsa(3, 1, 1, "good")], expect: "pass" },
    { label: "DANE-TA 2 0 1 on the intermediate", records: [tlsa(2, 0, 1, "intermediate")], expect: "pass" },
    { label: "no match (3 1 1 + 2 1 1 of an unrelated key)", records: [tlsa(3, 1, 1, "unrelated"), tlsa(2, 1, 1, "unrelated")], expect: "fail" },
  ];
  const [leafDer, intermediateDer] = good.chainDer;
  const parsing = [
    { label: `leaf (${parseCert(leafDer as Uint8Array, 0)?.dnsNames.length ?? 0} SANs)`, der: leafDer as Uint8Array },
    { label: "intermediate", der: intermediateDer as Uint8Array },
  ];
  // matchDane parses every presented certificate first; these show that share of its cost.
  const parsed = parsing.map((p) =>
    measureSync("dane", `parseCert ${p.label}, cold`, () => {
      forgetCertificates();
      return parseCert(p.der, 0);
    }, budget),
  );
  const matches = cases.map((c) => {
    const input = { records: c.records, chainDer, names, now };
    const outcome = matchDane(input).outcome;
    const result = measureSync("dane", `matchDane 3-cert P-256 chain, ${c.label} (certificates seen before)`, () => matchDane(input), budget);
    if (outcome !== c.expect) result.notes.push(`outcome ${outcome}, expected ${c.expect}`);
    return result;
  });
  // The certificate path of one run: the chain as the TLS step hands it over, parsed once, matched,
  // and (with WebPKI) the certificate report the run also keeps, against node's root store (built
  // before, outside the timing: its own row below). The lab chain reaches no root of that store, so
  // the check walks the whole chain and verifies every signature in it.
  const ee = cases[0]?.records ?? [];
  // Cold: lib/dane's per-certificate memo emptied first, as for a chain the process never saw; the
  // process itself is warm (JIT, the root index). "OpenSSL parses each certificate" leaves every
  // X509Certificate to lib/dane; "as a probe" hands over an OpenSSL parse of each certificate made
  // outside the timing, as the TLS handshake does in a run (lib/smtp/tls-upgrade.ts sentChain), so
  // that row is lib/dane's own work. Warm: the same chain again, as a server sees a mail server's
  // chain on every run.
  const path = (webpki: boolean, cold: boolean) => () => {
    if (cold) forgetCertificates();
    const chain = parseChain(chainDer);
    matchDane({ records: ee, chain, names, now });
    if (webpki) analyzeCertificate({ chain, hostName: names[0] as string, now });
  };
  // One set of fresh parses per operation: a set used once is in lib/dane's signature memo.
  const probeBudget = { ...budget, warmup: Math.min(budget.warmup, 50), iterations: Math.min(budget.iterations, 500) };
  const handshakes = Array.from({ length: probeBudget.warmup + probeBudget.iterations }, () => chainDer.map((der) => new X509Certificate(der)));
  const asProbe = () => {
    forgetCertificates();
    (handshakes.pop() ?? []).forEach((cert, i) => handOverOpenSsl(cert, chainDer[i] as Uint8Array));
    const chain = parseChain(chainDer);
    matchDane({ records: ee, chain, names, now });
    analyzeCertificate({ chain, hostName: names[0] as string, now });
  };
  // What a server mostly sees: a leaf it never saw under an intermediate (and root) it did, as
  // most mail servers' chains share a few public intermediates. Only the leaf's signature is new.
  const leafHandshakes = Array.from({ length: probeBudget.warmup + probeBudget.iterations }, () => new X509Certificate(chainDer[0] as Uint8Array));
  const newLeaf = () => {
    forgetCertificate(chainDer[0] as Uint8Array);
    const cert = leafHandshakes.pop();
    if (cert) handOverOpenSsl(cert, chainDer[0] as Uint8Array);
    const chain = parseChain(chainDer);
    matchDane({ records: ee, chain, names, now });
    analyzeCertificate({ chain, hostName: names[0] as string, now });
  };
  rootIndex(rootCertificates);
  const chainPath = [
    measureSync("certificate path", "parse 3-cert chain + SPKI/cert digests + matchDane 3 1 1, cold (a chain never seen)", path(false, true), budget),
    measureSync("certificate path", "the same, warm (the chain seen before)", path(false, false), budget),
    measureSync("certificate path", "the same + certificate report with the WebPKI check, cold as a probe (OpenSSL's parse from the handshake)", asProbe, probeBudget),
    measureSync("certificate path", "the same + certificate report with the WebPKI check, cold, OpenSSL parses each certificate", path(true, true), budget),
    measureSync("certificate path", "the same + certificate report with the WebPKI check, warm", path(true, false), budget),
    measureSync("certificate path", "the same + certificate report with the WebPKI check, a new leaf under an intermediate seen before, as a probe", newLeaf, probeBudget),
    // A fresh list each time, so the index is built again: what the first WebPKI check of a process pays.
    measureSync("certificate path", `WebPKI issuer index of node's ${rootCertificates.length} roots (once per process)`, () => rootIndex([...rootCertificates]), { ...budget, iterations: Math.min(budget.iterations, 200) }),
  ];
  return [...parsed, ...matches, ...chainPath];
}

/**
 * What the TLS step pays to hand the certificate path its chain: lib/smtp's sentChain on a fresh
 * connection (node's getPeerX509Certificate, which builds every issuerCertificate link, the DER
 * copies, the hand-over), against a TLS server on loopback presenting the lab chain. The probe
 * rows above leave this out; it belongs beside them.
 */
export async function peerChainBenchmark(budget: Budget): Promise<BenchResult> {
  const good = labCertificate("good");
  const rootPem = readFileSync(`${PKI_DIR}root.cert.pem`, "utf8");
  const server = tls.createServer({ key: good.keyPem, cert: good.chainPem + rootPem }, (socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const context = tls.createSecureContext({});
  const limits = { maxChainCerts: 10, maxChainBytes: 64 * 1024 };
  const once = () =>
    new Promise<{ ms: number; cpuMs: number }>((resolve, reject) => {
      const socket = tls.connect({ host: "127.0.0.1", port, secureContext: context, rejectUnauthorized: false, servername: "mx1.dane-ee.test" }, () => {
        const c0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        const { chainDer } = sentChain(socket, limits);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        const cpuMs = cpuMsSince(c0);
        socket.destroy();
        if (chainDer.length === 3) resolve({ ms, cpuMs });
        else reject(new Error(`sentChain read ${chainDer.length} certificates, expected 3`));
      });
      socket.on("error", reject);
    });
  try {
    for (let i = 0; i < Math.min(budget.warmup, 20); i++) await once();
    const samples: number[] = [];
    const cpu: number[] = [];
    let total = 0;
    while (samples.length < Math.min(budget.iterations, 300) && (total < budget.maxMs || samples.length < budget.minIterations)) {
      const { ms, cpuMs } = await once();
      samples.push(ms);
      cpu.push(cpuMs);
      total += ms;
    }
    forgetCertificates();
    return summarise("certificate path", "the chain out of a fresh TLS connection (lib/smtp sentChain: node's getPeerX509Certificate and its issuer links), 3-cert chain", samples, 1, total, cpu);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
