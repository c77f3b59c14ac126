// Mnemonics for RR types and classes, both ways. Unknown codes print as RFC 3597 "TYPEnnn" and
// "CLASSnnn"; an unknown mnemonic is an error, never silently type 0 (docs/PITFALLS: dns-packet).
import { RRClass, RRType } from "./types";

// Types mailsec has no RecordData kind for but that appear in real zones and in our vectors.
const EXTRA_TYPES: Record<string, number> = {
  MD: 3,
  MF: 4,
  MB: 7,
  MG: 8,
  MR: 9,
  NULL: 10,
  WKS: 11,
  HINFO: 13,
  MINFO: 14,
  RP: 17,
  AFSDB: 18,
  SIG: 24,
  KEY: 25,
  LOC: 29,
  NXT: 30,
  NAPTR: 35,
  KX: 36,
  CERT: 37,
  APL: 42,
  SSHFP: 44,
  IPSECKEY: 45,
  DHCID: 49,
  HIP: 55,
  OPENPGPKEY: 61,
  CSYNC: 62,
  ZONEMD: 63,
  SVCB: 64,
  HTTPS: 65,
  SPF: 99,
  TKEY: 249,
  TSIG: 250,
  IXFR: 251,
  AXFR: 252,
  URI: 256,
  CAA: 257,
};

const TYPE_BY_NAME = new Map<string, number>([...Object.entries(RRType), ...Object.entries(EXTRA_TYPES)]);
const NAME_BY_TYPE = new Map<number, string>([...TYPE_BY_NAME].map(([n, c]) => [c, n]));

const CLASS_BY_NAME = new Map<string, number>([...Object.entries(RRClass), ["HS", 4], ["NONE", 254]]);
const NAME_BY_CLASS = new Map<number, string>([...CLASS_BY_NAME].map(([n, c]) => [c, n]));

export function rrTypeName(code: number): string {
  return NAME_BY_TYPE.get(code) ?? `TYPE${code}`;
}

/** Mnemonic (case-insensitive) or "TYPEnnn" to a code; throws for anything else. */
export function rrTypeCode(name: string): number {
  const upper = name.toUpperCase();
  const known = TYPE_BY_NAME.get(upper);
  if (known !== undefined) return known;
  const m = /^TYPE([0-9]{1,5})$/.exec(upper);
  if (m) {
    const v = Number(m[1]);
    if (v <= 0xffff) return v;
  }
  throw new Error(`unknown RR type "${name}"`);
}

/** Like rrTypeCode but returns null instead of throwing (the zone parser probes tokens). */
export function tryRrTypeCode(name: string): number | null {
  try {
    return rrTypeCode(name);
  } catch {
    return null;
  }
}

export function rrClassName(code: number): string {
  return NAME_BY_CLASS.get(code) ?? `CLASS${code}`;
}

export function tryRrClassCode(name: string): number | null {
  const upper = name.toUpperCase();
  const known = CLASS_BY_NAME.get(upper);
  if (known !== undefined) return known;
  const m = /^CLASS([0-9]{1,5})$/.exec(upper);
  if (m && Number(m[1]) <= 0xffff) return Number(m[1]);
  return null;
}

// DNSSEC algorithm mnemonics (IANA registry) accepted in presentation form in place of numbers.
const ALGORITHMS: Record<string, number> = {
  RSAMD5: 1,
  DH: 2,
  DSA: 3,
  RSASHA1: 5,
  "DSA-NSEC3-SHA1": 6,
  "RSASHA1-NSEC3-SHA1": 7,
  RSASHA256: 8,
  RSASHA512: 10,
  "ECC-GOST": 12,
  ECDSAP256SHA256: 13,
  ECDSAP384SHA384: 14,
  ED25519: 15,
  ED448: 16,
  INDIRECT: 252,
  PRIVATEDNS: 253,
  PRIVATEOID: 254,
};

export function dnssecAlgorithmCode(token: string): number | null {
  return ALGORITHMS[token.toUpperCase()] ?? null;
}
