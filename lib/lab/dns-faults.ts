// Hand-built broken responses for the lab's fault injection. Each one is something a real network
// or a hostile server can send; the client must survive it within its bounds (issue 6).
import { ByteWriter } from "../dns/codec";
import { isSubdomainOf, nameToWire, namesEqual } from "../dns/name";
import { encodeRdata } from "../dns/rdata";
import { encodeMessage } from "../dns/wire";
import { RRClass, RRType, type DnsMessage, type ResourceRecord } from "../dns/types";

const HEADER_OCTETS = 12;

function header(w: ByteWriter, id: number, counts: [number, number, number, number]): void {
  // QR, RD, RA, CD set: what our resolver-like server always sends.
  w.u16(id).u16(0x8190).u16(counts[0]).u16(counts[1]).u16(counts[2]).u16(counts[3]);
}

/** A header that promises three answers after the question, and nothing after the question. */
export function malformedResponse(query: DnsMessage): Uint8Array {
  const w = new ByteWriter();
  header(w, query.id, [1, 3, 0, 0]);
  const q = query.question[0];
  if (q) w.bytes(nameToWire(q.name)).u16(q.type).u16(q.class);
  return w.finish();
}

/** The right answer under another message ID: a spoofing attempt the client must drop. */
export function mismatchedIdResponse(response: DnsMessage): Uint8Array {
  return encodeMessage({ ...response, id: (response.id + 0x5555) & 0xffff });
}

/** A well-formed answer with the right ID to a question nobody asked. */
export function wrongQuestionResponse(query: DnsMessage): Uint8Array {
  const name = "wrong-question.invalid.";
  const a: ResourceRecord = {
    name,
    type: RRType.A,
    class: RRClass.IN,
    ttl: 60,
    rdata: new Uint8Array([127, 0, 0, 2]),
    data: { kind: "A", address: "127.0.0.2" },
  };
  return encodeMessage({
    id: query.id,
    opcode: 0,
    rcode: 0,
    flags: { qr: true, aa: false, tc: false, rd: query.flags.rd, ra: true, ad: false, cd: query.flags.cd },
    question: [{ name, type: RRType.A, class: RRClass.IN }],
    answer: [a],
    authority: [],
    additional: [],
    edns: null,
  });
}

/** One answer whose owner name is a compression pointer to its own offset. */
export function compressionLoopResponse(query: DnsMessage): Uint8Array {
  const w = new ByteWriter();
  header(w, query.id, [1, 1, 0, 0]);
  const q = query.question[0];
  if (q) w.bytes(nameToWire(q.name)).u16(q.type).u16(q.class);
  const self = w.length;
  w.u16(0xc000 | self).u16(q?.type ?? RRType.A).u16(RRClass.IN).u32(60).u16(4).bytes(new Uint8Array([127, 0, 0, 2]));
  return w.finish();
}

/** The real answer without its OPT record and with the last record's RDATA cut short by 3 octets. */
export function truncatedRecordResponse(response: DnsMessage): Uint8Array {
  const full = encodeMessage({ ...response, edns: null });
  if (full.length <= HEADER_OCTETS + 3) return full;
  return full.subarray(0, full.length - 3);
}

/** The real answer followed by `count` unsigned junk records of the asked type in the answer section. */
export function floodedMessage(response: DnsMessage, count: number): DnsMessage {
  const q = response.question[0];
  const junk: ResourceRecord[] = [];
  for (let i = 0; i < count; i++) {
    const target = nameToWire(`j${i}.flood.invalid.`);
    const rdata =
      q?.type === RRType.MX ? new ByteWriter().u16(10).bytes(target).finish() : new Uint8Array([127, 0, (i >> 8) & 0xff, i & 0xff]);
    junk.push({
      name: q?.name ?? ".",
      type: q?.type === RRType.MX ? RRType.MX : RRType.A,
      class: RRClass.IN,
      ttl: 60,
      rdata,
      data: { kind: "unknown" },
    });
  }
  return { ...response, answer: [...response.answer, ...junk] };
}

/** The real answer with the CNAME synthesised from a DNAME pointed elsewhere (RFC 6672 §5.3.3 must catch it). */
export function wrongDnameCname(response: DnsMessage): DnsMessage {
  const q = response.question[0];
  const dname = response.answer.some((rr) => rr.type === RRType.DNAME && q && isSubdomainOf(q.name, rr.name));
  if (!q || !dname) return response;
  const answer = response.answer.map((rr) => {
    if (rr.type !== RRType.CNAME || !namesEqual(rr.name, q.name)) return rr;
    const data = { kind: "CNAME" as const, target: "elsewhere.invalid." };
    return { ...rr, data, rdata: encodeRdata(data) };
  });
  return { ...response, answer };
}

/**
 * The real answer with every RRSIG's signer name replaced by the queried name, which is not a zone
 * apex: the chain of trust puts the data in another zone than the signature claims.
 */
export function signerNotApex(response: DnsMessage): DnsMessage {
  const q = response.question[0];
  if (!q) return response;
  const answer = response.answer.map((rr) => {
    if (rr.data.kind !== "RRSIG") return rr;
    const data = { ...rr.data, signerName: q.name };
    return { ...rr, data, rdata: encodeRdata(data) };
  });
  return { ...response, answer };
}
