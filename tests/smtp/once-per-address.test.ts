// One SMTP conversation per address and name within a run (issue 15): the run's probe port
// (lib/checks/wiring.ts createPorts) opens one connection for repeated plain probes of the same
// address and MX name, and a new one for a probe with an envelope or another name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPorts } from "../../lib/checks/wiring";
import { createNetworkTransport } from "../../lib/dns/transport";
import { startSmtpServer, type SmtpServerHandle } from "../../lib/lab/smtp-server";
import { makeTestPki } from "./test-pki";

const MX = "mx1.once.test";
let server: SmtpServerHandle;
beforeAll(async () => {
  const pki = await makeTestPki(MX);
  server = await startSmtpServer({ host: "127.0.0.1", port: 0, hostname: MX, behaviour: "normal", tls: { keyPem: pki.keyPem, chainPem: pki.chainPem } });
});
afterAll(() => server?.close());

describe("the run's probe port", () => {
  it("probes an address once per name, and again only for an envelope", async () => {
    // The DNS side is never asked here: a resolver nobody listens on proves it.
    const transport = createNetworkTransport({ servers: [{ host: "127.0.0.1", port: 9 }], timeoutMs: 200, attempts: 1 });
    const config = { resolvers: [{ host: "127.0.0.1", port: 9 }], trustAnchors: null, smtpPort: server.port, allowPrivate: true, timeoutMs: 10_000 };
    const ports = createPorts(transport, config, new AbortController().signal, "once.test");
    const options = { ip: "127.0.0.1", port: server.port, mxHost: MX, heloName: "probe.mailsec.test", allowPrivate: true };
    const [a, b] = await Promise.all([ports.probe(options), ports.probe({ ...options, mxHost: `${MX.toUpperCase()}.` })]);
    expect(a.error).toBeNull();
    expect(b).toBe(a);
    expect(server.connectionCount()).toBe(1);
    await ports.probe({ ...options, mxHost: "mx2.once.test" });
    expect(server.connectionCount()).toBe(2);
    const withEnvelope = await ports.probe({ ...options, envelope: { from: "", to: "postmaster@once.test" } });
    expect(withEnvelope.envelope?.rcpt?.code).toBe(250);
    expect(server.connectionCount()).toBe(3);
  });
});
