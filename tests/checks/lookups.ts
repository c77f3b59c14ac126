// Lookups built by hand for the pure assessments' tests: the shape lib/checks/lookup.ts makes from
// the validator's result, with nothing but what a test sets.
import type { Lookup } from "../../lib/checks/ports";
import { encodeRdata } from "../../lib/dns/rdata";
import { Rcode, type RecordData, type ResourceRecord } from "../../lib/dns/types";

export function rr(name: string, type: number, data: RecordData): ResourceRecord {
  return { name, type, class: 1, ttl: 300, rdata: encodeRdata(data), data };
}

export function lookup(name: string, type: number, over: Partial<Lookup> = {}): Lookup {
  return { name, type, status: "secure", reason: null, rcode: Rcode.NOERROR, answer: [], cnameChain: [name], records: [], denial: null, zones: [], warnings: [], unanswered: false, ...over };
}
