// Which MX TTL the readiness advice goes by (lib/checks/exchange.ts mxTtlOf). Between mailsec and
// the zone there may be a caching resolver, which hands out what is left of a record's TTL; the
// lab's resolver is its authoritative server, so the lab cannot show that difference (its signed
// and unsigned exo* scenarios pin the source in lab-exchange.test.ts). Here the choice itself, on
// lookup values as a cache would give them.
import { describe, expect, it } from "vitest";
import { mxTtlOf } from "../../lib/checks/exchange";
import { RRType } from "../../lib/dns/types";
import type { ResourceRecord } from "../../lib/dns/types";

const mx = (host: string, ttl: number): ResourceRecord => ({
  name: "contoso.test.",
  type: RRType.MX,
  class: 1,
  ttl,
  rdata: new Uint8Array(0),
  data: { kind: "MX", preference: 0, exchange: host },
});

describe("mxTtlOf", () => {
  it("a signed MX RRset: the RRSIG's Original TTL, however little a cache had left", () => {
    expect(mxTtlOf({ answer: [mx("a.test.", 1712)], signedTtl: 3600 })).toEqual({ ttl: 3600, source: "rrsig" });
  });
  it("an unsigned one: the smallest TTL of the answer's records", () => {
    expect(mxTtlOf({ answer: [mx("a.test.", 1712), mx("b.test.", 240)] })).toEqual({ ttl: 240, source: "answer" });
  });
  it("no MX records: no TTL", () => {
    expect(mxTtlOf({ answer: [], signedTtl: 3600 })).toBeNull();
  });
});
