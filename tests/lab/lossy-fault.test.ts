// The lab's "lossy" fault (lib/lab/dns-server.ts): of each cycle of copies of the question, the
// first `drops` go unanswered whatever the transport, the next gets the answer the name would have
// without any fault, and the cycle starts again; other questions at the name are untouched.
import { describe, expect, it } from "vitest";
import { RRClass, RRType, type RRTypeName } from "../../lib/dns/types";
import { buildQuery } from "../../lib/dns/wire";
import type { FaultSpec } from "../../lib/lab/catalog-types";
import { LabResolver, replyFor } from "../../lib/lab/dns-server";
import { loadLabZones } from "../../lib/lab/zone-files";

const zones = loadLabZones();
const query = (type: RRTypeName, id: number) => buildQuery({ name: "mx1.dane-ee.test.", type: RRType[type], class: RRClass.IN }, { id, dnssecOk: true, udpPayloadSize: 1232 });
const lossy = (drops?: number): FaultSpec => ({ name: "mx1.dane-ee.test.", type: "AAAA", fault: "lossy", ...(drops === undefined ? {} : { drops }) });

describe("the lossy fault", () => {
  it("loses the first `drops` copies of each cycle on either transport and answers the next as if unfaulted", () => {
    const resolver = new LabResolver(zones, [lossy(2)]);
    const clean = new LabResolver(zones, []);
    const transports = ["udp", "tcp", "udp", "udp", "udp", "tcp"] as const;
    const got = transports.map((t, i) => replyFor(resolver, query("AAAA", i + 1), t).reply);
    expect(got.map((r) => r !== null)).toEqual([false, false, true, false, false, true]);
    expect(got[2]).toEqual(replyFor(clean, query("AAAA", 3), "udp").reply);
    expect(got[5]).toEqual(replyFor(clean, query("AAAA", 6), "tcp").reply);
  });

  it("loses one copy in two by default and leaves the name's other types alone", () => {
    const resolver = new LabResolver(zones, [lossy()]);
    expect([1, 2, 3, 4].map((id) => replyFor(resolver, query("AAAA", id), "udp").reply !== null)).toEqual([false, true, false, true]);
    expect([5, 6].map((id) => replyFor(resolver, query("A", id), "udp").reply !== null)).toEqual([true, true]);
  });

  it("is never served from the answer memo", () => {
    const resolver = new LabResolver(zones, [lossy(1)]);
    const answered = [1, 2, 3, 4].map((id) => replyFor(resolver, query("AAAA", id), "udp"));
    expect(answered.map((r) => [r.reply !== null, r.memoHit])).toEqual([[false, false], [true, false], [false, false], [true, false]]);
  });
});
