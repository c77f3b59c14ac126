// Types for the parts of dns-packet 5.6.1 that the lab uses (it ships none; @types/dns-packet does
// not cover the per-record codecs). Only what lib/lab/packet-codec.ts and the differential codec
// test call is declared. Quirks (../shared/PITFALLS.md) are noted where they shape the types.
declare module "dns-packet" {
  import type { Buffer } from "node:buffer";

  export interface PacketQuestion {
    name: string;
    /** A type name ("A", "NSEC3PARAM") or "UNKNOWN_<n>"; a misspelt name encodes as type 0. */
    type: string;
    /** "IN", "CH", ... Unknown classes decode as "UNKNOWN_<n>" but encode as class 0. */
    class?: string;
  }

  export interface SoaData {
    mname: string;
    rname: string;
    serial: number;
    refresh: number;
    retry: number;
    expire: number;
    minimum: number;
  }
  export interface MxData {
    preference: number;
    exchange: string;
  }
  export interface DsData {
    keyTag: number;
    algorithm: number;
    digestType: number;
    digest: Buffer;
  }
  /** Encoding always writes protocol 3; decoding throws for the whole packet when it is not 3. */
  export interface DnskeyData {
    flags: number;
    algorithm: number;
    key: Buffer;
  }
  export interface RrsigData {
    typeCovered: string;
    algorithm: number;
    labels: number;
    originalTTL: number;
    expiration: number;
    inception: number;
    keyTag: number;
    /** Decoded without the trailing dot. */
    signersName: string;
    signature: Buffer;
  }
  export interface NsecData {
    nextDomain: string;
    rrtypes: string[];
  }
  export interface Nsec3Data {
    algorithm: number;
    flags: number;
    iterations: number;
    salt: Buffer;
    /** The next hashed owner, raw hash bytes. */
    nextDomain: Buffer;
    rrtypes: string[];
  }
  export interface TlsaData {
    usage: number;
    selector: number;
    matchingType: number;
    certificate: Buffer;
  }

  interface RecordBase {
    name: string;
    ttl?: number;
    class?: string;
  }
  /** What the lab encodes: one member per codec it uses; `UNKNOWN_<n>` carries raw RDATA. */
  export type PacketRecord = RecordBase &
    (
      | { type: "A" | "AAAA"; data: string }
      | { type: "NS" | "CNAME" | "DNAME" | "PTR"; data: string }
      | { type: "MX"; data: MxData }
      | { type: "TXT"; data: Buffer[] }
      | { type: "SOA"; data: SoaData }
      | { type: "DS"; data: DsData }
      | { type: "DNSKEY"; data: DnskeyData }
      | { type: "RRSIG"; data: RrsigData }
      | { type: "NSEC"; data: NsecData }
      | { type: "NSEC3"; data: Nsec3Data }
      | { type: "TLSA"; data: TlsaData }
      | { type: `UNKNOWN_${number}`; data: Buffer }
    );
  export interface OptRecord {
    type: "OPT";
    name: ".";
    udpPayloadSize: number;
    extendedRcode: number;
    ednsVersion: number;
    /** DNSSEC_OK (1 << 15) goes here, not in the header flags. */
    flags: number;
    options: never[];
  }

  export interface EncodablePacket {
    /** "response" sets QR: the header `flags` are masked with 0x7fff. */
    type: "query" | "response";
    id: number;
    /** Opcode, AA, TC, RD, RA, AD, CD and the low 4 RCODE bits, packed by the caller. */
    flags: number;
    questions: PacketQuestion[];
    answers: (PacketRecord | OptRecord)[];
    authorities: (PacketRecord | OptRecord)[];
    additionals: (PacketRecord | OptRecord)[];
  }

  /** A decoded record: what `data` holds depends on `type`, so readers must check it. */
  export interface DecodedRecord {
    name: string;
    type: string;
    class?: string;
    ttl?: number;
    flush?: boolean;
    data?: unknown;
    udpPayloadSize?: number;
    extendedRcode?: number;
    ednsVersion?: number;
    flags?: number;
    flag_do?: boolean;
    options?: unknown[];
  }
  export interface DecodedPacket {
    id: number;
    type: "query" | "response";
    /** Masked with 0x7fff: QR is `type`. */
    flags: number;
    flag_qr: boolean;
    opcode: string;
    flag_aa: boolean;
    flag_tc: boolean;
    flag_rd: boolean;
    flag_ra: boolean;
    flag_z: boolean;
    flag_ad: boolean;
    flag_cd: boolean;
    rcode: string;
    questions: PacketQuestion[];
    answers: DecodedRecord[];
    authorities: DecodedRecord[];
    additionals: DecodedRecord[];
  }

  interface Encode {
    (packet: EncodablePacket): Buffer;
    bytes: number;
  }
  interface Decode {
    /** Throws (Error, RangeError) on input it cannot read; ignores octets after the last record. */
    (buf: Buffer, offset?: number): DecodedPacket;
    bytes: number;
  }
  const dnsPacket: { encode: Encode; decode: Decode; DNSSEC_OK: number };
  export default dnsPacket;
}

declare module "dns-packet/types.js" {
  /** "A" for 1, "UNKNOWN_<n>" for a code it has no name for. */
  export function toString(type: number): string;
  /** 0 for a name it does not know (UNKNOWN_<n> is parsed). */
  export function toType(name: string): number;
}

declare module "dns-packet/classes.js" {
  /** "IN" for 1, "UNKNOWN_<n>" otherwise. */
  export function toString(klass: number): string;
  /** 0 for a name it does not know (UNKNOWN_<n> is NOT parsed). */
  export function toClass(name: string): number;
}
