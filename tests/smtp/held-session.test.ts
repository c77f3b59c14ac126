// The recipient check's session reuse: the run's probe port (lib/checks/wiring.ts) holds the first
// conversation that gets through EHLO over TLS once the Inbound test asks it to, and the probe with
// the envelope for that address goes on in it (lib/smtp/client.ts probeSmtpHeld) instead of opening
// a second connection. Against the lab's SMTP server on loopback; its connection count is the proof.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPorts } from "../../lib/checks/wiring";
import { createNetworkTransport } from "../../lib/dns/transport";
import { startSmtpServer, type SmtpServerHandle } from "../../lib/lab/smtp-server";
import { probeSmtpHeld } from "../../lib/smtp/client";
import type { SmtpProbeResult } from "../../lib/smtp/types";
import { makeTestPki } from "./test-pki";

const MX = "mx1.held.test";
let server: SmtpServerHandle;
beforeAll(async () => {
  const pki = await makeTestPki(MX);
  server = await startSmtpServer({ host: "127.0.0.1", port: 0, hostname: MX, behaviour: "normal", tls: { keyPem: pki.keyPem, chainPem: pki.chainPem } });
});
afterAll(() => server?.close());

function runPorts(signal = new AbortController().signal) {
  // The DNS side is never asked here: a resolver nobody listens on proves it.
  const transport = createNetworkTransport({ servers: [{ host: "127.0.0.1", port: 9 }], timeoutMs: 200, attempts: 1 });
  const config = { resolvers: [{ host: "127.0.0.1", port: 9 }], trustAnchors: null, smtpPort: server.port, allowPrivate: true, timeoutMs: 10_000 };
  return createPorts(transport, config, signal, "held.test");
}
const options = () => ({ ip: "127.0.0.1", port: server.port, mxHost: MX, heloName: "probe.mailsec.test", allowPrivate: true });
const envelope = { from: "", to: "postmaster@held.test" };
const sent = (r: SmtpProbeResult) => r.transcript.filter((t) => t.dir === "C").map((t) => t.text.split(" ")[0]);
const connects = (r: SmtpProbeResult) => r.transcript.filter((t) => t.dir === "info" && t.note?.event === "connecting").length;

describe("a held session", () => {
  it("carries the envelope in the connection the mail flow opened: one connection, one whole transcript", async () => {
    const before = server.connectionCount();
    const ports = runPorts();
    ports.holdSessionForRecipient?.();
    const plain = await ports.probe(options());
    expect([plain.error, plain.quit, plain.ehloTls?.reply.code]).toEqual([null, null, 250]);
    const withEnvelope = await ports.probe({ ...options(), envelope });
    expect(server.connectionCount() - before).toBe(1);
    expect([withEnvelope.envelope?.mail?.code, withEnvelope.envelope?.rcpt?.code, withEnvelope.quit?.code, withEnvelope.error]).toEqual([250, 250, 221, null]);
    // As one probe with an envelope reads: connect, EHLO, STARTTLS, EHLO, MAIL, RCPT, QUIT.
    expect(sent(withEnvelope)).toEqual(["EHLO", "STARTTLS", "EHLO", "MAIL", "RCPT", "QUIT"]);
    expect(connects(withEnvelope)).toBe(1);
    expect(withEnvelope.tls).toEqual(plain.tls);
    // The mail flow's result is what it was at the pause.
    expect(sent(plain)).toEqual(["EHLO", "STARTTLS", "EHLO"]);
    // The session is used up: another envelope connects anew.
    await ports.probe({ ...options(), envelope });
    expect(server.connectionCount() - before).toBe(2);
  });

  it("is held once a run, and only when asked: without it, the envelope opens its own connection", async () => {
    const before = server.connectionCount();
    const ports = runPorts();
    await ports.probe(options());
    await ports.probe({ ...options(), envelope });
    expect(server.connectionCount() - before).toBe(2);
  });

  it("keeps a probe slot: eight more conversations still all end (no wait on the held one)", async () => {
    const before = server.connectionCount();
    const ports = runPorts();
    ports.holdSessionForRecipient?.();
    await ports.probe(options());
    const more = await Promise.all(Array.from({ length: 8 }, (_, i) => ports.probe({ ...options(), mxHost: `mx${i + 2}.held.test` })));
    expect(more.every((r) => r.quit?.code === 221)).toBe(true);
    expect(server.connectionCount() - before).toBe(9);
    await ports.releaseHeldSessions?.();
  });

  it("released (the run's end, its abort) QUITs; the envelope then connects anew", async () => {
    const before = server.connectionCount();
    const ports = runPorts();
    ports.holdSessionForRecipient?.();
    await ports.probe(options());
    await ports.releaseHeldSessions?.();
    const after = await ports.probe({ ...options(), envelope });
    expect([after.envelope?.rcpt?.code, connects(after), server.connectionCount() - before]).toEqual([250, 1, 2]);

    const abort = new AbortController();
    const aborted = runPorts(abort.signal);
    aborted.holdSessionForRecipient?.();
    await aborted.probe(options());
    abort.abort();
    const again = await aborted.probe({ ...options(), envelope });
    expect([again.envelope?.rcpt?.code, server.connectionCount() - before]).toEqual([250, 4]);
  });

  it("ends on its own when the hold runs out: the envelope then finds no session", async () => {
    const { result, session } = await probeSmtpHeld(options(), 1);
    expect([result.error, session === null]).toEqual([null, false]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await session?.envelope(envelope)).toBeNull();
    // A conversation that did not get through TLS is never held.
    const noTls = await probeSmtpHeld({ ...options(), port: 9 }, 60_000);
    expect([noTls.session, noTls.result.connected]).toEqual([null, false]);
  });
});
