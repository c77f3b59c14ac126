// The result document's blocks for the sender-authentication records of the Inbound SMTP Email
// test (issue 11): SPF (RFC 7208), DMARC (RFC 7489) and, when a selector is asked for, one DKIM
// key (RFC 6376). Optional fields of schema v3: runs stored before them still parse.
import { z } from "zod";

const RecordState = z.enum(["valid", "invalid", "multiple", "absent"]);
const BlockVerdict = z.enum(["pass", "warning", "fail"]);

export const SpfBlock = z.object({
  record: RecordState,
  /** The one v=spf1 record at the domain, as published (null unless exactly one). */
  text: z.string().max(4000).nullable(),
  /** DNS-lookup terms an evaluation meets, through include and redirect (RFC 7208 §4.6.4, limit 10). */
  lookups: z.number().int().nonnegative(),
  /** Of those, the lookups that found nothing (NODATA or NXDOMAIN; limit 2). */
  voidLookups: z.number().int().nonnegative(),
  /** What the top-level record's `all` gives senders it does not list; null: no `all`. */
  all: z.enum(["pass", "fail", "softfail", "neutral"]).nullable(),
  redirect: z.string().max(300).nullable(),
  /**
   * What each a and mx term the walk met authorises, in evaluation order (RFC 7208 §5.3, §5.4):
   * its hosts (a: the target; mx: the MX hosts) and their addresses as networks with the term's
   * prefix lengths. Optional: runs stored before it still parse.
   */
  mechanisms: z
    .array(
      z.object({
        domain: z.string().max(300),
        term: z.string().max(600),
        hosts: z.array(z.object({ name: z.string().max(300), outcome: z.enum(["answer", "nodata", "nxdomain", "failed", "not-queried"]), networks: z.array(z.string().max(60)).max(16) })).max(10),
      }),
    )
    .max(30)
    .optional(),
  verdict: BlockVerdict,
});
export type SpfBlock = z.infer<typeof SpfBlock>;

const DmarcPolicy = z.enum(["none", "quarantine", "reject"]);

export const DmarcBlock = z.object({
  record: RecordState,
  text: z.string().max(4000).nullable(),
  /** The policy a receiver applies to mail from the tested domain: sp= when inherited and present, else p=. */
  policy: DmarcPolicy.nullable(),
  subdomainPolicy: DmarcPolicy.nullable(),
  pct: z.number().int().min(0).max(100).nullable(),
  rua: z.array(z.string().max(2000)).max(20),
  ruf: z.array(z.string().max(2000)).max(20),
  adkim: z.enum(["r", "s"]).nullable(),
  aspf: z.enum(["r", "s"]).nullable(),
  /** The record came from the organizational domain (RFC 7489 §6.6.3), not from the tested one. */
  inherited: z.boolean(),
  /** The domain whose _dmarc record was used (null when none was). */
  recordDomain: z.string().max(300).nullable(),
  /**
   * The rua/ruf mailto: destinations outside the organizational domain, and whether each agreed to
   * take the reports (RFC 7489 §7.1: a v=DMARC1 record at <recordDomain>._report._dmarc.<host>;
   * null: the lookup gave no usable answer). Optional: runs stored before it still parse.
   */
  reportDestinations: z
    .array(z.object({ tag: z.enum(["rua", "ruf"]), uri: z.string().max(2000), host: z.string().max(300), name: z.string().max(700), authorized: z.boolean().nullable() }))
    .max(10)
    .optional(),
  verdict: BlockVerdict,
});
export type DmarcBlock = z.infer<typeof DmarcBlock>;

export const DkimBlock = z.object({
  selector: z.string().max(300),
  name: z.string().max(400),
  record: z.enum(["valid", "invalid", "absent", "revoked"]),
  keyType: z.string().max(40).nullable(),
  /** The key's size as read from the key itself (RSA modulus bits; 256 for Ed25519). */
  keyBits: z.number().int().nonnegative().nullable(),
  testing: z.boolean(),
  /**
   * With several TXT records at the name, each one judged (RFC 6376 §3.6.2.2: a verifier may use
   * any); the block's own fields are then the worst key's. Optional: absent with one record and in
   * runs stored before it.
   */
  keys: z
    .array(z.object({ record: z.enum(["valid", "invalid", "revoked"]), keyType: z.string().max(40).nullable(), keyBits: z.number().int().nonnegative().nullable(), testing: z.boolean(), verdict: BlockVerdict }))
    .max(10)
    .optional(),
  verdict: BlockVerdict,
});
export type DkimBlock = z.infer<typeof DkimBlock>;

/**
 * A DKIM selector as a person types it (RFC 6376 §3.1: sub-domain labels, dots allowed): the CLI's
 * --dkim-selector, the form field and the API's `dkimSelector` share this one check.
 */
export const DkimSelector = z
  .string()
  .trim()
  .max(200, "A DKIM selector is at most 200 characters.")
  .regex(/^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*$/, "Give a DKIM selector such as s1 or google (letters, digits, hyphens, dots).");
