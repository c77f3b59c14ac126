import { describe, expect, it } from "vitest";
import { NameError, WireError } from "../../lib/dns/errors";
import { wireProblem } from "./wire-problem";
import {
  canonicalNameWire,
  compareCanonical,
  isSubdomainOf,
  joinName,
  nameLabels,
  nameToWire,
  normalizeName,
  parentName,
  readWireName,
  formatNameLabels,
} from "../../lib/dns/name";

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

describe("presentation <-> wire names", () => {
  it("encodes labels with length octets and the root", () => {
    expect(hex(nameToWire("Example.COM."))).toBe("074578616d706c6503434f4d00");
    expect(hex(nameToWire("."))).toBe("00");
    expect(hex(nameToWire("example.com"))).toBe(hex(nameToWire("example.com.")));
  });

  it("handles RFC 1035 escapes: \\. inside a label and \\DDD octets", () => {
    const wire = nameToWire("a\\.b.c\\065\\000.");
    expect(hex(wire)).toBe("03612e6203634100" + "00");
    expect(nameLabels("a\\.b.c\\065\\000.")).toEqual(["a\\.b", "cA\\000"]);
    expect(formatNameLabels(readWireName(wire, 0).labels)).toBe("a\\.b.cA\\000.");
  });

  it("rejects bad escapes, empty labels and oversize labels/names", () => {
    expect(() => nameToWire("a\\256.")).toThrow(NameError);
    expect(() => nameToWire("a\\12.")).toThrow(NameError);
    expect(() => nameToWire("a..b.")).toThrow(/empty label/);
    expect(() => nameToWire("x".repeat(64) + ".")).toThrow(/exceeds 63/);
    expect(nameToWire("x".repeat(63) + ".").length).toBe(65);
    // 4 labels of 63 octets = 4*64 + 1 = 257 octets > 255.
    const long = Array.from({ length: 4 }, () => "x".repeat(63)).join(".") + ".";
    expect(() => nameToWire(long)).toThrow(/more than 255/);
    const max = ["x".repeat(63), "x".repeat(63), "x".repeat(63), "x".repeat(61)].join(".") + ".";
    expect(nameToWire(max).length).toBe(255);
  });

  it("canonical wire form lowercases ASCII letters only", () => {
    expect(hex(canonicalNameWire("ExAmPle.\\200Z."))).toBe(hex(nameToWire("example.\\200z.")));
  });

  it("normalizes case, trailing dot and escape spelling", () => {
    expect(normalizeName("WWW.Example.COM")).toBe("www.example.com.");
    expect(normalizeName("\\065bc.")).toBe("abc.");
    expect(normalizeName(".")).toBe(".");
  });

  it("splits labels, finds parents and joins labels", () => {
    expect(nameLabels(".")).toEqual([]);
    expect(nameLabels("_25._tcp.mx.example.")).toEqual(["_25", "_tcp", "mx", "example"]);
    expect(parentName("a.b.example.")).toBe("b.example.");
    expect(parentName("example.")).toBe(".");
    expect(() => parentName(".")).toThrow(NameError);
    expect(joinName("_25", "_tcp.mx.example.")).toBe("_25._tcp.mx.example.");
    expect(joinName("*", ".")).toBe("*.");
    expect(joinName("a\\.b", "example.")).toBe("a\\.b.example.");
    expect(() => joinName("a.b", "example.")).toThrow(/single label/);
  });

  it("isSubdomainOf includes equality and ignores case, but not partial labels", () => {
    expect(isSubdomainOf("a.Example.com.", "example.COM.")).toBe(true);
    expect(isSubdomainOf("example.com.", "example.com.")).toBe(true);
    expect(isSubdomainOf("anything.", ".")).toBe(true);
    expect(isSubdomainOf("badexample.com.", "example.com.")).toBe(false);
    expect(isSubdomainOf("com.", "example.com.")).toBe(false);
  });
});

describe("RFC 4034 §6.1 canonical ordering", () => {
  it("sorts the RFC's example list into the RFC's order", () => {
    const ordered = [
      "example.",
      "a.example.",
      "yljkjljk.a.example.",
      "Z.a.example.",
      "zABC.a.EXAMPLE.",
      "z.example.",
      "\\001.z.example.",
      "*.z.example.",
      "\\200.z.example.",
    ];
    const shuffled = [...ordered].reverse();
    shuffled.push(shuffled.shift() as string);
    expect(shuffled.sort(compareCanonical)).toEqual(ordered);
  });

  it("treats names differing only in case as equal and puts the root first", () => {
    expect(compareCanonical("EXAMPLE.", "example.")).toBe(0);
    expect(compareCanonical(".", "a.")).toBeLessThan(0);
    expect(compareCanonical("b.", "a.b.")).toBeLessThan(0);
  });
});

describe("reading names from a message", () => {
  // header-sized padding, then "example.com." at 12, then "www" + pointer to 12 at 25.
  const msg = Uint8Array.from([
    ...new Array<number>(12).fill(0),
    7, ...Buffer.from("example"), 3, ...Buffer.from("com"), 0,
    3, ...Buffer.from("www"), 0xc0, 12,
  ]);

  it("follows a backward pointer and reports where the name ends in place", () => {
    const r = readWireName(msg, 25);
    expect(formatNameLabels(r.labels)).toBe("www.example.com.");
    expect(r.next).toBe(31);
  });

  it("rejects a pointer to itself or forward", () => {
    const self = Uint8Array.from([...new Array<number>(12).fill(0), 0xc0, 12]);
    expect(wireProblem(() => readWireName(self, 12))).toEqual({ kind: "pointer-forward", part: "message", offset: 12, at: 12, target: 12 });
    const fwd = Uint8Array.from([...new Array<number>(12).fill(0), 0xc0, 14, 0]);
    expect(() => readWireName(fwd, 12)).toThrow(WireError);
  });

  it("rejects a name that runs past its limit and reserved label types", () => {
    expect(wireProblem(() => readWireName(Uint8Array.from([5, 97, 98]), 0))).toMatchObject({ kind: "label-overrun", offset: 0, at: 0 });
    expect(wireProblem(() => readWireName(Uint8Array.from([0x41, 0]), 0))).toMatchObject({ kind: "label-type", at: 0, labelType: 0x40 });
    expect(wireProblem(() => readWireName(Uint8Array.from([1, 97]), 0))).toMatchObject({ kind: "name-overrun", offset: 0, end: 2 });
  });

  it("rejects a name longer than 255 octets built from pointers", () => {
    // A chain of 63-octet labels, each followed by a pointer to the previous one.
    const parts: number[] = [0];
    let prev = 0;
    for (let k = 0; k < 5; k++) {
      const at = parts.length;
      parts.push(63, ...new Array<number>(63).fill(0x61), 0xc0 | (prev >> 8), prev & 0xff);
      prev = at;
    }
    expect(wireProblem(() => readWireName(Uint8Array.from(parts), prev))).toMatchObject({ kind: "name-long", offset: prev, limit: 255 });
  });
});
