// How lib/report/i18n words lib/dns's failures (DNSSEC_NETWORK_FAILURE's {problem}): every
// WireProblem kind and every attempt problem in English and European Portuguese, with the values
// it carries; the problems the decoder really produces on the malformed corpus; the query-level
// failures; and a run stored before the tokens, whose English {problem} shows as written.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WireError, type WireProblem, type WireProblemKind } from "../../lib/dns/errors";
import type { DnsAttempt } from "../../lib/dns/types";
import { decodeMessage } from "../../lib/dns/wire";
import { findingText } from "../../components/report-text";
import { asFinding, parseFinding } from "../../lib/report/findings";
import { renderFinding } from "../../lib/report/i18n/render";
import { LOCALES } from "../../lib/report/i18n/types";

const SERVER = "192.0.2.53:53";

/** One of each kind, with the values the decoder gives it (the compiler holds the list complete). */
const WIRE_SAMPLES: { [K in WireProblemKind]: Extract<WireProblem, { kind: K }> } = {
  "header-short": { kind: "header-short", part: "header", offset: 0, size: 7 },
  "message-long": { kind: "message-long", part: "message", offset: 0, size: 70000, limit: 65535 },
  counts: { kind: "counts", part: "header", offset: 4, questions: 1, records: 3, need: 38, have: 17 },
  "field-cut": { kind: "field-cut", part: "rdata", rrType: "RRSIG", section: "answer", index: 2, field: "key-tag", offset: 91, need: 2, have: 1 },
  rdlength: { kind: "rdlength", part: "rdata", rrType: "A", section: "answer", index: 1, field: "RDLENGTH", offset: 39, rdlength: 4, have: 1 },
  "rdata-size": { kind: "rdata-size", part: "rdata", rrType: "AAAA", section: "answer", index: 1, offset: 40, size: 4, expected: 16 },
  "rdata-extra": { kind: "rdata-extra", part: "rdata", rrType: "MX", section: "answer", index: 1, offset: 44, extra: 3 },
  "rdata-past-end": { kind: "rdata-past-end", part: "rdata", rrType: "TLSA", offset: 60 },
  "txt-empty": { kind: "txt-empty", part: "rdata", rrType: "TXT", section: "answer", index: 1, offset: 41 },
  "nsec3-hash-empty": { kind: "nsec3-hash-empty", part: "rdata", rrType: "NSEC3", section: "authority", index: 3, field: "hash-length", offset: 120 },
  "name-overrun": { kind: "name-overrun", part: "question", section: "question", index: 1, field: "QNAME", offset: 12, end: 17 },
  "pointer-cut": { kind: "pointer-cut", part: "owner", section: "answer", index: 1, field: "NAME", offset: 29, at: 29 },
  "pointer-forward": { kind: "pointer-forward", part: "owner", section: "answer", index: 1, field: "NAME", offset: 29, at: 29, target: 29 },
  "pointer-hops": { kind: "pointer-hops", part: "rdata", rrType: "CNAME", section: "answer", index: 1, field: "CNAME", offset: 41, limit: 127 },
  "label-type": { kind: "label-type", part: "owner", section: "additional", index: 1, field: "NAME", offset: 50, at: 50, labelType: 64 },
  "label-overrun": { kind: "label-overrun", part: "rdata", rrType: "NS", section: "authority", index: 1, field: "NSDNAME", offset: 61, at: 61 },
  "name-long": { kind: "name-long", part: "rdata", rrType: "SOA", section: "authority", index: 1, field: "MNAME", offset: 70, limit: 255 },
  trailing: { kind: "trailing", part: "message", offset: 55, extra: 2 },
  "opt-owner": { kind: "opt-owner", part: "owner", section: "additional", index: 1, rrType: "OPT", offset: 40, owner: "a." },
  "opt-section": { kind: "opt-section", part: "owner", section: "answer", index: 1, rrType: "OPT", offset: 29 },
  "opt-count": { kind: "opt-count", part: "message", section: "additional", rrType: "OPT", offset: 51, count: 2 },
  "bitmap-cut": { kind: "bitmap-cut", part: "rdata", rrType: "NSEC", section: "authority", index: 2, field: "type-bitmaps", offset: 88, at: 88 },
  "bitmap-order": { kind: "bitmap-order", part: "rdata", rrType: "NSEC", section: "authority", index: 2, field: "type-bitmaps", offset: 88, window: 0, previous: 1 },
  "bitmap-length": { kind: "bitmap-length", part: "rdata", rrType: "NSEC3", section: "authority", index: 2, field: "type-bitmaps", offset: 88, window: 0, length: 33 },
  "bitmap-overrun": { kind: "bitmap-overrun", part: "rdata", rrType: "NSEC", section: "authority", index: 2, field: "type-bitmaps", offset: 88, window: 1, length: 5 },
  "bitmap-zero": { kind: "bitmap-zero", part: "rdata", rrType: "NSEC", section: "authority", index: 2, field: "type-bitmaps", offset: 88, window: 0 },
};

