// The extra trusted CA setting (--ca-file / MAILSEC_CA_FILE): read once at the door, refused when it
// holds no certificate, added to the system's roots, and then trusted by the one WebPKI check.
import { readFileSync } from "node:fs";
import { rootCertificates } from "node:tls";
import { describe, expect, it } from "vitest";
import { analyzeCertificate } from "../../lib/dane/certificate";
import { webpkiRoots } from "../../lib/dane/webpki-roots";
import { labCertificate, labRootPem } from "../../lib/lab";
import { parseServerEnv } from "../../lib/server/env-parse";

const files: Record<string, string> = { "/ca.pem": labRootPem(), "/empty.pem": "not a certificate\n", "/etc/resolv.conf": "nameserver 127.0.0.1\n" };
const read = (file: string) => {
  const text = files[file];
  if (text === undefined) throw new Error(`ENOENT: ${file}`);
  return text;
};

describe("MAILSEC_CA_FILE", () => {
  it("is read at start-up, with MAILSEC_HTTPS_PORT beside it", () => {
    const env = parseServerEnv({ MAILSEC_CA_FILE: "/ca.pem", MAILSEC_HTTPS_PORT: "8443" }, read);
    expect(env.caPem).toBe(labRootPem());
    expect(env.httpsPort).toBe(8443);
    expect(parseServerEnv({}, read)).toMatchObject({ caPem: null, httpsPort: 443 });
  });
  it("a file that cannot be read, or holds no certificate, stops the server with a message naming it", () => {
    expect(() => parseServerEnv({ MAILSEC_CA_FILE: "/missing.pem" }, read)).toThrow(/MAILSEC_CA_FILE: cannot read "\/missing.pem"/);
    expect(() => parseServerEnv({ MAILSEC_CA_FILE: "/empty.pem" }, read)).toThrow(/MAILSEC_CA_FILE: "\/empty.pem" holds no PEM certificate/);
  });
});

describe("webpkiRoots", () => {
  it("adds the file's certificates to the system's roots, one array per text", () => {
    expect(webpkiRoots(null)).toBe(rootCertificates);
    const roots = webpkiRoots(labRootPem());
    expect(roots.length).toBe(rootCertificates.length + 1);
    expect(webpkiRoots(labRootPem())).toBe(roots);
  });
  it("makes a lab certificate WebPKI-valid for the certificate check, and only then", () => {
    const good = labCertificate("good");
    const host = "mx1.dane-ee.test";
    const now = new Date("2030-01-01T00:00:00Z");
    expect(analyzeCertificate({ chainDer: good.chainDer, hostName: host, now, roots: webpkiRoots(null) })).toMatchObject({ webpkiTrusted: false });
    expect(analyzeCertificate({ chainDer: good.chainDer, hostName: host, now, roots: webpkiRoots(readFileSync(new URL("../../lib/lab/pki/root.cert.pem", import.meta.url), "utf8")) })).toMatchObject({ webpkiTrusted: true, nameMatches: true });
  });
});
