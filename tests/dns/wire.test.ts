import { describe, expect, it } from "vitest";
import { WireError } from "../../lib/dns/errors";
import { RRType, type DnsMessage } from "../../lib/dns/types";
import { sampleResponse } from "./fixtures";
import { wireProblem } from "./wire-problem";
import { buildQuery, decodeMessage, encodeMessage, encodeMessageWithin, questionKey } from "../../lib/dns/wire";

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

describe("message codec", () => {
  it("round-trips a response with and without compression, keeping RDATA bytes and name case", () => {
    const msg = sampleResponse();
    const plain = encodeMessage(msg);
    const compressed = encodeMessage(msg, { compress: true });
    expect(compressed.length).toBeLessThan(plain.length);
    for (const buf of [plain, compressed]) {
      const back = decodeMessage(buf);
      expect(back).toEqual(msg);
    }
  });

  it("builds the query mailsec sends: RD, CD, EDNS0 DO with 1232 octets", () => {
    const q = decodeMessage(buildQuery({ name: "Example.com.", type: RRType.TLSA, class: 1 }, { id: 0xbeef }));
    expect(q.id).toBe(0xbeef);
    expect(q.flags).toMatchObject({ qr: false, rd: true, cd: true, ad: false });
    expect(q.edns).toEqual({ udpPayloadSize: 1232, dnssecOk: true, extendedRcode: 0, version: 0 });
    expect(q.question).toEqual([{ name: "Example.com.", type: RRType.TLSA, class: 1 }]);
    expect(questionKey(q.question[0]!)).toBe("example.com./TLSA/IN");
  });

  it("merges the OPT extended RCODE into rcode (BADVERS = 16)", () => {
    const msg: DnsMessage = { ...sampleResponse(), answer: [], authority: [], additional: [], rcode: 16, edns: { udpPayloadSize: 512, dnssecOk: false, extendedRcode: 16, version: 0 } };
    const wire = encodeMessage(msg);
    expect(wire[3]! & 0x0f).toBe(0);
    const back = decodeMessage(wire);
    expect(back.rcode).toBe(16);
    expect(back.edns?.extendedRcode).toBe(16);
    expect(() => encodeMessage({ ...msg, edns: null })).toThrow(/needs an OPT/);
  });

  it("truncates to fit: drops additional first, then sets TC with the question only", () => {
    const msg = sampleResponse();
    const full = encodeMessage(msg);
    expect(encodeMessageWithin(msg, full.length)).toEqual(full);
    const noAdd = decodeMessage(encodeMessageWithin(msg, full.length - 1));
    expect(noAdd.additional).toEqual([]);
    expect(noAdd.flags.tc).toBe(false);
    const tc = decodeMessage(encodeMessageWithin(msg, 100));
    expect(tc.flags.tc).toBe(true);
    expect(tc.answer).toEqual([]);
    expect(tc.question).toEqual(msg.question);
    expect(tc.edns).not.toBeNull();
  });
});

/** A response for a.example./A with two answers; the first has RDLENGTH `len` (5 = one junk octet). */
function twoAnswers(len: number): Uint8Array {
  const q = [1, 0x61, 7, ...Buffer.from("example"), 0, 0, 1, 0, 1];
  const rr = (rdlen: number, data: number[]): number[] => [0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, rdlen, ...data];
  return Uint8Array.from([0x12, 0x34, 0x81, 0x80, 0, 1, 0, 2, 0, 0, 0, 0, ...q, ...rr(len, [192, 0, 2, 1, ...(len === 5 ? [0xc0] : [])]), ...rr(4, [192, 0, 2, 2])]);
}

describe("malformed messages are WireErrors with the reason", () => {
  it("an A record with RDLENGTH 5 is rejected, not read as a desynchronised second record", () => {
    expect(decodeMessage(twoAnswers(4)).answer.map((r) => r.data)).toEqual([
      { kind: "A", address: "192.0.2.1" },
      { kind: "A", address: "192.0.2.2" },
    ]);
    expect(wireProblem(() => decodeMessage(twoAnswers(5)))).toEqual({ kind: "rdata-size", part: "rdata", rrType: "A", section: "answer", index: 1, offset: 39, size: 5, expected: 4 });
  });

  it("rejects short headers, impossible counts, trailing octets and cut RDATA", () => {
    expect(wireProblem(() => decodeMessage(new Uint8Array(11)))).toEqual({ kind: "header-short", part: "header", offset: 0, size: 11 });
    const counts = Uint8Array.from([0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0, 0, 0]);
    expect(wireProblem(() => decodeMessage(counts))).toMatchObject({ kind: "counts", questions: 0xffff, records: 0, need: 0xffff * 5, have: 0 });
    const ok = twoAnswers(4);
    expect(wireProblem(() => decodeMessage(Uint8Array.from([...ok, 0])))).toEqual({ kind: "trailing", part: "message", offset: ok.length, extra: 1 });
    expect(() => decodeMessage(ok.subarray(0, ok.length - 2))).toThrow(WireError);
    // The second record's RDATA is cut: RDLENGTH 4 with 2 octets left, named with its section and index.
    expect(wireProblem(() => decodeMessage(ok.subarray(0, ok.length - 2)))).toMatchObject({ kind: "rdlength", section: "answer", index: 2, rrType: "A", rdlength: 4, have: 2 });
  });

  it("rejects OPT outside the additional section, a second OPT, and OPT with a non-root owner", () => {
    const base = sampleResponse();
    const wire = encodeMessage({ ...base, answer: [], authority: [], additional: [] });
    // Append a second OPT and bump ARCOUNT.
    const two = Uint8Array.from([...wire, 0, 0, 41, 4, 0, 0, 0, 0, 0, 0, 0]);
    two[11] = 2;
    expect(wireProblem(() => decodeMessage(two))).toMatchObject({ kind: "opt-count", count: 2, offset: wire.length });
    const inAnswer = Uint8Array.from(wire);
    inAnswer[7] = 1;
    inAnswer[11] = 0;
    expect(wireProblem(() => decodeMessage(inAnswer))).toMatchObject({ kind: "opt-section", section: "answer", index: 1 });
    const named = Uint8Array.from([...wire.subarray(0, wire.length - 11), 1, 0x61, 0, 0, 41, 4, 0, 0, 0, 0, 0, 0, 0]);
    expect(wireProblem(() => decodeMessage(named))).toMatchObject({ kind: "opt-owner", owner: "a.", section: "additional", index: 1 });
  });

  it("rejects EDNS options that do not tile the OPT RDATA", () => {
    const wire = encodeMessage({ ...sampleResponse(), answer: [], authority: [], additional: [] });
    const bad = Uint8Array.from([...wire.subarray(0, wire.length - 2), 0, 3, 0, 10, 0]);
    // RDLENGTH 3: option code 10, then a length cut to one octet; the field and its offset in the message.
    expect(wireProblem(() => decodeMessage(bad))).toEqual({ kind: "field-cut", part: "options", section: "additional", index: 1, rrType: "OPT", field: "OPTION-LENGTH", offset: bad.length - 1, need: 2, have: 1 });
    expect(hex(wire.subarray(wire.length - 11, wire.length - 9))).toBe("0000");
  });
});