/** Problems of the message as a whole (its size): their offset is 0 and the words leave it out. */
const WHOLE_MESSAGE: ReadonlySet<WireProblemKind> = new Set(["header-short", "message-long"]);

function malformed(problem: WireProblem): DnsAttempt {
  const { kind, ...values } = problem;
  return { server: SERVER, transport: "udp", times: 1, problem: "malformed", wire: kind, ...values } as DnsAttempt;
}

/** DNSSEC_NETWORK_FAILURE after one try that met `attempts`, checked against the code's zod schema. */
function networkFailure(attempts: DnsAttempt[]) {
  const stored = { code: "DNSSEC_NETWORK_FAILURE", params: { name: "example.test.", type: "MX", transportProblem: "unanswered", transportCause: "malformed", servers: SERVER, tries: 1, timeoutMs: 2000, attempts: attempts.map((a) => ({ ...a })) } };
  expect(parseFinding(stored), "params fit the finding's schema").not.toBeNull();
  return stored;
}

const words = (finding: { code: string; params: Record<string, unknown> }) =>
  Object.fromEntries(LOCALES.map((locale) => [locale, renderFinding(locale, asFinding(finding as never), { strict: true }).message])) as Record<(typeof LOCALES)[number], string>;

describe("a malformed response's WireProblem, in both languages", () => {
  for (const sample of Object.values(WIRE_SAMPLES)) {
    it(`${sample.kind}: the kind's own words, its offset and where it was`, () => {
      const text = words(networkFailure([malformed(sample)]));
      for (const locale of LOCALES) {
        expect(text[locale]).toContain(SERVER);
        // A whole message too short or too long has no offset worth naming.
        if (!WHOLE_MESSAGE.has(sample.kind)) expect(text[locale]).toContain(String(sample.offset));
        // The `other` branch prints the bare token: a kind without words would show it.
        expect(text[locale], locale).not.toContain(`${sample.kind} ${locale === "en" ? "at offset" : "no deslocamento"}`);
        if (sample.rrType !== undefined && sample.part === "rdata") expect(text[locale]).toContain(sample.rrType);
      }
      expect(text.en).toContain("over UDP: a malformed response: ");
      expect(text["pt-PT"]).toContain("por UDP: uma resposta malformada: ");
      if ("section" in sample && sample.section === "authority") {
        expect(text.en).toContain("authority record");
        expect(text["pt-PT"]).toContain("secção de autoridade");
      }
    });
  }

  it("the decoder's own problems on the malformed corpus all render, with their offsets", () => {
    const dir = join(import.meta.dirname, "..", "vectors", "malformed");
    const kinds = new Set<string>();
    for (const sub of ["c-ares-fuzzinput", "dnssec-prover-parse_response"]) {
      for (const file of readdirSync(join(dir, sub))) {
        try {
          decodeMessage(new Uint8Array(readFileSync(join(dir, sub, file))));
        } catch (err) {
          if (!(err instanceof WireError)) throw err;
          kinds.add(err.problem.kind);
          const text = words(networkFailure([malformed(err.problem)]));
          if (WHOLE_MESSAGE.has(err.problem.kind)) continue;
          expect(text.en, file).toContain(`offset ${err.problem.offset}`);
          expect(text["pt-PT"], file).toContain(`deslocamento ${err.problem.offset}`);
        }
      }
    }
    expect(kinds.size).toBeGreaterThan(2);
  });
});

