import { describe, expect, it } from "vitest";
import { renderMessage } from "../../lib/report/i18n/render";
import { message } from "../../lib/report/i18n/message";
import { checkTarget } from "../../lib/smtp";
import { guardReasonParams } from "../../lib/smtp/guard";

const closed = { allowPrivate: false };
const lab = { allowPrivate: true };

describe("checkTarget refuses special-purpose addresses (IANA registries)", () => {
  const refused: [ip: string, range: string][] = [
    ["127.0.0.1", "127.0.0.0/8"],
    ["127.255.0.9", "127.0.0.0/8"],
    ["10.0.0.1", "10.0.0.0/8"],
    ["172.16.5.4", "172.16.0.0/12"],
    ["172.31.255.255", "172.16.0.0/12"],
    ["192.168.1.1", "192.168.0.0/16"],
    ["100.64.0.1", "100.64.0.0/10"],
    ["100.127.255.254", "100.64.0.0/10"],
    ["169.254.169.254", "169.254.0.0/16"],
    ["192.0.0.8", "192.0.0.0/24"],
    ["192.0.2.1", "192.0.2.0/24"],
    ["198.51.100.7", "198.51.100.0/24"],
    ["203.0.113.9", "203.0.113.0/24"],
    ["198.18.0.1", "198.18.0.0/15"],
    ["198.19.255.1", "198.18.0.0/15"],
    ["192.88.99.1", "192.88.99.0/24"],
    ["0.0.0.0", "0.0.0.0/8"],
    ["0.1.2.3", "0.0.0.0/8"],
    ["224.0.0.1", "224.0.0.0/4"],
    ["239.255.255.250", "224.0.0.0/4"],
    ["240.0.0.1", "240.0.0.0/4"],
    ["255.255.255.255", "255.255.255.255/32"],
    ["::", "::/128"],
    ["::1", "::1/128"],
    ["::ffff:10.0.0.1", "::ffff:0:0/96 -> 10.0.0.0/8"],
    ["::ffff:127.0.0.1", "::ffff:0:0/96 -> 127.0.0.0/8"],
    ["::ffff:a9fe:a9fe", "::ffff:0:0/96 -> 169.254.0.0/16"],
    ["fe80::1", "fe80::/10"],
    ["fc00::1", "fc00::/7"],
    ["fd12:3456:789a::1", "fc00::/7"],
    ["fec0::1", "fec0::/10"],
    ["ff02::1", "ff00::/8"],
    ["2001:db8::1", "2001:db8::/32"],
    ["3fff::1", "3fff::/20"],
    ["2002:c000:0201::1", "2002::/16"],
    ["2001:0:4136:e378::1", "2001::/32"],
    ["64:ff9b::a00:1", "64:ff9b::/96"],
    ["64:ff9b:1::1", "64:ff9b:1::/48"],
    ["100::1", "100::/64"],
    ["2001:2::1", "2001:2::/48"],
    ["2001:10::1", "2001:10::/28"],
    ["2001:20::1", "2001:20::/28"],
    ["5f00::1", "5f00::/16"],
    ["::a00:1", "outside 2000::/3"],
    ["4000::1", "outside 2000::/3"],
  ];
  for (const [ip, range] of refused) {
    it(`refuses ${ip} as ${range}`, () => {
      const verdict = checkTarget(ip, closed);
      expect(verdict).toMatchObject({ allowed: false, range });
      // Every refusal is a token the catalogue words in both languages (the "other" fallback would be the bare token).
      if (!verdict.allowed) {
        for (const locale of ["en", "pt-PT"] as const) {
          const text = renderMessage(locale, message("guard.reason", guardReasonParams(verdict, ip)), { strict: true });
          expect(text.length).toBeGreaterThan(10);
        }
      }
    });
  }

  it("names the embedded range in the reason of an IPv4-mapped address", () => {
    const verdict = checkTarget("::ffff:192.168.0.1", closed);
    expect(verdict.allowed).toBe(false);
    expect(verdict).toMatchObject({ reason: "private", rfc: 1918, mapped: true });
    if (!verdict.allowed) expect(renderMessage("en", message("guard.reason", guardReasonParams(verdict, "::ffff:192.168.0.1")))).toBe("an IPv4-mapped form of a private network (RFC 1918)");
  });

  it("words a non-literal with the address it was given", () => {
    const verdict = checkTarget("example.com", closed);
    expect(verdict).toMatchObject({ allowed: false, reason: "not-ip" });
    if (!verdict.allowed) {
      expect(renderMessage("en", message("guard.reason", guardReasonParams(verdict, "example.com")))).toBe('"example.com" is not an IPv4 or IPv6 address literal; the guard only judges the address actually connected to');
    }
  });

  it("refuses a link-local address with a zone index", () => {
    expect(checkTarget("fe80::1%eth0", closed)).toMatchObject({ allowed: false, range: "scoped address", reason: "scoped" });
  });

  for (const notIp of ["example.com", "localhost", "127.1", "0x7f000001", "0177.0.0.1", " 127.0.0.1", "", "1.2.3.4.5"]) {
    it(`refuses the non-literal ${JSON.stringify(notIp)} (names are never resolved by the guard)`, () => {
      expect(checkTarget(notIp, closed)).toMatchObject({ allowed: false, range: "not-ip", reason: "not-ip" });
      expect(checkTarget(notIp, lab)).toMatchObject({ allowed: false, range: "not-ip", reason: "not-ip" });
    });
  }
});

describe("checkTarget allows public unicast", () => {
  for (const ip of ["8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.32.0.1", "192.0.3.1", "198.20.0.1", "223.255.255.255", "2a00:1450:4001:80b::1a", "2606:4700::1111", "::ffff:8.8.8.8"]) {
    it(`allows ${ip}`, () => {
      expect(checkTarget(ip, closed)).toEqual({ allowed: true });
    });
  }
});

describe("checkTarget with allowPrivate (the lab)", () => {
  for (const ip of ["127.0.0.1", "127.0.0.53", "::1", "10.0.0.1", "192.168.1.1", "fd00::1", "::ffff:127.0.0.1", "192.0.2.1"]) {
    it(`allows ${ip}`, () => {
      expect(checkTarget(ip, lab)).toEqual({ allowed: true });
    });
  }
  for (const [ip, range] of [
    ["0.0.0.0", "0.0.0.0/8"],
    ["224.0.0.1", "224.0.0.0/4"],
    ["255.255.255.255", "255.255.255.255/32"],
    ["::", "::/128"],
    ["ff02::1", "ff00::/8"],
    ["::ffff:224.0.0.1", "::ffff:0:0/96 -> 224.0.0.0/4"],
  ] as const) {
    it(`still refuses ${ip}, which no SMTP server can have`, () => {
      expect(checkTarget(ip, lab)).toMatchObject({ allowed: false, range });
    });
  }
});
