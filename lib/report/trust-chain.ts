// The chain of trust as data for a picture (issue 14): the zones walked from the trust anchor
// down, each with its DS set, DNSKEYs and the signatures checked in it, and what each signature
// means for the verdict. An optional part of the result document; lib/checks/trust-chain.ts
// projects it from the validator's evidence, components/TrustChainPicture draws it.
import { z } from "zod";
import { Message } from "./i18n/types";

const keyTag = z.number().int().min(0).max(65535);
const algorithm = z.number().int().min(0).max(255);

export const TrustChainDs = z.object({
  keyTag,
  algorithm,
  digestType: z.number().int().min(0).max(255),
  /** A DNSKEY of the zone has this tag, algorithm and digest. */
  matched: z.boolean(),
});
export type TrustChainDs = z.infer<typeof TrustChainDs>;

export const TrustChainKey = z.object({
  keyTag,
  algorithm,
  /** KSK: SEP bit; CSK: a KSK that also signs the zone's data; revoked (RFC 5011); other: not a zone key. */
  role: z.enum(["KSK", "ZSK", "CSK", "revoked", "other"]),
  /** The parent's DS (or the trust anchor) designates this key. */
  designated: z.boolean(),
});
export type TrustChainKey = z.infer<typeof TrustChainKey>;

export const TrustChainSignature = z.object({
  /** Owner and type of the RRset covered ("example.com. MX"). */
  rrset: z.string().max(300),
  keyTag,
  algorithm,
  inception: z.string().max(40),
  expiration: z.string().max(40),
  valid: z.boolean(),
  /** No signature carries the RRset on the chain of trust, and this one is a cause of that. */
  breaksChain: z.boolean(),
  problem: z.string().max(300).optional(),
});
export type TrustChainSignature = z.infer<typeof TrustChainSignature>;

export const TrustChainZone = z.object({
  /** Absolute, lower case ("." for the root). */
  name: z.string().max(300),
  status: z.enum(["secure", "insecure", "bogus", "indeterminate"]),
  /** The DS records are the configured trust anchor, not a parent's. */
  anchor: z.boolean(),
  ds: z.array(TrustChainDs).max(64),
  keys: z.array(TrustChainKey).max(64),
  signatures: z.array(TrustChainSignature).max(300),
  /** The validator's note on the zone: a catalogue message (lib/dnssec denialNote); runs stored before it, English text. */
  note: z.union([z.string().max(1000), Message]).optional(),
});
export type TrustChainZone = z.infer<typeof TrustChainZone>;

export const TrustChain = z.object({ zones: z.array(TrustChainZone).max(48) });
export type TrustChain = z.infer<typeof TrustChain>;
