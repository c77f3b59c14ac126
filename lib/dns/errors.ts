// Error types of the DNS codec layer. Kept apart from the codecs so name.ts, rdata.ts and wire.ts
// can all throw them without importing one another in a cycle.
//
// A WireError carries what went wrong as data (WireProblem: the decoder's problem kind, the offset
// and the field it read), never a sentence: the problem travels to DNSSEC_NETWORK_FAILURE's
// attempts and lib/report/i18n words it in the reader's language (key dns.wire).

/** The message section a question or record was read from. */
export type WireSection = "question" | "answer" | "authority" | "additional";

/**
 * Where the decoder was when it failed: the region (`part`) of the message, the section and 1-based
 * index of the question or record, the record's type (mnemonic) and the field being read (the RFC's
 * field name as a token: "RDLENGTH", "key-tag", "next-domain-name", ...).
 */
export interface WireWhere {
  part: "header" | "question" | "owner" | "rdata" | "options" | "bitmap" | "message";
  section?: WireSection;
  index?: number;
  rrType?: string;
  field?: string;
}

/**
 * One decode problem. `offset` is the octet of the message (or of the RDATA, when decoded alone)
 * where it was found; the other values are the numbers the problem is about.
 */
export type WireProblem = WireWhere &
  (
    | { kind: "header-short"; offset: number; size: number }
    | { kind: "message-long"; offset: number; size: number; limit: number }
    | { kind: "counts"; offset: number; questions: number; records: number; need: number; have: number }
    | { kind: "field-cut"; offset: number; need: number; have: number }
    | { kind: "rdlength"; offset: number; rdlength: number; have: number }
    | { kind: "rdata-size"; offset: number; size: number; expected: number }
    | { kind: "rdata-extra"; offset: number; extra: number }
    | { kind: "rdata-past-end"; offset: number }
    | { kind: "txt-empty"; offset: number }
    | { kind: "nsec3-hash-empty"; offset: number }
    | { kind: "name-overrun"; offset: number; end: number }
    | { kind: "pointer-cut"; offset: number; at: number }
    | { kind: "pointer-forward"; offset: number; at: number; target: number }
    | { kind: "pointer-hops"; offset: number; limit: number }
    | { kind: "label-type"; offset: number; at: number; labelType: number }
    | { kind: "label-overrun"; offset: number; at: number }
    | { kind: "name-long"; offset: number; limit: number }
    | { kind: "trailing"; offset: number; extra: number }
    | { kind: "opt-owner"; offset: number; owner: string }
    | { kind: "opt-section"; offset: number }
    | { kind: "opt-count"; offset: number; count: number }
    | { kind: "bitmap-cut"; offset: number; at: number }
    | { kind: "bitmap-order"; offset: number; window: number; previous: number }
    | { kind: "bitmap-length"; offset: number; window: number; length: number }
    | { kind: "bitmap-overrun"; offset: number; window: number; length: number }
    | { kind: "bitmap-zero"; offset: number; window: number }
  );

export type WireProblemKind = WireProblem["kind"];

/** The problem as `kind key=value ...`: for a stack trace or a fuzz log, not for a reader. */
export function wireProblemCode(problem: WireProblem): string {
  const { kind, ...rest } = problem;
  return [kind, ...Object.entries(rest).map(([k, v]) => `${k}=${String(v)}`)].join(" ");
}

/** Bytes from the network (or a corpus) that are not a well-formed DNS message or RDATA. */
export class WireError extends Error {
  constructor(readonly problem: WireProblem) {
    super(wireProblemCode(problem));
    this.name = "WireError";
  }
}

/** A domain name in presentation form that cannot be a DNS name (empty label, label > 63, ...). */
export class NameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NameError";
  }
}
