// The MTA-STS policy fetch (RFC 8461 §3.3) over real sockets: the lab's HTTPS server on loopback
// with certificates from the lab's TEST CA, the fetcher through the SSRF guard. curl, given the
// same root and address, is the independent reading of what each site serves.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { rootCertificates } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchStsPolicy, type PolicyFetchOptions } from "../../lib/https/mta-sts-fetch";
import { startHttpsServer, type HttpsServerHandle, type HttpsSite } from "../../lib/lab/https-server";
import { PKI_DIR } from "../../lib/lab/pki";
import { assessMtaSts, readStsRecord } from "../../lib/policies/mta-sts";

const ROOT_FILE = `${PKI_DIR}root.cert.pem`;
const roots = [...rootCertificates, readFileSync(ROOT_FILE, "utf8")];
const POLICY = "version: STSv1\nmode: enforce\nmx: mx.good.test\nmax_age: 86400\n";

const sites: HttpsSite[] = [
  { host: "mta-sts.good.test", site: { kind: "policy", body: POLICY } },
  { host: "mta-sts.missing.test", site: { kind: "status", status: 404 } },
  { host: "mta-sts.moved.test", site: { kind: "redirect", location: "https://elsewhere.test/.well-known/mta-sts.txt" } },
  { host: "mta-sts.html.test", site: { kind: "policy", body: "<html>policy</html>", contentType: "text/html" } },
  { host: "mta-sts.big.test", site: { kind: "oversize" } },
  { host: "mta-sts.expired.test", site: { kind: "policy", body: POLICY }, cert: "expired" },
  { host: "mta-sts.selfsigned.test", site: { kind: "policy", body: POLICY }, cert: "self-signed" },
  { host: "mta-sts.silent.test", site: { kind: "silent" } },
];

let server: HttpsServerHandle;
beforeAll(async () => {
  server = await startHttpsServer({ sites });
});
afterAll(async () => {
  await server?.close();
});

const fetchFor = (domain: string, extra: Partial<PolicyFetchOptions> = {}) =>
  fetchStsPolicy({ domain, addresses: ["127.0.0.1"], port: server.port, allowPrivate: true, roots, now: new Date(), timeoutMs: 3000, ...extra });

/** curl's reading: HTTP status (000 when TLS or the name failed), never following redirects. Async: the server shares this process. */
function curl(domain: string): Promise<string> {
  const host = `mta-sts.${domain}`;
  const args = ["-s", "-o", "/dev/null", "-w", "%{http_code} %{content_type}", "--max-time", "3", "--cacert", ROOT_FILE, "--resolve", `${host}:${server.port}:127.0.0.1`, `https://${host}:${server.port}/.well-known/mta-sts.txt`];
  return new Promise((resolve) => execFile("curl", args, { encoding: "utf8" }, (_err, stdout) => resolve(stdout)));
}

