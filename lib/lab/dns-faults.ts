// Broken and hostile responses for the lab's fault injection. Each one is something a real network
// or a hostile server can send; the client must survive it within its bounds (issue 6). Messages
// are written by dns-packet (lib/lab/packet-codec.ts); the faults that no encoder would produce
// (a count that lies, a pointer loop, a record cut short) patch dns-packet's output bytes.
import { isSubdomainOf, namesEqual } from "../dns/name";
import { RRClass, RRType, type DnsMessage, type ResourceRecord } from "../dns/types";
import { encodeWithPacket } from "./packet-codec";

const HEADER_OCTETS = 12;
const ANCOUNT_AT = 6;
const MAX_MESSAGE_OCTETS = 65535;

/** The response's header and question only, as dns-packet writes them (QR, RD, RA, CD as asked). */
function headerAndQuestion(query: DnsMessage): Uint8Array {
  return encodeWithPacket({
    id: query.id,
    opcode: 0,
    rcode: 0,
    flags: { qr: true, aa: false, tc: false, rd: query.flags.rd, ra: true, ad: false, cd: query.flags.cd },
    question: query.question.slice(0, 1),
    answer: [],
    authority: [],
    additional: [],
    edns: null,
  });
}

function setAnswerCount(bytes: Uint8Array, count: number): Uint8Array {
  bytes[ANCOUNT_AT] = (count >> 8) & 0xff;
  bytes[ANCOUNT_AT + 1] = count & 0xff;
  return bytes;
}

/** A header that promises three answers after the question, and nothing after the question. */
export function malformedResponse(query: DnsMessage): Uint8Array {
  return setAnswerCount(headerAndQuestion(query), 3);
}

/** The right answer under another message ID: a spoofing attempt the client must drop. */
export function mismatchedIdResponse(response: DnsMessage): Uint8Array {
  return encodeWithPacket({ ...response, id: (response.id + 0x5555) & 0xffff });
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
  return encodeWithPacket({
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

/** One answer whose owner name is a compression pointer to its own offset (appended to dns-packet's header and question). */
export function compressionLoopResponse(query: DnsMessage): Uint8Array {
  const head = headerAndQuestion(query);
  const self = head.length;
  const type = query.question[0]?.type ?? RRType.A;
  const rr = Uint8Array.of(0xc0 | (self >> 8), self & 0xff, type >> 8, type & 0xff, 0, RRClass.IN, 0, 0, 0, 60, 0, 4, 127, 0, 0, 2);
  const out = new Uint8Array(head.length + rr.length);
  out.set(head, 0);
  out.set(rr, head.length);
  return setAnswerCount(out, 1);
}

/** The real answer without its OPT record and with the last record's RDATA cut short by 3 octets. */
export function truncatedRecordResponse(response: DnsMessage): Uint8Array {
  const full = encodeWithPacket({ ...response, edns: null });
  if (full.length <= HEADER_OCTETS + 3) return full;
  return full.subarray(0, full.length - 3);
}

/**
 * The real answer followed by up to `count` unsigned junk records of the asked type in the answer
 * section: as many as fit a 65535-octet TCP message, since dns-packet writes names uncompressed.
 */
export function floodedMessage(response: DnsMessage, count: number): DnsMessage {
  const q = response.question[0];
  const mx = q?.type === RRType.MX;
  // dns-packet writes these from `data`; `rdata` stays empty (nothing reads it).
  const junkRecord = (i: number): ResourceRecord => ({
    name: q?.name ?? ".",
    type: mx ? RRType.MX : RRType.A,
    class: RRClass.IN,
    ttl: 60,
    rdata: new Uint8Array(0),
    data: mx ? { kind: "MX", preference: 10, exchange: `j${i}.invalid.` } : { kind: "A", address: `127.0.${(i >> 8) & 0xff}.${i & 0xff}` },
  });
  const base = encodeWithPacket(response).length;
  // The widest junk record (largest index), so every one fits the budget.
  const widest = encodeWithPacket({ ...response, answer: [...response.answer, junkRecord(count)] }).length - base;
  const fits = Math.min(count, Math.floor((MAX_MESSAGE_OCTETS - base) / widest));
  return { ...response, answer: [...response.answer, ...Array.from({ length: fits }, (_, i) => junkRecord(i))] };
}

/** The real answer with the CNAME synthesised from a DNAME pointed elsewhere (RFC 6672 §5.3.3 must catch it). */
export function wrongDnameCname(response: DnsMessage): DnsMessage {
  const q = response.question[0];
  const dname = response.answer.some((rr) => rr.type === RRType.DNAME && q && isSubdomainOf(q.name, rr.name));
  if (!q || !dname) return response;
  const answer = response.answer.map((rr) => {
    if (rr.type !== RRType.CNAME || !namesEqual(rr.name, q.name)) return rr;
    // dns-packet writes the CNAME from `data`.
    return { ...rr, data: { kind: "CNAME" as const, target: "elsewhere.invalid." } };
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
    // dns-packet writes the RRSIG from `data`.
    return { ...rr, data: { ...rr.data, signerName: q.name } };
  });
  return { ...response, answer };
}
