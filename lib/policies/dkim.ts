// One DKIM key (RFC 6376 §3.6.1) at `<selector>._domainkey.<domain>`: DKIM names no key a tester
// can find, so the Inbound test checks one only when asked for its selector. Pure: the TXT answer
// in; whether the key is there, its type, its real size (read from the key, not from its length
// in base64), revocation (an empty p=), and the findings out. RSA under 1024 bits is refused by
// verifiers (RFC 8301 §3.2); Ed25519 keys are RFC 8463's raw 32 bytes. Several TXT records at
// the name: a verifier may use any of them (§3.6.2.2), so each is judged and the worst one speaks
// for the selector.
import { createPublicKey, type KeyObject } from "node:crypto";
import type { DkimBlock } from "../report/mail-auth-blocks";
import { uniqueFindings } from "../report/findings";
import { mailAuthFinding, type MailAuthFinding } from "../report/findings/mail-auth";
import { verdictOf } from "./spf";
import type { TxtAnswer } from "./txt";

export const DKIM_MIN_RSA_BITS = 1024;
export const DKIM_RECOMMENDED_RSA_BITS = 2048;
/** Key records judged at one name (a longer RRset is counted, not read). */
export const DKIM_MAX_KEYS = 10;

export function dkimName(selector: string, domain: string): string {
  return `${selector}._domainkey.${domain.replace(/\.$/, "")}`;
}

/** RFC 6376 §3.2 tag-list: `tag=value` split by ";", whitespace around (and, in p=, inside) ignored. */
export function readDkimTags(record: string): { tags: Map<string, string>; problem: string | null } {
  const tags = new Map<string, string>();
  const parts = record.split(";").map((p) => p.trim());
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  for (const [i, part] of parts.entries()) {
    const eq = part.indexOf("=");
    if (eq <= 0) return { tags, problem: part === "" ? "empty-field" : "field-without-value" };
    const name = part.slice(0, eq).trim();
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) return { tags, problem: "tag-name" };
    if (tags.has(name)) return { tags, problem: `${name}-repeated` };
    if (name === "v" && i !== 0) return { tags, problem: "version-not-first" };
    tags.set(name, part.slice(eq + 1).trim());
  }
  const v = tags.get("v");
  if (v !== undefined && v !== "DKIM1") return { tags, problem: "version" };
  if (!tags.has("p")) return { tags, problem: "p-missing" };
  return { tags, problem: null };
}

/** The key's bytes, or null when p= is not base64 (whitespace inside is allowed, §3.2). */
function base64Bytes(text: string): Buffer | null {
  const compact = text.replace(/[ \t\r\n]/g, "");
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) return null;
  return Buffer.from(compact, "base64");
}

const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** The key's size in bits, read by OpenSSL from the key itself; null when it is no key of that type. */
export function dkimKeyBits(keyType: string, bytes: Buffer): number | null {
  let key: KeyObject;
  try {
    if (keyType === "rsa") {
      // RFC 6376 §3.6.1 says RSAPublicKey, yet every signer publishes SubjectPublicKeyInfo: read both.
      try {
        key = createPublicKey({ key: bytes, format: "der", type: "spki" });
      } catch {
        key = createPublicKey({ key: bytes, format: "der", type: "pkcs1" });
      }
      return key.asymmetricKeyType === "rsa" ? (key.asymmetricKeyDetails?.modulusLength ?? null) : null;
    }
    if (keyType === "ed25519") {
      if (bytes.length !== 32) return null;
      key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, bytes]), format: "der", type: "spki" });
      return key.asymmetricKeyType === "ed25519" ? 256 : null;
    }
  } catch {
    return null;
  }
  return null;
}

export interface DkimAssessment extends DkimBlock {
  findings: MailAuthFinding[];
}

type DkimKey = NonNullable<DkimBlock["keys"]>[number] & { findings: MailAuthFinding[] };

