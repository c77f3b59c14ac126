// startLab(): the whole simulated mail internet on loopback — the DNS server for every lab zone and
// one SMTP server per MX address of the catalog — bound in one call and torn down by stop().
import { scenarios, smtpEndpoints } from "./catalog";
import type { CertProfile, FaultSpec, Scenario, SignerStyle } from "./catalog-types";
import { startDnsServer, type DnsServerHandle } from "./dns-server";
import { exchangeSites } from "./exchange-scenarios";
import { startHttpsServer, type HttpsServerHandle } from "./https-server";
import { POLICY_HOST_IP, policySites } from "./policy-scenarios";
import { labCertificate, labRootPem } from "./pki";
import { passScenarios, signerSet } from "./signer-sets";
import { startSmtpServer, type SmtpServerHandle, type SmtpServerOptions } from "./smtp-server";
import { sharedServers } from "./world";
import { loadLabZones, labTrustAnchorText, trustAnchorFile } from "./zone-files";

export type * from "./catalog-types";
export { scenarios, findScenario, smtpEndpoints } from "./catalog";
export { labCertificate, labRootPem } from "./pki";
export { passScenarios, SIGNER_SETS, SIGNER_STYLES, signerSet, type SignerSet } from "./signer-sets";
export { TRUST_ANCHOR_FILE } from "./zone-files";

export interface LabOptions {
  /** Where the DNS server listens (default 127.0.0.1). */
  dnsHost?: string;
  /** 0 (default) = an ephemeral port. */
  dnsPort?: number;
  /** 0 (default) = one free port that every MX address can bind. */
  smtpPort?: number;
  /** Start the SMTP servers (default true). */
  withSmtp?: boolean;
  /** Port of the MTA-STS policy hosts' HTTPS server on POLICY_HOST_IP; 0 (default) = an ephemeral port. */
  httpsPort?: number;
  /** Added to every DNS answer: models the network round trip (the benchmark uses it). */
  dnsDelayMs?: number;
  /**
   * Serve the zone set signed in this style (lib/lab/signer-sets.ts: the root, test. and every pass
   * scenario, re-signed) instead of the default set. Its root has its own trust anchor.
   */
  signer?: SignerStyle;
  /** Faults on top of the catalog's (a test's own, e.g. a lossy path to one scenario); one for the same name and type replaces the catalog's. */
  extraFaults?: FaultSpec[];
}

export interface Lab {
  resolver: { host: string; port: number };
  /** "127.0.0.1:PORT", the form --resolver and MAILSEC_RESOLVER take. */
  resolverString: string;
  trustAnchorFile: string;
  trustAnchorText: string;
  smtpPort: number;
  /** The HTTPS port of the MTA-STS policy hosts (lib/lab/policy-scenarios.ts): the engine's httpsPort. */
  httpsPort: number;
  /** The lab's TEST root CA in PEM: the engine's caPem (--ca-file), so the policy hosts and MX certificates are WebPKI-valid. */
  caPem: string;
  /** A validation time inside every good signature and certificate window: the clock (they run to 2037). */
  now: Date;
  /** The scenarios this lab serves: every one, or with `signer` the pass scenarios. */
  catalog: readonly Scenario[];
  /** The signer-style zone set served, null for the default set. */
  signer: SignerStyle | null;
  dns: DnsServerHandle;
  /** Closes every DNS and SMTP socket; safe to call twice. */
  stop(): Promise<void>;
}