describe("each attempt's problem, in both languages", () => {
  const cases: [DnsAttempt, string, string][] = [
    [{ server: SERVER, transport: "udp", times: 3, problem: "timeout", ms: 2000 }, "over UDP: no usable answer within 2000 ms (3 times)", "por UDP: nenhuma resposta utilizável em 2000 ms (3 vezes)"],
    [{ server: SERVER, transport: "udp", times: 1, problem: "network", errno: "ECONNREFUSED" }, "over UDP: the port is closed (ECONNREFUSED)", "por UDP: a porta está fechada (ECONNREFUSED)"],
    [{ server: SERVER, transport: "tcp", times: 1, problem: "network", errno: "ECONNRESET" }, "over TCP: socket error ECONNRESET", "por TCP: erro de socket ECONNRESET"],
    [{ server: SERVER, transport: "tcp", times: 1, problem: "closed", received: 100, expected: 512 }, "over TCP: the TCP connection closed after 100 of 512 octets", "por TCP: a ligação TCP fechou após 100 de 512 octetos"],
    [{ server: SERVER, transport: "tcp", times: 1, problem: "closed", received: 0, expected: 0 }, "over TCP: the TCP connection closed without an answer", "por TCP: a ligação TCP fechou sem resposta"],
    [{ server: SERVER, transport: "tcp", times: 1, problem: "oversize", size: 70000, limit: 65535 }, "a response of 70000 octets, over the 65535-octet limit", "uma resposta de 70000 octetos, acima do limite de 65535 octetos"],
    [{ server: SERVER, transport: "udp", times: 1, problem: "mismatch", mismatch: "question-name", got: "evil.example.", asked: "example.test." }, "does not match the query (question name evil.example., asked example.test.)", "não corresponde à consulta (nome da pergunta evil.example., perguntado example.test.)"],
    [{ server: SERVER, transport: "udp", times: 1, problem: "mismatch", mismatch: "not-response", got: "", asked: "" }, "(QR=0: not a response)", "(QR=0: não é uma resposta)"],
    [{ server: SERVER, transport: "udp", times: 1, problem: "rcode", rcode: 5 }, "over UDP: the answer REFUSED, so the next resolver was asked", "por UDP: a resposta REFUSED, pelo que se perguntou ao resolvedor seguinte"],
  ];
  for (const [attempt, en, pt] of cases) {
    it(`${attempt.problem} (${JSON.stringify(attempt).slice(0, 60)}...)`, () => {
      const text = words(networkFailure([attempt]));
      expect(text.en).toContain(`${SERVER} ${en.startsWith("over") ? "" : "over "}`.trimEnd());
      expect(text.en).toContain(en);
      expect(text["pt-PT"]).toContain(pt);
    });
  }

  it("the web page's door (components/report-text) shows the same words, nothing blanked", () => {
    const stored = networkFailure([cases[1]![0], malformed(WIRE_SAMPLES["rdata-size"])]);
    expect(findingText("en", stored)?.message).toContain("over UDP: a malformed response: the RDATA at offset 40 is 4 octets, expected 16 (in the AAAA RDATA of answer record 1)");
    expect(findingText("pt-PT", stored)?.message).toContain("por UDP: uma resposta malformada: o RDATA no deslocamento 40 tem 4 octetos, esperavam-se 16 (no RDATA AAAA do registo 1 da secção de resposta)");
  });

  it("several attempts are one clause each, in order", () => {
    const text = words(networkFailure([cases[1]![0], cases[0]![0]]));
    expect(text.en).toBe(`No usable answer for example.test. MX: no answer from ${SERVER} after 1 try of 2000 ms each (${SERVER} over UDP: the port is closed (ECONNREFUSED); ${SERVER} over UDP: no usable answer within 2000 ms (3 times)).`);
    expect(text["pt-PT"]).toBe(`Sem resposta utilizável para example.test. MX: nenhuma resposta de ${SERVER} após 1 tentativa de 2000 ms cada (${SERVER} por UDP: a porta está fechada (ECONNREFUSED); ${SERVER} por UDP: nenhuma resposta utilizável em 2000 ms (3 vezes)).`);
  });
});

describe("failures without attempts, and runs stored before the tokens", () => {
  const base = { name: "example.test.", type: "TLSA" };
  it("a cancelled query, a spent budget and a name that cannot be asked", () => {
    expect(words({ code: "DNSSEC_NETWORK_FAILURE", params: { ...base, transportProblem: "aborted" } })).toEqual({
      en: "No usable answer for example.test. TLSA: the query was cancelled (the run was stopped or ran out of time).",
      "pt-PT": "Sem resposta utilizável para example.test. TLSA: a consulta foi cancelada (a execução foi interrompida ou esgotou o tempo).",
    });
    const budget = words({ code: "DNSSEC_NETWORK_FAILURE", params: { ...base, transportProblem: "budget", queries: 500 } });
    expect(budget.en).toContain("the run had already sent 500 DNS queries, its limit");
    expect(budget["pt-PT"]).toContain("a execução já tinha enviado 500 consultas DNS, o seu limite");
    const unaskable = words({ code: "DNSSEC_NETWORK_FAILURE", params: { ...base, transportProblem: "unaskable" } });
    expect(unaskable.en).toContain("the name cannot be written as a DNS question");
    expect(unaskable["pt-PT"]).toContain("o nome não pode ser escrito como pergunta DNS");
  });

  it("a run stored with the transport's English text shows it as written, in either language", () => {
    const legacy = { code: "DNSSEC_NETWORK_FAILURE", params: { ...base, problem: "timeout: No answer from 127.0.0.1:53 for example.test/TLSA after 3 tries (2 s each). 127.0.0.1:53 over UDP: no response (3 times)" } };
    const text = words(legacy);
    expect(text.en).toBe(`No usable answer for example.test. TLSA: ${legacy.params.problem}.`);
    expect(text["pt-PT"]).toBe(`Sem resposta utilizável para example.test. TLSA: ${legacy.params.problem}.`);
  });

  it("the schema refuses an attempt of unknown shape and a list past its bound", () => {
    const one: DnsAttempt = { server: SERVER, transport: "udp", times: 1, problem: "timeout", ms: 1 };
    expect(parseFinding({ code: "DNSSEC_NETWORK_FAILURE", params: { ...base, attempts: [{ ...one, problem: "lost" }] } })).toBeNull();
    expect(parseFinding({ code: "DNSSEC_NETWORK_FAILURE", params: { ...base, attempts: Array.from({ length: 33 }, () => ({ ...one })) } })).toBeNull();
    expect(parseFinding({ code: "DNSSEC_NETWORK_FAILURE", params: { ...base, attempts: [{ ...one }] } })).not.toBeNull();
  });
});
