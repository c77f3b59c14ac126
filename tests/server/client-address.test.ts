// Whose budget a request spends: the socket's address stamped by the serving process, never a
// header the client wrote, unless a trusted proxy appended it. Real HTTP on loopback.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddress, clientKeyOf } from "../../lib/server/client-address";
import { installFrontDoor } from "../../lib/server/front-door";

describe("client keys", () => {
  it("keep IPv4, fold IPv4-mapped IPv6 into IPv4 and group IPv6 by /64", () => {
    expect(clientKeyOf("192.0.2.7")).toBe("192.0.2.7");
    expect(clientKeyOf("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(clientKeyOf("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientKeyOf("[2001:db8:1:2:bbbb::9]")).toBe("2001:db8:1:2::/64");
    expect(clientKeyOf("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(clientKeyOf("not an address")).toBe("unknown");
  });

  it("ignore X-Forwarded-For unless the proxy is trusted, then take its last entry", () => {
    const headers = new Headers({ "x-forwarded-for": "203.0.113.9, 198.51.100.4", [CLIENT_ADDRESS_HEADER]: "127.0.0.1" });
    expect(clientAddress(headers, false)).toBe("127.0.0.1");
    expect(clientAddress(headers, true)).toBe("198.51.100.4");
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "::1" }), true)).toBe("0:0:0:0::/64");
  });
});

describe("the socket address stamp", () => {
  let server: http.Server;
  let seen: { stamped: string | undefined; forwarded: string | undefined }[] = [];
  beforeAll(async () => {
    installFrontDoor();
    installFrontDoor();
    server = http.createServer((req, res) => {
      const stamped = req.headers[CLIENT_ADDRESS_HEADER];
      seen.push({ stamped: typeof stamped === "string" ? stamped : undefined, forwarded: req.headers["x-forwarded-for"] as string | undefined });
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("overwrites whatever the client sent under the stamp's name with the socket's address", async () => {
    seen = [];
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      headers: { [CLIENT_ADDRESS_HEADER]: "203.0.113.66", "x-forwarded-for": "198.51.100.1" },
      signal: AbortSignal.timeout(5000),
    });
    expect(await response.text()).toBe("ok");
    expect(seen).toEqual([{ stamped: "127.0.0.1", forwarded: "198.51.100.1" }]);
  });
});