describe("fetching the policy", () => {
  it("a good policy: the body, as sent", async () => {
    const r = await fetchFor("good.test");
    expect(r).toEqual({ ok: true, url: `https://mta-sts.good.test:${server.port}/.well-known/mta-sts.txt`, ip: "127.0.0.1", body: POLICY });
    expect(await curl("good.test")).toBe("200 text/plain; charset=utf-8");
  });
  it("404: no policy", async () => {
    expect(await fetchFor("missing.test")).toMatchObject({ ok: false, failure: { kind: "status", status: 404 } });
    expect(await curl("missing.test")).toMatch(/^404 /);
  });
  it("a redirect is not followed (§3.3)", async () => {
    expect(await fetchFor("moved.test")).toMatchObject({ ok: false, failure: { kind: "redirect", status: 301, location: "https://elsewhere.test/.well-known/mta-sts.txt" } });
    expect(await curl("moved.test")).toMatch(/^301 /);
  });
  it("text/html is the wrong content type", async () => {
    expect(await fetchFor("html.test")).toMatchObject({ ok: false, failure: { kind: "content-type", contentType: "text/html" } });
    expect(await curl("html.test")).toBe("200 text/html");
  });
  it("a body over 64 KiB is cut off", async () => {
    expect(await fetchFor("big.test")).toMatchObject({ ok: false, failure: { kind: "too-large", limit: 65536 } });
  });
  it("an expired certificate, a self-signed one, a name the certificate lacks, a root not given", async () => {
    expect(await fetchFor("expired.test")).toMatchObject({ ok: false, failure: { kind: "certificate", reason: "expired" } });
    expect(await curl("expired.test")).toMatch(/^000/);
    expect(await fetchFor("selfsigned.test")).toMatchObject({ ok: false, failure: { kind: "certificate", reason: "untrusted" } });
    expect(await curl("selfsigned.test")).toMatch(/^000/);
    // An unknown SNI name gets the first site's certificate, which does not name it.
    expect(await fetchFor("unknown.test")).toMatchObject({ ok: false, failure: { kind: "certificate", reason: "name-mismatch" } });
    expect(await fetchFor("good.test", { roots: rootCertificates })).toMatchObject({ ok: false, failure: { kind: "certificate", reason: "untrusted" } });
  });
  it("fetches at once and one after another each judge the chain their own handshake sent", async () => {
    const results = await Promise.all(["good.test", "selfsigned.test", "good.test", "expired.test"].map((d) => fetchFor(d)));
    expect(results.map((r) => (r.ok ? "ok" : r.failure.kind === "certificate" ? r.failure.reason : r.failure.kind))).toEqual(["ok", "untrusted", "ok", "expired"]);
    expect(await fetchFor("good.test")).toMatchObject({ ok: true });
    expect(await fetchFor("selfsigned.test")).toMatchObject({ ok: false, failure: { kind: "certificate", reason: "untrusted" } });
  });
  it("a silent server: bounded by the timeout", async () => {
    const started = Date.now();
    const r = await fetchFor("silent.test", { timeoutMs: 400 });
    expect(r).toMatchObject({ ok: false, failure: { kind: "network" } });
    expect(Date.now() - started).toBeLessThan(3000);
  });
  it("the guard refuses loopback without --allow-private, and nothing is connected", async () => {
    const r = await fetchFor("good.test", { allowPrivate: false });
    expect(r).toMatchObject({ ok: false, failure: { kind: "network" } });
    expect(!r.ok && r.failure.kind === "network" && r.failure.problem).toMatchObject({ reason: "guard", range: "127.0.0.0/8" });
  });
  it("a closed port, then the next address", async () => {
    const r = await fetchStsPolicy({ domain: "good.test", addresses: ["127.0.0.2", "127.0.0.1"], port: server.port, allowPrivate: true, roots, now: new Date(), timeoutMs: 3000 });
    // 127.0.0.2 is bound by nothing on this port (the server listens on 127.0.0.1 only).
    expect(r.ok).toBe(true);
  });
});

describe("record + fetched policy → what a sender does", () => {
  const record = readStsRecord({ name: "_mta-sts.good.test.", outcome: "answer", status: "secure", texts: ["v=STSv1; id=1"] }, "good.test");
  it("good policy covering the MX: enforced", async () => {
    const a = assessMtaSts({ domain: "good.test", record, fetch: await fetchFor("good.test"), mx: [{ host: "mx.good.test.", certificateValid: true }] });
    expect(a).toMatchObject({ delivery: "enforced", verdict: "pass", body: POLICY.trimEnd().split("\n") });
  });
  it("a 404 behind a record: no-policy, fail", async () => {
    const a = assessMtaSts({ domain: "missing.test", record, fetch: await fetchFor("missing.test"), mx: [{ host: "mx.missing.test.", certificateValid: true }] });
    expect(a).toMatchObject({ policy: "fetch-failed", delivery: "no-policy", verdict: "fail" });
  });
});
