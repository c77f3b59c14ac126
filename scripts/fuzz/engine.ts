// The fuzzing loop shared by `npm run fuzz` and the smoke test in `npm test`: seeded (the same seed
// gives the same inputs), bounded (iterations and wall time per target), and honest about what it
// found. A target says what a clean outcome is ("ok": accepted, "rejected": refused with the
// module's own typed error); anything else it throws is a crash, kept with its input.
import { createHash } from "node:crypto";

export type Outcome = "ok" | "rejected";

export interface Target {
  name: string;
  /** Inputs to start from: real data the module reads (vectors, the lab's zones and certificates). */
  seeds(): Uint8Array[];
  /** Runs one input; returns its outcome or throws for a crash (an untyped throw or a broken invariant). */
  run(input: Uint8Array): Outcome;
  /** Text targets mutate code points, binary ones bytes. */
  kind: "bytes" | "text";
}

export interface Crash {
  target: string;
  input: Uint8Array;
  error: string;
  /** First 12 hex digits of the input's SHA-256: the regression vector's file name. */
  id: string;
}

export interface TargetReport {
  target: string;
  iterations: number;
  ok: number;
  rejected: number;
  crashes: number;
  distinctCrashes: Crash[];
  elapsedMs: number;
}

/** mulberry32: small, fast, reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Values that break parsers more often than random ones: boundaries of octet and 16-bit fields,
// compression-pointer bytes, and (for text) the characters that grammars and sanitisers treat specially.
const INTERESTING_BYTES = [0x00, 0x01, 0x0a, 0x0d, 0x20, 0x3f, 0x40, 0x7f, 0x80, 0xc0, 0xff];
const INTERESTING_TEXT = ["\u0000", "\r\n", "\n", "\t", " ", "@", ".", "..", '"', "\\", "(", ")", ";", "$", "<", ">", "%", "\u00e9", "\u202e", "\u2028", "\u200b", "\ufeff", "\ud83d\ude00", "xn--", "*", "_", "-", "0", "65535", "4294967296", "\\065", "\\#"];

const MAX_INPUT = 64 * 1024;

function randomBytes(n: number, r: () => number): Buffer {
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(r() * 256);
  return out;
}

// Native slices and concatenations: a seed may be tens of kilobytes (the corpus holds one of 200 KB).
function mutateBytes(input: Uint8Array, other: Uint8Array, r: () => number): Uint8Array {
  let bytes = Buffer.from(input);
  const rounds = 1 + Math.floor(r() * 4);
  for (let k = 0; k < rounds; k++) {
    const at = Math.floor(r() * (bytes.length + 1));
    const splice = (cut: number, insert: Uint8Array) => Buffer.concat([bytes.subarray(0, at), insert, bytes.subarray(Math.min(bytes.length, at + cut))]);
    switch (Math.floor(r() * 7)) {
      case 0:
        if (bytes.length > 0) bytes[Math.min(at, bytes.length - 1)]! ^= 1 << Math.floor(r() * 8);
        break;
      case 1:
        if (bytes.length > 0) bytes[Math.min(at, bytes.length - 1)] = INTERESTING_BYTES[Math.floor(r() * INTERESTING_BYTES.length)]!;
        break;
      case 2:
        bytes = splice(0, randomBytes(1 + Math.floor(r() * 8), r));
        break;
      case 3:
        bytes = splice(1 + Math.floor(r() * 16), new Uint8Array(0));
        break;
      case 4: {
        const from = Math.floor(r() * bytes.length);
        bytes = splice(0, Buffer.from(bytes.subarray(from, from + 1 + Math.floor(r() * 32))));
        break;
      }
      case 5: {
        const from = Math.floor(r() * other.length);
        bytes = splice(Math.floor(r() * 16), other.subarray(from, from + 1 + Math.floor(r() * 32)));
        break;
      }
      default:
        bytes = bytes.subarray(0, Math.floor(r() * bytes.length));
    }
  }
  return new Uint8Array(bytes.subarray(0, MAX_INPUT));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function mutateText(input: Uint8Array, other: Uint8Array, r: () => number): Uint8Array {
  const chars = Array.from(decoder.decode(input));
  const pool = Array.from(decoder.decode(other));
  const rounds = 1 + Math.floor(r() * 4);
  for (let k = 0; k < rounds; k++) {
    const at = Math.floor(r() * (chars.length + 1));
    switch (Math.floor(r() * 6)) {
      case 0:
        chars.splice(at, 0, INTERESTING_TEXT[Math.floor(r() * INTERESTING_TEXT.length)]!);
        break;
      case 1:
        chars.splice(at, 1 + Math.floor(r() * 8));
        break;
      case 2:
        chars.splice(at, 0, String.fromCodePoint(Math.floor(r() * 0x3000)));
        break;
      case 3: {
        const from = Math.floor(r() * pool.length);
        chars.splice(at, Math.floor(r() * 8), ...pool.slice(from, from + 1 + Math.floor(r() * 24)));
        break;
      }
      case 4: {
        const from = Math.floor(r() * chars.length);
        chars.splice(at, 0, ...chars.slice(from, from + 1 + Math.floor(r() * 24)));
        break;
      }
      default:
        chars.length = Math.floor(r() * chars.length);
    }
  }
  return encoder.encode(chars.join("").slice(0, MAX_INPUT));
}

export function crashId(input: Uint8Array): string {
  return createHash("sha256").update(input).digest("hex").slice(0, 12);
}

/** Describes a crash in one line: the error class and message, never the whole stack. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.constructor.name}: ${err.message}`.slice(0, 300);
  return `non-Error thrown: ${String(err)}`.slice(0, 300);
}

/** Runs `target` from `seed` for at most `iterations` inputs and `maxMs` milliseconds. */
export function fuzz(target: Target, options: { seed: number; iterations: number; maxMs: number }): TargetReport {
  const r = rng(options.seed);
  const seeds = target.seeds().map((s) => s.subarray(0, MAX_INPUT));
  if (seeds.length === 0) throw new Error(`fuzz target ${target.name} has no seeds`);
  const report: TargetReport = { target: target.name, iterations: 0, ok: 0, rejected: 0, crashes: 0, distinctCrashes: [], elapsedMs: 0 };
  const seen = new Set<string>();
  const started = performance.now();
  // Half the inputs mutate a seed, half mutate an earlier mutant: depth without a coverage map.
  let previous = seeds[0]!;
  for (let i = 0; i < options.iterations; i++) {
    if (performance.now() - started > options.maxMs) break;
    const base = r() < 0.5 ? seeds[Math.floor(r() * seeds.length)]! : previous;
    const other = seeds[Math.floor(r() * seeds.length)]!;
    const input = i < seeds.length ? seeds[i]! : target.kind === "bytes" ? mutateBytes(base, other, r) : mutateText(base, other, r);
    previous = input;
    report.iterations++;
    try {
      const outcome = target.run(input);
      report[outcome]++;
    } catch (err) {
      report.crashes++;
      const error = describeError(err);
      // One vector per distinct error message is enough to keep.
      const key = error.replace(/\d+/g, "N");
      if (!seen.has(key)) {
        seen.add(key);
        report.distinctCrashes.push({ target: target.name, input, error, id: crashId(input) });
      }
    }
  }
  report.elapsedMs = Math.round(performance.now() - started);
  return report;
}
