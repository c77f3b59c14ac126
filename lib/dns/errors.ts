// Error types of the DNS codec layer. Kept apart from the codecs so name.ts, rdata.ts and wire.ts
// can all throw them without importing one another in a cycle.

/** Bytes from the network (or a corpus) that are not a well-formed DNS message or RDATA. */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
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