/** Attempts at finding one SMTP port free on every MX address when smtpPort is 0. */
const SMTP_PORT_ATTEMPTS = 10;

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const dnsHost = options.dnsHost ?? "127.0.0.1";
  const signer = options.signer ?? null;
  if (signer) signerSet(signer); // throws for a style that has no zone set
  const catalog = signer ? passScenarios() : scenarios;
  const faults = [...catalog.flatMap((s) => s.faults), ...(options.extraFaults ?? [])];
  const dns = await startDnsServer({
    host: dnsHost,
    port: options.dnsPort ?? 0,
    zones: loadLabZones(signer ?? undefined),
    faults,
    ...(options.dnsDelayMs !== undefined ? { delayMs: options.dnsDelayMs } : {}),
  });
  let smtp: SmtpServerHandle[] = [];
  let smtpPort = options.smtpPort ?? 0;
  try {
    if (options.withSmtp ?? true) ({ servers: smtp, port: smtpPort } = await startSmtpServers(smtpPort));
  } catch (err) {
    await dns.close();
    throw err;
  }
  let https: HttpsServerHandle;
  try {
    https = await startHttpsServer({ host: POLICY_HOST_IP, port: options.httpsPort ?? 0, sites: [...policySites, ...exchangeSites] });
  } catch (err) {
    await Promise.all([dns.close(), ...smtp.map((s) => s.close())]);
    throw err;
  }
  let stopped: Promise<void> | null = null;
  return {
    resolver: { host: dnsHost, port: dns.port },
    resolverString: dnsHost.includes(":") ? `[${dnsHost}]:${dns.port}` : `${dnsHost}:${dns.port}`,
    trustAnchorFile: trustAnchorFile(signer ?? undefined),
    trustAnchorText: labTrustAnchorText(signer ?? undefined),
    smtpPort,
    httpsPort: https.port,
    caPem: labRootPem(),
    now: new Date(),
    catalog,
    signer,
    dns,
    stop: () => {
      stopped ??= Promise.all([dns.close(), https.close(), ...smtp.map((s) => s.close())]).then(() => undefined);
      return stopped;
    },
  };
}

/** What one SMTP server of the lab serves: a scenario's MX address, or a shared server of the world. */
interface SmtpEndpoint {
  ip: string;
  hostname: string;
  behaviour: SmtpServerOptions["behaviour"];
  cert: CertProfile | null;
  delayMs?: number;
  banner?: string;
}

function labSmtpEndpoints(): SmtpEndpoint[] {
  const own = smtpEndpoints().map((e) => ({
    ip: e.address.ip,
    hostname: e.tlsName.replace(/\.$/, ""),
    behaviour: e.address.smtp,
    cert: e.address.cert,
    ...(e.address.delayMs !== undefined ? { delayMs: e.address.delayMs } : {}),
    ...(e.address.banner !== undefined ? { banner: e.address.banner } : {}),
  }));
  return [...own, ...sharedServers.map((s) => ({ ip: s.ip, hostname: s.hostname, behaviour: s.smtp, cert: s.cert }))];
}

async function startSmtpServers(requested: number): Promise<{ servers: SmtpServerHandle[]; port: number }> {
  const endpoints = labSmtpEndpoints();
  for (let attempt = 0; attempt < SMTP_PORT_ATTEMPTS; attempt++) {
    const started: SmtpServerHandle[] = [];
    let port = requested;
    try {
      for (const e of endpoints) {
        const cert = e.cert ? labCertificate(e.cert) : null;
        const server = await startSmtpServer({
          host: e.ip,
          port,
          hostname: e.hostname,
          behaviour: e.behaviour,
          tls: cert ? { keyPem: cert.keyPem, chainPem: cert.chainPem } : null,
          ...(e.delayMs !== undefined ? { delayMs: e.delayMs } : {}),
          ...(e.banner !== undefined ? { banner: e.banner } : {}),
        });
        started.push(server);
        // The first bind with port 0 picks the port every other address must share.
        port = server.port;
      }
      return { servers: started, port };
    } catch (err) {
      await Promise.all(started.map((s) => s.close()));
      const inUse = err instanceof Error && "code" in err && err.code === "EADDRINUSE";
      if (requested !== 0 || !inUse) throw err;
    }
  }
  throw new Error(`no SMTP port was free on all ${endpoints.length} lab addresses after ${SMTP_PORT_ATTEMPTS} attempts`);
}
