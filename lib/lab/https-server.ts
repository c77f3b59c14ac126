// The lab's HTTPS server: MTA-STS policy hosts (RFC 8461 §3.3) on loopback, one site per
// `mta-sts.<domain>` name, chosen by SNI (certificate) and by the Host header (content). Each site
// is a behaviour a real policy host may show: a good policy, an HTTP error, a redirect, the wrong
// content type, a body over 64 KiB, silence. Certificates are issued at start by the lab's TEST
// intermediate CA (lib/lab/pki), so a client trusts them exactly when it is given the lab root
// (`--ca-file lib/lab/pki/root.cert.pem`); a site may instead present an expired, wrongly named
// or self-signed one. TEST KEYS ONLY.
import { webcrypto } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Socket } from "node:net";
import tls from "node:tls";
import * as x509 from "../x509";
import { PKI_DIR } from "./pki";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type PolicySite =
  | { kind: "policy"; body: string; contentType?: string }
  | { kind: "status"; status: number }
  | { kind: "redirect"; status?: number; location: string }
  /** 70 KiB of text/plain, chunked (no Content-Length): the client must stop at its limit. */
  | { kind: "oversize" }
  /** Accepts the TLS connection and the request, never answers. */
  | { kind: "silent" };

export type SiteCertificate = "good" | "expired" | "wrong-name" | "self-signed";

export interface HttpsSite {
  /** The policy host, `mta-sts.<domain>` without a trailing dot. */
  host: string;
  site: PolicySite;
  cert?: SiteCertificate;
}

export interface HttpsServerHandle {
  host: string;
  port: number;
  close(): Promise<void>;
}

const EC = { name: "ECDSA", namedCurve: "P-256" } as const;
const ISSUED = { notBefore: new Date("2020-01-01T00:00:00Z"), notAfter: new Date("2045-01-01T00:00:00Z") };
const EXPIRED = { notBefore: new Date("2020-01-01T00:00:00Z"), notAfter: new Date("2021-01-01T00:00:00Z") };
let serial = 0x5000;

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n");
  return `-----BEGIN ${label}-----\n${b64}${b64.endsWith("\n") ? "" : "\n"}-----END ${label}-----\n`;
}

function pemDer(text: string): ArrayBuffer {
  const body = text.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
  const buf = Buffer.from(body, "base64");
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

/** A leaf for `host` (key PEM, chain PEM leaf first) from the lab intermediate, or self-signed. */
async function issue(host: string, kind: SiteCertificate): Promise<{ key: string; cert: string }> {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ["sign", "verify"])) as CryptoKeyPair;
  const intermediatePem = readFileSync(`${PKI_DIR}intermediate.cert.pem`, "utf8");
  const selfSigned = kind === "self-signed";
  const signingKey = selfSigned
    ? keys.privateKey
    : await webcrypto.subtle.importKey("pkcs8", pemDer(readFileSync(`${PKI_DIR}intermediate.key.pem`, "utf8")), EC, false, ["sign"]);
  const subject = `CN=${host}`;
  const name = kind === "wrong-name" ? "wrong-name.invalid" : host;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16),
    subject,
    // The intermediate's own encoded name, so the leaf's issuer matches it byte for byte.
    issuer: selfSigned ? subject : new x509.X509Certificate(intermediatePem).subjectName,
    ...(kind === "expired" ? EXPIRED : ISSUED),
    signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
    publicKey: keys.publicKey,
    signingKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.SubjectAlternativeNameExtension([{ type: "dns", value: name }]),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      await x509.AuthorityKeyIdentifierExtension.create(selfSigned ? keys.publicKey : await intermediatePublicKey(intermediatePem)),
    ],
  });
  const key = pem("PRIVATE KEY", await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  return { key, cert: cert.toString("pem") + "\n" + (selfSigned ? "" : intermediatePem) };
}

async function intermediatePublicKey(intermediatePem: string): Promise<CryptoKey> {
  return new x509.X509Certificate(intermediatePem).publicKey.export(EC, ["verify"]);
}

const OVERSIZE_BYTES = 70 * 1024;

function respond(socket: tls.TLSSocket, site: PolicySite | undefined): void {
  const send = (status: string, headers: Record<string, string>, body: string) => {
    const head = Object.entries({ ...headers, "Content-Length": String(Buffer.byteLength(body)), Connection: "close" })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join("");
    socket.end(`HTTP/1.1 ${status}\r\n${head}\r\n${body}`);
  };
  if (!site) return send("404 Not Found", { "Content-Type": "text/plain" }, "no such site\n");
  switch (site.kind) {
    case "policy":
      return send("200 OK", { "Content-Type": site.contentType ?? "text/plain; charset=utf-8" }, site.body);
    case "status":
      return send(`${site.status} Lab`, { "Content-Type": "text/plain" }, "lab\n");
    case "redirect":
      return send(`${site.status ?? 301} Moved`, { Location: site.location, "Content-Type": "text/plain" }, "moved\n");
    case "oversize": {
      socket.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
      const line = "mx: mx.example.com\n".repeat(100);
      let sent = 0;
      // Written in chunks; a client that stops reading closes the socket and the writes end.
      const pump = () => {
        while (sent < OVERSIZE_BYTES && !socket.destroyed) {
          sent += line.length;
          if (!socket.write(`${line.length.toString(16)}\r\n${line}\r\n`)) return void socket.once("drain", pump);
        }
        if (!socket.destroyed) socket.end("0\r\n\r\n");
      };
      return pump();
    }
    case "silent":
      return;
  }
}

/** Starts the policy host server; `sites` are fixed for its lifetime. */
export async function startHttpsServer(options: { host?: string; port?: number; sites: readonly HttpsSite[] }): Promise<HttpsServerHandle> {
  const host = options.host ?? "127.0.0.1";
  const contexts = new Map<string, tls.SecureContext>();
  const bySite = new Map<string, PolicySite>();
  for (const s of options.sites) {
    const name = s.host.toLowerCase();
    const issued = await issue(name, s.cert ?? "good");
    contexts.set(name, tls.createSecureContext({ key: issued.key, cert: issued.cert }));
    bySite.set(name, s.site);
  }
  const fallback = [...contexts.values()][0];
  const sockets = new Set<Socket>();
  const server = tls.createServer(
    {
      SNICallback: (servername, cb) => cb(null, contexts.get(servername.toLowerCase()) ?? fallback),
    },
    (socket) => {
      sockets.add(socket);
      socket.once("close", () => sockets.delete(socket));
      socket.on("error", () => socket.destroy());
      let head = "";
      const onData = (chunk: Buffer) => {
        head += chunk.toString("latin1");
        if (head.length > 16 * 1024) return void socket.destroy();
        const end = head.indexOf("\r\n\r\n");
        if (end < 0) return;
        socket.off("data", onData);
        const hostHeader = /\r\nhost:[ \t]*([^\r\n:]+)/i.exec(head.slice(0, end))?.[1]?.toLowerCase();
        const path = /^GET ([^ ]+) HTTP\/1\.[01]\r\n/.exec(head)?.[1];
        respond(socket, path === "/.well-known/mta-sts.txt" && hostHeader ? bySite.get(hostHeader) : undefined);
      };
      socket.on("data", onData);
    },
  );
  server.on("tlsClientError", () => {});
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  let closed: Promise<void> | null = null;
  return {
    host,
    port,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      })),
  };
}
