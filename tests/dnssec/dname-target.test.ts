// Where a DNAME sends the validator (RFC 6672 §2.2), against a raw responder on loopback: the
// substitution itself must be computed on labels, and a result past 255 octets is a broken answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { said } from "../helpers/english";
import { createNetworkTransport } from "../../lib/dns/transport";
import { RRType, Rcode, type DnsMessage, type ResourceRecord } from "../../lib/dns/types";
import { parseZoneFile } from "../../lib/dns/zonefile";
import { parseTrustAnchors } from "../../lib/dnssec/anchors";
import { createValidator } from "../../lib/dnssec/validator";
import { answerTo, startResponder, type Responder } from "../dns/responder";



// A root anchor whose only DS uses a private algorithm: the tree is Insecure (RFC 6840 §5.2)
// without any key being fetched, so aliases are followed and the substitution can be observed.
const anchors = parseTrustAnchors(`. 3600 IN DS 12345 253 2 ${"ab".repeat(32)}`);
const long63 = (c: string) => c.repeat(63);
const LONG_QNAME = `${long63("a")}.${long63("b")}.${long63("c")}.dn.test.`;
const LONG_TARGET = `${long63("d")}.${"e".repeat(40)}.test.`;

function rr(text: string): ResourceRecord {
  return parseZoneFile(text)[0] as ResourceRecord;
}

function answer(q: DnsMessage): DnsMessage[] {
  const name = q.question[0]?.name.toLowerCase() ?? "";
  if (name === "x.root.test.") {
    return [answerTo(q, { answer: [rr("root.test. 60 IN DNAME ."), rr("x.root.test. 60 IN CNAME x.")] })];
  }
  if (name === LONG_QNAME) return [answerTo(q, { answer: [rr(`dn.test. 60 IN DNAME ${LONG_TARGET}`)] })];
  return [answerTo(q, { rcode: Rcode.NXDOMAIN })];
}

let responder: Responder;
beforeAll(async () => {
  responder = await startResponder((q) => answer(q));
});
afterAll(async () => {
  await responder?.close();
});

function validator() {
  const transport = createNetworkTransport({ servers: [{ host: "127.0.0.1", port: responder.port }], timeoutMs: 1000, attempts: 1 });
  return createValidator({ transport, anchors, now: () => new Date("2026-06-01T00:00:00Z") });
}

describe("DNAME substitution (RFC 6672 §2.2)", () => {
  it("a DNAME to the root rewrites x.root.test. to x.", async () => {
    const r = await validator().validate("x.root.test.", RRType.A);
    expect(r.cnameChain).toEqual(["x.root.test.", "x."]);
    expect(r.status).toBe("insecure");
  });

  it("a substitution longer than 255 octets is an unusable answer, not a thrown error", async () => {
    const r = await validator().validate(LONG_QNAME, RRType.A);
    expect(r.status).toBe("bogus");
    expect(r.reason?.code).toBe("DNSSEC_UNEXPECTED_RESPONSE");
    expect(said(r.reason)).toMatch(/255 octets/);
    expect(r.cnameChain).toEqual([LONG_QNAME]);
  });
});
