// Robustness of decodeMessage: the fuzz corpus we did not make, plus seeded random and mutated
// packets. Each input must decode or throw WireError (nothing else), in bounded time; a decoded
// message must re-encode and decode to the same value (nothing was silently misread).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WireError } from "../../lib/dns/errors";
import { type DnsMessage } from "../../lib/dns/types";
import { readWireName } from "../../lib/dns/name";
import { decodeMessage, encodeMessage } from "../../lib/dns/wire";
import { rng } from "../../scripts/fuzz/engine";
import { sampleResponse } from "./fixtures";
import { wireProblem } from "./wire-problem";

const CORPUS = join(import.meta.dirname, "..", "vectors", "malformed");

type Outcome = { ok: true; msg: DnsMessage } | { ok: false; error: WireError };

/** Decodes; any exception other than WireError fails the test with the offending input in hex. */
function decodeOrWireError(buf: Uint8Array): Outcome {
  try {
    return { ok: true, msg: decodeMessage(buf) };
  } catch (err) {
    if (err instanceof WireError) return { ok: false, error: err };
    throw new Error(`decodeMessage threw ${String(err)} for ${Buffer.from(buf).toString("hex")}`);
  }
}

/** Re-encoding a decoded message and decoding it again must give back the same wire form. */
function expectStableReencode(msg: DnsMessage, what: string): void {
  const plain = encodeMessage(msg);
  const again = encodeMessage(decodeMessage(plain));
  if (Buffer.compare(plain, again) !== 0) throw new Error(`${what}: re-encoding is not stable`);
  const viaCompressed = encodeMessage(decodeMessage(encodeMessage(msg, { compress: true })));
  if (Buffer.compare(plain, viaCompressed) !== 0) throw new Error(`${what}: compressed re-encoding differs`);
}

describe("malformed corpus (c-ares fuzz inputs, dnssec-prover parse_response regressions)", () => {
  const files = ["c-ares-fuzzinput", "dnssec-prover-parse_response"].flatMap((d) => readdirSync(join(CORPUS, d)).map((f) => join(d, f)));

  it("holds all 77 files", () => {
    expect(files).toHaveLength(77);
  });

  it("each file decodes (and re-encodes to the same message) or is a WireError", () => {
    let decoded = 0;
    let rejected = 0;
    for (const f of files) {
      const buf = new Uint8Array(readFileSync(join(CORPUS, f)));
      const started = performance.now();
      const out = decodeOrWireError(buf);
      expect(performance.now() - started, f).toBeLessThan(1000);
      if (out.ok) {
        decoded++;
        expectStableReencode(out.msg, f);
        expect(decodeMessage(encodeMessage(out.msg))).toEqual(out.msg);
      } else {
        rejected++;
        expect(out.error.problem.offset, f).toBeGreaterThanOrEqual(0);
        expect(out.error.problem.offset, f).toBeLessThanOrEqual(buf.length);
      }
    }
    // The corpus is mostly well-formed answers plus known crashers: both outcomes must occur.
    expect(decoded).toBeGreaterThan(40);
    expect(rejected).toBeGreaterThan(10);
  });

  it("answer_aaaa (an AAAA record with 4 octets of RDATA) is rejected with the reason", () => {
    const out = decodeOrWireError(new Uint8Array(readFileSync(join(CORPUS, "c-ares-fuzzinput", "answer_aaaa"))));
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.problem).toMatchObject({ kind: "rdata-size", part: "rdata", rrType: "AAAA", section: "answer", index: 1, size: 4, expected: 16 });
  });
});

describe("seeded random and mutated packets", () => {
  const CASES = 20_000;

  it(`${CASES} cases: decode or WireError, never another error, and decoded ones re-encode stably`, () => {
    const next = rng(0x5eed2026);
    const int = (n: number): number => Math.floor(next() * n);
    const seeds: Uint8Array[] = [
      encodeMessage(sampleResponse()),
      encodeMessage(sampleResponse(), { compress: true }),
      encodeMessage({ ...sampleResponse(), answer: [], additional: [] }, { compress: true }),
    ];
    const started = performance.now();
    let decoded = 0;
    for (let k = 0; k < CASES; k++) {
      let buf: Uint8Array;
      const mode = k % 4;
      if (mode === 0) {
        // Random bytes behind a header with small counts, so parsing goes past the header.
        buf = Uint8Array.from({ length: 12 + int(300) }, () => int(256));
        buf[4] = 0;
        buf[5] = int(3);
        buf[6] = 0;
        buf[7] = int(4);
        buf[8] = 0;
        buf[9] = int(3);
        buf[10] = 0;
        buf[11] = int(3);
      } else {
        const seed = seeds[int(seeds.length)] as Uint8Array;
        buf = Uint8Array.from(seed);
        const flips = 1 + int(mode === 1 ? 1 : 4);
        for (let f = 0; f < flips; f++) {
          const at = int(buf.length);
          buf[at] = mode === 3 ? (buf[at] as number) ^ (1 << int(8)) : int(256);
        }
        if (mode === 3 && next() < 0.3) buf = buf.subarray(0, int(buf.length));
      }
      const out = decodeOrWireError(buf);
      if (out.ok) {
        decoded++;
        expectStableReencode(out.msg, Buffer.from(buf).toString("hex"));
      }
    }
    const elapsed = performance.now() - started;
    // Both outcomes must be exercised, or the generator is not testing anything.
    expect(decoded).toBeGreaterThan(CASES / 20);
    expect(decoded).toBeLessThan(CASES);
    expect(elapsed).toBeLessThan(45_000);
  }, 60_000);

  it("a pointer loop and a long pointer chain end with WireError quickly", () => {
    // Question name at 12 is a pointer to itself.
    const loop = Uint8Array.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1]);
    expect(wireProblem(() => decodeMessage(loop))).toEqual({ kind: "pointer-forward", part: "question", section: "question", index: 1, field: "QNAME", offset: 12, at: 12, target: 12 });
    // 200 pointers, each to the one before it: backward-only, so no loop, but past the hop bound.
    const chain: number[] = [0];
    let prev = 0;
    for (let p = 0; p < 200; p++) {
      const at = chain.length;
      chain.push(0xc0 | (prev >> 8), prev & 0xff);
      prev = at;
    }
    const buf = Uint8Array.from(chain);
    expect(wireProblem(() => readWireName(buf, prev))).toMatchObject({ kind: "pointer-hops", limit: 127 });
  });
});
