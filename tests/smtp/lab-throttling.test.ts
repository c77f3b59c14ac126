// The lab's throttling behaviours (lib/lab/smtp-server.ts) through the real probe, and the
// SMTPUTF8 rule of RFC 6531: a UTF-8 local part goes only to a server that offers it over TLS.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer, type SmtpBehaviour, type SmtpServerHandle } from "../../lib/lab/smtp-server";
import { probeSmtp, type SmtpProbeOptions } from "../../lib/smtp";
import { makeTestPki, type TestPki } from "./test-pki";

const MX = "mx1.throttle.test";
const TIMEOUTS = { connectMs: 500, readMs: 800, tlsMs: 1500, totalMs: 5000, greetingMs: 800, throttleRetryMinMs: 50, throttleRetryMaxMs: 100 };
let pki: TestPki;
const running: SmtpServerHandle[] = [];

beforeAll(async () => {
  pki = await makeTestPki(MX);
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function lab(behaviour: SmtpBehaviour, smtputf8 = false): Promise<SmtpServerHandle> {
  const server = await startSmtpServer({ host: "127.0.0.1", port: 0, hostname: MX, behaviour, tls: { keyPem: pki.keyPem, chainPem: pki.chainPem }, smtputf8 });
  running.push(server);
  return server;
}

const probe = (port: number, extra: Partial<SmtpProbeOptions> = {}) =>
  probeSmtp({ ip: "127.0.0.1", port, mxHost: MX, heloName: "probe.mailsec.test", allowPrivate: true, timeouts: TIMEOUTS, ...extra });

describe("the lab's throttling servers read as throttled", () => {
  it.each([
    ["banner-421", "banner", "421 4.7.0 mx1.throttle.test Too many connections"],
    ["ehlo-421", "ehlo", "421 4.7.0 Rate limit exceeded"],
    // The reset may reach the client before or after its connect completes: either reads as throttled.
    // The reply is then empty and `how` says which.
    ["reset-on-connect", "connect", /^$/],
  ] as const)("%s", async (behaviour, stage, words) => {
    const server = await lab(behaviour);
    const r = await probe(server.port);
    expect(r.error?.kind).toBe("throttled");
    expect(r.throttled?.stage).toBe(stage);
    expect(r.throttled?.reply).toMatch(words);
    if (behaviour === "reset-on-connect") expect(r.throttled?.how).toMatch(/^(reset|closed)$/);
    expect(r.retry?.first.stage).toBe(stage);
    expect(server.connectionCount()).toBe(2);
  });
});

describe("SMTPUTF8 (RFC 6531 §3.4)", () => {
  const envelope = { from: "", to: "jöran@throttle.test", smtputf8: true };

  it("sends no envelope for a UTF-8 local part to a server without SMTPUTF8, and says why", async () => {
    const server = await lab("normal");
    const r = await probe(server.port, { envelope });
    expect(r.error?.kind).toBe("smtputf8-not-offered");
    expect(r.envelope).toBeUndefined();
    expect(r.transcript.some((t) => t.dir === "C" && t.text.startsWith("MAIL FROM"))).toBe(false);
    expect(r.quit?.code).toBe(221);
  });

  it("sends MAIL FROM with the SMTPUTF8 parameter to a server that offers it", async () => {
    const server = await lab("normal", true);
    const r = await probe(server.port, { envelope });
    expect(r.error).toBeNull();
    expect(r.transcript.find((t) => t.dir === "C" && t.text.startsWith("MAIL FROM"))?.text).toBe("MAIL FROM:<> SMTPUTF8");
    expect(r.envelope?.rcpt?.code).toBe(250);
  });

  it("an ASCII address goes without the parameter, to any server", async () => {
    const server = await lab("normal");
    const r = await probe(server.port, { envelope: { from: "", to: "postmaster@throttle.test" } });
    expect(r.error).toBeNull();
    expect(r.transcript.find((t) => t.dir === "C" && t.text.startsWith("MAIL FROM"))?.text).toBe("MAIL FROM:<>");
  });
});
