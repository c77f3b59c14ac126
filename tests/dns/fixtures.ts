// Messages shared by the wire, fuzz and transport tests.
import { RRType, type DnsMessage } from "../../lib/dns/types";
import { parseZoneFile } from "../../lib/dns/zonefile";

/** A response for example.com./MX touching every section, compressible names, OPT and an unknown type. */
export function sampleResponse(): DnsMessage {
  const records = parseZoneFile(
    [
      "$ORIGIN Example.COM.",
      "@ 300 IN MX 10 mx",
      "@ 300 IN MX 20 mx2.example.net.",
      "@ 300 IN RRSIG MX 13 2 300 20370101000000 20260101000000 4242 example.com. AQIDBA==",
      "@ 300 IN SOA ns1 hostmaster 1 7200 3600 1209600 300",
      "@ 300 IN NS ns1",
      "_25._tcp.mx 300 IN TLSA 3 1 1 ABCDEF",
      "mx 300 IN A 192.0.2.25",
      "mx 300 IN AAAA 2001:db8::25",
      "x 300 IN NSEC z A RRSIG NSEC TYPE1234",
      "x 300 IN TYPE65534 \\# 2 0102",
    ].join("\n"),
  );
  const pick = (t: number): typeof records => records.filter((r) => r.type === t);
  return {
    id: 0x1234,
    opcode: 0,
    rcode: 0,
    flags: { qr: true, aa: true, tc: false, rd: true, ra: true, ad: false, cd: true },
    question: [{ name: "example.com.", type: RRType.MX, class: 1 }],
    answer: [...pick(RRType.MX), ...pick(RRType.RRSIG)],
    authority: [...pick(RRType.NS), ...pick(RRType.SOA), ...pick(RRType.NSEC)],
    additional: [...pick(RRType.A), ...pick(RRType.AAAA), ...pick(RRType.TLSA), ...pick(65534)],
    edns: { udpPayloadSize: 1232, dnssecOk: true, extendedRcode: 0, version: 0 },
  };
}
