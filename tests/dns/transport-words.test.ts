// A query that gets no usable answer, end to end over real loopback sockets: lib/dns's transport
// meets a closed UDP port and the lab's DNS server sending garbage (counts that lie, a compression
// loop, a record cut short, a spoofed ID), the validator turns the failure into
// DNSSEC_NETWORK_FAILURE with its attempts as data, and lib/report/i18n words it in English and
// European Portuguese: each attempt's server, transport and problem, with the decoder's kind and
// offset for a malformed response.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNetworkTransport, type ResolverAddress } from "../../lib/dns/transport";
import { RRType } from "../../lib/dns/types";
import { parseTrustAnchors } from "../../lib/dnssec/anchors";
import { createValidator } from "../../lib/dnssec/validator";
import { startDnsServer, type DnsServerHandle } from "../../lib/lab/dns-server";
import { labTrustAnchorText, loadLabZones } from "../../lib/lab/zone-files";
import { renderFinding } from "../../lib/report/i18n/render";
import { closedUdpPort } from "./responder";

let lab: DnsServerHandle;

beforeAll(async () => {
  lab = await startDnsServer({
    host: "127.0.0.1",
    port: 0,
    zones: loadLabZones(),
    faults: [
      { name: "dane-ee.test.", type: "MX", fault: "malformed" },
      { name: "dane-ee.test.", type: "TXT", fault: "compression-loop" },
      { name: "dane-ee.test.", type: "NS", fault: "truncated-record" },
      { name: "dane-ee.test.", type: "SOA", fault: "mismatched-id" },
    ],
  });
});

afterAll(async () => {
  await lab?.close();
});

/** The finding a validation of `name`/`type` through `servers` ends with, and its text in both languages. */
async function failure(servers: ResolverAddress[], name: string, type: number, attempts = 1) {
  const transport = createNetworkTransport({ servers, timeoutMs: 300, attempts });
  const validator = createValidator({ transport, anchors: parseTrustAnchors(labTrustAnchorText()), now: () => new Date("2026-06-01T00:00:00Z") });
  const result = await validator.validate(name, type);
  expect(result.status).toBe("indeterminate");
  const reason = result.reason;
  if (!reason) throw new Error("expected a reason");
  expect(reason.code).toBe("DNSSEC_NETWORK_FAILURE");
  return { params: reason.params, en: renderFinding("en", reason).message, pt: renderFinding("pt-PT", reason).message };
}

const labServer = (): ResolverAddress => ({ host: "127.0.0.1", port: lab.port });
const at = (s: ResolverAddress) => `${s.host}:${s.port}`;

describe("DNSSEC_NETWORK_FAILURE names each server, transport and problem, in en and pt-PT", () => {
  it("a closed UDP port: ECONNREFUSED, counted, then the server that sent garbage (counts that lie)", async () => {
    const closed = { host: "127.0.0.1", port: await closedUdpPort() };
    const f = await failure([closed, labServer()], "dane-ee.test.", RRType.MX, 3);
    // Tries go closed, lab, closed: the last one's trouble is the cause; identical entries merge, first seen first.
    expect(f.params).toMatchObject({ transportProblem: "unanswered", transportCause: "network", tries: 3, timeoutMs: 300 });
    expect(f.params.attempts).toEqual([
      { server: at(closed), transport: "udp", times: 2, problem: "network", errno: "ECONNREFUSED" },
      expect.objectContaining({ server: at(labServer()), transport: "udp", times: 1, problem: "malformed", wire: "counts", part: "header", records: 3 }),
      { server: at(labServer()), transport: "udp", times: 1, problem: "timeout", ms: 300 },
    ]);
    expect(f.en).toContain(`No usable answer for dane-ee.test. MX: no answer from ${at(closed)}, ${at(labServer())} after 3 tries of 300 ms each`);
    expect(f.en).toContain(`${at(closed)} over UDP: the port is closed (ECONNREFUSED) (2 times)`);
    expect(f.en).toContain(`${at(labServer())} over UDP: a malformed response: the header counts (1 question, 3 records, at offset 4) need at least`);
    expect(f.en).toContain(`${at(labServer())} over UDP: no usable answer within 300 ms`);
    expect(f.pt).toContain(`Sem resposta utilizável para dane-ee.test. MX: nenhuma resposta de ${at(closed)}, ${at(labServer())} após 3 tentativas de 300 ms cada`);
    expect(f.pt).toContain(`${at(closed)} por UDP: a porta está fechada (ECONNREFUSED) (2 vezes)`);
    expect(f.pt).toContain(`${at(labServer())} por UDP: uma resposta malformada: as contagens do cabeçalho (1 pergunta, 3 registos, no deslocamento 4) exigem pelo menos`);
  });

  it("a compression pointer to itself: the decoder's kind, the offsets and the record it is in", async () => {
    const f = await failure([labServer()], "dane-ee.test.", RRType.TXT);
    const malformed = (f.params.attempts as readonly Record<string, string | number>[])[0];
    expect(malformed).toMatchObject({ problem: "malformed", wire: "pointer-forward", part: "owner", section: "answer", index: 1, field: "NAME" });
    const offset = malformed?.offset as number;
    expect(malformed?.at).toBe(offset);
    expect(f.en).toContain(`${at(labServer())} over UDP: a malformed response: the name at offset ${offset} has a compression pointer at offset ${offset} that points forward, to ${offset} (in answer record 1)`);
    expect(f.pt).toContain(`${at(labServer())} por UDP: uma resposta malformada: o nome no deslocamento ${offset} tem um ponteiro de compressão no deslocamento ${offset} que aponta para a frente, para ${offset} (no registo 1 da secção de resposta)`);
  });

  it("a record cut short: RDLENGTH past the end, with the record's section, index and type", async () => {
    const f = await failure([labServer()], "dane-ee.test.", RRType.NS);
    const malformed = (f.params.attempts as readonly Record<string, string | number>[])[0];
    expect(malformed).toMatchObject({ problem: "malformed", wire: "rdlength", part: "rdata", field: "RDLENGTH", have: expect.any(Number) as number });
    const { rdlength, offset, have, rrType, section, index } = malformed as Record<string, string | number>;
    expect(f.en).toContain(`a malformed response: RDLENGTH ${rdlength} at offset ${offset} runs past the message (${have} octets left) (in the ${rrType} RDATA of ${section} record ${index}, field RDLENGTH)`);
    expect(f.pt).toContain(`uma resposta malformada: o RDLENGTH ${rdlength} no deslocamento ${offset} ultrapassa a mensagem (restam ${have} octetos) (no RDATA ${rrType} do registo ${index} da secção`);
  });

  it("a spoofed ID: the response does not match the query, and the wait runs out", async () => {
    const f = await failure([labServer()], "dane-ee.test.", RRType.SOA);
    expect(f.params.attempts).toEqual([
      expect.objectContaining({ server: at(labServer()), transport: "udp", problem: "mismatch", mismatch: "id" }),
      { server: at(labServer()), transport: "udp", times: 1, problem: "timeout", ms: 300 },
    ]);
    expect(f.en).toMatch(/over UDP: a response that does not match the query \(ID \d+, expected \d+\); /);
    expect(f.pt).toMatch(/por UDP: uma resposta que não corresponde à consulta \(ID \d+, esperado \d+\); /);
  });
});
