// The held session counts against the run's SMTP connection limit (MAX_PARALLEL_PROBES): with
// one session held for the recipient check, at most MAX_PARALLEL_PROBES connections are ever open
// at once, and the rest of the run still gets through. Measured on the wire: a TCP relay on
// loopback in front of the lab's SMTP server counts the connections open at the same time.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPorts, MAX_PARALLEL_PROBES } from "../../lib/checks/wiring";
import { createNetworkTransport } from "../../lib/dns/transport";
import { startSmtpServer, type SmtpServerHandle } from "../../lib/lab/smtp-server";
import { makeTestPki } from "./test-pki";

const MX = "mx1.slots.test";
let server: SmtpServerHandle;
let relay: net.Server;
let open = 0;
let mostOpen = 0;

beforeAll(async () => {
  const pki = await makeTestPki(MX);
  server = await startSmtpServer({ host: "127.0.0.1", port: 0, hostname: MX, behaviour: "normal", tls: { keyPem: pki.keyPem, chainPem: pki.chainPem } });
  relay = net.createServer((client) => {
    open += 1;
    mostOpen = Math.max(mostOpen, open);
    const upstream = net.connect({ host: "127.0.0.1", port: server.port });
    let counted = true;
    const gone = (): void => {
      if (counted) open -= 1;
      counted = false;
      client.destroy();
      upstream.destroy();
    };
    client.on("error", gone).on("close", gone);
    upstream.on("error", gone).on("close", gone);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise((resolve) => relay?.close(resolve));
  await server?.close();
});

describe("a held session and the run's connection limit", () => {
  it("keeps its slot: never more than MAX_PARALLEL_PROBES open, and every other conversation ends", async () => {
    const port = (relay.address() as net.AddressInfo).port;
    const transport = createNetworkTransport({ servers: [{ host: "127.0.0.1", port: 9 }], timeoutMs: 200, attempts: 1 });
    const config = { resolvers: [{ host: "127.0.0.1", port: 9 }], trustAnchors: null, smtpPort: port, allowPrivate: true, timeoutMs: 10_000 };
    const ports = createPorts(transport, config, new AbortController().signal, "slots.test");
    const options = (mxHost: string) => ({ ip: "127.0.0.1", port, mxHost, heloName: "probe.mailsec.test", allowPrivate: true });
    ports.holdSessionForRecipient?.();
    const held = await ports.probe(options(MX));
    expect([held.error, held.quit]).toEqual([null, null]);
    mostOpen = open;
    // Twice the limit at once: without the held session's slot counted, one more would be open.
    const more = await Promise.all(Array.from({ length: 2 * MAX_PARALLEL_PROBES }, (_, i) => ports.probe(options(`mx${i + 2}.slots.test`))));
    expect(more.every((r) => r.quit?.code === 221)).toBe(true);
    expect(mostOpen).toBe(MAX_PARALLEL_PROBES);
    // The recipient check goes on in the held session: still no new connection beyond the limit.
    const recipient = await ports.probe({ ...options(MX), envelope: { from: "", to: "postmaster@slots.test" } });
    expect(recipient.envelope?.rcpt?.code).toBe(250);
    await ports.releaseHeldSessions?.();
  }, 30_000);
});