const RANK = { pass: 0, warning: 1, fail: 2 } as const;

export function assessDkim(selector: string, answer: TxtAnswer): DkimAssessment {
  const name = answer.name.replace(/\.$/, "");
  const base = { selector, name, keyType: null, keyBits: null, testing: false };
  if (answer.outcome === "failed") return { ...base, record: "invalid", verdict: "warning", findings: [mailAuthFinding("DKIM_LOOKUP_FAILED", { name, status: answer.status })] };
  // A key record need not carry v= (§3.6.1): every TXT at the name is a candidate.
  const texts = answer.texts;
  if (texts.length === 0) return { ...base, record: "absent", verdict: "fail", findings: [mailAuthFinding("DKIM_KEY_ABSENT", { name, selector })] };
  const keys = texts.slice(0, DKIM_MAX_KEYS).map((text) => assessKey(name, text));
  // The first of the worst keys speaks for the selector: a verifier may meet it (§3.6.2.2).
  const worst = keys.reduce((w, k) => (RANK[k.verdict] > RANK[w.verdict] ? k : w));
  const findings = uniqueFindings([...(texts.length > 1 ? [mailAuthFinding("DKIM_KEY_MULTIPLE", { name, count: texts.length })] : []), ...keys.flatMap((k) => k.findings)]);
  const { findings: _f, verdict: _v, ...shown } = worst;
  return { ...base, ...shown, verdict: verdictOf(findings), findings, ...(texts.length > 1 ? { keys: keys.map(({ findings: _kf, ...k }) => k) } : {}) };
}

/** One key record: its tags, type, size, flags and findings. */
function assessKey(name: string, text: string): DkimKey {
  const findings: MailAuthFinding[] = [];
  const { tags, problem } = readDkimTags(text);
  if (problem) {
    findings.push(mailAuthFinding("DKIM_SYNTAX", { name, problem }));
    return { record: "invalid", keyType: null, keyBits: null, testing: false, verdict: "fail", findings };
  }
  const keyType = (tags.get("k") ?? "rsa").toLowerCase();
  const testing = (tags.get("t") ?? "").split(":").some((f) => f.trim().toLowerCase() === "y");
  const p = tags.get("p") ?? "";
  const done = (record: DkimKey["record"], keyBits: number | null): DkimKey => ({ keyType, keyBits, testing, record, verdict: verdictOf(findings), findings });
  if (p.replace(/[ \t\r\n]/g, "") === "") {
    findings.push(mailAuthFinding("DKIM_KEY_REVOKED", { name }));
    return done("revoked", null);
  }
  if (testing) findings.push(mailAuthFinding("DKIM_TESTING", { name }));
  const hashes = tags.get("h")?.split(":").map((h) => h.trim().toLowerCase());
  if (hashes && !hashes.includes("sha256")) findings.push(mailAuthFinding("DKIM_SHA1_ONLY", { name }));
  if (keyType !== "rsa" && keyType !== "ed25519") {
    findings.push(mailAuthFinding("DKIM_KEY_TYPE_UNKNOWN", { name, keyType }));
    return done("invalid", null);
  }
  const bytes = base64Bytes(p);
  const bits = bytes ? dkimKeyBits(keyType, bytes) : null;
  if (bits === null) {
    findings.push(mailAuthFinding("DKIM_KEY_UNREADABLE", { name, keyType }));
    return done("invalid", null);
  }
  if (keyType === "rsa" && bits < DKIM_MIN_RSA_BITS) findings.push(mailAuthFinding("DKIM_KEY_TOO_SHORT", { name, bits, minimum: DKIM_MIN_RSA_BITS }));
  else if (keyType === "rsa" && bits < DKIM_RECOMMENDED_RSA_BITS) findings.push(mailAuthFinding("DKIM_KEY_SHORT", { name, bits, recommended: DKIM_RECOMMENDED_RSA_BITS }));
  return done("valid", bits);
}
